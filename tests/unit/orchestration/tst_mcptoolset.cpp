// McpToolSet's record of the third-party MCP servers it starts for the built-in agent, on a real run of the
// demo (worktree, store, the server in the run's bubblewrap sandbox): mcp_server_started with the server's
// name, command and the tools it offers; an mcp_tool_refused per tool its checks refuse (name, reason);
// and, after the server sends notifications/tools/list_changed, the tools listed again under the same
// checks before the next turn: mcp_tools_changed (added, removed, offered) and only the new refusals.
#include "common/storeevents.h"
#include "core/events/mcpevents.h"
#include "orchestration/demoproject.h"
#include "orchestration/mcptoolset.h"
#include "orchestration/project.h"
#include "orchestration/runengine.h"
#include "orchestration/runjournal.h"
#include "orchestration/runservicesfactory.h"
#include "orchestration/runtools.h"
#include "runtime/sandbox.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

// Lists [echo, change, "bad name!"]; right after its first listing it says the list changed, and then
// lists [fresh, change, "bad name!", "bad/name"].
const char kServer[] = R"PY(
import sys, json
listed = 0
def send(o):
    sys.stdout.write(json.dumps(o) + "\n"); sys.stdout.flush()
for line in sys.stdin:
    m = json.loads(line)
    i = m.get("id"); meth = m.get("method")
    if meth == "initialize":
        send({"jsonrpc": "2.0", "id": i, "result": {"protocolVersion": "2025-06-18", "capabilities": {"tools": {"listChanged": True}}, "serverInfo": {"name": "changing", "version": "2.1"}}})
    elif meth == "tools/list":
        names = ["echo", "change", "bad name!"] if listed == 0 else ["fresh", "change", "bad name!", "bad/name"]
        send({"jsonrpc": "2.0", "id": i, "result": {"tools": [{"name": n, "inputSchema": {"type": "object"}} for n in names]}})
        listed += 1
        if listed == 1:
            send({"jsonrpc": "2.0", "method": "notifications/tools/list_changed"})
)PY";

} // namespace

class TestMcpToolSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordsStartsRefusalsAndChanges()
    {
        const SandboxStatus sandbox = Sandbox::probe();
        if (!sandbox.available)
            QFAIL(qPrintable(QStringLiteral("the MCP server runs in bubblewrap: ") + sandbox.reason));
        // The system's python (a python under a home folder, e.g. pyenv's, is hidden by the sandbox).
        const QString python = QStringLiteral("/usr/bin/python3");
        QVERIFY2(QFileInfo(python).isExecutable(), "/usr/bin/python3 is needed for the scripted MCP server");
        QTemporaryDir dir;
        auto where = DemoProject::materialize(dir.filePath(QStringLiteral("units")));
        QVERIFY2(where, qPrintable(where.errorText()));
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        QVERIFY2(project, qPrintable(project.errorText()));
        auto task = DemoProject::addTask((*project)->store());
        QVERIFY(task);
        auto services = RunServicesFactory::make(**project);
        QVERIFY2(services, qPrintable(services.errorText()));
        McpServerConfig config;
        config.name = QStringLiteral("changing");
        config.command = {python, QStringLiteral("-c"), QString::fromUtf8(kServer)};
        services->policy.mcpServers = {config};
        auto run =
                RunEngine::createRun(**project, task->id, services->policy, QStringLiteral("human:tester"));
        QVERIFY(run);
        {
            // The run's worktree: its set-up step.
            RunEngine engine(**project, run->id, *services);
            for (int i = 0; i < 5 && engine.state().worktreePath.isEmpty(); ++i)
                QVERIFY(engine.step());
            QVERIFY(!engine.state().worktreePath.isEmpty());
        }
        RunJournal journal((*project)->store(), run->id);
        QVERIFY(journal.sync());
        RunTools tools(journal, *services);
        McpToolSet set(journal, tools, *services);
        Store &store = (*project)->store();

        auto started = set.start(QStringLiteral("build/1"), nullptr);
        QVERIFY2(started, qPrintable(started.errorText()));
        const auto starts = harness::test::committedOfKind(store, run->id, kinds::McpServerStarted);
        QCOMPARE(starts.size(), 1);
        const McpServerStartedPayload s = *readPayload<McpServerStartedPayload>(starts.first());
        QCOMPARE(s.server, QStringLiteral("changing"));
        QCOMPARE(s.command, config.command);
        QCOMPARE(s.serverInfo, QStringLiteral("changing 2.1"));
        QCOMPARE(s.protocolVersion, QStringLiteral("2025-06-18"));
        QCOMPARE(s.tools, (QStringList {"echo", "change"}));
        QCOMPARE(s.refused, 1);
        auto refusals = harness::test::committedOfKind(store, run->id, kinds::McpToolRefused);
        QCOMPARE(refusals.size(), 1);
        McpToolRefusedPayload r = *readPayload<McpToolRefusedPayload>(refusals.first());
        QCOMPARE(r.server, QStringLiteral("changing"));
        QCOMPARE(r.tool, QStringLiteral("bad name!"));
        QVERIFY2(r.reason.contains(QStringLiteral("its name must be")), qPrintable(r.reason));
        QVERIFY(harness::test::committedOfKind(store, run->id, kinds::McpToolsChanged).isEmpty());

        // The server said its tools changed: the next turn's start lists them again.
        QTest::qWait(300);
        started = set.start(QStringLiteral("build/1"), nullptr);
        QVERIFY2(started, qPrintable(started.errorText()));
        const auto changes = harness::test::committedOfKind(store, run->id, kinds::McpToolsChanged);
        QCOMPARE(changes.size(), 1);
        const McpToolsChangedPayload c = *readPayload<McpToolsChangedPayload>(changes.first());
        QCOMPARE(c.server, QStringLiteral("changing"));
        QCOMPARE(c.added, QStringList {"fresh"});
        QCOMPARE(c.removed, QStringList {"echo"});
        QCOMPARE(c.tools, (QStringList {"fresh", "change"}));
        QCOMPARE(c.refused, 2);
        refusals = harness::test::committedOfKind(store, run->id, kinds::McpToolRefused);
        QCOMPARE(refusals.size(), 2); // "bad name!" is not recorded twice
        r = *readPayload<McpToolRefusedPayload>(refusals.last());
        QCOMPARE(r.tool, QStringLiteral("bad/name"));
        QStringList offered;
        for (const QJsonValue &t : set.toolSchemas())
            offered << t.toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(offered, (QStringList {"mcp__changing__fresh", "mcp__changing__change"}));
        QCOMPARE(set.refused().size(), 2);
        // Nothing changed since: no new listing, no new event.
        QVERIFY(set.start(QStringLiteral("build/1"), nullptr));
        QCOMPARE(harness::test::committedOfKind(store, run->id, kinds::McpToolsChanged).size(), 1);
        set.stop();
    }
};

QTEST_GUILESS_MAIN(TestMcpToolSet)
#include "tst_mcptoolset.moc"
