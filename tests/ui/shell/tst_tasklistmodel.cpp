// TaskListModel under QAbstractItemModelTester over a real store: tasks added, changed and the session
// replaced, removed or deleted keep the model consistent; each row shows a task of the session, and a task
// whose run the runners drive as the run's fold says (queued, or claimed by a runner).
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/taskstatestyle.h"
#include "core/events/runevents.h"
#include "shell/tasklistmodel.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestTaskListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staysConsistentAsTasksChange()
    {
        UiFixture fx;
        const Task first = fx.addTask(QStringLiteral("Parse ISO dates"));
        fx.addTask(QStringLiteral("Format dates"), {first.id});
        RepositorySession *session = fx.session(this);

        TaskListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setSession(session);
        QCOMPARE(model.rowCount(), 2);
        const int row = model.rowOfTask(first.id);
        QVERIFY(row >= 0);
        QCOMPARE(model.data(model.index(row, TaskListModel::TitleColumn)).toString(),
                 QStringLiteral("Parse ISO dates"));
        QCOMPARE(model.data(model.index(row, TaskListModel::IdColumn), TaskListModel::TaskIdRole).toString(),
                 first.id);

        // The store changes; the session's poll brings the tasks and runs in.
        const Task third = fx.addTask(QStringLiteral("Document dates"));
        fx.addRun(third.id);
        session->refresh();
        QTRY_COMPARE(model.rowCount(), 3);
        QVERIFY(model.rowOfTask(third.id) >= 0);

        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setSession(session);
        QCOMPARE(model.rowCount(), 3);
        // A session deleted under the model (the repository closed) resets it: its rows do not vanish
        // behind the view's back.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        delete session;
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    // A task whose run waits in the runners' queue is not "Open": it reads "Queued", and once a runner has
    // claimed the run, which runner drives it. The rows follow the fold (RunTracker), not a reset.
    void aTaskTheRunnersDriveShowsItsRunsPlace()
    {
        UiFixture fx;
        const Task queued = fx.addTask(QStringLiteral("Parse ISO dates"));
        const Task claimed = fx.addTask(QStringLiteral("Format dates"), {}, TaskState::Running);
        const Task idle = fx.addTask(QStringLiteral("Document dates"));
        const auto queueRun = [&fx](const QString &taskId) {
            const Run r = fx.addRun(taskId);
            fx.append(r.id, QStringLiteral("human:ann"), QString(kinds::RunRequested),
                      RunRequestedPayload {taskId, QStringLiteral("main")}.toJson());
            fx.append(r.id, QStringLiteral("human:ann"), QString(kinds::RunQueued),
                      RunQueuedPayload {0, QStringLiteral("/srv/team.git"), {}}.toJson());
            return r;
        };
        const auto claim = [&fx](const QString &runId, const QString &runner, const QString &host) {
            RunClaimedPayload p;
            p.runner = runner;
            p.host = host;
            p.token = 1;
            p.worktree = QStringLiteral("/var/cache/harness/") + runId;
            fx.append(runId, QStringLiteral("harness"), QString(kinds::RunClaimed), p.toJson());
        };
        const Run waiting = queueRun(queued.id);
        const Run driven = queueRun(claimed.id);
        claim(driven.id, QStringLiteral("build-3"), QStringLiteral("node-7"));
        RepositorySession *session = fx.session(this);
        RunTracker tracker(session);

        TaskListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(session, &tracker);
        QCOMPARE(model.rowCount(), 3);
        const auto state = [&model](const QString &taskId, int role = Qt::DisplayRole) {
            return model.data(model.index(model.rowOfTask(taskId), TaskListModel::StateColumn), role);
        };
        QTRY_COMPARE(state(queued.id).toString(), QStringLiteral("Queued"));
        QCOMPARE(state(queued.id, Qt::DecorationRole).value<QColor>(), TaskStateStyle::queuedColor());
        QCOMPARE(state(queued.id, Qt::ToolTipRole).toString(),
                 QStringLiteral("Waiting in the runners' queue for a runner to claim it"));
        QTRY_COMPARE(state(claimed.id).toString(), QStringLiteral("Running on build-3"));
        QCOMPARE(state(claimed.id, Qt::DecorationRole).value<QColor>(),
                 TaskStateStyle::color(TaskState::Running));
        QCOMPARE(state(claimed.id, Qt::ToolTipRole).toString(),
                 QStringLiteral("Claimed by runner build-3 on node-7, which drives it"));
        QCOMPARE(state(idle.id).toString(), QStringLiteral("Open"));
        QVERIFY(!state(idle.id, Qt::ToolTipRole).isValid());

        // A runner claims the waiting run (the task itself is still open in the store): the row says so,
        // through dataChanged on that row, without a reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        claim(waiting.id, QStringLiteral("r2"), QStringLiteral("build-7"));
        QTRY_COMPARE(state(queued.id).toString(), QStringLiteral("Running on r2"));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), model.rowOfTask(queued.id));
        QCOMPARE(reset.count(), 0);

        // The run ends: the task's own state again, whatever the runner was.
        fx.append(waiting.id, QStringLiteral("human:ann"), QString(kinds::Aborted),
                  RunEndedPayload {QStringLiteral("not needed"), {}}.toJson());
        Task t = fx.store->task(queued.id).value();
        t.state = TaskState::Aborted;
        QVERIFY(fx.store->updateTask(t));
        session->refresh();
        QTRY_COMPARE(state(queued.id).toString(), QStringLiteral("Aborted"));

        // Without the folds (no tracker), the task's own state.
        model.setSession(session);
        QCOMPARE(state(claimed.id).toString(), QStringLiteral("Running"));
    }
};

QTEST_MAIN(TestTaskListModel)
#include "tst_tasklistmodel.moc"
