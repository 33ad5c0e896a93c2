// RunJournal against a real SQLite store: what the lower layers record through the journal's sink is
// folded in from the store's acknowledgements, and the journal's view is always exactly the store's —
// same events, same order, none twice, none missing — whatever else joins the run meanwhile: another
// process's appends, records from another thread, more records than the sink keeps, a refused record.
#include "orchestration/runjournal.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace harness;

class TestRunJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void recordedEventsAreFoldedInWithTheNextAppend();
    void anotherProcessesEventInBetweenIsReadInOrder();
    void recordsFromAnotherThreadAreFoldedInOnce();
    void moreRecordsThanKeptAreRead();
    void aRefusedRecordLeavesTheStoresOrder();
    void syncFoldsInRecordsWithoutAnAppend();

private:
    // A journal and every event it folded in, in the order it did.
    struct Watched
    {
        Watched(Store &store, const QString &runId) : journal(store, runId)
        {
            journal.setObserver([this](const Event &e) { observed << e; });
        }
        RunJournal journal;
        QList<Event> observed;
    };
    Event tick(const QString &kind, int i) const
    {
        return Event::make(m_runId, QStringLiteral("harness"), kind, {{QStringLiteral("i"), i}});
    }
    // The journal's view equals the store's: every event of the run, in seq order, each once.
    void checkSameAsStore(const RunJournal &journal, const QList<Event> &observed);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_runId;
};

void TestRunJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = Store::open(StoreLocation::sqlite(m_dir->filePath(QStringLiteral("store.sqlite"))));
    QVERIFY2(store, qPrintable(store.errorText()));
    m_store = std::move(*store);
    Task t;
    t.title = QStringLiteral("journal");
    t.contract.goal = QStringLiteral("fold what the store committed");
    auto task = m_store->addTask(t);
    QVERIFY2(task, qPrintable(task.errorText()));
    Run r;
    r.taskId = task->id;
    r.baseRef = r.targetBranch = QStringLiteral("main");
    auto run = m_store->addRun(r);
    QVERIFY2(run, qPrintable(run.errorText()));
    m_runId = run->id;
}

void TestRunJournal::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestRunJournal::checkSameAsStore(const RunJournal &journal, const QList<Event> &observed)
{
    auto stored = m_store->events(m_runId);
    QVERIFY2(stored, qPrintable(stored.errorText()));
    QCOMPARE(observed.size(), stored->size());
    for (qsizetype i = 0; i < stored->size(); ++i) {
        QCOMPARE(observed.at(i).seq, stored->at(i).seq);
        QCOMPARE(observed.at(i).kind, stored->at(i).kind);
        QCOMPARE(observed.at(i).payload, stored->at(i).payload);
        QCOMPARE(observed.at(i).hash, stored->at(i).hash);
    }
    QCOMPARE(journal.state().lastSeq, stored->isEmpty() ? 0 : stored->constLast().seq);
}

void TestRunJournal::recordedEventsAreFoldedInWithTheNextAppend()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    const qint64 reads = journal.storeReads();
    for (int round = 0; round < 5; ++round) {
        journal.sink().record(tick(QStringLiteral("permission_allowed"), round));
        journal.sink().record(tick(QStringLiteral("tool_call"), round));
        QVERIFY(journal.append(QList<Event> {tick(QStringLiteral("tool_result"), round)}));
        // Folded in at once: the tool's events first, then the journal's own.
        QCOMPARE(observed.size(), 3 * (round + 1));
        QCOMPARE(observed.constLast().kind, QStringLiteral("tool_result"));
        QCOMPARE(observed.at(observed.size() - 3).kind, QStringLiteral("permission_allowed"));
    }
    QCOMPARE(journal.storeReads(), reads); // folded in from the acknowledgements, never read back
    checkSameAsStore(journal, observed);
}

