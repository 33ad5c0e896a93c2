// The run's seams, on the real demo project without bubblewrap: a run whose commands and gates are
// contained by the real Sandbox in its unsandboxed mode (what RunServices::makeSandbox substitutes), and
// a run whose agent is another executor — one that runs whole turns itself and uses the harness's tools,
// as an external agent does — with the phases unchanged: the write gate holds for it, its usage counts
// against the budget, its change is checkpointed and verified, and a new engine resumes it.
#include "common/storeevents.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runengine.h"
#include "orchestration/runjournal.h"
#include "orchestration/runservicesfactory.h"
#include "orchestration/runtools.h"

#include "core/events/agentevents.h"
#include "core/events/toolevents.h"
#include "core/events/verifyevents.h"
#include "runtime/sandbox.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

// The transcript's turns: phase, iteration and the tool calls of each response.
struct ScriptTurn
{
    QString phase;
    int iteration = 0;
    QString text;
    QJsonArray toolCalls;
};

QList<ScriptTurn> readScript(const QString &path)
{
    QList<ScriptTurn> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue;
        const QJsonObject r = o.value("response").toObject();
        out.append({o.value("phase").toString(), o.value("iteration").toInt(), r.value("text").toString(),
                    r.value("tool_calls").toArray()});
    }
    return out;
}

// An agent that does whole turns itself (as an agent over the Agent Client Protocol does), working
// through the harness's tools. It follows the demo's script: the plan, the build's edits, the fix.
class ScriptedAgent : public Executor
{
public:
    ScriptedAgent(const ExecutorEnvironment &env, QList<ScriptTurn> script)
        : m_env(env), m_script(std::move(script))
    { }

    QString name() const override { return QStringLiteral("scripted"); }
    bool turnInProgress(const RunState &) const override { return false; }

    Result<ExecutorReply> plan(const ExecutorTurn &turn) override
    {
        // Before the approval, the tools refuse this agent's writes too.
        const ToolResult probe = m_env.tools.execute(
                "write_file", {{"path", "src/units/early.py"}, {"content", "x = 1\n"}}, turn.cancel);
        writesRefusedBeforeApproval = writesRefusedBeforeApproval && !probe.ok;
        const ScriptTurn &t = m_script.first();
        if (auto s = record(turn, t.text); !s)
            return s.error();
        return ExecutorReply::answered(t.text, QStringLiteral("agent:scripted"));
    }

    Result<ExecutorReply> build(const ExecutorTurn &turn) override
    {
        ++turns;
        kinds << turn.kind;
        QStringList done;
        for (const ScriptTurn &t : std::as_const(m_script)) {
            if (t.phase != turn.phase || t.iteration != turn.number)
                continue;
            for (const QJsonValue &v : t.toolCalls) {
                const QJsonObject call = v.toObject();
                const ToolResult r = m_env.tools.execute(call.value("name").toString(),
                                                         call.value("arguments").toObject(), turn.cancel);
                done << QStringLiteral("%1 %2").arg(call.value("name").toString(),
                                                    r.ok ? QStringLiteral("ok") : r.error);
            }
        }
        if (auto s = record(turn, done.join(QStringLiteral("; "))); !s)
            return s.error();
        return ExecutorReply::progressed();
    }

    bool writesRefusedBeforeApproval = true;
    int turns = 0;
    QList<ExecutorTurn::Kind> kinds;

private:
    // Its usage and its answer (asking the harness to run nothing), in one commit.
    Status record(const ExecutorTurn &turn, const QString &text)
    {
        ModelCallPayload usage;
        usage.phase = turn.phase;
        usage.turn = m_env.journal.state().modelTurns;
        usage.model = QStringLiteral("scripted");
        usage.inputTokens = 1000;
        usage.outputTokens = 100;
        AgentResponsePayload answer;
        answer.phase = turn.phase;
        answer.iteration = turn.number;
        answer.turn = usage.turn;
        answer.text = text;
        answer.stopReason = QStringLiteral("end_turn");
        const QString &run = m_env.journal.runId();
        return m_env.journal.append({makeEvent(run, usage), makeEvent(run, answer, "agent:scripted")});
    }

    ExecutorEnvironment m_env;
    QList<ScriptTurn> m_script;
};

} // namespace

