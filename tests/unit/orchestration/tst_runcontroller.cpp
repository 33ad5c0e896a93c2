// RunController as a GUI uses it: runs driven on worker threads, decisions made through the services
// (as another window would), results seen only through the controller's queued signals.
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runcontroller.h"

#include <QHash>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

// Failing QTRY_* waits three times their timeout: keep them short. The demo run takes ~1 s here.
constexpr int kTimeoutMs = 45000;
constexpr int kPromptMs = 10000; // what the controller does within a few poll intervals

// Records what a controller reports, per run, the way a window would keep it.
struct Observer
{
    QHash<QString, QString> phase; // run -> last reported phase
    QHash<QString, QStringList> phases; // run -> every reported phase, in order
    QHash<QString, QString> finishedPhase;
    QHash<QString, QString> finishedReason;
    QHash<QString, QString> runOfTask;
    QStringList failures;

    void watch(RunController &controller)
    {
        QObject::connect(&controller, &RunController::runStarted, &controller,
                         [this](const QString &run, const QString &task) { runOfTask.insert(task, run); });
        QObject::connect(&controller, &RunController::runStateChanged, &controller,
                         [this](const QString &run, const QString &p, bool) {
                             phase.insert(run, p);
                             phases[run] << p;
                         });
        QObject::connect(&controller, &RunController::runFinished, &controller,
                         [this](const QString &run, const QString &p, const QString &reason) {
                             finishedPhase.insert(run, p);
                             finishedReason.insert(run, reason);
                         });
        QObject::connect(&controller, &RunController::failed, &controller,
                         [this](const QString &message) { failures << message; });
    }
};

QList<Event> eventsOfKind(Store &store, const QString &runId, QLatin1StringView kind)
{
    QList<Event> out;
    const auto events = store.events(runId);
    if (!events)
        return out;
    for (const auto &e : *events)
        if (e.kind == kind)
            out << e;
    return out;
}

} // namespace

