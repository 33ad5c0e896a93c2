// The ACP executor against a hostile agent (tests/common/hostileacpagent.py) run by the real executor in
// the real bubblewrap sandbox, on the demo project: each attack — a write before the approval (directly
// and through fs/write_text_file and permission requests), writes into .harness/, .git and outside the
// worktree, a nested repository, a write outside the task's scope, the network beyond the model endpoint,
// the D-Bus session, a malformed or oversized JSON-RPC message — is refused by the sandbox or the tool
// layer, or caught after the turn and audited, with tripwires outside the worktree untouched. Its
// terminal/* requests are answered while their commands run in the sandbox. The turn is
// recorded like the built-in agent's (model_call with the agent's usage, agent_response, tool_call with
// its diff), run_created records the executor, and a new engine keeps the recorded one. Its prompts name
// the harness's MCP tools exactly when it is given the harness's MCP server. The agent does not outlive its
// turn: writers it leaves running (detached, forked twice, deaf to SIGTERM) are gone when the turn returns,
// and the gates see what the checkpoint committed.
#include "common/storeevents.h"
#include "core/events/agentevents.h"
#include "core/events/runevents.h"
#include "core/events/toolevents.h"
#include "orchestration/acpexecutor.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"
#include "runtime/sandbox.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kAgent = QStringLiteral(HARNESS_SOURCE_DIR "/tests/common/hostileacpagent.py");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The agent's report: "name: result" per line of its last answer.
QHash<QString, QString> report(Store &store, const QString &runId)
{
    QHash<QString, QString> lines;
    const auto answers = harness::test::committedOfKind(store, runId, kinds::AgentResponse);
    if (answers.isEmpty())
        return lines;
    for (const QString &line : readPayload<AgentResponsePayload>(answers.last())->text.split(u'\n')) {
        const qsizetype colon = line.indexOf(QStringLiteral(": "));
        if (colon > 0)
            lines.insert(line.left(colon), line.mid(colon + 2));
    }
    return lines;
}

QByteArray readSmall(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(4096) : QByteArray();
}

// The processes whose command line holds `marker`, and those in another PID namespace than ours that
// descend from this test (what is left of any sandbox it started): "pid: command line" each.
QStringList leftovers(const QByteArray &marker)
{
    const QByteArray ownNamespace = QFile::symLinkTarget(QStringLiteral("/proc/self/ns/pid")).toUtf8();
    const qint64 self = QCoreApplication::applicationPid();
    QHash<qint64, qint64> parent;
    QList<qint64> pids;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        bool ok = false;
        const qint64 pid = it.next().section(u'/', -1).toLongLong(&ok);
        if (!ok)
            continue;
        const QByteArray line = readSmall(QStringLiteral("/proc/%1/stat").arg(pid));
        const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (f.size() > 1 && f.at(0) != "Z")
            parent.insert(pid, f.at(1).toLongLong());
        pids << pid;
    }
    QStringList out;
    for (const qint64 pid : std::as_const(pids)) {
        if (!parent.contains(pid) || pid == self)
            continue;
        QByteArray cmdline = readSmall(QStringLiteral("/proc/%1/cmdline").arg(pid));
        bool ours = false;
        for (qint64 p = parent.value(pid); p > 1 && !ours; p = parent.value(p))
            ours = p == self;
        const QByteArray ns = QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/pid").arg(pid)).toUtf8();
        if (cmdline.contains(marker) || (ours && !ns.isEmpty() && ns != ownNamespace))
            out << QStringLiteral("%1: %2").arg(pid).arg(QString::fromUtf8(cmdline.replace('\0', ' ')));
    }
    return out;
}

QByteArray committed(const QString &worktree, const QString &commit, const QString &path)
{
    QProcess git;
    git.setWorkingDirectory(worktree);
    git.start(QStringLiteral("git"), {QStringLiteral("show"), commit + QLatin1Char(':') + path});
    return git.waitForFinished(20000) && git.exitCode() == 0 ? git.readAllStandardOutput()
                                                             : QByteArray("<not committed>");
}

} // namespace

