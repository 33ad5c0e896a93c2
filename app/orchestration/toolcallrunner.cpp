// ToolCallRunner: write-ahead, execute, record; and the restart cases.
#include "toolcallrunner.h"
#include "mcptoolset.h"

#include "core/events/toolevents.h"
#include "core/sizepolicy.h"
#include "core/worktreereader.h"
#include "runtime/patchapplier.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace harness {

namespace {

// What a target file looks like before a tool call, read like every worktree file (no link followed, no
// FIFO opened, bounded): a link counts by its target text.
QByteArray fileHash(const QString &root, const QString &path)
{
    const WorktreeRead r = WorktreeReader::readFile(root, path, SizePolicy::kMaxFileBytes,
                                                    WorktreeReader::OverLimit::Truncate);
    if (r.status == WorktreeRead::Status::Missing)
        return QByteArrayLiteral("absent");
    QByteArray bytes;
    if (r.ok())
        bytes = r.data +
                (r.status == WorktreeRead::Status::Truncated ? QByteArray::number(r.size) : QByteArray());
    else if (r.status == WorktreeRead::Status::Symlink)
        bytes = "link:" + r.linkPath.toUtf8() + "->" + r.linkTarget.toUtf8();
    else
        return QByteArrayLiteral("unreadable");
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// The files a patch touches (both sides of a rename), by the runtime's own strict parser; a patch that
// does not parse touches nothing (the tool refuses it).
QStringList patchTargets(const QString &patch)
{
    QStringList out;
    auto parsed = PatchApplier::read(patch);
    if (!parsed)
        return out;
    for (const DiffFile &f : parsed->files)
        for (const QString &p : {f.oldPath, f.newPath})
            if (!p.isEmpty() && !out.contains(p))
                out << p;
    return out;
}

} // namespace

bool ToolCallRunner::readOnly(const QString &tool)
{
    static const QStringList kReadOnly {QStringLiteral("read_file"), QStringLiteral("list_files"),
                                        QStringLiteral("search")};
    return kReadOnly.contains(tool);
}

Status ToolCallRunner::answerNext(const std::atomic_bool *cancel)
{
    const RunState &state = m_journal.state();
    if (state.unansweredToolCalls.isEmpty())
        return success();
    const PendingToolCall call = state.unansweredToolCalls.constFirst();
    return state.startedToolCalls.contains(call.callId) ? recover(call) : execute(call, cancel);
}

QJsonObject ToolCallRunner::targetFileHashes(const PendingToolCall &call) const
{
    QStringList paths;
    if (call.name == QLatin1String("apply_patch"))
        paths = patchTargets(call.arguments.value(QStringLiteral("patch")).toString());
    else if (call.arguments.contains(QStringLiteral("path")))
        paths << call.arguments.value(QStringLiteral("path")).toString();
    QJsonObject out;
    const QDir root(m_journal.state().worktreePath);
    for (const QString &p : paths) {
        const QString abs = QDir::cleanPath(root.filePath(p));
        if (!abs.startsWith(root.absolutePath() + QLatin1Char('/')))
            continue; // outside: the tool itself refuses it
        out.insert(p, QString::fromLatin1(fileHash(m_journal.state().worktreePath, abs)));
    }
    return out;
}

Status ToolCallRunner::execute(const PendingToolCall &call, const std::atomic_bool *cancel)
{
    if (!readOnly(call.name)) {
        // Write-ahead: what the target files looked like before, so a restart can tell whether it ran.
        if (auto s = m_journal.append(
                    ToolCallStartedPayload {call.callId, call.name, call.turn, targetFileHashes(call)});
            !s)
            return s;
    }
    const ToolResult result = m_tools.execute(call.name, call.arguments, cancel);
    if (result.interrupted)
        return success(); // paused mid-command: the resumed run reports the interruption to the agent
    return m_journal.append(ToolResultPayload {call.callId, call.name, result.ok, result.content,
                                               result.error, false, false});
}

Status ToolCallRunner::recover(const PendingToolCall &call)
{
    QJsonObject before;
    for (const auto &e : m_journal.phaseEvents())
        if (auto p = payloadIf<ToolCallStartedPayload>(e); p && p->callId == call.callId)
            before = p->before;
    if (call.name == QLatin1String("run_command") || McpToolSet::owns(call.name)) {
        // A command's (or an MCP server's) effects cannot be checked: it is not run a second time.
        return m_journal.append(ToolInterruptedPayload {
                call.callId, call.name,
                QStringLiteral("the harness stopped while this command ran; it was not run again and its "
                               "effects are unknown: check the files before relying on them")});
    }
    if (targetFileHashes(call) == before) {
        // Nothing changed: the call never took effect, so running it now runs it once.
        const ToolResult result = m_tools.execute(call.name, call.arguments, nullptr);
        return m_journal.append(ToolResultPayload {call.callId, call.name, result.ok, result.content,
                                                   result.error, true, false});
    }
    return m_journal.append(ToolResultPayload {
            call.callId,
            call.name,
            true,
            QJsonObject {{QStringLiteral("note"), QStringLiteral("applied before the harness restarted")}},
            {},
            false,
            true});
}

} // namespace harness
