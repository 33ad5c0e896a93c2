// Tests for tasks and runs in the SQLite store: id assignment (also across two stores on one file),
// round-trip of every field, updates, and refusals that say what is wrong.
#include "storetestbackend.h"

#include "store/tasktransaction.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

namespace {
Task sampleTask(const QString &title)
{
    Task t;
    t.title = title;
    t.contract.goal = QStringLiteral("Parse empty files without crashing");
    t.contract.criteria = {{QStringLiteral("ctest passes"), QStringLiteral("ctest -R parser")},
                           {QStringLiteral("no new warnings"), {}}};
    t.contract.scope = {QStringLiteral("src/parser/**"), QStringLiteral("tests/parser/**")};
    t.contract.constraints = {QStringLiteral("no-new-deps")};
    t.contract.interfaceNotes = QStringLiteral("Keep Parser::parse() signature");
    t.contract.budget.maxTokens = 200000;
    t.contract.budget.maxCost = 2.5;
    t.contract.budget.maxIterations = 4;
    t.dependsOn = {};
    return t;
}
} // namespace

class TestTaskStore : public QObject
{
    Q_OBJECT

public:
    explicit TestTaskStore(const QString &backend) : m_backend(backend) { }

private:
    StoreTestBackend m_backend;
    int m_counter = 0;
    StoreLocation freshPath() { return m_backend.at(QStringLiteral("tasks%1").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = m_backend.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qInfo("backend: %s", qPrintable(m_backend.name()));
    }

    void addTaskAssignsIdsAndKeepsEveryField()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        auto t1 = (*store)->addTask(sampleTask(QStringLiteral("Parser")));
        QVERIFY2(t1, qPrintable(t1.errorText()));
        QCOMPARE(t1->id, QStringLiteral("T1"));
        QVERIFY(t1->created >= before);
        Task second = sampleTask(QStringLiteral("Docs"));
        second.dependsOn = {QStringLiteral("T1")};
        second.parentId = QStringLiteral("T1");
        auto t2 = (*store)->addTask(second);
        QVERIFY(t2);
        QCOMPARE(t2->id, QStringLiteral("T2"));

        auto read = (*store)->task(QStringLiteral("T2"));
        QVERIFY2(read, qPrintable(read.errorText()));
        QCOMPARE(*read, *t2);
        QCOMPARE(read->contract.criteria.at(0).checkCommand, QStringLiteral("ctest -R parser"));
        auto all = (*store)->tasks();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0), *t1);
    }

    void updateTaskChangesStateAndContract()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store);
        auto t = (*store)->addTask(sampleTask(QStringLiteral("Parser")));
        QVERIFY(t);
        Task changed = *t;
        changed.state = TaskState::AwaitingApproval;
        changed.contract.goal = QStringLiteral("A sharper goal");
        QVERIFY((*store)->updateTask(changed));
        auto read = (*store)->task(t->id);
        QCOMPARE(read->state, TaskState::AwaitingApproval);
        QCOMPARE(read->contract.goal, QStringLiteral("A sharper goal"));
        QCOMPARE(read->created, t->created);
    }

    void refusalsSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown task") << "task T99"
                                      << "There is no task T99";
        QTest::newRow("malformed task id") << "task X1"
                                           << "is not a task id";
        QTest::newRow("update unknown task") << "update T42"
                                             << "There is no task T42";
        QTest::newRow("task without title") << "add untitled"
                                            << "title";
        QTest::newRow("task with bad scope") << "add badscope"
                                             << "contract.scope";
        QTest::newRow("unknown run") << "run R5"
                                     << "There is no run R5";
        QTest::newRow("run of unknown task") << "addrun T77"
                                             << "There is no task T77";
    }

    void refusalsSayWhatIsWrong()
    {
        QFETCH(QString, operation);
        QFETCH(QString, expected);
        auto store = Store::open(freshPath());
        QVERIFY(store);
        const QString arg = operation.section(QLatin1Char(' '), 1);
        QString error;
        if (operation.startsWith(QStringLiteral("task ")))
            error = (*store)->task(arg).errorText();
        else if (operation.startsWith(QStringLiteral("update "))) {
            Task t = sampleTask(QStringLiteral("x"));
            t.id = arg;
            error = (*store)->updateTask(t).errorText();
        } else if (operation == QStringLiteral("add untitled")) {
            error = (*store)->addTask(sampleTask(QString())).errorText();
        } else if (operation == QStringLiteral("add badscope")) {
            Task t = sampleTask(QStringLiteral("x"));
            t.contract.scope = {QStringLiteral("../outside/**")};
            error = (*store)->addTask(t).errorText();
        } else if (operation.startsWith(QStringLiteral("run ")))
            error = (*store)->run(arg).errorText();
        else if (operation.startsWith(QStringLiteral("addrun "))) {
            Run r;
            r.taskId = arg;
            error = (*store)->addRun(r).errorText();
        }
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(*(*store)->tasks(), QList<Task> {}); // nothing was written
    }

    void runsBelongToTasks()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store);
        auto t1 = (*store)->addTask(sampleTask(QStringLiteral("one")));
        auto t2 = (*store)->addTask(sampleTask(QStringLiteral("two")));
        QVERIFY(t1 && t2);
        Run r;
        r.taskId = t1->id;
        r.baseRef = QStringLiteral("main");
        r.targetBranch = QStringLiteral("main");
        r.branch = QStringLiteral("harness/T1/R1");
        r.worktreePath = QStringLiteral("/tmp/wt/R1");
        auto r1 = (*store)->addRun(r);
        QVERIFY2(r1, qPrintable(r1.errorText()));
        QCOMPARE(r1->id, QStringLiteral("R1"));
        r.taskId = t2->id;
        auto r2 = (*store)->addRun(r);
        auto r3 = (*store)->addRun(r);
        QVERIFY(r2 && r3);
        QCOMPARE(r3->id, QStringLiteral("R3"));
        QCOMPARE(*(*store)->run(QStringLiteral("R1")), *r1);
        QCOMPARE((*store)->runs(t2->id)->size(), 2);
        QCOMPARE((*store)->runs()->size(), 3);
        Run moved = *r3;
        moved.worktreePath = QStringLiteral("/tmp/wt/R3b");
        QVERIFY((*store)->updateRun(moved));
        QCOMPARE((*store)->run(QStringLiteral("R3"))->worktreePath, QStringLiteral("/tmp/wt/R3b"));
    }

    void idsAreUniqueAcrossTwoStoresOnOneFile()
    {
        const StoreLocation path = freshPath();
        auto a = Store::open(path);
        auto b = Store::open(path);
        QVERIFY(a && b);
        auto addMany = [](Store *s) {
            QStringList ids;
            for (int i = 0; i < 40; ++i) {
                auto t = s->addTask(sampleTask(QStringLiteral("t")));
                ids << (t ? t->id : t.errorText());
            }
            return ids;
        };
        auto fa = QtConcurrent::run(addMany, a->get());
        auto fb = QtConcurrent::run(addMany, b->get());
        QSet<QString> ids;
        for (const QString &id : fa.result() + fb.result()) {
            QVERIFY2(id.startsWith(QLatin1Char('T')), qPrintable(id));
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 80);
        QCOMPARE((*a)->tasks()->size(), 80);
    }

    // A task change and the events that record it commit together, take their places in the log's order
    // and hash chain between ordinary appends, and leave nothing when the change fails.
    void changeTasksCommitsTasksAndEventsTogether()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store);
        QVERIFY((*store)->append(Event::make({}, QStringLiteral("harness"), QStringLiteral("store_opened"))));
        auto changed = changeTasks(**store, [](TaskTransaction &tx) -> Status {
            auto added = tx.addTask(sampleTask(QStringLiteral("Parser")));
            if (!added)
                return added.error();
            tx.record(Event::make({}, QStringLiteral("human:ada"), QStringLiteral("task_added"),
                                  {{QStringLiteral("task"), added->id}}));
            auto all = tx.tasks();
            if (!all || all->size() != 1)
                return Status::failure(QStringLiteral("the transaction does not see its own task"));
            return success();
        });
        QVERIFY2(changed, qPrintable(changed.errorText()));
        QCOMPARE(changed->size(), 1);
        QCOMPARE(changed->first().seq, 2);
        QCOMPARE(changed->first().logId, 2);
        QVERIFY((*store)->append(Event::make({}, QStringLiteral("harness"), QStringLiteral("after"))));
        auto events = (*store)->eventsFromLog(0, 10);
        QVERIFY(events);
        QCOMPARE(events->size(), 3);
        QCOMPARE(events->at(1).kind, QStringLiteral("task_added"));
        QCOMPARE(events->at(2).seq, 3);
        auto chain = (*store)->verifyChain();
        QVERIFY(chain);
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QCOMPARE((*store)->tasks()->size(), 1);

        auto failed = changeTasks(**store, [](TaskTransaction &tx) -> Status {
            auto added = tx.addTask(sampleTask(QStringLiteral("Docs")));
            if (!added)
                return added.error();
            tx.record(Event::make({}, QStringLiteral("human:ada"), QStringLiteral("task_added")));
            return Status::failure(QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed);
        QCOMPARE(failed.errorText(), QStringLiteral("changed my mind"));
        QCOMPARE((*store)->tasks()->size(), 1);
        QCOMPARE((*store)->eventsFromLog(0, 10)->size(), 3);
    }
};

STORE_TEST_MAIN(TestTaskStore)
#include "tst_taskstore.moc"
