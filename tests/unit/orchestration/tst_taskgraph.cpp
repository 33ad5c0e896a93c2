// TaskGraph: cycles are refused with the cycle named; ready tasks are those whose dependencies merged.
#include "orchestration/taskgraph.h"

#include <QTest>

using namespace harness;

class TestTaskGraph : public QObject
{
    Q_OBJECT

    static Task task(const QString &id, QStringList deps = {}, TaskState state = TaskState::Open)
    {
        Task t;
        t.id = id;
        t.title = id;
        t.contract.goal = QStringLiteral("goal of ") + id;
        t.dependsOn = deps;
        t.state = state;
        return t;
    }

private Q_SLOTS:
    void topologicalOrderPutsDependenciesFirst()
    {
        TaskGraph g({task("T3", {"T2"}), task("T2", {"T1"}), task("T1")});
        auto order = g.topologicalOrder();
        QVERIFY(order);
        QCOMPARE(*order, (QStringList {"T1", "T2", "T3"}));
        QVERIFY(g.cycle().isEmpty());
    }

    void cycleIsNamed()
    {
        TaskGraph g({task("T1", {"T3"}), task("T2", {"T1"}), task("T3", {"T2"})});
        const QStringList c = g.cycle();
        QCOMPARE(c.size(), 4);
        QCOMPARE(c.first(), c.last());
        auto order = g.topologicalOrder();
        QVERIFY(!order);
        QVERIFY2(order.errorText().contains(QStringLiteral("->")), qPrintable(order.errorText()));
    }

    void addingAnEdgeThatClosesACycleIsRefused()
    {
        TaskGraph g({task("T1"), task("T2", {"T1"}), task("T3", {"T2"})});
        QVERIFY(g.canAddDependency("T3", "T1"));
        auto refused = g.canAddDependency("T1", "T3");
        QVERIFY(!refused);
        QVERIFY2(refused.errorText().contains(QStringLiteral("T1 -> T3 -> T2 -> T1")) ||
                         refused.errorText().contains(QStringLiteral("T3 -> T2 -> T1 -> T3")),
                 qPrintable(refused.errorText()));
        QVERIFY(!g.canAddDependency("T1", "T1"));
        QVERIFY(!g.canAddDependency("T1", "T9"));
    }

    void readyTasksNeedAllDependenciesMerged()
    {
        TaskGraph g({task("T1", {}, TaskState::Merged), task("T2", {"T1"}), task("T3", {"T1", "T2"}),
                     task("T4"), task("T5", {}, TaskState::Running)});
        QStringList ready = g.readyTasks();
        ready.sort();
        QCOMPARE(ready, (QStringList {"T2", "T4"}));
        QCOMPARE(g.dependents("T1"), (QStringList {"T2", "T3"}));
    }

    void unknownAndRepeatedDependencies()
    {
        // A dependency on a task that does not exist (deleted, or from another store) never merges;
        // the same dependency named twice counts once.
        TaskGraph g(
                {task("T1", {}, TaskState::Merged), task("T2", {"T1", "T1"}), task("T3", {"T1", "T404"})});
        QCOMPARE(g.readyTasks(), (QStringList {"T2"}));
        QCOMPARE(*g.topologicalOrder(), (QStringList {"T1", "T2", "T3"}));
        TaskGraph loop({task("T1", {"T1"})});
        QCOMPARE(loop.cycle(), (QStringList {"T1", "T1"}));
        QVERIFY(loop.readyTasks().isEmpty());
    }

    void deepChainDoesNotOverflow()
    {
        QList<Task> tasks;
        for (int i = 0; i < 20000; ++i)
            tasks << task(QStringLiteral("T%1").arg(i),
                          i ? QStringList {QStringLiteral("T%1").arg(i - 1)} : QStringList());
        TaskGraph g(tasks);
        QVERIFY(g.cycle().isEmpty());
        QCOMPARE(g.topologicalOrder()->size(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestTaskGraph)
#include "tst_taskgraph.moc"