class TestExecutorSeam : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        std::shared_ptr<Project> project;
        Task task;
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
        return demo;
    }

    // Services whose commands run without bubblewrap: the real Sandbox, told that no bubblewrap is here
    // and that this project opted in to unsandboxed commands.
    static RunServices unsandboxed(Project &project, int *sandboxesMade)
    {
        auto s = RunServicesFactory::make(project);
        if (!s)
            qFatal("services: %s", qPrintable(s.errorText()));
        s->autoApproveActor = QStringLiteral("human:tester");
        s->makeSandbox = [sandboxesMade](const SandboxConfig &config) {
            ++*sandboxesMade;
            SandboxConfig bare = config;
            bare.bwrapPath = QStringLiteral("/nonexistent/bwrap");
            bare.allowUnsandboxed = true;
            return std::make_unique<Sandbox>(bare);
        };
        return *s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Unsandboxed commands see this process's PATH (bubblewrap hides the home directory, so a
        // sandboxed gate finds the system's python): put the system's tools first, so a per-user Python
        // manager's interpreter without pytest does not shadow the one packaging/install-deps.sh set up.
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));
    }

    void theDemoRunsWithASubstitutedSandbox()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        int sandboxes = 0;
        const RunServices services = unsandboxed(project, &sandboxes);
        auto run = RunEngine::createRun(project, demo->task.id, services.policy, "human:tester");
        QVERIFY2(run, qPrintable(run.errorText()));
        RunEngine engine(project, run->id, services);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QVERIFY2(engine.state().phase == RunPhase::Review, qPrintable(engine.state().endReason));
        QCOMPARE(engine.state().iteration, 2);
        QCOMPARE(sandboxes, 1);
        // The gates ran through the substituted sandbox: bare, and said so.
        Store &store = project.store();
        QVERIFY(!harness::test::committedOfKind(store, run->id, kinds::SandboxBypassed).isEmpty());
        const auto gates = harness::test::committedOfKind(store, run->id, kinds::GateResult);
        QStringList names;
        for (const auto &e : gates)
            names << readPayload<GateResultPayload>(e)->gate;
        QVERIFY2(names.contains("tests"), qPrintable(names.join(", ")));
        // The contract's acceptance criterion with a check is a gate of its own, passing at the end.
        const auto acceptance = std::find_if(gates.crbegin(), gates.crend(), [](const Event &e) {
            return readPayload<GateResultPayload>(e)->gateKind == QLatin1String("acceptance");
        });
        QVERIFY(acceptance != gates.crend());
        QCOMPARE(readPayload<GateResultPayload>(*acceptance)->status, GateStatus::Passed);
    }

    void anotherExecutorRunsThroughTheSamePhases()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        int sandboxes = 0;
        RunServices services = unsandboxed(project, &sandboxes);
        services.provider.reset(); // no model: the agent does its own turns
        const QList<ScriptTurn> script =
                readScript(project.root() + QStringLiteral("/.harness/replay/add-kelvin.jsonl"));
        QVERIFY(script.size() >= 4);
        ScriptedAgent *agent = nullptr;
        services.makeExecutor = [&](const ExecutorEnvironment &env) -> Result<std::unique_ptr<Executor>> {
            auto made = std::make_unique<ScriptedAgent>(env, script);
            agent = made.get();
            return std::unique_ptr<Executor>(std::move(made));
        };
        auto run = RunEngine::createRun(project, demo->task.id, services.policy, "human:tester");
        QVERIFY(run);

        // Up to the first checkpoint with one engine...
        auto engine = std::make_unique<RunEngine>(project, run->id, services);
        while (engine->state().checkpoints.isEmpty()) {
            auto outcome = engine->step();
            QVERIFY2(outcome, qPrintable(outcome.errorText()));
            QCOMPARE(*outcome, RunEngine::Outcome::Progressed);
        }
        QVERIFY(agent->writesRefusedBeforeApproval);
        QCOMPARE(agent->kinds, QList<ExecutorTurn::Kind> {ExecutorTurn::Kind::Build});
        // ...and on with a new engine and a new executor, as after a restart.
        engine = std::make_unique<RunEngine>(project, run->id, services);
        auto outcome = engine->drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        const RunState &s = engine->state();
        QVERIFY2(s.phase == RunPhase::Review, qPrintable(s.endReason));
        QCOMPARE(s.iteration, 2);
        QCOMPARE(agent->kinds, QList<ExecutorTurn::Kind> {ExecutorTurn::Kind::Fix});
        // Its usage is the run's: one call per plan and per iteration.
        QCOMPARE(s.tokensIn + s.tokensOut, 3 * 1100);
        // Its edits went through the harness's tools (recorded by them), and were verified.
        QVERIFY(harness::test::committedOfKind(store, run->id, kinds::ToolCall).size() >= 3);
        const auto verdicts = harness::test::committedOfKind(store, run->id, kinds::VerifyFinished);
        QCOMPARE(verdicts.size(), 2);
        QVERIFY(!readPayload<VerifyFinishedPayload>(verdicts.first())->passed);
        QVERIFY(readPayload<VerifyFinishedPayload>(verdicts.last())->passed);
        QFile changed(s.worktreePath + QStringLiteral("/src/units/core/temperature.py"));
        QVERIFY(changed.open(QIODevice::ReadOnly));
        QVERIFY(changed.readAll().contains("def fahrenheit_to_kelvin"));
        QVERIFY(!QFile::exists(s.worktreePath + QStringLiteral("/src/units/early.py")));
        QVERIFY(store.verifyChain()->intact);
    }
};

QTEST_GUILESS_MAIN(TestExecutorSeam)
#include "tst_executorseam.moc"
