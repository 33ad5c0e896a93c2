// The demo task through the whole loop with a real external agent — Claude Code (claude-agent-acp) and
// opencode (`opencode acp`), installed by packaging/install-agents.sh — as the run's executor over ACP,
// inside the run's sandbox, against the scripted loopback Anthropic server. Plan (read-only sandbox) -> the
// human's approval -> build (the agent restarted with the worktree writable, the session loaded, its writes
// after permission requests the harness answers) -> the gates fail -> fix -> the gates pass -> review ->
// merge. The run has every event kind the built-in agent's run of the same demo has (but the harness-run tool
// call's write-ahead pair), and the model key is in no event.
#include "common/agentinstall.h"
#include "common/scriptedmodel.h"
#include "core/events/agentevents.h"
#include "core/events/toolevents.h"
#include "orchestration/acpexecutor.h"
#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/reviewservice.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kKey = QStringLiteral("harness-test-agent-secret-4242");

QString demoFile(const QString &rel)
{
    QFile f(QStringLiteral(HARNESS_SOURCE_DIR "/resources/demo/project/") + rel);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString kelvinModule(const QString &offset)
{
    return demoFile(QStringLiteral("src/units/core/temperature.py")) +
            QStringLiteral("\n\ndef fahrenheit_to_kelvin(f):\n    \"\"\"Convert degrees Fahrenheit to "
                           "kelvin.\"\"\"\n"
                           "    return fahrenheit_to_celsius(f) + %1\n")
                    .arg(offset);
}

const QString kKelvinTest = QStringLiteral(
        "import pytest\n\nfrom units.core import temperature\n\n\ndef test_freezing():\n"
        "    assert temperature.fahrenheit_to_kelvin(32) == pytest.approx(273.15)\n\n\n"
        "def test_boiling():\n    assert temperature.fahrenheit_to_kelvin(212) == pytest.approx(373.15)\n");

QString planAnswer()
{
    return QStringLiteral(
            "```json\n{\"summary\": \"Add fahrenheit_to_kelvin to units.core.temperature and test it.\",\n"
            " \"steps\": [{\"description\": \"Add the conversion\", \"files\": "
            "[\"src/units/core/temperature.py\"]},\n"
            "  {\"description\": \"Test freezing and boiling points\", \"files\": "
            "[\"tests/test_kelvin.py\"]}],\n"
            " \"risks\": [\"kelvin is offset by 273.15\"], \"tests\": [\"tests/test_kelvin.py\"], "
            "\"subtasks\": []}\n```");
}

// How an agent names its file tools and their path argument.
struct FileTools
{
    QString read, write, pathKey;
};

FileTools fileToolsOf(const QString &agent)
{
    if (agent == QLatin1String("opencode"))
        return {QStringLiteral("read"), QStringLiteral("write"), QStringLiteral("filePath")};
    return {QStringLiteral("Read"), QStringLiteral("Write"), QStringLiteral("file_path")};
}

QList<ScriptedModel::Chapter> script(const QString &worktree, const FileTools &tools)
{
    const QString module = worktree + QStringLiteral("/src/units/core/temperature.py");
    const QString test = worktree + QStringLiteral("/tests/test_kelvin.py");
    auto read = [&](const QString &id) {
        return ScriptedModel::call(id, tools.read, {{tools.pathKey, module}});
    };
    auto write = [&](const QString &id, const QString &path, const QString &content) {
        return ScriptedModel::call(id, tools.write,
                                   {{tools.pathKey, path}, {QStringLiteral("content"), content}});
    };
    return {{QStringLiteral("planning step"),
             {ModelTurn {QStringLiteral("Reading the module first."),
                         {read(QStringLiteral("toolu_plan_read"))}},
              ModelTurn {planAnswer(), {}}}},
            {QStringLiteral("is approved"),
             {ModelTurn {QStringLiteral("Reading the module."), {read(QStringLiteral("toolu_build_read"))}},
              // Off by 0.15: the gates catch it.
              ModelTurn {QStringLiteral("Adding the conversion and its test."),
                         {write(QStringLiteral("toolu_build_module"), module,
                                kelvinModule(QStringLiteral("273"))),
                          write(QStringLiteral("toolu_build_test"), test, kKelvinTest)}},
              ModelTurn {QStringLiteral("Implemented fahrenheit_to_kelvin and its test."), {}}}},
            {QStringLiteral("they failed"),
             {ModelTurn {QStringLiteral("Reading the module again."),
                         {read(QStringLiteral("toolu_fix_read"))}},
              ModelTurn {QStringLiteral("Using the exact offset."),
                         {write(QStringLiteral("toolu_fix_module"), module,
                                kelvinModule(QStringLiteral("273.15")))}},
              ModelTurn {QStringLiteral("Fixed: the offset is 273.15."), {}}}}};
}

QList<Event> allEvents(Store &store, const QString &runId)
{
    if (const Status flushed = store.flush(); !flushed)
        QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
    return store.events(runId).value();
}

QSet<QString> kindsOf(const QList<Event> &events)
{
    QSet<QString> out;
    for (const Event &e : events)
        out.insert(e.kind);
    return out;
}

std::unique_ptr<QTemporaryDir> demoIn(std::shared_ptr<Project> &project, Task &task)
{
    auto dir = std::make_unique<QTemporaryDir>();
    auto where = DemoProject::materialize(dir->filePath(QStringLiteral("units")));
    if (!where)
        return nullptr;
    auto opened = Project::open(where->repositoryRoot, where->storeSpec);
    if (!opened)
        return nullptr;
    project = *opened;
    auto added = DemoProject::addTask(project->store());
    if (!added)
        return nullptr;
    task = *added;
    return dir;
}

} // namespace

