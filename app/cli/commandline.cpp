// CommandLine: global options, help, version and dispatch to the subcommands.
#include "commandline.h"
#include "acceptcommand.h"
#include "auditcommand.h"
#include "clicontext.h"
#include "exitcodes.h"
#include "globaloptions.h"
#include "logcommand.h"
#include "mcpcommand.h"
#include "orchestration/projectinitializer.h"
#include "runcommands.h"
#include "runnercommand.h"
#include "taskcommand.h"

#if __has_include("checkcommand.h")
#include "checkcommand.h"
#define HARNESS_HAS_CHECK 1
#endif

#include "buildcommit.h"
#include "buildinfo.h"

#include <QDir>

namespace harness {

QString CommandLine::versionText()
{
    return QStringLiteral("harness %1 (Qt %2)\n"
                          "  commit:              %6\n"
                          "  keychain:            %3\n"
                          "  syntax highlighting: %4 (workbench only)\n"
                          "  graph layout:        %5 (workbench only)\n")
            .arg(QStringLiteral(HARNESS_BUILD_VERSION), QString::fromLatin1(qVersion()),
                 QStringLiteral(HARNESS_KEYCHAIN_BACKEND), QStringLiteral(HARNESS_SYNTAX_BACKEND),
                 QStringLiteral(HARNESS_GRAPHVIZ_BACKEND), QStringLiteral(HARNESS_BUILD_COMMIT));
}

QString CommandLine::helpText()
{
    return QStringLiteral(
            "Usage: harness [--repo PATH] [--store SPEC] <command> [options]\n"
            "\n"
            "The headless engine of Harness Workbench: tasks as contracts, runs through\n"
            "Plan -> approval -> Build -> Verify -> Fix in isolated worktrees, a hash-chained audit log.\n"
            "\n"
            "Commands:\n"
            "  init                         create .harness/rules.json, .harness/gates.json and AGENTS.md\n"
            "                               where absent (never overwrites)\n"
            "  task add ...                 add a task (see \"harness task add --help\" or --file "
            "TASK.json)\n"
            "  task list [--json]           list the tasks and their states\n"
            "  task show <task> [--json]    show a task's contract and runs\n"
            "  task accept-subtasks <run> [--only N,...]\n"
            "                               add the subtasks the run's plan proposed as tasks\n"
            "  run <task> [--approve auto|prompt|wait] [--agent NAME|TRANSCRIPT.jsonl]\n"
            "                               run a task headless, one progress line per step\n"
            "  run --ready [--jobs N] [--approve auto|wait]\n"
            "                               run every task whose dependencies are merged, N at once\n"
            "  run <task> --queue [--priority N] [--remote NAME|URL] [--approve auto|wait]\n"
            "                               queue the run for the runners (docs/team.md)\n"
            "  runner --name NAME [--capacity N] [--cache DIR] [--lease-ms MS] [--runs N]\n"
            "         [--exit-when-idle]     claim queued runs from the shared store and drive them\n"
            "  queue [--all] [--run RUN --priority N] [--max-runs N] [--max-spend USD]\n"
            "                               the run queue and the runners; reorder, cap\n"
            "  resume <run>                 continue a run after a crash or a wait\n"
            "  approve <approval> [--feedback TEXT]\n"
            "  reject <approval> --feedback TEXT\n"
            "                               decide a pending plan or permission approval\n"
            "  merge <run> | discard <run>  finish a run that awaits review\n"
            "  accept <run> [<finding> [--reason TEXT]]\n"
            "                               accept a finding only a human can settle (out of scope,\n"
            "                               test configuration); without a finding, list them\n"
            "  pause <run> | abort <run> [REASON]\n"
            "                               stop a run (abort keeps its worktree and log for inspection)\n"
            "  status [--json]              runs, their phases and pending approvals\n"
            "  log <run> [--from N] [--to N] [--json]\n"
            "                               a run's events\n"
            "  audit verify                 verify the hash chain; names the first broken link\n"
            "  audit export [--format jsonl|csv]\n"
            "  check [PATH] [--changed-since REV] [--format text|json|sarif] [--rules FILE]\n"
            "                               check the constraint rules\n"
            "  mcp [--run RUN] [--worktree DIR]\n"
            "                               the harness's sensors as an MCP server on stdio, for an\n"
            "                               agent (see \"harness mcp --help\", docs/mcp.md)\n"
            "  demo                         run the bundled demo end to end in a temporary copy\n"
            "\n"
            "Global options:\n"
            "  --repo PATH     the repository (default: the git repository around the current folder)\n"
            "  --store SPEC    a SQLite file or postgres://user@host:port/db (default: HARNESS_STORE, else\n"
            "                  $XDG_DATA_HOME/harness-workbench/<repository>/state.sqlite)\n"
            "  --version, --help\n"
            "\n"
            "Exit codes:\n"
            "  0  success\n"
            "  1  violations found, the audit chain is broken, or a run did not succeed\n"
            "  2  bad command line or invalid input (nothing was written)\n"
            "  3  the store cannot be opened (newer schema, corrupt file, server unreachable)\n"
            "  4  the named task, run or approval does not exist\n"
            "  5  a required tool is missing or unusable (git, bubblewrap, keychain)\n"
            "  6  the run is waiting for a human (plan approval or review)\n");
}

int CommandLine::run(const QStringList &arguments)
{
    const GlobalOptions global = GlobalOptions::read(arguments);
    if (!global.missingValue.isEmpty()) {
        m_io.err << "harness: " << global.missingValue << " needs a value" << Qt::endl;
        return exitcode::Usage;
    }
    const qsizetype i = global.next;
    const QString &repo = global.repo;
    const QString &store = global.store;
    if (i < arguments.size()) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h") || a == QLatin1String("help")) {
            m_io.out << helpText();
            return exitcode::Ok;
        }
        if (a == QLatin1String("--version")) {
            m_io.out << versionText();
            return exitcode::Ok;
        }
    }
    if (i >= arguments.size()) {
        m_io.err << "harness: no command given\n\n" << helpText();
        return exitcode::Usage;
    }
    const QString command = arguments.at(i);
    const QStringList rest = arguments.mid(i + 1);
    CliContext ctx(m_io, repo.isEmpty() ? QDir::currentPath() : repo, store);

    if (command == QLatin1String("init")) {
        auto root = Project::findRepositoryRoot(ctx.repoPath());
        if (!root)
            return ctx.fail(exitcode::Usage, root.errorText());
        auto report = ProjectInitializer::initialize(*root);
        if (!report)
            return ctx.fail(exitcode::Failed, report.errorText());
        for (const auto &f : report->created)
            m_io.out << "created " << f << Qt::endl;
        for (const auto &f : report->kept)
            m_io.out << "kept    " << f << " (already present, not overwritten)" << Qt::endl;
        return exitcode::Ok;
    }
    if (command == QLatin1String("task"))
        return runTaskCommand(rest, ctx);
    if (command == QLatin1String("log"))
        return runLogCommand(rest, ctx);
    if (command == QLatin1String("audit"))
        return runAuditCommand(rest, ctx);
#ifdef HARNESS_HAS_CHECK
    if (command == QLatin1String("check"))
        return runCheckCommand(repo.isEmpty() ? rest : QStringList {repo} + rest, m_io.out, m_io.err);
#endif
    if (command == QLatin1String("accept"))
        return runAcceptCommand(rest, ctx);
    if (command == QLatin1String("mcp"))
        return runMcpCommand(rest, ctx);
    if (command == QLatin1String("runner"))
        return runRunnerCommand(rest, ctx);
    if (command == QLatin1String("queue"))
        return runQueueCommand(rest, ctx);
    if (isRunCommand(command))
        return runRunCommand(command, rest, ctx);
    m_io.err << "harness: unknown command \"" << command << "\"; see \"harness --help\"" << Qt::endl;
    return exitcode::Usage;
}

} // namespace harness
