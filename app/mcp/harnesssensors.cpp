// HarnessSensors: finding the worktree, the run and the store; paths, rules, gates and suggestions.
#include "mcp/harnesssensors.h"

#include "core/events/projectevents.h"
#include "core/worktreereader.h"
#include "orchestration/mcpexchange.h"
#include "orchestration/project.h"
#include "orchestration/projectpolicy.h"
#include "runtime/gitdirlayout.h"
#include "runtime/sandbox.h"
#include "verify/gatepipeline.h"
#include "verify/sandboxcommandrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace harness {

namespace {

constexpr qint64 kMaxProjectFileBytes = 4 * 1024 * 1024;

QString canonicalDir(const QString &path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : c;
}

// The checkout whose store holds a worktree's runs: a run's worktree shares the main checkout's git
// directory (<repo>/.git), and the store belongs to <repo>.
QString mainCheckoutOf(const QString &worktree)
{
    const GitDirLayout layout = GitDirLayout::of(worktree);
    if (!layout.isLinkedWorktree())
        return worktree;
    const QFileInfo common(layout.commonDir);
    if (common.fileName() != QLatin1String(".git"))
        return worktree;
    return QDir::cleanPath(common.absolutePath());
}

} // namespace

HarnessSensors::~HarnessSensors() = default;

Result<std::unique_ptr<HarnessSensors>> HarnessSensors::open(const McpOptions &options)
{
    using R = Result<std::unique_ptr<HarnessSensors>>;
    std::unique_ptr<HarnessSensors> s(new HarnessSensors);
    s->m_contained = options.contained;
    s->m_runId = options.runId;
    s->m_storeSpec = options.storeSpec;
    if (options.contained) {
        if (options.worktree.isEmpty() || options.exchange.isEmpty() || options.runId.isEmpty())
            return R::failure(QStringLiteral("--contained needs --run, --worktree and --exchange (the ACP "
                                             "executor passes them)"));
        s->m_worktree = canonicalDir(options.worktree);
        s->m_exchange = canonicalDir(options.exchange);
        if (!QFileInfo(s->m_worktree).isDir())
            return R::failure(QStringLiteral("the worktree %1 does not exist").arg(options.worktree));
        return s;
    }
    QString worktree = options.worktree;
    QString top;
    if (worktree.isEmpty()) {
        auto root = Project::findRepositoryRoot(options.repoPath);
        if (!root)
            return root.error();
        top = canonicalDir(*root);
    } else {
        top = canonicalDir(worktree);
    }
    s->m_mainRoot = mainCheckoutOf(top);
    auto project = s->project();
    if (!project) {
        // Rules and gates still work without a store; the run's tools say why there is none.
        s->m_noRun = QStringLiteral("the store cannot be opened: %1").arg(project.errorText());
        s->m_worktree = top;
        if (!s->m_runId.isEmpty())
            return project.error();
        return s;
    }
    Store &store = (*project)->store();
    if (!s->m_runId.isEmpty()) {
        auto run = store.run(s->m_runId);
        if (!run)
            return R::failure(
                    QStringLiteral("there is no run %1 in the store of %2").arg(s->m_runId, s->m_mainRoot));
        if (worktree.isEmpty() && top == s->m_mainRoot && QFileInfo(run->worktreePath).isDir())
            top = canonicalDir(run->worktreePath);
    } else if (auto runs = store.runs(); runs) {
        for (const Run &run : *runs)
            if (!run.worktreePath.isEmpty() && canonicalDir(run.worktreePath) == top)
                s->m_runId = run.id; // the latest run made in this worktree
    }
    if (s->m_runId.isEmpty())
        s->m_noRun =
                QStringLiteral("%1 is not the worktree of a run; start `harness mcp` in a run's worktree "
                               "or name the run with --run")
                        .arg(top);
    s->m_worktree = top;
    return s;
}

Result<Project *> HarnessSensors::project()
{
    if (m_project)
        return m_project.get();
    if (m_contained)
        return Result<Project *>::failure(QStringLiteral("inside the agent's sandbox there is no store"));
    auto opened = Project::open(m_mainRoot, m_storeSpec);
    if (!opened)
        return opened.error();
    m_project = *opened;
    return m_project.get();
}

Result<QJsonObject> HarnessSensors::context()
{
    using R = Result<QJsonObject>;
    if (m_runId.isEmpty())
        return R::failure(m_noRun);
    if (m_contained) {
        auto doc = McpExchange::readContext(m_exchange);
        if (doc && doc->value(QStringLiteral("run")).toString() != m_runId)
            return R::failure(QStringLiteral("the exchange folder holds another run's context"));
        return doc;
    }
    auto p = project();
    if (!p)
        return p.error();
    Store &store = (*p)->store();
    auto run = store.run(m_runId);
    if (!run)
        return run.error();
    auto task = store.task(run->taskId);
    if (!task)
        return task.error();
    auto events = store.events(m_runId);
    if (!events)
        return events.error();
    return McpExchange::runContext(*task, *events);
}

