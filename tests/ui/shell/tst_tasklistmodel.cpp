// TaskListModel under QAbstractItemModelTester over a real store: tasks added, changed and the session
// replaced, removed or deleted keep the model consistent; each row shows a task of the session.
#include "common/repositorysession.h"
#include "shell/tasklistmodel.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QtTest>

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
};

QTEST_MAIN(TestTaskListModel)
#include "tst_tasklistmodel.moc"