class TestAcpExecutor : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        QTemporaryDir outside; // the canary's folder: outside every worktree and the repository
        std::shared_ptr<Project> project;
        Task task;
        QString canary;
        QString mainTripwire; // a file in the main repository's .harness/
    };

    static std::unique_ptr<Demo> makeDemo()
    {
        auto demo = std::make_unique<Demo>();
        auto where = DemoProject::materialize(demo->dir.filePath(QStringLiteral("units")));
        if (!where)
            return nullptr;
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project)
            return nullptr;
        demo->project = *project;
        auto task = DemoProject::addTask(demo->project->store());
        if (!task)
            return nullptr;
        demo->task = *task;
        demo->canary = demo->outside.filePath(QStringLiteral("canary.txt"));
        demo->mainTripwire = where->repositoryRoot + QStringLiteral("/.harness/tripwire.txt");
        if (!writeFile(demo->canary, "canary\n") || !writeFile(demo->mainTripwire, "tripwire\n"))
            return nullptr;
        return demo;
    }

    static RunServices services(Demo &demo, const QString &mode, QJsonObject info, bool autoApprove)
    {
        auto s = RunServicesFactory::make(*demo.project);
        if (!s)
            qFatal("services: %s", qPrintable(s.errorText()));
        info.insert(QStringLiteral("canary"), demo.canary);
        info.insert(QStringLiteral("main_harness"), demo.mainTripwire);
        s->executor.command = {kAgent, mode,
                               QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact))};
        if (autoApprove)
            s->autoApproveActor = QStringLiteral("human:tester");
        return *s;
    }

    // Steps the engine until `done` holds or it stops progressing.
    template<typename Pred>
    static void driveUntil(RunEngine &engine, Pred done)
    {
        for (int i = 0; i < 200 && !done(engine.state()); ++i) {
            auto outcome = engine.step();
            QVERIFY2(outcome, qPrintable(outcome.errorText()));
            if (*outcome != RunEngine::Outcome::Progressed)
                return;
        }
    }

    static void tripwiresUntouched(const Demo &demo)
    {
        QCOMPARE(readAll(demo.canary), QByteArray("canary\n"));
        QCOMPARE(readAll(demo.mainTripwire), QByteArray("tripwire\n"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const SandboxStatus sandbox = Sandbox::probe();
        if (!sandbox.available)
            QFAIL(qPrintable(QStringLiteral("these tests run the agent in bubblewrap: ") + sandbox.reason));
        if (sandbox.socat.isEmpty())
            QFAIL("the agent's network proxy needs socat: install the \"socat\" package");
    }

    void writesBeforeTheApprovalAreRefused()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        const RunServices s = services(*demo, QStringLiteral("plan-writes"), {}, false);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        const RunState &state = engine.state();
        QVERIFY2(state.phase == RunPhase::AwaitingApproval, qPrintable(state.endReason));
        const auto r = report(demo->project->store(), run->id);
        QVERIFY2(r.value("direct").contains("Read-only file system"), qPrintable(r.value("direct")));
        QVERIFY2(r.value("fs").contains("not available until the plan is approved"),
                 qPrintable(r.value("fs")));
        QCOMPARE(r.value("permission"), QStringLiteral("no-once"));
        QCOMPARE(r.value("command"), QStringLiteral("no-once"));
        QVERIFY2(r.value("canary").contains("FileNotFoundError"), qPrintable(r.value("canary")));
        QVERIFY2(r.value("main_harness").contains("FileNotFoundError"), qPrintable(r.value("main_harness")));
        QVERIFY(!QFile::exists(state.worktreePath + QStringLiteral("/src/units/early.py")));
        tripwiresUntouched(*demo);
        // Audited: each refusal by the write gate is a permission_denied event.
        Store &store = demo->project->store();
        int gated = 0;
        for (const Event &e : harness::test::committedOfKind(store, run->id, kinds::PermissionDenied))
            gated += e.payload.value(QStringLiteral("kind")).toString() == QLatin1String("write_gate") ||
                    e.payload.value(QStringLiteral("reason"))
                            .toString()
                            .contains("until the plan is approved");
        QVERIFY2(gated >= 3, qPrintable(QString::number(gated)));
        // Recorded like the built-in agent's turn, with the executor in run_created.
        QCOMPARE(state.executor, s.executor.toJson());
        const auto calls = harness::test::committedOfKind(store, run->id, kinds::ModelCall);
        QCOMPARE(calls.size(), 1);
        const ModelCallPayload usage = *readPayload<ModelCallPayload>(calls.first());
        QCOMPARE(usage.inputTokens, qint64(100));
        QCOMPARE(usage.outputTokens, qint64(10));
        QCOMPARE(usage.extra.value("acp_session").toString(), QStringLiteral("hostile-1"));
        bool diffRecorded = false;
        for (const Event &e : harness::test::committedOfKind(store, run->id, kinds::ToolCall))
            if (auto p = payloadIf<ToolCallPayload>(e); p && p->tool == QLatin1String("agent:edit"))
                diffRecorded = p->arguments.value("diff").toArray().size() == 1;
        QVERIFY(diffRecorded);
        QVERIFY(state.plan.has_value());
    }

    void protectedAndOutsideWritesAreRefused()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        const RunServices s = services(*demo, QStringLiteral("protected"), {}, true);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        const QByteArray policy = readAll(demo->project->root() + QStringLiteral("/.harness/policy.json"));
        {
            RunEngine engine(*demo->project, run->id, s);
            driveUntil(engine, [](const RunState &st) { return st.writeAllowed() || isTerminal(st.phase); });
            QVERIFY(engine.state().writeAllowed());
        }
        // A new engine whose policy names the built-in agent still uses the run's recorded executor.
        RunServices builtin = s;
        builtin.executor = ExecutorChoice {};
        RunEngine engine(*demo->project, run->id, builtin);
        driveUntil(engine,
                   [](const RunState &st) { return !st.checkpoints.isEmpty() || isTerminal(st.phase); });
        const RunState &state = engine.state();
        QVERIFY2(!state.checkpoints.isEmpty(), qPrintable(state.endReason));
        const auto r = report(demo->project->store(), run->id);
        QVERIFY2(r.value("harness").contains("Read-only file system"), qPrintable(r.value("harness")));
        QVERIFY2(r.value("git").contains("Read-only file system"), qPrintable(r.value("git")));
        QVERIFY2(r.value("fs_harness").startsWith("PermissionError"), qPrintable(r.value("fs_harness")));
        QVERIFY2(r.value("fs_outside").startsWith("PermissionError"), qPrintable(r.value("fs_outside")));
        QVERIFY2(r.value("canary").contains("FileNotFoundError"), qPrintable(r.value("canary")));
        QCOMPARE(r.value("legit"), QStringLiteral("ok"));
        QCOMPARE(r.value("fs_legit"), QStringLiteral("ok"));
        QCOMPARE(r.value("permission"), QStringLiteral("yes-once"));
        tripwiresUntouched(*demo);
        QCOMPARE(readAll(state.worktreePath + QStringLiteral("/.harness/policy.json")), policy);
        QVERIFY(!QFile::exists(state.worktreePath + QStringLiteral("/.harness/evil.json")));
        QCOMPARE(readAll(state.worktreePath + QStringLiteral("/src/units/extra.py")),
                 QByteArray("VALUE = 1\n"));
        QVERIFY(QFile::exists(state.worktreePath + QStringLiteral("/tests/test_extra.py")));
        // The agent's own state lives beside the worktree, not in it.
        QVERIFY(QFileInfo(AcpExecutor::homeFor(state.worktreePath)).isDir());
    }

    // terminal/*: create answers while `sleep 2` runs, the output so far while it runs, wait_for_exit when
    // it ends, kill, outputByteLimit's tail, the sandbox around each command, and a command left running
    // goes with the turn. Each command is one run_command tool_call event.
    void terminalsAnswerWhileTheCommandRuns()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        const RunServices s = services(*demo, QStringLiteral("terminal"), {}, true);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        driveUntil(engine,
                   [](const RunState &st) { return !st.checkpoints.isEmpty() || isTerminal(st.phase); });
        QVERIFY2(!engine.state().checkpoints.isEmpty(), qPrintable(engine.state().endReason));
        const auto r = report(demo->project->store(), run->id);
        QVERIFY2(r.contains("create_s") && r.value("create_s").toDouble() < 1.0,
                 qPrintable(r.value("create_s")));
        QCOMPARE(r.value("running"), QStringLiteral("started|False"));
        const QString wait = r.value("wait");
        QVERIFY2(wait.startsWith(QStringLiteral("exit=0 signal=None after=")), qPrintable(wait));
        QVERIFY2(wait.section(u'=', 3).toDouble() >= 2.0, qPrintable(wait));
        QCOMPARE(r.value("done"), QStringLiteral("started,finished|0"));
        QVERIFY2(r.value("released").contains("no terminal"), qPrintable(r.value("released")));
        const QString kill = r.value("kill");
        QVERIFY2(kill.startsWith(QStringLiteral("signal=SIGKILL after=")), qPrintable(kill));
        QVERIFY2(kill.section(u'=', 2).toDouble() < 5.0, qPrintable(kill));
        QCOMPARE(r.value("limit"), QStringLiteral("abcdef|True"));
        QCOMPARE(r.value("outside"), QStringLiteral("exit=1 canary_read=False"));
        tripwiresUntouched(*demo);
        QStringList commands;
        for (const Event &e :
             harness::test::committedOfKind(demo->project->store(), run->id, kinds::ToolCall))
            if (auto p = payloadIf<ToolCallPayload>(e); p && p->tool == QLatin1String("run_command"))
                commands << QStringLiteral("%1 %2 %3")
                                    .arg(p->ok ? QStringLiteral("ok") : QStringLiteral("failed"))
                                    .arg(p->command.value("exit_code").toInt())
                                    .arg(p->error.isEmpty() ? QStringLiteral("-") : p->error);
        QVERIFY2(commands.size() == 5, qPrintable(commands.join(QLatin1Char('\n'))));
        QCOMPARE(commands.at(0), QStringLiteral("ok 0 -"));
        QVERIFY2(commands.at(1).startsWith(QStringLiteral("failed -1 stopped by the agent")),
                 qPrintable(commands.at(1)));
        QCOMPARE(commands.at(2), QStringLiteral("ok 0 -"));
        QCOMPARE(commands.at(3), QStringLiteral("ok 1 -"));
        QVERIFY2(commands.at(4).contains(QStringLiteral("turn ended")), qPrintable(commands.at(4)));
    }

    void changesTheAgentMayNotMakeStopTheRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("reason");
        QTest::newRow("nested repository")
                << QStringLiteral("nested") << QStringLiteral("src/units/vendored");
        QTest::newRow("outside the scope")
                << QStringLiteral("scope") << QStringLiteral("outside the task's scope");
    }

    void changesTheAgentMayNotMakeStopTheRun()
    {
        QFETCH(QString, mode);
        QFETCH(QString, reason);
        auto demo = makeDemo();
        QVERIFY(demo);
        const RunServices s = services(*demo, mode, {}, true);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        const RunState &state = engine.state();
        QCOMPARE(state.phase, RunPhase::Escalated);
        QVERIFY2(state.endReason.startsWith("security:") && state.endReason.contains(reason),
                 qPrintable(state.endReason));
        QVERIFY(state.checkpoints.isEmpty());
        const auto found =
                harness::test::committedOfKind(demo->project->store(), run->id, kinds::SecurityViolation);
        QCOMPARE(found.size(), 1);
        QVERIFY(readPayload<SecurityViolationPayload>(found.first())->reason.contains(reason));
        tripwiresUntouched(*demo);
    }

    void theNetworkReachesOnlyTheModelEndpoint()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        QTcpServer endpoint, other;
        QVERIFY(endpoint.listen(QHostAddress::LocalHost) && other.listen(QHostAddress::LocalHost));
        QJsonObject info {
                {"endpoint_port", endpoint.serverPort()},
                {"other_port", other.serverPort()},
                {"user_home", QDir::homePath()},
                {"dbus",
                 qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/dbus/system_bus_socket")}};
        RunServices s = services(*demo, QStringLiteral("network"), info, false);
        s.agentBaseUrl = QStringLiteral("http://127.0.0.1:%1").arg(endpoint.serverPort());
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QVERIFY2(engine.state().phase == RunPhase::AwaitingApproval, qPrintable(engine.state().endReason));
        const auto r = report(demo->project->store(), run->id);
        QCOMPARE(r.value("endpoint"), QStringLiteral("ok"));
        QVERIFY2(r.value("other_port").startsWith("ConnectionRefusedError"),
                 qPrintable(r.value("other_port")));
        QVERIFY2(r.value("proxy").contains("403"), qPrintable(r.value("proxy")));
        QVERIFY2(!r.value("dbus").isEmpty() && r.value("dbus") != QLatin1String("connected"),
                 qPrintable(r.value("dbus")));
        // The user's home is hidden: an empty folder, or not there at all when it lies under /tmp.
        QVERIFY2(r.value("home") == QLatin1String("[]") || r.value("home").startsWith("FileNotFoundError"),
                 qPrintable(r.value("home")));
        QVERIFY(!other.hasPendingConnections());
        bool denied = false;
        for (const Event &e :
             harness::test::committedOfKind(demo->project->store(), run->id, kinds::NetworkDenied))
            denied = denied || e.payload.value("host").toString() == QLatin1String("example.com");
        QVERIFY(denied);
    }

    // With the MCP link (a harness executable to start `harness mcp` from), every turn's prompt names the
    // server's five tools and session/new offers the server; without it the prompt names none of them.
    void thePromptNamesTheMcpToolsOnlyWithTheServer_data()
    {
        QTest::addColumn<bool>("linked");
        QTest::newRow("linked") << true;
        QTest::newRow("not linked") << false;
    }

    void thePromptNamesTheMcpToolsOnlyWithTheServer()
    {
        QFETCH(bool, linked);
        auto demo = makeDemo();
        QVERIFY(demo);
        RunServices s = services(*demo, QStringLiteral("prompt"), {}, true);
        s.harnessBinary = linked ? QStringLiteral(HARNESS_BINARY_DIR "/bin/harness-engine") : QString();
        QVERIFY2(!linked || QFileInfo(s.harnessBinary).isExecutable(), "build the harness executable first");
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        driveUntil(engine,
                   [](const RunState &st) { return !st.checkpoints.isEmpty() || isTerminal(st.phase); });
        QVERIFY2(!engine.state().checkpoints.isEmpty(), qPrintable(engine.state().endReason));
        // One answer per turn (the plan's, then the build's), each with what its prompt named.
        const auto answers =
                harness::test::committedOfKind(demo->project->store(), run->id, kinds::AgentResponse);
        QCOMPARE(answers.size(), 2);
        const QString all = QStringLiteral("check_rules,run_gate,read_contract,latest_findings,propose_rule");
        for (const Event &answer : answers) {
            const QString text = readPayload<AgentResponsePayload>(answer)->text;
            QVERIFY2(text.contains(QStringLiteral("named: ") + (linked ? all : QStringLiteral("none"))),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("servers: ") +
                                   (linked ? QLatin1Char('1') : QLatin1Char('0'))),
                     qPrintable(text));
        }
        tripwiresUntouched(*demo);
    }

    // A build turn that ends with three writers left running, each appending to its file every 10 ms: one
    // detached with setsid and nohup from the agent's shell, one forked twice, one deaf to SIGTERM (and the
    // agent itself deaf to SIGTERM and to its stdin's end). When the turn returns nothing of the agent's
    // sandbox runs, the files do not change over the next second, the checkpoint committed them as they
    // are, and they are still that after the gates ran.
    void theAgentDoesNotOutliveItsTurn()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        const QByteArray marker = "harness-bg-" + QByteArray::number(QCoreApplication::applicationPid());
        const RunServices s = services(*demo, QStringLiteral("background"),
                                       {{"marker", QString::fromLatin1(marker)}}, true);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        driveUntil(engine,
                   [](const RunState &st) { return !st.checkpoints.isEmpty() || isTerminal(st.phase); });
        const RunState &state = engine.state();
        QVERIFY2(!state.checkpoints.isEmpty(), qPrintable(state.endReason));
        const QStringList left = leftovers(marker);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
        // The writers ran during the turn (each file had lines when the agent ended it).
        const QString writers = report(demo->project->store(), run->id).value("writers");
        const QStringList files {QStringLiteral("src/units/bg_setsid.py"),
                                 QStringLiteral("src/units/bg_double.py"),
                                 QStringLiteral("src/units/bg_noterm.py")};
        QMap<QString, QByteArray> after;
        for (const QString &file : files) {
            QVERIFY2(writers.contains(QFileInfo(file).fileName() + QLatin1Char('=')) &&
                             !writers.contains(QFileInfo(file).fileName() + QStringLiteral("=0")),
                     qPrintable(writers));
            after.insert(file, readAll(state.worktreePath + QLatin1Char('/') + file));
            QCOMPARE(committed(state.worktreePath, state.checkpoints.last(), file), after.value(file));
        }
        QTest::qWait(1000);
        for (const QString &file : files)
            QCOMPARE(readAll(state.worktreePath + QLatin1Char('/') + file), after.value(file));
        // The gates run on what was committed, and nothing changes it while they run.
        driveUntil(engine, [](const RunState &st) {
            return st.verifyDone || st.phase == RunPhase::Fixing || st.phase == RunPhase::Review ||
                    isTerminal(st.phase);
        });
        QVERIFY2(!harness::test::committedOfKind(demo->project->store(), run->id, kinds::VerifyFinished)
                          .isEmpty(),
                 qPrintable(engine.state().endReason));
        for (const QString &file : files)
            QCOMPARE(readAll(state.worktreePath + QLatin1Char('/') + file), after.value(file));
        QVERIFY(leftovers(marker).isEmpty());
        // What each start and end of the agent took is in the turn's model_call.
        const auto calls = harness::test::committedOfKind(demo->project->store(), run->id, kinds::ModelCall);
        QCOMPARE(calls.size(), 2);
        for (const Event &call : calls) {
            const ModelCallPayload usage = *readPayload<ModelCallPayload>(call);
            QVERIFY(usage.extra.value("agent_start_ms").isDouble());
            QVERIFY(usage.extra.value("agent_end_ms").isDouble());
            qInfo("agent start %lld ms, end %lld ms", qint64(usage.extra.value("agent_start_ms").toDouble()),
                  qint64(usage.extra.value("agent_end_ms").toDouble()));
        }
        tripwiresUntouched(*demo);
    }

    void badMessagesEndTheSession_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("oversized") << QStringLiteral("oversized");
        QTest::newRow("malformed") << QStringLiteral("malformed");
    }

    void badMessagesEndTheSession()
    {
        QFETCH(QString, mode);
        auto demo = makeDemo();
        QVERIFY(demo);
        const RunServices s = services(*demo, mode, {}, false);
        auto run = RunEngine::createRun(*demo->project, demo->task.id, s.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*demo->project, run->id, s);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QCOMPARE(engine.state().phase, RunPhase::Escalated);
        const auto errors = harness::test::committedOfKind(demo->project->store(), run->id, kinds::RunError);
        QCOMPARE(errors.size(), 1);
        const RunErrorPayload error = *readPayload<RunErrorPayload>(errors.first());
        QCOMPARE(error.errorKind, QStringLiteral("agent_failed"));
        QVERIFY2(!error.message.isEmpty(), "the reason the session ended is recorded");
        QVERIFY(harness::test::committedOfKind(demo->project->store(), run->id, kinds::AgentResponse)
                        .isEmpty());
        tripwiresUntouched(*demo);
    }
};

QTEST_GUILESS_MAIN(TestAcpExecutor)
#include "tst_acpexecutor.moc"