Result<QStringList> HarnessSensors::resolvePaths(const QStringList &paths) const
{
    using R = Result<QStringList>;
    const WorktreeReader reader(m_worktree);
    QStringList files;
    QSet<QString> seen; // a path named twice is resolved (and a folder walked) once
    for (const QString &requested : paths) {
        QString rel = QDir::fromNativeSeparators(requested);
        if (rel.trimmed().isEmpty() || rel.contains(QChar(0)))
            return R::failure(QStringLiteral("is not a path"), requested.left(200));
        if (QDir::isAbsolutePath(rel)) {
            const QString clean = QDir::cleanPath(rel);
            if (clean == m_worktree)
                rel.clear();
            else if (clean.startsWith(m_worktree + QLatin1Char('/')))
                rel = clean.mid(m_worktree.size() + 1);
            else
                return R::failure(QStringLiteral("is outside the worktree; name files relative to its root"),
                                  requested.left(200));
        }
        QStringList parts;
        for (const QString &part : rel.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            if (part == QLatin1String(".."))
                return R::failure(QStringLiteral("contains \"..\"; name files relative to the worktree root"),
                                  requested.left(200));
            if (part != QLatin1String("."))
                parts << part;
        }
        rel = parts.join(QLatin1Char('/'));
        if (seen.contains(rel))
            continue;
        seen.insert(rel);
        if (rel.isEmpty()) {
            files << reader.walk();
            continue;
        }
        const WorktreeEntry entry = reader.entry(rel);
        switch (entry.type) {
        case WorktreeEntry::Type::File:
            files << rel;
            break;
        case WorktreeEntry::Type::Directory:
            files << reader.walk(rel);
            break;
        case WorktreeEntry::Type::Symlink:
            return R::failure(QStringLiteral("is or lies behind a symbolic link (%1); links are not followed")
                                      .arg(entry.linkPath),
                              requested.left(200));
        case WorktreeEntry::Type::Missing:
            return R::failure(QStringLiteral("does not exist in the worktree"), requested.left(200));
        case WorktreeEntry::Type::Other:
            return R::failure(QStringLiteral("is not a regular file or folder"), requested.left(200));
        case WorktreeEntry::Type::Refused:
            return R::failure(entry.error, requested.left(200));
        }
    }
    files.removeDuplicates();
    return files;
}

Result<QByteArray> HarnessSensors::readProjectFile(const QString &relative) const
{
    const WorktreeRead read = WorktreeReader::readFile(m_worktree, relative, kMaxProjectFileBytes);
    if (read.status == WorktreeRead::Status::Missing)
        return QByteArray();
    if (!read.ok())
        return Result<QByteArray>::failure(read.describe(), relative);
    return read.data;
}

Result<CheckReport> HarnessSensors::checkRules(const std::optional<QStringList> &files) const
{
    const QString file = QStringLiteral(".harness/rules.json");
    auto text = readProjectFile(file);
    if (!text)
        return text.error();
    if (text->isEmpty())
        return Result<CheckReport>::failure(
                QStringLiteral("the project has no constraint rules (%1)").arg(file));
    auto rules = RuleSet::fromJsonText(*text, file);
    if (!rules)
        return Result<CheckReport>::failure(
                QStringLiteral("the rules file is invalid: %1").arg(rules.errorText()));
    return RuleEngine::run(m_worktree, *rules, files);
}

Result<GateConfig> HarnessSensors::gates() const
{
    const QString file = QStringLiteral(".harness/gates.json");
    auto text = readProjectFile(file);
    if (!text)
        return text.error();
    if (text->isEmpty())
        return Result<GateConfig>::failure(QStringLiteral("the project has no gates (%1)").arg(file));
    return GateConfig::fromJsonText(*text, file);
}

GateResult HarnessSensors::runGate(const Gate &gate)
{
    SandboxConfig config;
    config.worktreeRoot = m_worktree;
    // Contained, this process is in the agent's sandbox: the command runs there as it is when bubblewrap
    // cannot start inside it. On the host, the project's own opt-in decides, as for its runs.
    config.allowUnsandboxed = m_contained;
    if (!m_contained)
        if (auto policy = ProjectPolicy::load(m_mainRoot + QStringLiteral("/.harness/policy.json")); policy)
            config.allowUnsandboxed = policy->allowUnsandboxed;
    GateContext gateContext;
    gateContext.worktree = m_worktree;
    if (auto doc = context(); doc)
        gateContext.baseRevision = doc->value(QStringLiteral("base_commit")).toString();
    SandboxCommandRunner runner(config);
    gateContext.runner = &runner;
    gateContext.runnerFor = [config](const QString &root) -> std::unique_ptr<CommandRunner> {
        SandboxConfig scratch = config;
        scratch.worktreeRoot = root;
        scratch.hooksResolvedFor = QDir(root).canonicalPath();
        return std::make_unique<SandboxCommandRunner>(scratch);
    };
    GateConfig one;
    one.gates << gate;
    GateResult result = GatePipeline(one).runGate(gate, gateContext);
    if (m_contained)
        result.log.replace(
                QStringLiteral("ran WITHOUT a sandbox (this project opted in to unsandboxed execution)"),
                QStringLiteral("ran in the agent's own sandbox (bubblewrap does not nest there)"));
    return result;
}

Result<QString> HarnessSensors::suggestRule(RuleSuggestion suggestion, const QString &actor)
{
    suggestion.run = m_runId;
    auto rules = readProjectFile(QStringLiteral(".harness/rules.json"));
    if (!rules)
        return rules.error();
    auto checked = suggestion.checkAgainst(*rules);
    if (!checked)
        return checked.error();
    if (m_contained)
        return McpExchange::leaveSuggestion(m_exchange, suggestion);
    auto p = project();
    if (!p)
        return Result<QString>::failure(
                QStringLiteral("the suggestion cannot be recorded: %1").arg(p.errorText()));
    if (auto appended = (*p)->store().append(makeEvent(QString(), suggestion.payload(*checked), actor));
        !appended)
        return appended.error();
    return suggestion.id();
}

} // namespace harness
