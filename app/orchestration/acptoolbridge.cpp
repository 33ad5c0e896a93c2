// AcpToolBridge: ACP requests mapped onto RunTools' tools and the permission controller.
#include "acptoolbridge.h"
#include "runjournal.h"
#include "runtools.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

// read_file answers "LINE:HASH|text" rows; an ACP agent wants the file's own text.
QString withoutAnchors(const QString &rows)
{
    QString out;
    out.reserve(rows.size());
    for (const QStringView row : QStringView(rows).split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype bar = row.indexOf(u'|');
        out += (bar >= 0 ? row.mid(bar + 1) : row);
        out += u'\n';
    }
    return out;
}

// The paths a tool call names: its locations, else the usual keys of its raw input.
QStringList pathsOf(const AcpToolCall &call)
{
    QStringList paths = call.locations;
    const QJsonObject input = call.rawInput.toObject();
    for (const char *key : {"file_path", "filePath", "path", "absolute_path", "notebook_path"})
        if (input.value(k(key)).isString())
            paths << input.value(k(key)).toString();
    paths.removeAll(QString());
    paths.removeDuplicates();
    return paths;
}

QString commandOf(const AcpToolCall &call)
{
    const QJsonValue command = call.rawInput.toObject().value(k("command"));
    if (command.isString())
        return command.toString();
    if (command.isArray()) {
        QStringList words;
        for (const QJsonValue &w : command.toArray())
            words << shellQuoted(w.toString());
        return words.join(QLatin1Char(' '));
    }
    return call.title;
}

} // namespace

AcpToolBridge::AcpToolBridge(RunJournal &journal, RunTools &tools)
    : m_journal(journal), m_tools(tools), m_terminals(journal, tools)
{ }

void AcpToolBridge::setCancel(const std::atomic_bool *cancel)
{
    // Called as a turn starts and as it ends: the commands of the turn before go with it (the flag may be
    // the same, or none, for every turn).
    m_terminals.stopAll();
    m_cancel = cancel;
}

bool AcpToolBridge::allows(const AcpPermissionRequest &request)
{
    PermissionController &permissions = m_tools.tools().permissions();
    const AcpToolCall &call = request.toolCall;
    const QString kind = call.kind.isEmpty() ? k("other") : call.kind;
    const QString tool = k("agent:") + kind;
    const bool writes = kind == k("edit") || kind == k("delete") || kind == k("move") ||
            kind == k("execute") || kind == k("switch_mode");
    if (writes && !m_journal.state().writeAllowed()) {
        const QString subject = kind == k("execute") ? commandOf(call) : pathsOf(call).join(QLatin1Char(' '));
        permissions.recordDenial(
                tool, k("write_gate"), subject.isEmpty() ? call.title : subject,
                QStringLiteral("%1 is not available until the plan is approved: the agent may "
                               "only read in this phase")
                        .arg(call.title.isEmpty() ? kind : call.title));
        return false;
    }
    if (kind == k("execute"))
        return permissions.checkCommand(commandOf(call)).allowed();
    const QStringList paths = pathsOf(call);
    if (paths.isEmpty() || kind == k("switch_mode"))
        return permissions.checkTool(tool).allowed();
    for (const QString &path : paths) {
        const PermissionDecision d =
                writes ? permissions.checkWrite(tool, path) : permissions.checkRead(tool, path);
        if (!d.allowed())
            return false;
    }
    return true;
}

void AcpToolBridge::requestPermission(const AcpPermissionRequest &request,
                                      std::function<void(AcpPermissionOutcome)> answer)
{
    if (cancelled())
        return answer(AcpPermissionOutcome {true, {}});
    const bool allowed = allows(request);
    if (cancelled())
        return answer(AcpPermissionOutcome {true, {}});
    // "Once" keeps every later call of the same kind asking again, so each is checked and recorded.
    QString option = allowed ? request.optionOfKind(k("allow_once")) : request.optionOfKind(k("reject_once"));
    if (option.isEmpty())
        option = allowed ? request.optionOfKind(k("allow_always")) : request.optionOfKind(k("reject_always"));
    if (option.isEmpty()) // no option says what we decided: the question is withdrawn
        return answer(AcpPermissionOutcome {true, {}});
    answer(AcpPermissionOutcome {false, option});
}

void AcpToolBridge::readTextFile(const AcpReadTextFileRequest &request,
                                 std::function<void(Result<QString>)> answer)
{
    const QString root = m_journal.state().worktreePath;
    QString text;
    int start = request.line > 0 ? request.line : 1;
    const int last = request.limit > 0 ? start + request.limit - 1 : 0;
    // read_file returns at most a bounded page; a whole file is read page by page.
    for (int page = 0; page < 1000; ++page) {
        QJsonObject args {{k("path"), request.path}, {k("start_line"), start}};
        if (last > 0)
            args.insert(k("end_line"), last);
        const ToolResult r = m_tools.execute(k("read_file"), args, m_cancel);
        if (!r.ok) {
            const QFileInfo info(request.path);
            if (page == 0 && request.path.startsWith(root + QLatin1Char('/')) && !info.exists() &&
                !info.isSymLink())
                return answer(AcpClientHandler::notFound(request.path));
            if (page == 0 || r.content.value(k("total_lines")).toInt() == 0)
                return answer(Result<QString>::failure(r.error));
            break;
        }
        text += withoutAnchors(r.content.value(k("text")).toString());
        const int next = r.content.value(k("next_start_line")).toInt();
        if (!r.content.value(k("truncated")).toBool() || next <= start || (last > 0 && next > last))
            break;
        start = next;
    }
    answer(text);
}

void AcpToolBridge::writeTextFile(const AcpWriteTextFileRequest &request, std::function<void(Status)> answer)
{
    const ToolResult r = m_tools.execute(
            k("write_file"),
            {{k("path"), request.path}, {k("content"), request.content}, {k("overwrite"), true}}, m_cancel);
    answer(r.ok ? success() : Status::failure(r.error));
}

void AcpToolBridge::createTerminal(const AcpCreateTerminalRequest &request,
                                   std::function<void(Result<QString>)> answer)
{
    m_terminals.create(request, m_cancel, std::move(answer));
}

void AcpToolBridge::terminalOutput(const AcpTerminalRequest &request,
                                   std::function<void(Result<AcpTerminalOutput>)> answer)
{
    m_terminals.output(request.terminalId, std::move(answer));
}

void AcpToolBridge::waitForTerminalExit(const AcpTerminalRequest &request,
                                        std::function<void(Result<AcpTerminalExit>)> answer)
{
    m_terminals.waitForExit(request.terminalId, std::move(answer));
}

void AcpToolBridge::killTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer)
{
    m_terminals.kill(request.terminalId, std::move(answer));
}

void AcpToolBridge::releaseTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer)
{
    m_terminals.release(request.terminalId, std::move(answer));
}

} // namespace harness