void TestRunJournal::anotherProcessesEventInBetweenIsReadInOrder()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    auto other = Store::open(StoreLocation::sqlite(m_dir->filePath(QStringLiteral("store.sqlite"))));
    QVERIFY2(other, qPrintable(other.errorText()));
    journal.sink().record(tick(QStringLiteral("permission_allowed"), 1));
    QVERIFY(m_store->flush());
    // A decision from another process lands between the tool's events and the journal's append.
    QVERIFY((*other)->append(tick(QStringLiteral("approval_decided"), 2)));
    journal.sink().record(tick(QStringLiteral("tool_call"), 3));
    const qint64 reads = journal.storeReads();
    QVERIFY(journal.append(QList<Event> {tick(QStringLiteral("tool_result"), 4)}));
    QVERIFY(journal.storeReads() > reads); // only a read can place the other process's event
    QCOMPARE(observed.size(), 4);
    QCOMPARE(observed.at(1).kind, QStringLiteral("approval_decided"));
    checkSameAsStore(journal, observed);
    // And one after the journal's append is read at the next sync, once.
    QVERIFY((*other)->append(tick(QStringLiteral("run_aborted"), 5)));
    journal.sink().record(tick(QStringLiteral("sandbox_event"), 6));
    QVERIFY(journal.sync());
    QCOMPARE(observed.size(), 6);
    checkSameAsStore(journal, observed);
}

void TestRunJournal::recordsFromAnotherThreadAreFoldedInOnce()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    // The network proxy records from its own thread while the run's thread appends and syncs.
    std::unique_ptr<QThread> proxy(QThread::create([&] {
        for (int i = 0; i < 300; ++i)
            journal.sink().record(tick(QStringLiteral("network_request"), i));
    }));
    proxy->start();
    for (int i = 0; i < 60; ++i) {
        QVERIFY(journal.append(QList<Event> {tick(QStringLiteral("tool_result"), i)}));
        if (i % 7 == 0)
            QVERIFY(journal.sync());
    }
    QVERIFY(proxy->wait(60000));
    QVERIFY(journal.sync());
    QCOMPARE(observed.size(), 360);
    checkSameAsStore(journal, observed);
}

void TestRunJournal::moreRecordsThanKeptAreRead()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    for (int i = 0; i < 1000; ++i) // far more than the sink keeps acknowledgements of
        journal.sink().record(tick(QStringLiteral("gate_result"), i));
    const qint64 reads = journal.storeReads();
    QVERIFY(journal.append(QList<Event> {tick(QStringLiteral("verify_finished"), 0)}));
    QVERIFY(journal.storeReads() > reads);
    QCOMPARE(observed.size(), 1001);
    checkSameAsStore(journal, observed);
}

void TestRunJournal::aRefusedRecordLeavesTheStoresOrder()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    journal.sink().record(tick(QStringLiteral("permission_allowed"), 1));
    // The store refuses an event without a kind: its acknowledgement is an error, not an event.
    journal.sink().record(tick(QString(), 2));
    journal.sink().record(tick(QStringLiteral("tool_call"), 3));
    const qint64 reads = journal.storeReads();
    QVERIFY(journal.append(QList<Event> {tick(QStringLiteral("tool_result"), 4)}));
    QVERIFY(journal.storeReads() > reads);
    QCOMPARE(observed.size(), 3);
    checkSameAsStore(journal, observed);
}

void TestRunJournal::syncFoldsInRecordsWithoutAnAppend()
{
    Watched w(*m_store, m_runId);
    RunJournal &journal = w.journal;
    QList<Event> &observed = w.observed;
    QVERIFY(journal.sync());
    journal.sink().record(tick(QStringLiteral("gate_started"), 1));
    journal.sink().record(tick(QStringLiteral("gate_result"), 2));
    // sync() waits for what was recorded: nothing recorded before it is left for a later step.
    QVERIFY(journal.sync());
    QCOMPARE(observed.size(), 2);
    checkSameAsStore(journal, observed);
    QVERIFY(journal.sync());
    QCOMPARE(observed.size(), 2);
}

QTEST_GUILESS_MAIN(TestRunJournal)
#include "tst_runjournal.moc"
