// TaskGraphPanel over a real store: every task is a node coloured by its state, clicking selects and
// inspects it, dragging from one node onto another adds a dependency to the store, a drag that would
// close a cycle is refused with a message, zoom and fit change the scale, a subtask can be added, a task
// whose run waits in the runners' queue reads "Queued".
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/taskeditdialog.h"
#include "core/events/runevents.h"
#include "orchestration/taskgraph.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "taskgraph/taskgraphpanel.h"
#include "taskgraph/taskgraphview.h"
#include "taskgraph/tasknodeitem.h"
#include "ui/support/uifixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSplitter>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <memory>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestTaskGraphPanel : public QObject
{
    Q_OBJECT
private:
    struct Setup
    {
        UiFixture fx;
        RepositorySession *session = nullptr;
        RunTracker *tracker = nullptr;
        TaskGraphPanel *panel = nullptr;
        Setup()
        {
            const Task t1 = fx.addTask(QStringLiteral("Parse units"), {}, TaskState::Merged);
            const Task t2 = fx.addTask(QStringLiteral("Convert Kelvin"), {t1.id}, TaskState::Running);
            fx.addTask(QStringLiteral("Document conversions"), {t2.id});
            fx.addTask(QStringLiteral("Unrelated cleanup"));
            const Run r = fx.addRun(t2.id);
            fx.append(r.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                      {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), 1}});
            panel = new TaskGraphPanel;
            session = fx.session(panel);
            tracker = new RunTracker(session, panel);
            panel->resize(1100, 700);
            panel->show();
            QSignalSpy laid(panel, &TaskGraphPanel::layoutFinished);
            panel->setSession(session, tracker);
            QVERIFY2(laid.wait(10000) || !panel->isLayoutRunning(), "layout did not finish");
        }
        ~Setup() { delete panel; }
    };

    static void drag(TaskGraphView *view, const QPoint &from, const QPoint &to)
    {
        QWidget *vp = view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        // Move in steps so the drag threshold is crossed and the target is hovered.
        for (int i = 1; i <= 10; ++i) {
            const QPoint p = from + (to - from) * i / 10;
            QMouseEvent move(QEvent::MouseMove, p, vp->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(vp, &move);
        }
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
    }

private Q_SLOTS:
    void showsEveryTaskColouredByState()
    {
        Setup s;
        TaskGraphView *view = s.panel->graphView();
        QCOMPARE(s.panel->layoutEngine(), QStringLiteral("dot"));
        for (const char *id : {"T1", "T2", "T3", "T4"})
            QVERIFY2(view->node(QString::fromLatin1(id)), id);
        QCOMPARE(view->node(QStringLiteral("T1"))->task().state, TaskState::Merged);
        QCOMPARE(view->node(QStringLiteral("T2"))->task().title, QStringLiteral("Convert Kelvin"));
        // Prerequisites are drawn above the tasks waiting for them.
        QVERIFY(view->node(QStringLiteral("T1"))->sceneBoundingRect().bottom() <=
                view->node(QStringLiteral("T2"))->sceneBoundingRect().top());
        // The legend names every state.
        auto *legend = s.panel->findChild<QLabel *>(QStringLiteral("taskGraphLegend"));
        QVERIFY(legend);
        QVERIFY(legend->text().contains(QStringLiteral("Awaiting approval")));
        QVERIFY(legend->text().contains(QStringLiteral("Merged")));
        // It wraps in a narrow window instead of widening it.
        QVERIFY(legend->minimumSizeHint().width() < 200);
        // A state change in the store recolours the node without a new layout.
        Task t4 = s.fx.store->task(QStringLiteral("T4")).value();
        t4.state = TaskState::Failed;
        QVERIFY(s.fx.store->updateTask(t4).ok());
        QTRY_COMPARE(view->node(QStringLiteral("T4"))->task().state, TaskState::Failed);
    }

    void clickSelectsAndInspects()
    {
        Setup s;
        TaskGraphView *view = s.panel->graphView();
        view->fit();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->nodeCenter(QStringLiteral("T2")));
        QCOMPARE(s.session->currentTaskId(), QStringLiteral("T2"));
        QCOMPARE(view->selectedTask(), QStringLiteral("T2"));
        QVERIFY(s.panel->inspector()->toPlainText().contains(QStringLiteral("Goal of Convert Kelvin")));
        QVERIFY(s.panel->inspector()->toPlainText().contains(QStringLiteral("src/**")));
        // Each heading stands apart from its content, also when a list is empty.
        const QString text = s.panel->inspector()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Constraints: none")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("criterianone")) &&
                         !text.contains(QStringLiteral("Constraintsnone")) &&
                         !text.contains(QStringLiteral("Scopesrc")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Acceptance criteria:\n")));
        // Its run is listed and selecting it selects the run for the other views.
        QTRY_COMPARE(s.panel->runList()->count(), 1);
        QVERIFY(s.panel->runList()->item(0)->text().startsWith(QStringLiteral("R1")));
        s.panel->runList()->setCurrentRow(0);
        QCOMPARE(s.session->currentRunId(), QStringLiteral("R1"));
    }

    void runningNodeShowsProgress()
    {
        Setup s;
        // The run tracker folds the run's phase_started event into the node's progress.
        QTRY_VERIFY(s.tracker->summary(QStringLiteral("R1")).step == QStringLiteral("build"));
        QTRY_VERIFY(s.panel->graphView()->node(QStringLiteral("T2")) != nullptr);
        QVERIFY(s.tracker->summary(QStringLiteral("R1")).progress() > 0);
    }

    // A run a runner drives elsewhere: the node and the run list say which runner, on which host.
    void aRunnersRunShowsTheRunner()
    {
        Setup s;
        s.fx.append(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("run_claimed"),
                    {{QStringLiteral("runner"), QStringLiteral("r2")},
                     {QStringLiteral("host"), QStringLiteral("build-7")},
                     {QStringLiteral("token"), 4},
                     {QStringLiteral("worktree"), QStringLiteral("/cache/r2/R1")}});
        s.fx.append(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("phase_started"),
                    {{QStringLiteral("phase"), QStringLiteral("verify")}, {QStringLiteral("iteration"), 1}});
        QTRY_COMPARE(s.tracker->summary(QStringLiteral("R1")).runner, QStringLiteral("r2"));
        QCOMPARE(s.tracker->summary(QStringLiteral("R1")).runnerText(), QStringLiteral("r2 on build-7"));
        QTRY_COMPARE(s.panel->graphView()->node(QStringLiteral("T2"))->progressText(),
                     QStringLiteral("verify #1 · r2"));
        TaskGraphView *view = s.panel->graphView();
        view->fit();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->nodeCenter(QStringLiteral("T2")));
        QTRY_COMPARE(s.panel->runList()->count(), 1);
        const QString run = s.panel->runList()->item(0)->text();
        QVERIFY2(run.contains(QStringLiteral("runner r2 on build-7")), qPrintable(run));
        // With HARNESS_SCREENSHOT_DIR set: the graph with the runner's run, at both sizes.
        if (const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR"); !shots.isEmpty())
            for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
                s.panel->resize(size);
                view->fit();
                QTest::qWait(50);
                QVERIFY(s.panel->grab().save(QStringLiteral("%1/taskgraph-runner-%2x%3.png")
                                                     .arg(shots)
                                                     .arg(size.width())
                                                     .arg(size.height())));
            }
    }

    // A task whose run waits in the runners' queue is drawn as queued, with a line saying so, not as open;
    // once a runner claims the run, the node shows the runner as for any runner's run. With
    // HARNESS_SCREENSHOT_DIR set: the task list beside the graph, at both sizes.
    void aQueuedRunShowsQueued()
    {
        Setup s;
        const Run queued = s.fx.addRun(QStringLiteral("T4"));
        s.fx.append(queued.id, QStringLiteral("human:ann"), QString(kinds::RunRequested),
                    RunRequestedPayload {QStringLiteral("T4"), QStringLiteral("main")}.toJson());
        s.fx.append(queued.id, QStringLiteral("human:ann"), QString(kinds::RunQueued),
                    RunQueuedPayload {5, QStringLiteral("/srv/team.git"), {}}.toJson());
        TaskGraphView *view = s.panel->graphView();
        QTRY_COMPARE(view->node(QStringLiteral("T4"))->stateText(), QStringLiteral("Queued"));
        QCOMPARE(view->node(QStringLiteral("T4"))->progressText(), QStringLiteral("queued for the runners"));
        QCOMPARE(view->node(QStringLiteral("T4"))->task().state, TaskState::Open); // the store's, unchanged
        QCOMPARE(view->node(QStringLiteral("T3"))->stateText(), QStringLiteral("Open")); // no run: open
        auto *legend = s.panel->findChild<QLabel *>(QStringLiteral("taskGraphLegend"));
        QVERIFY(legend->text().contains(QStringLiteral("Queued")));
        view->fit();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->nodeCenter(QStringLiteral("T4")));
        QTRY_VERIFY2(s.panel->inspector()->toPlainText().contains(QStringLiteral(
                             "State: Queued — waiting in the runners' queue for a runner to claim it")),
                     qPrintable(s.panel->inspector()->toPlainText()));
        QTRY_COMPARE(s.panel->runList()->count(), 1);
        QVERIFY2(s.panel->runList()->item(0)->text().contains(QStringLiteral("queued for the runners")),
                 qPrintable(s.panel->runList()->item(0)->text()));

        // With HARNESS_SCREENSHOT_DIR set: the task list beside the graph, as the window docks them.
        const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR");
        std::unique_ptr<QSplitter> window;
        TaskListPanel *list = nullptr;
        if (!shots.isEmpty()) {
            window = std::make_unique<QSplitter>();
            list = new TaskListPanel(window.get());
            list->setSession(s.session, s.tracker);
            window->addWidget(list);
            window->addWidget(s.panel);
            window->setStretchFactor(1, 1);
            window->show();
        }
        const auto shoot = [&](const QString &name, const QString &listState) {
            if (!window)
                return;
            TaskListModel *model = list->model();
            QTRY_COMPARE(model->data(model->index(model->rowOfTask(QStringLiteral("T4")),
                                                  TaskListModel::StateColumn))
                                 .toString(),
                         listState);
            for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
                window->resize(size);
                window->setSizes({size.width() * 3 / 10, size.width() * 7 / 10});
                QTest::qWait(50);
                view->fit();
                QTest::qWait(50);
                QVERIFY(window->grab().save(QStringLiteral("%1/tasklist-graph-%2-%3x%4.png")
                                                    .arg(shots, name)
                                                    .arg(size.width())
                                                    .arg(size.height())));
            }
        };
        shoot(QStringLiteral("queued"), QStringLiteral("Queued"));

        // A runner claims it: the node shows the runner, the run list names it and its machine.
        RunClaimedPayload claimed;
        claimed.runner = QStringLiteral("build-3");
        claimed.host = QStringLiteral("node-7");
        claimed.token = 1;
        claimed.worktree = QStringLiteral("/var/cache/harness/R2");
        s.fx.append(queued.id, QStringLiteral("harness"), QString(kinds::RunClaimed), claimed.toJson());
        QTRY_COMPARE(view->node(QStringLiteral("T4"))->stateText(), QStringLiteral("Running"));
        QCOMPARE(view->node(QStringLiteral("T4"))->progressText(), QStringLiteral("build-3"));
        QTRY_VERIFY(s.panel->runList()->count() == 1 &&
                    s.panel->runList()->item(0)->text().contains(QStringLiteral("runner build-3 on node-7")));
        QTRY_VERIFY(s.panel->inspector()->toPlainText().contains(
                QStringLiteral("State: Running — claimed by runner build-3 on node-7, which drives it")));
        shoot(QStringLiteral("claimed"), QStringLiteral("Running on build-3"));
        if (window)
            s.panel->setParent(nullptr); // the panel stays Setup's to delete
    }

    void dragAddsDependency()
    {
        Setup s;
        TaskGraphView *view = s.panel->graphView();
        view->fit();
        QSignalSpy added(s.panel, &TaskGraphPanel::dependencyAdded);
        drag(view, view->nodeCenter(QStringLiteral("T4")), view->nodeCenter(QStringLiteral("T3")));
        QVERIFY(added.wait(5000));
        QCOMPARE(s.fx.store->task(QStringLiteral("T3"))->dependsOn,
                 QStringList({QStringLiteral("T2"), QStringLiteral("T4")}));
        QVERIFY(s.panel->messageLine()->text().contains(QStringLiteral("T3 now waits for T4")));
        // The graph is laid out again with the new edge: T4 is now above T3.
        QTRY_VERIFY(view->node(QStringLiteral("T4")) && view->node(QStringLiteral("T3")) &&
                    view->node(QStringLiteral("T4"))->sceneBoundingRect().bottom() <=
                            view->node(QStringLiteral("T3"))->sceneBoundingRect().top());
    }

    void cycleIsRefused()
    {
        Setup s;
        TaskGraphView *view = s.panel->graphView();
        view->fit();
        // T3 waits for T2 which waits for T1: making T1 wait for T3 would be a cycle.
        drag(view, view->nodeCenter(QStringLiteral("T3")), view->nodeCenter(QStringLiteral("T1")));
        QTRY_VERIFY(s.panel->messageLine()->isVisible());
        QTRY_VERIFY(s.panel->messageLine()->text().contains(QStringLiteral("Refused")));
        QVERIFY(s.panel->messageLine()->text().contains(QStringLiteral("(T3 waits for T2 waits for T1)")));
        QVERIFY(s.fx.store->task(QStringLiteral("T1"))->dependsOn.isEmpty());
    }

    // Bug: the cycle check ran on the view's snapshot of the tasks. Here the snapshot is stale (a runner
    // made T1 wait for T4 after it was taken); making T4 wait for T1 must still be refused.
    void theCycleCheckSeesTheStoreNotTheSnapshot()
    {
        Setup s;
        s.session->setPollInterval(0);
        Task t1 = s.fx.store->task(QStringLiteral("T1")).value();
        t1.dependsOn << QStringLiteral("T4");
        QVERIFY(s.fx.store->updateTask(t1));
        QVERIFY(s.session->taskById(QStringLiteral("T1")).dependsOn.isEmpty()); // the view does not know
        s.panel->addDependency(QStringLiteral("T1"), QStringLiteral("T4"));
        QTRY_VERIFY(s.panel->messageLine()->text().contains(QStringLiteral("Refused")));
        QVERIFY(s.fx.store->task(QStringLiteral("T4"))->dependsOn.isEmpty());
        const QList<Task> all = s.fx.store->tasks().value();
        QVERIFY(TaskGraph(all).cycle().isEmpty());
    }

    void zoomAndFit()
    {
        Setup s;
        TaskGraphView *view = s.panel->graphView();
        view->fit();
        const qreal fitted = view->zoom();
        view->zoomIn();
        QVERIFY(view->zoom() > fitted);
        view->zoomOut();
        view->zoomOut();
        QVERIFY(view->zoom() < fitted);
        QWheelEvent wheel(QPointF(50, 50), view->viewport()->mapToGlobal(QPointF(50, 50)), {}, QPoint(0, 120),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        const qreal before = view->zoom();
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->zoom() > before);
        view->fit();
        QCOMPARE(view->zoom(), fitted);
    }

    void addSubtask()
    {
        Setup s;
        s.session->selectTask(QStringLiteral("T2"));
        QVERIFY(s.panel->addSubtaskButton()->isEnabled());
        QTimer::singleShot(0, [] {
            auto *dialog = qobject_cast<TaskEditDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->titleEdit()->setText(QStringLiteral("Handle absolute zero"));
            dialog->goalEdit()->setPlainText(QStringLiteral("Refuse temperatures below 0 K"));
            dialog->accept();
        });
        s.panel->addSubtaskButton()->click();
        QTRY_COMPARE(s.fx.store->tasks()->size(), 5);
        const Task sub = s.fx.store->task(QStringLiteral("T5")).value();
        QCOMPARE(sub.title, QStringLiteral("Handle absolute zero"));
        QCOMPARE(sub.parentId, QStringLiteral("T2"));
        // The subtask and the parent's new dependency are one transaction: both, or neither.
        QVERIFY(s.fx.store->task(QStringLiteral("T2"))->dependsOn.contains(QStringLiteral("T5")));
        QVERIFY(s.fx.store->flush());
        QStringList kinds;
        const QList<Event> log = s.fx.store->eventsFromLog(0, 100).value();
        for (const Event &e : log)
            if (e.runId.isEmpty())
                kinds << e.kind;
        QCOMPARE(kinds, (QStringList {QStringLiteral("task_added"), QStringLiteral("dependency_added")}));
        QTRY_VERIFY(s.panel->graphView()->node(QStringLiteral("T5")));
    }

    void emptyStates()
    {
        TaskGraphPanel panel;
        panel.setSession(nullptr, nullptr);
        QVERIFY(!panel.addSubtaskButton()->isEnabled());
        UiFixture fx;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session, nullptr);
        QVERIFY(panel.graphView()->scene()->items().isEmpty());
    }
};

QTEST_MAIN(TestTaskGraphPanel)
#include "tst_taskgraphpanel.moc"