class TestRunController : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        std::shared_ptr<Project> project;
        Task task;
    };

    std::unique_ptr<Demo> makeDemo()
    {
        auto demo = std::make_unique<Demo>();
        auto where = DemoProject::materialize(demo->dir.filePath(QStringLiteral("units")));
        if (!where) {
            qWarning() << where.errorText();
            return nullptr;
        }
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project) {
            qWarning() << project.errorText();
            return nullptr;
        }
        demo->project = *project;
        auto task = DemoProject::addTask(demo->project->store());
        if (!task) {
            qWarning() << task.errorText();
            return nullptr;
        }
        demo->task = *task;
        return demo;
    }

    // Another task with the demo's contract (the replay transcript answers any task's plan).
    static Task addTask(Store &store, const Task &like, const QString &title, const QStringList &dependsOn,
                        TaskState state = TaskState::Open)
    {
        Task t = like;
        t.id.clear();
        t.title = title;
        t.dependsOn = dependsOn;
        t.state = TaskState::Open;
        auto added = store.addTask(t);
        if (!added)
            qFatal("addTask: %s", qPrintable(added.errorText()));
        if (state != TaskState::Open) {
            added->state = state;
            if (!store.updateTask(*added))
                qFatal("updateTask failed");
        }
        return *added;
    }

    static std::unique_ptr<RunController> makeController(Demo &demo, Observer &observer, int limit = 2)
    {
        auto controller = std::make_unique<RunController>(demo.project);
        controller->setPollIntervalMs(50);
        controller->setConcurrencyLimit(limit);
        observer.watch(*controller);
        return controller;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
    }

    void startWaitsForApprovalAndReachesReviewOnceApproved()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Store &store = demo->project->store();
        Observer seen;
        auto controller = makeController(*demo, seen);
        QSignalSpy started(controller.get(), &RunController::runStarted);

        controller->start(demo->task.id);
        QCOMPARE(controller->inProgress(), 1); // counted at once; the run itself is made on a worker
        QVERIFY(started.wait(kPromptMs));
        QCOMPARE(started.size(), 1);
        const QString runId = started.first().at(0).toString();
        QCOMPARE(started.first().at(1).toString(), demo->task.id);
        QCOMPARE(controller->drivenRuns(), QStringList {runId});

        QTRY_COMPARE_WITH_TIMEOUT(seen.phase.value(runId), QStringLiteral("awaiting_approval"), kTimeoutMs);
        QVERIFY2(seen.phases.value(runId).contains(QStringLiteral("planning")),
                 qPrintable(seen.phases.value(runId).join(QLatin1Char(','))));
        // Waiting for the human: nothing was built yet and the worker is still there.
        QVERIFY(eventsOfKind(store, runId, kinds::ToolResult).isEmpty());
        QCOMPARE(controller->drivenRuns(), QStringList {runId});

        ApprovalService approvals(store);
        auto pending = approvals.pending(runId);
        QVERIFY(pending);
        QCOMPARE(pending->size(), 1);
        QVERIFY(approvals.approve(pending->first().id, QStringLiteral("human:window-two")));

        QTRY_COMPARE_WITH_TIMEOUT(seen.phase.value(runId), QStringLiteral("review"), kTimeoutMs);
        const QStringList order = seen.phases.value(runId);
        QVERIFY2(order.indexOf(QStringLiteral("building")) >
                         order.indexOf(QStringLiteral("awaiting_approval")),
                 qPrintable(order.join(QLatin1Char(','))));
        QVERIFY2(order.contains(QStringLiteral("fixing")), qPrintable(order.join(QLatin1Char(','))));
        const auto approved = eventsOfKind(store, runId, kinds::PlanApproved);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().actor, QStringLiteral("human:window-two"));
        QVERIFY(seen.failures.isEmpty());
        QVERIFY(!seen.finishedPhase.contains(runId)); // review is not an end: the human decides
    }

    void abortEndsTheRunAndReportsIt()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Store &store = demo->project->store();
        Observer seen;
        auto controller = makeController(*demo, seen);
        controller->start(demo->task.id);
        QTRY_VERIFY_WITH_TIMEOUT(seen.runOfTask.contains(demo->task.id), kPromptMs);
        const QString runId = seen.runOfTask.value(demo->task.id);
        QTRY_COMPARE_WITH_TIMEOUT(seen.phase.value(runId), QStringLiteral("awaiting_approval"), kTimeoutMs);

        controller->abort(runId, QStringLiteral("wrong task"));
        // The window must learn that the run ended (runFinished), and the task list must say aborted.
        QTRY_VERIFY2_WITH_TIMEOUT(
                seen.finishedPhase.contains(runId),
                qPrintable(QStringLiteral("no runFinished after abort; last phase reported: %1, "
                                          "task state: %2")
                                   .arg(seen.phase.value(runId),
                                        taskStateName(store.task(demo->task.id)->state))),
                kPromptMs);
        QCOMPARE(seen.finishedPhase.value(runId), QStringLiteral("aborted"));
        QCOMPARE(seen.finishedReason.value(runId), QStringLiteral("wrong task"));
        QTRY_VERIFY_WITH_TIMEOUT(controller->drivenRuns().isEmpty(), kPromptMs);
        QCOMPARE(store.task(demo->task.id)->state, TaskState::Aborted);
        const auto aborted = eventsOfKind(store, runId, kinds::Aborted);
        QCOMPARE(aborted.size(), 1);
        QVERIFY2(aborted.first().actor.startsWith(QLatin1String("human:")),
                 qPrintable(aborted.first().actor));
        // An aborted run cannot be aborted again; the controller says so.
        controller->abort(runId);
        QCOMPARE(seen.failures.size(), 1);
        QVERIFY2(seen.failures.first().contains(QLatin1String("has ended")),
                 qPrintable(seen.failures.first()));
    }

    void aSecondStartOfTheSameTaskWhileItStartsIsIgnored()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Observer seen;
        auto controller = makeController(*demo, seen, 5);
        QSignalSpy started(controller.get(), &RunController::runStarted);
        controller->start(demo->task.id);
        controller->start(demo->task.id); // a double click
        QVERIFY(started.wait(kPromptMs));
        QTest::qWait(300);
        QCOMPARE(started.size(), 1);
        QVERIFY2(seen.failures.isEmpty(), qPrintable(seen.failures.join(QLatin1Char('\n'))));
        QCOMPARE(demo->project->store().runs(demo->task.id)->size(), 1);
        QCOMPARE(controller->inProgress(), 1);
    }

    void concurrencyLimitRefusesAnotherRunWithAMessage()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Store &store = demo->project->store();
        const Task second = addTask(store, demo->task, QStringLiteral("Second conversion"), {});
        Observer seen;
        auto controller = makeController(*demo, seen, 1);
        QCOMPARE(controller->concurrencyLimit(), 1);

        controller->start(demo->task.id);
        controller->start(second.id); // refused at once: the first run counts while it is being made
        QCOMPARE(seen.failures.size(), 1);
        QVERIFY2(seen.failures.first().contains(QLatin1String("already in progress")) &&
                         seen.failures.first().contains(QLatin1String("limit")),
                 qPrintable(seen.failures.first()));
        QTRY_VERIFY_WITH_TIMEOUT(seen.runOfTask.contains(demo->task.id), kPromptMs);
        QVERIFY(!seen.runOfTask.contains(second.id));
        QCOMPARE(store.runs(second.id)->size(), 0);
        QCOMPARE(controller->drivenRuns().size(), 1);
    }

    void startReadyStartsOnlyTasksWhoseDependenciesAreMerged()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Store &store = demo->project->store();
        // T1 (the demo) is open; T2 waits for T1; T3 is already merged; T4 depends only on T3.
        const Task waiting = addTask(store, demo->task, QStringLiteral("After the demo"), {demo->task.id});
        const Task done = addTask(store, demo->task, QStringLiteral("Done before"), {}, TaskState::Merged);
        const Task unblocked = addTask(store, demo->task, QStringLiteral("After the merged one"), {done.id});
        Observer seen;
        auto controller = makeController(*demo, seen, 5);

        controller->startReady();
        QTRY_COMPARE_WITH_TIMEOUT(seen.runOfTask.size(), 2, kPromptMs);
        QVERIFY2(seen.failures.isEmpty(), qPrintable(seen.failures.join(QLatin1Char('\n'))));
        QVERIFY(seen.runOfTask.contains(demo->task.id));
        QVERIFY(seen.runOfTask.contains(unblocked.id));
        QVERIFY(!seen.runOfTask.contains(waiting.id));
        QVERIFY(!seen.runOfTask.contains(done.id));
        QCOMPARE(store.runs(waiting.id)->size(), 0);
        QCOMPARE(store.runs(done.id)->size(), 0);
        QCOMPARE(controller->drivenRuns().size(), 2);
        // Both started runs really run: each reaches its plan approval.
        for (const QString &runId : seen.runOfTask) {
            QTRY_VERIFY_WITH_TIMEOUT(seen.phase.value(runId) == QLatin1String("awaiting_approval") ||
                                             seen.finishedPhase.contains(runId),
                                     kTimeoutMs);
            QVERIFY2(seen.phase.value(runId) == QLatin1String("awaiting_approval"),
                     qPrintable(runId + QStringLiteral(" ended: ") + seen.finishedReason.value(runId)));
        }
    }

    void resumeUnfinishedContinuesARunAfterTheControllerIsRecreated()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        Store &store = demo->project->store();
        QString runId;
        {
            Observer seen;
            auto controller = makeController(*demo, seen);
            controller->start(demo->task.id);
            QTRY_VERIFY_WITH_TIMEOUT(seen.runOfTask.contains(demo->task.id), kPromptMs);
            runId = seen.runOfTask.value(demo->task.id);
            QVERIFY(!runId.isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(seen.phase.value(runId), QStringLiteral("awaiting_approval"),
                                      kTimeoutMs);
        } // the workbench closes: the worker stops, the run stays as it is
        ApprovalService approvals(store);
        auto pending = approvals.pending(runId);
        QVERIFY(pending);
        QCOMPARE(pending->size(), 1);
        QVERIFY(approvals.approve(pending->first().id, QStringLiteral("human:after-restart")));
        QTest::qWait(200);
        // Nobody drives the run while no controller exists.
        QVERIFY(eventsOfKind(store, runId, kinds::PlanApproved).isEmpty());

        Observer seen;
        auto controller = makeController(*demo, seen);
        QSignalSpy resumed(controller.get(), &RunController::unfinishedResumed);
        controller->resumeUnfinished(); // scans on a worker: the event loop stays free
        QVERIFY(resumed.wait(kTimeoutMs));
        QCOMPARE(resumed.first().first().toStringList(), QStringList {runId});
        QCOMPARE(controller->drivenRuns(), QStringList {runId});
        QTRY_COMPARE_WITH_TIMEOUT(seen.phase.value(runId), QStringLiteral("review"), kTimeoutMs);
        QVERIFY(seen.runOfTask.isEmpty()); // continued, not started anew
        QCOMPARE(store.runs(demo->task.id)->size(), 1);
        const auto approved = eventsOfKind(store, runId, kinds::PlanApproved);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().actor, QStringLiteral("human:after-restart"));
        QCOMPARE(eventsOfKind(store, runId, kinds::PlanProposed).size(), 1); // the plan was not asked again
    }
};

QTEST_GUILESS_MAIN(TestRunController)
#include "tst_runcontroller.moc"
