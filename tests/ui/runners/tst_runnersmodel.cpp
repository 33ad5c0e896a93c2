// The Runners view's model under QAbstractItemModelTester: rows from a real store's roster (SQLite), kept
// in place across refreshes, runners that went silent shown offline, and the runs each one holds.
#include "runners/runnersmodel.h"
#include "store/runqueue.h"
#include "store/store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::ui;

class TestRunnersModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheRoster()
    {
        QTemporaryDir dir;
        auto store = Store::open(StoreLocation::sqlite(dir.filePath(QStringLiteral("s.sqlite"))));
        QVERIFY2(store, qPrintable(store.errorText()));
        Store &s = **store;
        RunnersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        RunnerInfo a;
        a.name = QStringLiteral("build-1");
        a.host = QStringLiteral("node-a");
        a.instance = QStringLiteral("i1");
        a.capacity = 2;
        a.version = QStringLiteral("0.1.0");
        RunnerInfo b = a;
        b.name = QStringLiteral("build-2");
        b.host = QStringLiteral("node-b");
        b.instance = QStringLiteral("i2");
        QVERIFY(s.roster().enroll(a, 30000));
        QVERIFY(s.roster().enroll(b, 30000));
        // build-1 holds a run under a live lease.
        Task t;
        t.title = QStringLiteral("t");
        t.contract.goal = QStringLiteral("g");
        auto task = s.addTask(t);
        QVERIFY2(task, qPrintable(task.errorText()));
        Run run;
        run.taskId = task->id;
        auto made = s.addRun(run);
        QVERIFY2(made, qPrintable(made.errorText()));
        QVERIFY(s.queue().enqueue(made->id, task->id, 0, QStringLiteral("/srv/git/p.git")));
        auto lease = s.queue().claim(QStringLiteral("build-1"), 60000);
        QVERIFY(lease && lease->has_value());

        auto runners = s.roster().runners();
        QVERIFY(runners);
        auto now = s.roster().now();
        QVERIFY(now);
        model.setRunners(*runners, *now);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(RunnersModel::ColumnCount));
        int one = model.index(0, 0).data().toString() == QLatin1String("build-1") ? 0 : 1;
        QCOMPARE(model.index(one, RunnersModel::Host).data().toString(), QStringLiteral("node-a"));
        QCOMPARE(model.index(one, RunnersModel::Runs).data().toString(), QStringLiteral("1 of 2"));
        QCOMPARE(model.index(one, RunnersModel::State).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(one, RunnersModel::Version).data().toString(), QStringLiteral("0.1.0"));
        QVERIFY(model.index(one, RunnersModel::Heartbeat).data().toString().endsWith(QLatin1String("ago")));
        QCOMPARE(model.headerData(RunnersModel::Heartbeat, Qt::Horizontal).toString(),
                 QStringLiteral("Last heartbeat"));

        // A refresh with the same runners keeps the rows (no reset, no insert); build-2 stops, and later
        // the clock passes build-1's heartbeat by far: offline.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(s.roster().heartbeat(QStringLiteral("build-2"), QStringLiteral("i2"),
                                     QStringLiteral("stopped")));
        runners = s.roster().runners();
        model.setRunners(*runners, now->addSecs(600));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        one = model.index(0, 0).data().toString() == QLatin1String("build-1") ? 0 : 1;
        QCOMPARE(model.index(one, RunnersModel::State).data().toString(), QStringLiteral("offline"));
        QCOMPARE(model.index(1 - one, RunnersModel::State).data().toString(), QStringLiteral("stopped"));
        QCOMPARE(model.index(one, RunnersModel::Heartbeat).data().toString(), QStringLiteral("10 min ago"));

        // A runner that is gone from the roster goes from the table.
        QList<RunnerInfo> left;
        for (const RunnerInfo &r : *runners)
            if (r.name == QLatin1String("build-2"))
                left << r;
        model.setRunners(left, *now);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.index(0, RunnersModel::Name).data().toString(), QStringLiteral("build-2"));
        model.setRunners({}, *now);
        QCOMPARE(model.rowCount(), 0);
    }

    void ages()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1000000, Qt::UTC);
        QCOMPARE(RunnersModel::age(now.addSecs(-5), now), QStringLiteral("5 s ago"));
        QCOMPARE(RunnersModel::age(now.addSecs(-300), now), QStringLiteral("5 min ago"));
        QCOMPARE(RunnersModel::age(now.addSecs(-3 * 3600), now), QStringLiteral("3 h ago"));
        QCOMPARE(RunnersModel::age(QDateTime(), now), QStringLiteral("never"));
    }
};

QTEST_MAIN(TestRunnersModel)

#include "tst_runnersmodel.moc"
