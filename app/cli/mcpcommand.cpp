// The mcp command: its options, the sensors it opens, and the server on stdin/stdout.
#include "mcpcommand.h"
#include "exitcodes.h"

#include "mcp/harnesssensors.h"
#include "mcp/harnesstools.h"
#include "mcp/mcpserver.h"

#include "buildinfo.h"

namespace harness {

QString mcpCommandHelp()
{
    return QStringLiteral(
            "Usage: harness [--repo PATH] [--store SPEC] mcp [--run RUN] [--worktree DIR]\n"
            "\n"
            "Serves the harness's sensors to an agent as a Model Context Protocol (MCP) server on\n"
            "stdin/stdout (newline-delimited JSON-RPC 2.0; MCP 2025-11-25, 2025-06-18, 2025-03-26 and\n"
            "2024-11-05). Its tools:\n"
            "  check_rules      the constraint rules over the worktree, or over the given paths\n"
            "                   {paths?: [string], max_findings?: int}\n"
            "  run_gate         one gate of .harness/gates.json, run as the verify step runs it\n"
            "                   {gate: string, max_findings?: int}\n"
            "  read_contract    the run's task: goal, acceptance criteria, scope, constraints, budget, plan "
            "{}\n"
            "  latest_findings  the run's latest verification (or that of an iteration)\n"
            "                   {iteration?: int, max_findings?: int}\n"
            "  propose_rule     suggest a rule for .harness/rules.json to the human; recorded as a\n"
            "                   rule_suggested event, never written to rules.json\n"
            "                   {kind: layer|limit|forbidden, rule: object, reason: string}\n"
            "\n"
            "  --run RUN        the run whose contract and findings it serves (default: the run whose\n"
            "                   worktree --repo or the current folder is)\n"
            "  --worktree DIR   the tree to check and run gates on (default: the run's worktree, else\n"
            "                   the repository around --repo or the current folder)\n"
            "  --contained --exchange DIR\n"
            "                   how the ACP executor starts it inside an external agent's sandbox: no\n"
            "                   store, the run's context read from DIR, suggestions left there\n"
            "\n"
            "Paths are resolved below the worktree without following a symbolic link; \"..\" and absolute\n"
            "paths elsewhere are refused. Example for an MCP client's configuration:\n"
            "  {\"command\": \"harness\", \"args\": [\"mcp\"], \"cwd\": \"<a run's worktree>\"}\n"
            "\n"
            "Exit status: 0 when stdin ends, 2 bad options, 3 the store cannot be opened, 4 no such run.\n");
}

int runMcpCommand(const QStringList &args, CliContext &ctx)
{
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        ctx.io.out << mcpCommandHelp() << Qt::flush;
        return exitcode::Ok;
    }
    const QString usage = QStringLiteral("harness mcp [--run RUN] [--worktree DIR]");
    QCommandLineParser p;
    p.addOption({QStringLiteral("run"), QStringLiteral("the run"), QStringLiteral("run")});
    p.addOption({QStringLiteral("worktree"), QStringLiteral("the tree"), QStringLiteral("dir")});
    p.addOption({QStringLiteral("contained"), QStringLiteral("inside an agent's sandbox")});
    p.addOption({QStringLiteral("exchange"), QStringLiteral("the exchange folder"), QStringLiteral("dir")});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    if (!p.positionalArguments().isEmpty())
        return ctx.fail(exitcode::Usage, QStringLiteral("mcp takes no arguments\nusage: ") + usage);
    McpOptions options;
    options.repoPath = ctx.repoPath();
    options.storeSpec = ctx.storeSpec();
    options.runId = p.value(QStringLiteral("run"));
    options.worktree = p.value(QStringLiteral("worktree"));
    options.contained = p.isSet(QStringLiteral("contained"));
    options.exchange = p.value(QStringLiteral("exchange"));
    if (!options.exchange.isEmpty() && !options.contained)
        return ctx.fail(exitcode::Usage, QStringLiteral("--exchange goes with --contained"));
    auto sensors = HarnessSensors::open(options);
    if (!sensors) {
        const QString why = sensors.errorText();
        const int code = why.startsWith(QLatin1String("there is no run"))
                ? exitcode::NotFound
                : (why.contains(QLatin1String("store")) ? exitcode::Store : exitcode::Usage);
        return ctx.fail(code, QStringLiteral("mcp: %1").arg(why));
    }
    ctx.io.out.flush(); // stdout belongs to the protocol from here on
    McpServer *server = nullptr;
    const auto actor = [&server] {
        const QString client = server ? server->clientName() : QString();
        return QStringLiteral("agent:%1").arg(client.isEmpty() ? QStringLiteral("mcp-client") : client);
    };
    McpServer mcp({QStringLiteral("harness"), QStringLiteral("Harness Workbench"),
                   QStringLiteral(HARNESS_BUILD_VERSION), HarnessTools::instructions()},
                  HarnessTools::make(**sensors, actor));
    server = &mcp;
    return mcp.serve(0, 1);
}

} // namespace harness