class TestAcpDemo : public QObject
{
    Q_OBJECT

    QSet<QString> m_builtinKinds; // what the built-in agent's run of the demo records
private Q_SLOTS:
    void initTestCase()
    {
        // The gates' python with pytest (as tst_executorseam): the system's first.
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));
    }

    void externalAgentRunsTheDemoThroughTheLoop_data()
    {
        QTest::addColumn<QString>("agent");
        QTest::addColumn<int>("minPermissions");
        QTest::newRow("claude-code") << QStringLiteral("claude-code") << 3;
        QTest::newRow("opencode") << QStringLiteral("opencode") << 3;
    }

    void externalAgentRunsTheDemoThroughTheLoop()
    {
        QFETCH(QString, agent);
        QFETCH(int, minPermissions);
        QString installError;
        const QString bin = test::agentsBinDir(QStringLiteral(HARNESS_BINARY_DIR), &installError);
        if (bin.isEmpty())
            QFAIL(qPrintable(installError));
        if (const QStringList missing = DemoProject::missingRequirements(); !missing.isEmpty())
            QFAIL(qPrintable(missing.join(u' ')));

        // What the built-in agent's run of the demo records, for the comparison at the end (once).
        if (m_builtinKinds.isEmpty()) {
            std::shared_ptr<Project> project;
            Task task;
            auto dir = demoIn(project, task);
            QVERIFY(dir);
            auto services = RunServicesFactory::make(*project);
            QVERIFY(services);
            services->autoApproveActor = QStringLiteral("human:tester");
            auto run = RunEngine::createRun(*project, task.id, services->policy, "human:tester");
            QVERIFY(run);
            RunEngine engine(*project, run->id, *services);
            QVERIFY(engine.drive());
            QVERIFY(engine.state().phase == RunPhase::Review);
            QVERIFY(ReviewService(project->store(), project->root()).merge(run->id, "human:tester"));
            m_builtinKinds = kindsOf(allEvents(project->store(), run->id));
        }
        const QSet<QString> builtinKinds = m_builtinKinds;

        std::shared_ptr<Project> project;
        Task task;
        auto dir = demoIn(project, task);
        QVERIFY(dir);
        ModelServer server;
        QVERIFY(server.listen());
        ScriptedModel model(server, {});
        auto made = RunServicesFactory::make(*project);
        QVERIFY2(made, qPrintable(made.errorText()));
        RunServices services = *made;
        services.executor = ExecutorChoice {agent, {}};
        services.agentBaseUrl = server.baseUrl();
        services.agentApiKey = kKey;
        services.agentsBinDir = bin;
        auto run = RunEngine::createRun(*project, task.id, services.policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(*project, run->id, services);
        QElapsedTimer clock;
        clock.start();
        // The worktree's path is known once the run is set up; the script names files in it.
        while (engine.state().worktreePath.isEmpty())
            QVERIFY(engine.step());
        model.setChapters(script(engine.state().worktreePath, fileToolsOf(agent)));
        auto diagnose = [&] {
            QStringList trail;
            for (const Event &e : allEvents(project->store(), run->id))
                trail << e.kind +
                                (e.kind == kinds::RunError || e.kind == kinds::AgentResponse
                                         ? QStringLiteral("(%1)").arg(
                                                   QString::fromUtf8(QJsonDocument(e.payload)
                                                                             .toJson(QJsonDocument::Compact)
                                                                             .left(300)))
                                         : QString());
            return QStringLiteral(
                           " | chapters served: %1; main requests %2, last turn %3; model problems: %4; "
                           "end: %5; events: %6")
                    .arg(model.chaptersServed().join(QStringLiteral(", ")))
                    .arg(model.mainRequests())
                    .arg(model.lastTurnServed())
                    .arg(model.problems().join(u';'), engine.state().endReason, trail.join(u' '));
        };

        // Plan, in the read-only sandbox; then the human's approval.
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QVERIFY2(engine.state().phase == RunPhase::AwaitingApproval, qPrintable(diagnose()));
        const qint64 planMs = clock.elapsed();
        QVERIFY(!QFile::exists(engine.state().worktreePath + QStringLiteral("/tests/test_kelvin.py")));
        ApprovalService approvals(project->store());
        QVERIFY(approvals.approve(engine.state().pendingApprovalId, QStringLiteral("human:tester")));

        // Build, verify (fails), fix, verify (passes): review.
        outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        const RunState &state = engine.state();
        QVERIFY2(state.phase == RunPhase::Review, qPrintable(diagnose()));
        QCOMPARE(state.iteration, 2);
        QCOMPARE(model.chaptersServed(),
                 (QStringList {QStringLiteral("planning step"), QStringLiteral("is approved"),
                               QStringLiteral("they failed")}));
        const QString worktree = state.worktreePath;
        QVERIFY(ReviewService(project->store(), project->root()).merge(run->id, "human:tester"));
        qInfo().noquote() << QStringLiteral("ACP-DEMO | %1 | plan %2 ms, whole loop %3 ms")
                                     .arg(agent)
                                     .arg(planMs)
                                     .arg(clock.elapsed());

        const QList<Event> events = allEvents(project->store(), run->id);
        // The agent lives for one turn: what starting it and ending its sandbox took, turn by turn.
        QStringList turns;
        for (const Event &e : events)
            if (auto p = payloadIf<ModelCallPayload>(e))
                turns << QStringLiteral("%1 start %2 ms end %3 ms session %4")
                                 .arg(p->phase)
                                 .arg(p->extra.value(QStringLiteral("agent_start_ms")).toInteger())
                                 .arg(p->extra.value(QStringLiteral("agent_end_ms")).toInteger())
                                 .arg(p->extra.value(QStringLiteral("acp_session")).toString().left(12));
        qInfo().noquote()
                << QStringLiteral("ACP-DEMO | %1 | %2").arg(agent, turns.join(QStringLiteral("; ")));
        const QSet<QString> acpKinds = kindsOf(events);
        // The built-in agent's tool calls are run by the harness (write-ahead tool_call_started and
        // tool_result); an external agent runs its own, recorded as tool_call.
        QSet<QString> expected = builtinKinds;
        expected.remove(QStringLiteral("tool_call_started"));
        expected.remove(QStringLiteral("tool_result"));
        QVERIFY2(acpKinds.contains(expected),
                 qPrintable(QStringLiteral("missing: ") +
                            QStringList((expected - acpKinds).values()).join(u',')));
        int permissionsAllowed = 0, agentWrites = 0;
        for (const Event &e : events) {
            QVERIFY2(!QJsonDocument(e.payload).toJson().contains(kKey.toUtf8()), qPrintable(e.kind));
            permissionsAllowed += e.kind == kinds::PermissionAllowed;
            if (auto p = payloadIf<ToolCallPayload>(e))
                agentWrites += p->tool == QLatin1String("agent:edit");
        }
        QVERIFY2(permissionsAllowed >= minPermissions, qPrintable(QString::number(permissionsAllowed)));
        QVERIFY2(agentWrites >= 3, qPrintable(QString::number(agentWrites)));
        // Merged into main, and the agent's home went with the worktree.
        QProcess git;
        git.setWorkingDirectory(project->root());
        git.start(QStringLiteral("git"),
                  {QStringLiteral("show"), QStringLiteral("main:src/units/core/temperature.py")});
        QVERIFY(git.waitForFinished(10000));
        QVERIFY(git.readAllStandardOutput().contains("return fahrenheit_to_celsius(f) + 273.15"));
        QVERIFY(!QFileInfo::exists(AcpExecutor::homeFor(worktree)));
    }
};

QTEST_GUILESS_MAIN(TestAcpDemo)
#include "tst_acpdemo.moc"
