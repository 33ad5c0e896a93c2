// TaskService on a real SQLite store: a new task, a subtask and a dependency are each one transaction with
// their audited events; a dependency that would close a cycle is refused naming the chain, also when two
// stores on one file race to add opposite dependencies (the check runs under the write lock).
#include "orchestration/taskgraph.h"
#include "orchestration/taskservice.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

namespace {
Task draft(const QString &title, const QStringList &dependsOn = {})
{
    Task t;
    t.title = title;
    t.contract.goal = QStringLiteral("Goal of ") + title;
    t.dependsOn = dependsOn;
    return t;
}

QList<Event> storeEvents(Store &store)
{
    if (const Status flushed = store.flush(); !flushed)
        QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
    auto events = store.eventsFromLog(0, 1000);
    return events ? *events : QList<Event>();
}
} // namespace

class TestTaskService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    StoreLocation fresh()
    {
        return StoreLocation::sqlite(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_counter)));
    }
    const QString actor = QStringLiteral("human:ada");

private Q_SLOTS:
    void addTaskRecordsTaskAdded()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        TaskService tasks(**store);
        auto t1 = tasks.addTask(draft(QStringLiteral("Parse")), actor);
        QVERIFY2(t1, qPrintable(t1.errorText()));
        QCOMPARE(t1->id, QStringLiteral("T1"));
        QCOMPARE(t1->state, TaskState::Open);
        const QList<Event> events = storeEvents(**store);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, QStringLiteral("task_added"));
        QCOMPARE(events[0].actor, actor);
        QCOMPARE(events[0]
                         .payload.value(QStringLiteral("task"))
                         .toObject()
                         .value(QStringLiteral("id"))
                         .toString(),
                 QStringLiteral("T1"));
        // A dependency on no task is refused and nothing is written.
        auto bad = tasks.addTask(draft(QStringLiteral("Docs"), {QStringLiteral("T9")}), actor);
        QVERIFY(!bad);
        QVERIFY(bad.errorText().contains(QStringLiteral("T9 is not a task")));
        QCOMPARE((*store)->tasks()->size(), 1);
        QCOMPARE(storeEvents(**store).size(), 1);
    }

    void addSubtaskIsOneTransaction()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        TaskService tasks(**store);
        QVERIFY(tasks.addTask(draft(QStringLiteral("Convert")), actor));
        auto sub = tasks.addSubtask(QStringLiteral("T1"), draft(QStringLiteral("Absolute zero")), actor);
        QVERIFY2(sub, qPrintable(sub.errorText()));
        QCOMPARE(sub->parentId, QStringLiteral("T1"));
        QCOMPARE((*store)->task(QStringLiteral("T1"))->dependsOn, QStringList {sub->id});
        const QList<Event> events = storeEvents(**store);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[1].kind, QStringLiteral("task_added"));
        QCOMPARE(events[2].kind, QStringLiteral("dependency_added"));
        QCOMPARE(events[2].payload.value(QStringLiteral("task")).toString(), QStringLiteral("T1"));
        QCOMPARE(events[2].payload.value(QStringLiteral("depends_on")).toString(), sub->id);
        // A missing parent leaves no half-added subtask.
        auto orphan = tasks.addSubtask(QStringLiteral("T7"), draft(QStringLiteral("Lost")), actor);
        QVERIFY(!orphan);
        QCOMPARE((*store)->tasks()->size(), 2);
        QCOMPARE(storeEvents(**store).size(), 3);
    }

    void aCycleIsRefusedNamingTheChain()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        TaskService tasks(**store);
        QVERIFY(tasks.addTask(draft(QStringLiteral("A")), actor));
        QVERIFY(tasks.addTask(draft(QStringLiteral("B"), {QStringLiteral("T1")}), actor));
        QVERIFY(tasks.addTask(draft(QStringLiteral("C"), {QStringLiteral("T2")}), actor));
        const Status refused = tasks.addDependency(QStringLiteral("T1"), QStringLiteral("T3"), actor);
        QVERIFY(!refused);
        QVERIFY2(refused.errorText().contains(QStringLiteral("(T3 waits for T2 waits for T1)")),
                 qPrintable(refused.errorText()));
        QVERIFY(!tasks.addDependency(QStringLiteral("T1"), QStringLiteral("T1"), actor));
        QVERIFY((*store)->task(QStringLiteral("T1"))->dependsOn.isEmpty());
        QCOMPARE(storeEvents(**store).size(), 3);
        // Allowed, once; asking again writes nothing more.
        QVERIFY(tasks.addDependency(QStringLiteral("T3"), QStringLiteral("T1"), actor));
        QVERIFY(tasks.addDependency(QStringLiteral("T3"), QStringLiteral("T1"), actor));
        QCOMPARE((*store)->task(QStringLiteral("T3"))->dependsOn,
                 (QStringList {QStringLiteral("T2"), QStringLiteral("T1")}));
        QCOMPARE(storeEvents(**store).size(), 4);
    }

    // Two workbenches (two stores on one file) add opposite dependencies at once: a check on a snapshot
    // would let both through and close a cycle; under the write lock exactly one wins.
    void oppositeDependenciesRaceAndOneWins()
    {
        const StoreLocation where = fresh();
        auto a = Store::open(where);
        auto b = Store::open(where);
        QVERIFY(a && b);
        constexpr int kPairs = 15;
        for (int i = 0; i < 2 * kPairs; ++i)
            QVERIFY(TaskService(**a).addTask(draft(QStringLiteral("t%1").arg(i)), actor));
        auto race = [this](Store *store, bool forward) {
            int won = 0;
            for (int i = 0; i < kPairs; ++i) {
                const QString x = QStringLiteral("T%1").arg(2 * i + 1),
                              y = QStringLiteral("T%1").arg(2 * i + 2);
                if (TaskService(*store).addDependency(forward ? x : y, forward ? y : x, actor))
                    ++won;
            }
            return won;
        };
        auto fa = QtConcurrent::run(race, a->get(), true);
        auto fb = QtConcurrent::run(race, b->get(), false);
        QCOMPARE(fa.result() + fb.result(), kPairs);
        auto all = (*a)->tasks();
        QVERIFY(all);
        QVERIFY(TaskGraph(*all).cycle().isEmpty());
        auto chain = (*a)->verifyChain();
        QVERIFY(chain && chain->intact);
    }
};

QTEST_GUILESS_MAIN(TestTaskService)
#include "tst_taskservice.moc"
