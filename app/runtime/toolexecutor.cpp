// Agent tools: argument checking, permission checks, bounded results and tool_call events.
#include "toolexecutor.h"
#include "anchorededitor.h"
#include "atomicwrite.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "core/gitrunner.h"
#include "core/worktreereader.h"
#include "globpattern.h"
#include "patchapplier.h"
#include "sandbox.h"
#include "toolarguments.h"
#include "toolschemas.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

namespace harness {

namespace {
// Reads a text file of the worktree for a tool. `relative` is PathGuard's answer (links resolved and
// checked); the read itself still never follows a link, so a file swapped for one meanwhile is refused.
Result<QString> readText(const WorktreeReader &reader, const QString &relative)
{
    const WorktreeRead r = reader.read(relative, ToolExecutor::kMaxFileBytes);
    switch (r.status) {
    case WorktreeRead::Status::Ok:
    case WorktreeRead::Status::Truncated:
        break;
    case WorktreeRead::Status::Missing:
        return Result<QString>::failure(
                QStringLiteral("%1 does not exist; list_files shows what exists").arg(relative));
    case WorktreeRead::Status::Directory:
        return Result<QString>::failure(QStringLiteral("%1 is a directory; use list_files").arg(relative));
    case WorktreeRead::Status::TooLarge:
        return Result<QString>::failure(
                QStringLiteral("%1 is %2 bytes, larger than the %3-byte limit of the file tools")
                        .arg(relative)
                        .arg(r.size)
                        .arg(ToolExecutor::kMaxFileBytes));
    default:
        return Result<QString>::failure(r.describe());
    }
    if (r.data.left(8000).contains('\0'))
        return Result<QString>::failure(
                QStringLiteral("%1 is a binary file; the text tools cannot show or edit it").arg(relative));
    return QString::fromUtf8(r.data);
}

// The size policy on what a tool leaves behind: a file over the limit is never written.
Status checkResultSize(const QString &relative, const QString &text)
{
    if (!SizePolicy::exceeds(text, SizePolicy::kMaxFileBytes))
        return success();
    return Status::failure(QStringLiteral("%1 would be %2, over the %3 limit for a file the agent writes; "
                                          "nothing was changed. Keep generated or data files out of the "
                                          "worktree, or split the file.")
                                   .arg(relative, SizePolicy::sizeText(SizePolicy::utf8Size(text)),
                                        SizePolicy::sizeText(SizePolicy::kMaxFileBytes)));
}

Status writeText(const QString &absolute, const QString &text)
{
    return AtomicWrite::replace(absolute, text.toUtf8());
}

// What the tools never write besides .git and .harness: a hooks folder inside the tree. The run's sandbox
// for the same tree has asked git already (its protected paths hold the answer), so a run starts one git
// process for it, not two; without such a sandbox the tools ask git themselves.
QStringList protectedHooks(const QString &root, const Sandbox *sandbox)
{
    if (sandbox && !sandbox->config().hooksResolvedFor.isEmpty() &&
        sandbox->config().hooksResolvedFor == QDir(root).canonicalPath())
        return sandbox->config().protectedPaths;
    const QString hooks = GitRunner::hooksPathInside(root);
    return hooks.isEmpty() ? QStringList() : QStringList {hooks};
}

} // namespace

ToolExecutor::ToolExecutor(QString worktreeRoot, PermissionProfile profile, const Sandbox *sandbox,
                           EventSink *events, QString runId, ApprovalRequester *approvals)
    : m_permissions(worktreeRoot, std::move(profile), events, runId, approvals,
                    protectedHooks(worktreeRoot, sandbox)),
      m_sandbox(sandbox), m_events(events), m_runId(std::move(runId))
{
    m_root = m_permissions.pathGuard().root();
}

const QStringList &ToolExecutor::toolNames()
{
    static const QStringList names {QStringLiteral("read_file"),   QStringLiteral("list_files"),
                                    QStringLiteral("search"),      QStringLiteral("edit_file"),
                                    QStringLiteral("apply_patch"), QStringLiteral("write_file"),
                                    QStringLiteral("run_command")};
    return names;
}

const QStringList &ToolExecutor::gatedTools()
{
    static const QStringList names {QStringLiteral("edit_file"), QStringLiteral("apply_patch"),
                                    QStringLiteral("write_file"), QStringLiteral("run_command")};
    return names;
}

QJsonArray ToolExecutor::toolSchemas() const
{
    QJsonArray allowed;
    for (const QJsonValue &t : ToolSchemas::all())
        if (m_permissions.profile().toolAllowed(t.toObject().value(QStringLiteral("name")).toString()))
            allowed << t;
    return allowed;
}

ToolResult ToolExecutor::execute(const QString &name, const QJsonObject &arguments)
{
    QElapsedTimer timer;
    timer.start();
    ToolResult result;
    if (!toolNames().contains(name)) {
        result = ToolResult::failure(
                QStringLiteral("unknown tool \"%1\"; available: %2")
                        .arg(ToolArguments::cut(name, 80), toolNames().join(QStringLiteral(", "))));
    } else if (gatedTools().contains(name) && !(writeAllowed() && (!m_writeGate || m_writeGate()))) {
        const QString reason =
                QStringLiteral("%1 is not available until the plan is approved: tools that write or "
                               "execute are closed in this phase")
                        .arg(name);
        m_permissions.recordDenial(name, QStringLiteral("write_gate"), name, reason);
        result = ToolResult::failure(reason);
    } else if (const QString tooBig = ToolArguments::oversized(name, arguments); !tooBig.isEmpty()) {
        result = ToolResult::failure(tooBig);
    } else if (name == QLatin1String("read_file")) {
        result = readFile(arguments);
    } else if (name == QLatin1String("list_files")) {
        result = listFiles(arguments);
    } else if (name == QLatin1String("search")) {
        result = search(arguments);
    } else if (name == QLatin1String("edit_file")) {
        result = editFile(arguments);
    } else if (name == QLatin1String("apply_patch")) {
        result = applyPatch(arguments);
    } else if (name == QLatin1String("write_file")) {
        result = writeFile(arguments);
    } else {
        result = runCommand(arguments);
    }
    // Last line of defence for the size bound.
    const qsizetype size = QJsonDocument(result.content).toJson(QJsonDocument::Compact).size();
    if (size > 2 * kMaxResultChars) {
        result.content = QJsonObject {
                {QStringLiteral("truncated"), true},
                {QStringLiteral("note"), QStringLiteral("result of %1 bytes dropped").arg(size)}};
    }
    recordCall(name, arguments, result, timer.elapsed());
    return result;
}

void ToolExecutor::recordCall(const QString &name, const QJsonObject &arguments, const ToolResult &result,
                              qint64 ms)
{
    if (!m_events)
        return;
    ToolCallPayload p = ToolArguments::callPayload(name, arguments, result.ok, ms, result.error);
    if (name == QLatin1String("run_command") && result.content.contains(QStringLiteral("exit_code"))) {
        for (const char *key : {"exit_code", "timed_out", "output_truncated", "sandboxed"})
            p.command.insert(QLatin1String(key), result.content.value(QLatin1String(key)));
    }
    m_events->record(makeEvent(m_runId, p));
}

ToolResult ToolExecutor::readFile(const QJsonObject &args)
{
    QString path, error;
    int start = 1, end = 0;
    if (!ToolArguments::string(args, "path", true, &path, &error) ||
        !ToolArguments::integer(args, "start_line", 1, &start, &error) ||
        !ToolArguments::integer(args, "end_line", 0, &end, &error))
        return ToolResult::failure(error);
    const PermissionDecision d = m_permissions.checkRead(QStringLiteral("read_file"), path);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    auto text = readText(WorktreeReader(m_root), d.path.relative);
    if (!text)
        return ToolResult::failure(text.errorText());
    const TextSnapshot s = TextSnapshot::fromText(*text);
    start = qMax(1, start);
    if (end <= 0 || end > s.lineCount())
        end = s.lineCount();
    end = qMin(end, start + kMaxReadLines - 1);
    QString out;
    int last = start - 1;
    bool truncated = false;
    for (int i = start; i <= end; ++i) {
        const QString row = s.formatRange(i, i);
        if (out.size() + row.size() > kMaxResultChars) {
            truncated = true;
            break;
        }
        out += row;
        last = i;
    }
    truncated = truncated || last < s.lineCount();
    QJsonObject content {{QStringLiteral("path"), d.path.relative},
                         {QStringLiteral("total_lines"), s.lineCount()},
                         {QStringLiteral("start_line"), start},
                         {QStringLiteral("end_line"), last},
                         {QStringLiteral("text"), out},
                         {QStringLiteral("truncated"), truncated}};
    if (truncated)
        content.insert(QStringLiteral("next_start_line"), last + 1);
    if (start > s.lineCount() && s.lineCount() > 0)
        return ToolResult::failure(
                QStringLiteral("start_line %1 is past the end (%2 lines)").arg(start).arg(s.lineCount()),
                content);
    return ToolResult::success(content);
}

QStringList ToolExecutor::trackedFiles(const QString &relativeDir, bool *truncated)
{
    QStringList files;
    const GitOutput o = GitRunner(m_root).exec({QStringLiteral("ls-files"), QStringLiteral("-z"),
                                                QStringLiteral("--cached"), QStringLiteral("--others"),
                                                QStringLiteral("--exclude-standard"), QStringLiteral("--"),
                                                relativeDir.isEmpty() ? QStringLiteral(".") : relativeDir});
    if (o.ok()) {
        for (const QByteArray &part : o.out.split('\0'))
            if (!part.isEmpty())
                files << QString::fromUtf8(part);
        files.removeDuplicates();
    } else { // not a git checkout: walk the tree, skipping .git
        WorktreeReader::WalkOptions walk;
        walk.includeSymlinks = true; // listed by name; the readers never follow them
        files = WorktreeReader(m_root).walk(relativeDir, walk);
    }
    QStringList out;
    for (const QString &f : std::as_const(files)) {
        if (m_permissions.pathGuard().isProtected(f) &&
            f.split(QLatin1Char('/')).contains(QStringLiteral(".git")))
            continue;
        const QFileInfo info(m_root + QLatin1Char('/') + f);
        if (!info.exists() && !info.isSymLink())
            continue; // deleted in the working tree
        bool readable = false;
        for (const QString &g : m_permissions.profile().readable)
            readable = readable || GlobPattern(g, GlobPattern::Mode::Path).matches(f);
        if (readable)
            out << f;
        if (out.size() >= 200000) {
            *truncated = true;
            break;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

ToolResult ToolExecutor::listFiles(const QJsonObject &args)
{
    QString path, pattern, error;
    int max = 1000;
    if (!ToolArguments::string(args, "path", false, &path, &error) ||
        !ToolArguments::string(args, "pattern", false, &pattern, &error) ||
        !ToolArguments::integer(args, "max_results", 1000, &max, &error))
        return ToolResult::failure(error);
    max = qBound(1, max, kMaxListedFiles);
    const PermissionDecision d = m_permissions.checkRead(QStringLiteral("list_files"),
                                                         path.isEmpty() ? QStringLiteral(".") : path);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    if (!QFileInfo(d.path.absolute).isDir())
        return ToolResult::failure(QStringLiteral("%1 is not a directory").arg(d.path.relative));
    bool truncated = false;
    const QStringList all = trackedFiles(d.path.relative, &truncated);
    const GlobPattern glob(pattern, GlobPattern::Mode::Path);
    const bool byName = !pattern.contains(QLatin1Char('/'));
    QJsonArray files;
    int total = 0;
    qsizetype chars = 0;
    for (const QString &f : all) {
        if (!pattern.isEmpty() && !glob.matches(f) &&
            !(byName && glob.matches(f.section(QLatin1Char('/'), -1))))
            continue;
        ++total;
        if (files.size() < max && chars + f.size() < kMaxResultChars) {
            files << f;
            chars += f.size() + 4;
        } else {
            truncated = true;
        }
    }
    return ToolResult::success(QJsonObject {{QStringLiteral("files"), files},
                                            {QStringLiteral("total"), total},
                                            {QStringLiteral("truncated"), truncated}});
}

ToolResult ToolExecutor::search(const QJsonObject &args)
{
    QString pattern, path, glob, error;
    int max = 100;
    if (!ToolArguments::string(args, "pattern", true, &pattern, &error) ||
        !ToolArguments::string(args, "path", false, &path, &error) ||
        !ToolArguments::string(args, "glob", false, &glob, &error) ||
        !ToolArguments::integer(args, "max_results", 100, &max, &error))
        return ToolResult::failure(error);
    max = qBound(1, max, kMaxSearchResults);
    QRegularExpression re(pattern,
                          args.value(QStringLiteral("case_insensitive")).toBool()
                                  ? QRegularExpression::CaseInsensitiveOption
                                  : QRegularExpression::NoPatternOption);
    if (!re.isValid())
        return ToolResult::failure(QStringLiteral("pattern: invalid regular expression at offset %1: %2")
                                           .arg(re.patternErrorOffset())
                                           .arg(re.errorString()));
    const PermissionDecision d =
            m_permissions.checkRead(QStringLiteral("search"), path.isEmpty() ? QStringLiteral(".") : path);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    bool truncated = false;
    QStringList files = QFileInfo(d.path.absolute).isDir() ? trackedFiles(d.path.relative, &truncated)
                                                           : QStringList {d.path.relative};
    const GlobPattern filter(glob, GlobPattern::Mode::Path);
    const WorktreeReader reader(m_root);
    QJsonArray matches;
    qsizetype chars = 0;
    int filesSearched = 0;
    for (const QString &f : std::as_const(files)) {
        if (!glob.isEmpty() && !filter.matches(f) && !filter.matches(f.section(QLatin1Char('/'), -1)))
            continue;
        const WorktreeEntry entry = reader.entry(f);
        if (entry.type != WorktreeEntry::Type::File || entry.size > 2 * 1024 * 1024)
            continue; // links could lead outside the worktree; large files are usually generated
        auto text = readText(reader, f);
        if (!text)
            continue;
        ++filesSearched;
        const TextSnapshot s = TextSnapshot::fromText(*text);
        for (int i = 0; i < s.lineCount(); ++i) {
            if (!re.match(s.lines.at(i)).hasMatch())
                continue;
            if (matches.size() >= max || chars > kMaxResultChars) {
                truncated = true;
                break;
            }
            const QString line = ToolArguments::cut(s.lines.at(i), 300);
            matches << QJsonObject {
                    {QStringLiteral("path"), f},
                    {QStringLiteral("line"), i + 1},
                    {QStringLiteral("anchor"), LineAnchor::of(i + 1, s.lines.at(i)).toString()},
                    {QStringLiteral("text"), line}};
            chars += line.size() + f.size() + 40;
        }
        if (truncated)
            break;
    }
    return ToolResult::success(QJsonObject {{QStringLiteral("matches"), matches},
                                            {QStringLiteral("files_searched"), filesSearched},
                                            {QStringLiteral("truncated"), truncated}});
}

ToolResult ToolExecutor::editFile(const QJsonObject &args)
{
    QString path, error;
    if (!ToolArguments::string(args, "path", true, &path, &error))
        return ToolResult::failure(error);
    if (!args.value(QStringLiteral("edits")).isArray())
        return ToolResult::failure(QStringLiteral("edits: missing (an array of operations)"));
    auto ops = EditOperation::parseBatch(args.value(QStringLiteral("edits")).toArray());
    if (!ops)
        return ToolResult::failure(ops.errorText());
    const PermissionDecision d = m_permissions.checkWrite(QStringLiteral("edit_file"), path);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    if (!d.path.exists)
        return ToolResult::failure(
                QStringLiteral("%1 does not exist; create it with write_file").arg(d.path.relative));
    auto text = readText(WorktreeReader(m_root), d.path.relative);
    if (!text)
        return ToolResult::failure(text.errorText());
    const TextSnapshot snapshot = TextSnapshot::fromText(*text);
    const EditBatchResult r = AnchoredEditor::apply(snapshot, *ops);
    if (!r.ok)
        return ToolResult::failure(
                r.error,
                QJsonObject {{QStringLiteral("path"), d.path.relative},
                             {QStringLiteral("stale_anchors"), QJsonArray::fromStringList(r.staleAnchors)},
                             {QStringLiteral("current_lines"), r.currentLines},
                             {QStringLiteral("total_lines"), snapshot.lineCount()}});
    const QString edited = r.result.toText();
    if (auto size = checkResultSize(d.path.relative, edited); !size)
        return ToolResult::failure(size.errorText());
    if (auto w = writeText(d.path.absolute, edited); !w)
        return ToolResult::failure(QStringLiteral("%1: %2").arg(d.path.relative, w.errorText()));
    const int first = qMax(1, r.firstChangedLine - 2);
    const int last = qMin(r.result.lineCount(),
                          qMin(r.lastChangedLine + 2, first + AnchoredEditor::kMaxReportedLines));
    return ToolResult::success(QJsonObject {
            {QStringLiteral("path"), d.path.relative},
            {QStringLiteral("applied"), int(ops->size())},
            {QStringLiteral("lines_added"), r.linesAdded},
            {QStringLiteral("lines_removed"), r.linesRemoved},
            {QStringLiteral("total_lines"), r.result.lineCount()},
            {QStringLiteral("changed_lines"), r.result.formatRange(first, last).left(kMaxResultChars)}});
}

ToolResult ToolExecutor::applyPatch(const QJsonObject &args)
{
    QString patch, error;
    if (!ToolArguments::string(args, "patch", true, &patch, &error))
        return ToolResult::failure(error);
    auto diff = PatchApplier::read(patch);
    if (!diff)
        return ToolResult::failure(QStringLiteral("patch rejected: %1").arg(diff.errorText()));
    struct Change
    {
        QString absolute;
        QString relative;
        bool remove = false;
        QString text;
    };
    QList<Change> changes;
    QJsonArray report;
    for (const DiffFile &file : diff->files) {
        QList<PermissionDecision> decisions;
        for (const QString &p : {file.oldPath, file.newPath}) {
            if (p.isEmpty() || (p == file.newPath && p == file.oldPath && !decisions.isEmpty()))
                continue;
            const PermissionDecision d = m_permissions.checkWrite(QStringLiteral("apply_patch"), p);
            if (!d.allowed())
                return ToolResult::failure(
                        QStringLiteral("patch rejected, nothing changed: %1").arg(d.reason));
            decisions << d;
        }
        const PermissionDecision &src = decisions.first();
        const PermissionDecision &dst = decisions.last();
        TextSnapshot original;
        if (file.isAdded()) {
            if (dst.path.exists)
                return ToolResult::failure(
                        QStringLiteral("patch rejected, nothing changed: %1 already exists")
                                .arg(dst.path.relative));
        } else {
            auto text = readText(WorktreeReader(m_root), src.path.relative);
            if (!text)
                return ToolResult::failure(
                        QStringLiteral("patch rejected, nothing changed: %1").arg(text.errorText()));
            original = TextSnapshot::fromText(*text);
        }
        auto applied = PatchApplier::apply(*diff, file, original);
        if (!applied)
            return ToolResult::failure(
                    QStringLiteral("patch rejected, nothing changed: %1").arg(applied.errorText()));
        QString status = QStringLiteral("modified");
        if (file.isDeleted()) {
            changes.append({src.path.absolute, src.path.relative, true, {}});
            status = QStringLiteral("deleted");
        } else {
            if (file.status == DiffFileStatus::Renamed) {
                if (dst.path.exists)
                    return ToolResult::failure(
                            QStringLiteral("patch rejected, nothing changed: rename target %1 exists")
                                    .arg(dst.path.relative));
                changes.append({src.path.absolute, src.path.relative, true, {}});
                status = QStringLiteral("renamed");
            }
            if (file.isAdded())
                status = QStringLiteral("added");
            const QString result = applied->toText();
            if (auto size = checkResultSize(dst.path.relative, result); !size)
                return ToolResult::failure(
                        QStringLiteral("patch rejected, nothing changed: %1").arg(size.errorText()));
            changes.append({dst.path.absolute, dst.path.relative, false, result});
        }
        report << QJsonObject {{QStringLiteral("path"), file.path()},
                               {QStringLiteral("status"), status},
                               {QStringLiteral("added"), file.added},
                               {QStringLiteral("removed"), file.removed}};
    }
    // Everything checked: write, restoring what was written if a later write fails.
    QList<QPair<QString, std::optional<QByteArray>>> backups;
    const WorktreeReader reader(m_root);
    for (const Change &c : std::as_const(changes)) {
        std::optional<QByteArray> before;
        if (const WorktreeRead old = reader.read(c.relative, kMaxFileBytes); old.ok())
            before = old.data;
        backups.append({c.absolute, before});
        Status ok = success();
        if (c.remove) {
            if (!QFile::remove(c.absolute))
                ok = Status::failure(QStringLiteral("cannot delete"));
        } else {
            ok = writeText(c.absolute, c.text);
        }
        if (!ok) {
            for (auto it = backups.rbegin(); it != backups.rend(); ++it) {
                if (it->second) {
                    // Best effort: the failure already reported is the one that matters.
                    [[maybe_unused]] const Status restored = AtomicWrite::replace(it->first, *it->second);
                } else {
                    QFile::remove(it->first);
                }
            }
            return ToolResult::failure(QStringLiteral("patch not applied (%1: %2); every file was restored")
                                               .arg(c.relative, ok.errorText()));
        }
    }
    return ToolResult::success(QJsonObject {{QStringLiteral("files"), report}});
}

ToolResult ToolExecutor::writeFile(const QJsonObject &args)
{
    QString path, content, error;
    if (!ToolArguments::string(args, "path", true, &path, &error) ||
        !ToolArguments::string(args, "content", true, &content, &error))
        return ToolResult::failure(error);
    const PermissionDecision d = m_permissions.checkWrite(QStringLiteral("write_file"), path);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    // "overwrite" (ACP's fs/write_text_file: the whole new content) replaces a regular file; a link is
    // never written through.
    const bool linked = QFileInfo(d.path.absolute).isSymLink() ||
            QFileInfo(QDir(m_root).absoluteFilePath(path)).isSymLink();
    const bool overwrite = args.value(QStringLiteral("overwrite")).toBool() && !linked;
    if ((d.path.exists && !overwrite) || linked)
        return ToolResult::failure(
                QStringLiteral("%1 already exists; change it with edit_file or apply_patch")
                        .arg(d.path.relative));
    if (auto size = checkResultSize(d.path.relative, content); !size)
        return ToolResult::failure(size.errorText());
    if (auto w = writeText(d.path.absolute, content); !w)
        return ToolResult::failure(QStringLiteral("%1: %2").arg(d.path.relative, w.errorText()));
    return ToolResult::success(
            QJsonObject {{QStringLiteral("path"), d.path.relative},
                         {QStringLiteral("bytes"), qint64(content.toUtf8().size())},
                         {QStringLiteral("lines"), TextSnapshot::fromText(content).lineCount()}});
}

ToolResult ToolExecutor::runCommand(const QJsonObject &args)
{
    QString command, cwd, error;
    int timeout = 0;
    if (!ToolArguments::string(args, "command", true, &command, &error) ||
        !ToolArguments::string(args, "cwd", false, &cwd, &error) ||
        !ToolArguments::integer(args, "timeout_ms", 0, &timeout, &error))
        return ToolResult::failure(error);
    if (!m_sandbox)
        return ToolResult::failure(QStringLiteral("run_command is not available: this run has no sandbox"));
    const PermissionDecision d = m_permissions.checkCommand(command);
    if (!d.allowed())
        return ToolResult::failure(
                d.decision == Decision::Ask ? d.reason : QStringLiteral("command refused: %1").arg(d.reason));
    CommandSpec spec;
    spec.shell = command;
    spec.cwd = cwd;
    const int limit = m_permissions.profile().commandTimeoutMs;
    spec.timeoutMs = timeout > 0 ? qMin(timeout, limit) : limit;
    spec.outputCap = m_permissions.profile().outputCapBytes;
    spec.network = m_permissions.profile().network;
    spec.cancel = m_cancel;
    const CommandResult r = m_sandbox->run(spec);
    QJsonObject content = r.toJson(16 * 1024);
    if (r.cancelled) {
        ToolResult stopped = ToolResult::failure(r.error, content);
        stopped.interrupted = true;
        return stopped;
    }
    if (!r.started)
        return ToolResult::failure(r.error, content);
    return ToolResult::success(content);
}

} // namespace harness
