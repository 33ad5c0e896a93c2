// RunEngine on the real demo project: real git worktrees, real bubblewrap, real pytest gates, the
// replay agent. Each test reads like a user's check of the loop.
#include "common/tools.h"
#include "core/eventkinds.h"
#include "core/events/verifyevents.h"
#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/reviewservice.h"
#include "orchestration/runcontrol.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace harness;

namespace {

QString git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QList<Event> eventsOfKind(Store &store, const QString &runId, QLatin1StringView kind)
{
    QList<Event> out;
    const auto events = store.events(runId);
    for (const auto &e : *events)
        if (e.kind == kind)
            out << e;
    return out;
}

QByteArray autoApprovePolicy(const QString &paths)
{
    return QStringLiteral("{\"provider\":\"replay\",\"transcript\":\".harness/replay/add-kelvin.jsonl\","
                          "\"auto_approve\":{\"enabled\":true,\"paths\":%1,\"max_steps\":5,\"max_files\":5}}")
            .arg(paths)
            .toUtf8();
}

} // namespace

class TestRunEngine : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        std::shared_ptr<Project> project;
        Task task;
    };

    std::unique_ptr<Demo> makeDemo(const std::function<void(Task &)> &editTask = {},
                                   const QByteArray &policyJson = {})
    {
        auto demo = std::make_unique<Demo>();
        auto where = DemoProject::materialize(demo->dir.filePath(QStringLiteral("units")));
        if (!where) {
            qWarning() << where.errorText();
            return nullptr;
        }
        if (!policyJson.isEmpty()) {
            QFile f(where->repositoryRoot + QStringLiteral("/.harness/policy.json"));
            f.open(QIODevice::WriteOnly);
            f.write(policyJson);
            f.close();
            git(where->repositoryRoot, {"commit", "-qam", "policy for the test"});
        }
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project) {
            qWarning() << project.errorText();
            return nullptr;
        }
        demo->project = *project;
        auto task = DemoProject::addTask(demo->project->store());
        if (!task)
            return nullptr;
        if (editTask) {
            editTask(*task);
            if (const Status updated = demo->project->store().updateTask(*task); !updated) {
                qWarning() << updated.errorText();
                return nullptr;
            }
        }
        demo->task = *task;
        return demo;
    }

    static RunServices services(Project &project, const QString &transcript = {})
    {
        auto s = RunServicesFactory::make(project, transcript);
        if (!s)
            qFatal("services: %s", qPrintable(s.errorText()));
        return *s;
    }

    // A run of the task whose plans the human approves in advance (`harness run --approve auto`).
    static std::pair<Result<Run>, std::unique_ptr<RunEngine>>
    autoApprovedRun(Project &project, const QString &taskId, const QString &transcript = {})
    {
        RunServices s = services(project, transcript);
        s.autoApproveActor = QStringLiteral("human:tester");
        auto run = RunEngine::createRun(project, taskId, s.policy, "human:tester");
        if (!run)
            qFatal("createRun: %s", qPrintable(run.errorText()));
        auto engine = std::make_unique<RunEngine>(project, run->id, s);
        return {std::move(run), std::move(engine)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
    }

    void demoRunPlansWaitsBuildsFailsFixesAndMerges()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy,
                                        QStringLiteral("human:tester"));
        QVERIFY2(run, qPrintable(run.errorText()));

        RunEngine engine(project, run->id, services(project));
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QCOMPARE(*outcome, RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().phase, RunPhase::AwaitingApproval);
        // Nothing was written or run before the approval.
        QVERIFY(eventsOfKind(store, run->id, kinds::ToolResult).isEmpty());
        auto pending = store.approvals(true, run->id);
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->first().subjectHash, engine.state().planHash);
        QCOMPARE(pending->first().subject.value("summary").toString(), engine.state().plan->summary);

        ApprovalService approvals(store);
        QVERIFY(approvals.approve(pending->first().id, QStringLiteral("human:tester")));
        outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        const RunState &s = engine.state();
        QCOMPARE(runPhaseName(s.phase), QStringLiteral("review"));
        QCOMPARE(s.iteration, 2);

        // The approval is an audited event with the human as actor.
        const auto approved = eventsOfKind(store, run->id, kinds::PlanApproved);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().actor, QStringLiteral("human:tester"));

        // Iteration 1 failed a test and the layer rule; iteration 2 passed.
        const auto verifies = eventsOfKind(store, run->id, kinds::VerifyFinished);
        QCOMPARE(verifies.size(), 2);
        QVERIFY(!verifies.at(0).payload.value("passed").toBool());
        QVERIFY(verifies.at(1).payload.value("passed").toBool());
        const QString firstFindings =
                QString::fromUtf8(QJsonDocument(verifies.at(0).payload.value("findings").toArray()).toJson());
        QVERIFY2(firstFindings.contains(QStringLiteral("test_kelvin")), qPrintable(firstFindings));
        QVERIFY2(firstFindings.contains(QStringLiteral("units-core-pure")), qPrintable(firstFindings));

        // Every step of the agent's work is a commit on the run's branch, one per iteration.
        const QString count = git(project.root(), {"rev-list", "--count", s.baseCommit + ".." + s.branch});
        QCOMPARE(count, QStringLiteral("2"));
        QCOMPARE(eventsOfKind(store, run->id, kinds::ContextAssembled).size(), 3); // plan, build, fix
        // The fix context summarises iteration 1: its commit, what the tools changed, its gates.
        const QString fixPrompt = eventsOfKind(store, run->id, kinds::ContextAssembled)
                                          .last()
                                          .payload.value("prompt")
                                          .toString();
        const QString firstCommit = eventsOfKind(store, run->id, kinds::Checkpoint)
                                            .first()
                                            .payload.value("commit")
                                            .toString()
                                            .left(7);
        // The summary line itself names the changed files (the prompt names them elsewhere too).
        const QString head = QStringLiteral("Iteration 1 (commit %1): changed ").arg(firstCommit);
        const qsizetype at = fixPrompt.indexOf(head);
        QVERIFY2(at >= 0, qPrintable(fixPrompt.right(3000)));
        const QString summary = fixPrompt.mid(at, fixPrompt.indexOf(QLatin1Char('\n'), at) - at);
        QVERIFY2(summary.contains(QStringLiteral("src/units/core/temperature.py")), qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("changed no files")), qPrintable(summary));

        // Merge: the change lands on main, the worktree goes, the task is merged, the chain holds.
        ReviewService review(store, project.root());
        auto conflicts = review.merge(run->id, QStringLiteral("human:tester"));
        QVERIFY2(conflicts, qPrintable(conflicts.errorText()));
        QVERIFY(conflicts->isEmpty());
        QFile merged(project.root() + QStringLiteral("/src/units/core/temperature.py"));
        QVERIFY(merged.open(QIODevice::ReadOnly));
        const QByteArray text = merged.readAll();
        QVERIFY(text.contains("def fahrenheit_to_kelvin"));
        QVERIFY(!text.contains("units.cli"));
        QVERIFY(!QDir(s.worktreePath).exists());
        QCOMPARE(store.task(demo->task.id)->state, TaskState::Merged);
        QVERIFY(store.verifyChain()->intact);
    }

    void changesRequestedReturnToPlanWithTheFeedback()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        // A transcript with a second plan round.
        const QString transcript = project.root() + QStringLiteral("/.harness/replay/add-kelvin.jsonl");
        QFile f(transcript);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray lines = f.readAll();
        f.close();
        const QJsonObject first = QJsonDocument::fromJson(lines.split('\n').first()).object();
        QJsonObject second = first;
        second.insert("iteration", 2);
        second.insert("turn", 1);
        const QString twoRounds = demo->dir.filePath("two-rounds.jsonl");
        QFile out(twoRounds);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(first).toJson(QJsonDocument::Compact) + '\n' +
                  QJsonDocument(second).toJson(QJsonDocument::Compact) + '\n');
        out.close();

        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy,
                                        QStringLiteral("human:tester"));
        QVERIFY(run);
        RunEngine engine(project, run->id, services(project, twoRounds));
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        const QString firstApproval = engine.state().pendingApprovalId;
        ApprovalService approvals(store);
        QVERIFY(!approvals.requestChanges(firstApproval, "human:tester", "")); // feedback is required
        QVERIFY(approvals.requestChanges(firstApproval, "human:tester",
                                         "Also round to two decimals in the CLI."));
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().planRound, 2);
        QVERIFY(engine.state().pendingApprovalId != firstApproval);
        const auto contexts = eventsOfKind(store, run->id, kinds::ContextAssembled);
        QCOMPARE(contexts.size(), 2);
        QVERIFY(contexts.last().payload.value("prompt").toString().contains("Also round to two decimals"));
        // The first approval cannot be reused for the second plan.
        QVERIFY(!approvals.approve(firstApproval, "human:tester"));
        const auto sentBack = eventsOfKind(store, run->id, kinds::PlanChangesRequested);
        QCOMPARE(sentBack.size(), 1);
        QCOMPARE(sentBack.first().actor, QStringLiteral("human:tester"));
    }

    void reviewCommentsGoBackToTheAgentForAnotherIteration()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        // The recorded session plus the agent's answer to the review feedback (fix iteration 3).
        QFile f(project.root() + QStringLiteral("/.harness/replay/add-kelvin.jsonl"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray lines = f.readAll();
        f.close();
        lines += QJsonDocument(QJsonObject {{"phase", "fix"},
                                            {"iteration", 3},
                                            {"turn", 6},
                                            {"response",
                                             QJsonObject {{"text", "Added the docstring example."},
                                                          {"usage",
                                                           QJsonObject {{"input_tokens", 10},
                                                                        {"output_tokens", 5}}}}}})
                         .toJson(QJsonDocument::Compact) +
                '\n';
        const QString transcript = demo->dir.filePath("with-review.jsonl");
        QFile out(transcript);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines);
        out.close();

        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id, transcript);
        RunEngine &engine = *enginePtr;
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().phase, RunPhase::Review);

        ReviewService review(store, project.root());
        QVERIFY(!review.sendFeedback(run->id, "human:reviewer")); // nothing to send yet
        QVERIFY(review.comment(run->id, {"src/units/core/temperature.py", 25, "Add a doctest example here."},
                               "human:reviewer"));
        QCOMPARE(review.openComments(run->id)->size(), 1);
        QVERIFY(review.sendFeedback(run->id, "human:reviewer"));
        QCOMPARE(review.openComments(run->id)->size(), 0);

        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().phase, RunPhase::Review);
        QCOMPARE(engine.state().iteration, 3);
        const auto contexts = eventsOfKind(store, run->id, kinds::ContextAssembled);
        const QString prompt = contexts.last().payload.value("prompt").toString();
        QVERIFY2(prompt.contains("temperature.py:25: Add a doctest example here."),
                 qPrintable(prompt.left(2000)));
        QCOMPARE(eventsOfKind(store, run->id, kinds::ReviewFeedback).first().actor,
                 QStringLiteral("human:reviewer"));
    }

    void editedPlanIsTheOneBuilt()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy, "human:tester");
        QVERIFY(run);
        RunEngine engine(project, run->id, services(project));
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        Plan edited = *engine.state().plan;
        edited.steps.removeLast();
        edited.summary += QStringLiteral(" (without the CLI step)");
        QVERIFY(ApprovalService(project.store())
                        .approveEdited(engine.state().pendingApprovalId, edited, "human:editor"));
        QVERIFY(engine.step());
        QVERIFY(engine.state().writeAllowed());
        QCOMPARE(engine.state().plan->summary, edited.summary);
        QCOMPARE(eventsOfKind(project.store(), run->id, kinds::PlanEdited).first().actor,
                 QStringLiteral("human:editor"));
    }

    void autoApprovalPolicyApprovesPlansWithinAllowedPaths()
    {
        auto demo = makeDemo({}, autoApprovePolicy(QStringLiteral("[\"src/**\",\"tests/**\"]")));
        QVERIFY(demo);
        Project &project = *demo->project;
        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy, "human:tester");
        RunEngine engine(project, run->id, services(project));
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().phase, RunPhase::Review);
        const auto approved = eventsOfKind(project.store(), run->id, kinds::PlanApproved);
        QCOMPARE(approved.first().actor, QStringLiteral("harness"));
        QVERIFY(approved.first().payload.value("auto").toBool());
    }

    void planOutsideAutoApprovePathsWaitsForAHuman()
    {
        auto demo = makeDemo({}, autoApprovePolicy(QStringLiteral("[\"tests/**\"]")));
        QVERIFY(demo);
        Project &project = *demo->project;
        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy, "human:tester");
        RunEngine engine(project, run->id, services(project));
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(engine.state().phase, RunPhase::AwaitingApproval);
    }

    void escalatesWhenTheIterationsRunOut()
    {
        auto demo = makeDemo([](Task &t) { t.contract.budget.maxIterations = 1; });
        QVERIFY(demo);
        Project &project = *demo->project;
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Finished);
        QCOMPARE(engine.state().phase, RunPhase::Escalated);
        QVERIFY2(engine.state().endReason.contains(QStringLiteral("after 1 iterations")),
                 qPrintable(engine.state().endReason));
        QCOMPARE(project.store().task(demo->task.id)->state, TaskState::Escalated);
    }

    void budgetStopsTheRun()
    {
        auto demo = makeDemo([](Task &t) { t.contract.budget.maxTokens = 3000; });
        QVERIFY(demo);
        Project &project = *demo->project;
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Finished);
        QCOMPARE(engine.state().phase, RunPhase::Escalated);
        QCOMPARE(eventsOfKind(project.store(), run->id, kinds::BudgetExhausted).size(), 1);
        QVERIFY(engine.state().endReason.contains(QStringLiteral("token budget")));
    }

    void routerDegradesToTheCheaperModelPastTheThreshold()
    {
        auto demo = makeDemo(
                [](Task &t) { t.contract.budget.maxTokens = 100000; },
                QByteArray("{\"provider\":\"replay\",\"transcript\":\".harness/replay/add-kelvin.jsonl\","
                           "\"models\":{\"default\":\"big-model\"},\"fallback_model\":\"small-model\","
                           "\"degrade_at\":0.05}"));
        QVERIFY(demo);
        Project &project = *demo->project;
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Waiting);
        // 2,520 tokens of the plan call are past 5% of 100,000: every later call uses the small model.
        const auto degraded = eventsOfKind(project.store(), run->id, kinds::BudgetDegraded);
        QCOMPARE(degraded.size(), 1);
        QCOMPARE(degraded.first().payload.value("from").toString(), QStringLiteral("big-model"));
        QCOMPARE(degraded.first().payload.value("to").toString(), QStringLiteral("small-model"));
        QVERIFY(engine.state().degraded);
        QCOMPARE(engine.state().phase, RunPhase::Review);
    }

    void pauseStopsAndAbortKeepsTheWorktree()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        for (int i = 0; i < 6; ++i)
            QVERIFY(engine.step());
        RunControl control(project.store());
        QVERIFY(control.pause(run->id, "human:tester"));
        const qint64 seq = engine.state().lastSeq;
        QCOMPARE(*engine.step(), RunEngine::Outcome::Paused);
        QCOMPARE(*engine.step(), RunEngine::Outcome::Paused);
        QCOMPARE(engine.state().lastSeq, seq + 1); // only the pause event itself
        QVERIFY(control.resume(run->id, "human:tester"));
        QCOMPARE(*engine.step(), RunEngine::Outcome::Progressed);
        QVERIFY(control.abort(run->id, "human:tester", "wrong task"));
        QCOMPARE(*engine.step(), RunEngine::Outcome::Finished);
        QCOMPARE(engine.state().phase, RunPhase::Aborted);
        QVERIFY(QDir(engine.state().worktreePath).exists());
        QVERIFY(!control.pause(run->id, "human:tester")); // nothing to pause any more
        QCOMPARE(project.store().task(demo->task.id)->state, TaskState::Aborted);
    }

    void aPlanAnswerRecordedBeforeACrashIsReadNotAskedAgain()
    {
        // The harness died after the model's plan answer was committed and before the plan was read
        // out of it. The resumed engine must read that answer: asking again would pay twice, and the
        // replayed session has no second answer for the round.
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        while (eventsOfKind(store, run->id, kinds::ContextAssembled).isEmpty())
            QCOMPARE(*engine.step(), RunEngine::Outcome::Progressed);
        Plan plan;
        plan.summary = QStringLiteral("Add fahrenheit_to_kelvin, answered before the crash");
        plan.steps.append(
                {QStringLiteral("Add the function"), {QStringLiteral("src/units/core/temperature.py")}});
        const QString answer = QString::fromUtf8(QJsonDocument(plan.toJson()).toJson());
        QVERIFY(store.append(
                QList<Event> {Event::make(run->id, QStringLiteral("harness"), kinds::ModelCall,
                                          {{"phase", "plan"},
                                           {"turn", 0},
                                           {"model", "replay"},
                                           {"input_tokens", 10},
                                           {"output_tokens", 10},
                                           {"cost", 0.0},
                                           {"latency_ms", 1}}),
                              Event::make(run->id, QStringLiteral("agent:replay"), kinds::AgentResponse,
                                          {{"phase", "plan"},
                                           {"iteration", 1},
                                           {"turn", 0},
                                           {"text", answer},
                                           {"tool_calls", QJsonArray()},
                                           {"stop_reason", "end_turn"}})}));

        RunEngine resumed(project, run->id, services(project));
        QCOMPARE(*resumed.step(), RunEngine::Outcome::Progressed);
        const auto proposed = eventsOfKind(store, run->id, kinds::PlanProposed);
        QCOMPARE(proposed.size(), 1);
        QCOMPARE(proposed.first().payload.value("plan").toObject().value("summary").toString(), plan.summary);
        QCOMPARE(proposed.first().actor, QStringLiteral("agent:replay"));
        QCOMPARE(eventsOfKind(store, run->id, kinds::ModelCall).size(), 1);
    }

    // Logs written before a verdict and its decision became one commit can end with the verdict alone.
    // The resumed engine decides from the recorded verdict: a fix iteration for its findings.
    void aVerdictRecordedWithoutItsDecisionIsDecidedOnResume()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        Store &store = project.store();
        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        while (engine.state().phase != RunPhase::Verifying)
            QCOMPARE(*engine.step(), RunEngine::Outcome::Progressed);
        QCOMPARE(eventsOfKind(store, run->id, kinds::Checkpoint).size(), 1);
        VerifyFinishedPayload verdict;
        verdict.iteration = 1;
        verdict.findings = {{QStringLiteral("tests/test_kelvin.py"), 3, 0, Severity::Error,
                             QStringLiteral("pytest"), QStringLiteral("the old verdict's finding"),
                             QStringLiteral("tests")}};
        verdict.findingCount = 1;
        QVERIFY(store.append(makeEvent(run->id, verdict)));

        RunEngine resumed(project, run->id, services(project));
        QCOMPARE(*resumed.step(), RunEngine::Outcome::Progressed);
        QCOMPARE(resumed.state().phase, RunPhase::Fixing);
        QCOMPARE(resumed.state().iteration, 2);
        const auto fix = eventsOfKind(store, run->id, kinds::FixRequested);
        QCOMPARE(fix.size(), 1);
        QCOMPARE(fix.first().payload.value("iteration").toInt(), 2);
        const QString findings =
                QString::fromUtf8(QJsonDocument(fix.first().payload.value("findings").toArray()).toJson());
        QVERIFY2(findings.contains(QStringLiteral("the old verdict's finding")), qPrintable(findings));
        QCOMPARE(eventsOfKind(store, run->id, kinds::VerifyFinished).size(),
                 1); // the gates did not run again
    }

    // The demo's tests gate on a machine without its program: the run stops at the first verify with
    // the shell's reason, instead of asking the agent to fix what no change can fix.
    void aGateThatCannotRunStopsTheRunWithItsReason()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        const QString gatesFile = project.root() + QStringLiteral("/.harness/gates.json");
        QFile f(gatesFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray gates = f.readAll();
        f.close();
        QVERIFY(gates.contains("python3 -B -m pytest"));
        gates.replace("python3 -B -m pytest", "no-such-python-4711 -B -m pytest");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(gates);
        f.close();
        git(project.root(), {"commit", "-qam", "the tests gate needs a program this machine lacks"});

        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Finished);
        QCOMPARE(engine.state().phase, RunPhase::Failed);
        QVERIFY2(engine.state().endReason.contains(
                         QStringLiteral("gate \"tests\" could not run: no-such-python-4711: not found (exit "
                                        "code 127)")),
                 qPrintable(engine.state().endReason));
        QVERIFY(eventsOfKind(project.store(), run->id, kinds::FixRequested).isEmpty());
        QCOMPARE(eventsOfKind(project.store(), run->id, kinds::Failed).size(), 1);
        QCOMPARE(project.store().task(demo->task.id)->state, TaskState::Failed);
    }

    // No sandbox here (bwrap missing or unable to start): the run refuses before any model call.
    void aRunWithoutItsSandboxStopsBeforeItStarts()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        RunServices s = services(project);
        s.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        s.autoApproveActor = QStringLiteral("human:tester");
        auto run = RunEngine::createRun(project, demo->task.id, s.policy, "human:tester");
        QVERIFY2(run, qPrintable(run.errorText()));
        RunEngine engine(project, run->id, s);
        QCOMPARE(*engine.drive(), RunEngine::Outcome::Finished);
        QCOMPARE(engine.state().phase, RunPhase::Failed);
        QVERIFY2(engine.state().endReason.startsWith(
                         QStringLiteral("the sandbox cannot start here: bubblewrap")),
                 qPrintable(engine.state().endReason));
        QCOMPARE(engine.state().modelTurns, 0);
        QVERIFY(eventsOfKind(project.store(), run->id, kinds::PhaseStarted).isEmpty());
    }

    void pauseStopsARunningGateWhichRunsAgainOnResume()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        // A slow gate first: the pause must not wait for it.
        const QString gatesFile = project.root() + QStringLiteral("/.harness/gates.json");
        QFile f(gatesFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray gates = f.readAll();
        f.close();
        gates.replace("\"gates\": [",
                      "\"gates\": [{\"id\": \"slow\", \"kind\": \"command\", \"command\": \"sleep 60\", "
                      "\"timeout_s\": 120},");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(gates);
        f.close();
        git(project.root(), {"commit", "-qam", "a slow gate"});

        auto [run, enginePtr] = autoApprovedRun(project, demo->task.id);
        RunEngine &engine = *enginePtr;
        std::atomic_bool cancel {false};
        std::thread pauser;
        QElapsedTimer sincePause;
        engine.setEventObserver([&](const Event &e) {
            if (e.kind == kinds::PhaseStarted && e.payload.value("phase").toString() == "verify" &&
                !pauser.joinable())
                pauser = std::thread([&] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(500));
                    sincePause.start();
                    cancel.store(true);
                });
        });
        QCOMPARE(*engine.drive(&cancel), RunEngine::Outcome::Paused);
        pauser.join();
        const qint64 stoppedAfter = sincePause.elapsed(); // an upper bound: read once the pauser ended
        QVERIFY2(stoppedAfter < 5000, qPrintable(QString::number(stoppedAfter)));
        QCOMPARE(engine.state().phase, RunPhase::Verifying);
        QVERIFY(eventsOfKind(project.store(), run->id, kinds::VerifyFinished).isEmpty());

        // Resumed by another engine (another process): the gates run again, now quickly.
        const QString worktreeGates = engine.state().worktreePath + QStringLiteral("/.harness/gates.json");
        QFile wf(worktreeGates);
        QVERIFY(wf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        wf.write(QByteArray(gates).replace("sleep 60", "true"));
        wf.close();
        RunEngine resumed(project, run->id, services(project));
        QCOMPARE(*resumed.drive(), RunEngine::Outcome::Waiting);
        QCOMPARE(resumed.state().phase, RunPhase::Review);
        const auto verifies = eventsOfKind(project.store(), run->id, kinds::VerifyFinished);
        QCOMPARE(verifies.size(), 2);
        const QJsonArray firstGates = verifies.first().payload.value("gates").toArray();
        QCOMPARE(firstGates.first().toObject().value("gate").toString(), QStringLiteral("slow"));
        QCOMPARE(firstGates.first().toObject().value("status").toString(), QStringLiteral("passed"));
    }

    void secondRunOfALiveTaskIsRefused()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Project &project = *demo->project;
        auto run = RunEngine::createRun(project, demo->task.id, services(project).policy, "human:tester");
        QVERIFY(run);
        auto again = RunEngine::createRun(project, demo->task.id, services(project).policy, "human:tester");
        QVERIFY(!again);
        QVERIFY(again.errorText().contains(run->id));
    }
};

QTEST_GUILESS_MAIN(TestRunEngine)
#include "tst_runengine.moc"
