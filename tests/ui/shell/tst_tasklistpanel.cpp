// Task list over a real store: every task with its state and dependencies, an honest empty state,
// "New Task…" writes the contract to the store, selection is shared; repository checks and the recent
// list behave as the open dialog needs.
#include "common/repositorysession.h"
#include "common/taskeditdialog.h"
#include "shell/recentrepositories.h"
#include "shell/repositorycheck.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "ui/support/uifixture.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestTaskListPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests")); }

    void showsTheStoresTasks()
    {
        UiFixture fx;
        fx.addTask(QStringLiteral("Parse units"), {}, TaskState::Merged);
        fx.addTask(QStringLiteral("Convert Kelvin"), {QStringLiteral("T1")}, TaskState::AwaitingApproval);
        TaskListPanel panel;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        TaskListModel *m = panel.model();
        QCOMPARE(m->rowCount(), 2);
        QCOMPARE(m->index(1, TaskListModel::TitleColumn).data().toString(), QStringLiteral("Convert Kelvin"));
        QCOMPARE(m->index(1, TaskListModel::StateColumn).data().toString(),
                 QStringLiteral("Awaiting approval"));
        QCOMPARE(m->index(1, TaskListModel::DependsColumn).data().toString(), QStringLiteral("T1"));
        QVERIFY(panel.view()->isVisibleTo(&panel));
        // A task added by someone else (the CLI, a runner) appears.
        fx.addTask(QStringLiteral("From the CLI"));
        QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), 3, 5000);
        // Selection is shared through the session both ways.
        panel.view()->setCurrentIndex(m->index(0, 0));
        QCOMPARE(session->currentTaskId(), QStringLiteral("T1"));
        session->selectTask(QStringLiteral("T3"));
        QCOMPARE(panel.view()->currentIndex().row(), 2);
    }

    void emptyStates()
    {
        TaskListPanel panel;
        auto *stack = panel.findChild<QStackedWidget *>();
        QVERIFY(stack->currentWidget() != panel.view());
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("newTaskButton"))->isEnabled());
        UiFixture fx;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        QVERIFY(stack->currentWidget() != panel.view()); // no tasks yet: says how to make one
        QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("newTaskButton"))->isEnabled());
    }

    void newTaskWritesTheContract()
    {
        UiFixture fx;
        TaskListPanel panel;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        QSignalSpy added(&panel, &TaskListPanel::taskAdded);
        QTimer::singleShot(0, [] {
            auto *dialog = qobject_cast<TaskEditDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->accept(); // empty title: refused, the dialog stays
            QVERIFY(dialog->isVisible());
            dialog->titleEdit()->setText(QStringLiteral("Convert Kelvin"));
            dialog->goalEdit()->setPlainText(QStringLiteral("kelvin_to_celsius exists and is tested"));
            dialog->criteriaEdit()->setPlainText(
                    QStringLiteral("tests pass :: python -m pytest\nno new warnings"));
            dialog->scopeEdit()->setPlainText(QStringLiteral("src/**\ntests/**"));
            dialog->accept();
        });
        panel.newTask();
        QVERIFY(added.wait(5000));
        const Task t = fx.store->task(added.first().first().toString()).value();
        QCOMPARE(t.title, QStringLiteral("Convert Kelvin"));
        QCOMPARE(t.contract.criteria.size(), 2);
        QCOMPARE(t.contract.criteria[0].checkCommand, QStringLiteral("python -m pytest"));
        QCOMPARE(t.contract.scope, QStringList({"src/**", "tests/**"}));
        QCOMPARE(session->currentTaskId(), t.id);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        // Bug: a task made in the workbench left no task_added in the audit trail (the CLI's does).
        QVERIFY(fx.store->flush());
        const QList<Event> log = fx.store->eventsFromLog(0, 100).value();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0].kind, QStringLiteral("task_added"));
        QCOMPARE(log[0].actor, RepositorySession::userActor());
        QCOMPARE(log[0].payload.value(QStringLiteral("task"))
                         .toObject()
                         .value(QStringLiteral("id"))
                         .toString(),
                 t.id);
    }

    void repositoryCheck()
    {
        UiFixture fx;
        QDir(fx.repo).mkpath(QStringLiteral("src/deep"));
        QCOMPARE(RepositoryCheck::rootOf(fx.repo + QStringLiteral("/src/deep")).value(),
                 QDir::cleanPath(fx.repo));
        const Result<QString> notRepo = RepositoryCheck::rootOf(QDir::tempPath() + QStringLiteral("/../"));
        QVERIFY(!notRepo);
        QVERIFY(notRepo.errorText().contains(QStringLiteral("not inside a git repository")));
        QVERIFY(RepositoryCheck::rootOf(fx.path(QStringLiteral("missing")))
                        .errorText()
                        .contains(QStringLiteral("does not exist")));
    }

    void recentList()
    {
        UiFixture fx;
        QSettings().remove(QStringLiteral("recent"));
        for (int i = 0; i < RecentRepositories::kMaximum + 2; ++i) {
            const QString dir = fx.path(QStringLiteral("r%1").arg(i));
            QDir().mkpath(dir);
            RecentRepositories::add(dir);
        }
        const QStringList list = RecentRepositories::list();
        QCOMPARE(list.size(), RecentRepositories::kMaximum);
        QCOMPARE(list.first(), fx.path(QStringLiteral("r%1").arg(RecentRepositories::kMaximum + 1)));
        RecentRepositories::add(fx.path(QStringLiteral("r5")));
        QCOMPARE(RecentRepositories::list().first(), fx.path(QStringLiteral("r5")));
        QDir(fx.path(QStringLiteral("r5"))).removeRecursively();
        QVERIFY(!RecentRepositories::list().contains(
                fx.path(QStringLiteral("r5")))); // gone folders are hidden
    }
};

QTEST_MAIN(TestTaskListPanel)
#include "tst_tasklistpanel.moc"
