// Tests for the event log of the SQLite store: acknowledged batched appends, seq per run, reads by run
// and by log range, and correctness with several threads, Store instances and processes writing at once.
#include "core/sizepolicy.h"
#include "store/eventrow.h"
#include "store/sqliteeventinserter.h"
#include "storetestbackend.h"

#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace harness;

namespace {
Event ev(const QString &run, const QString &kind = QStringLiteral("tool_call"), QJsonObject payload = {})
{
    return Event::make(run, QStringLiteral("agent:test-model"), kind, std::move(payload));
}
} // namespace

class TestEventLog : public QObject
{
    Q_OBJECT

public:
    explicit TestEventLog(const QString &backend) : m_backend(backend) { }

private:
    StoreTestBackend m_backend;

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = m_backend.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qInfo("backend: %s", qPrintable(m_backend.name()));
    }

    void appendAssignsSeqLogIdTimeAndHashes()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("assign")));
        QVERIFY2(store, qPrintable(store.errorText()));
        auto first = (*store)->append(
                QList<Event> {ev(QStringLiteral("R1")), ev(QStringLiteral("R2")),
                              ev(QStringLiteral("R1"), QStringLiteral("plan_proposed"),
                                 {{QStringLiteral("summary"), QStringLiteral("two steps")}})});
        QVERIFY2(first, qPrintable(first.errorText()));
        QCOMPARE(first->size(), 3);
        QCOMPARE(first->at(0).seq, 1);
        QCOMPARE(first->at(1).seq, 1);
        QCOMPARE(first->at(2).seq, 2);
        QCOMPARE(first->at(0).logId, 1);
        QCOMPARE(first->at(2).logId, 3);
        QVERIFY(first->at(0).prevHash.isEmpty());
        QCOMPARE(first->at(1).prevHash, first->at(0).hash);
        QCOMPARE(first->at(2).hash, first->at(2).computeHash());
        QCOMPARE(first->at(2).hash.size(), 64);

        // Store-wide events (empty run id) get their own seq.
        auto global = (*store)->append(ev(QString(), QStringLiteral("task_added")));
        QVERIFY2(global, qPrintable(global.errorText()));
        QCOMPARE(global->seq, 1);
        QCOMPARE(global->logId, 4);
        auto more = (*store)->append(ev(QStringLiteral("R1")));
        QVERIFY(more);
        QCOMPARE(more->seq, 3);

        // What the append returned is exactly what a reader gets back.
        auto read = (*store)->events(QStringLiteral("R1"));
        QVERIFY2(read, qPrintable(read.errorText()));
        QCOMPARE(read->size(), 3);
        QCOMPARE(read->at(0), first->at(0));
        QCOMPARE(read->at(1), first->at(2));
        QCOMPARE(read->at(1).payload.value(QStringLiteral("summary")).toString(),
                 QStringLiteral("two steps"));
        QCOMPARE(*(*store)->eventCount(QStringLiteral("R1")), 3);
        QCOMPARE(*(*store)->eventCount(QString()), 1);
        QCOMPARE(*(*store)->lastLogId(), 5);
    }

    void storedHashEqualsComputeHash_data()
    {
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QJsonObject>("payload");
        QTest::newRow("plain") << "R1"
                               << "harness" << QJsonObject {{QStringLiteral("a"), 1}};
        QTest::newRow("store-wide") << ""
                                    << "human:ann" << QJsonObject {};
        QTest::newRow("unicode") << QString::fromUtf8("R\u00e9") << QString::fromUtf8("human:J\u00fcrgen")
                                 << QJsonObject {{QStringLiteral("text"),
                                                  QString::fromUtf8("\u2713 done \U0001F600")}};
        QTest::newRow("nested and numbers")
                << "R2"
                << "agent:gpt-x"
                << QJsonObject {
                           {QStringLiteral("z"), 0.1},
                           {QStringLiteral("a"),
                            QJsonArray {1, QStringLiteral("two"), QJsonObject {{QStringLiteral("k"), true}}}},
                           {QStringLiteral("big"), qint64(1) << 50}};
    }

    void storedHashEqualsComputeHash()
    {
        QFETCH(QString, run);
        QFETCH(QString, actor);
        QFETCH(QJsonObject, payload);
        auto store = Store::open(m_backend.at(QStringLiteral("hash")));
        QVERIFY(store);
        auto appended = (*store)->append(Event::make(run, actor, QStringLiteral("note"), payload));
        QVERIFY2(appended, qPrintable(appended.errorText()));
        QCOMPARE(appended->hash, appended->computeHash());
        auto read = (*store)->eventsFromLog(appended->logId, 1);
        QCOMPARE(read->first(), *appended);
        QCOMPARE(read->first().computeHash(), appended->hash);
        QVERIFY((*store)->verifyChain()->intact);
    }

    void writerHashesLikeCore()
    {
        // The writer builds the chain hash from pre-serialized parts; if Event::canonicalBytes() changes,
        // it falls back to computeHash() (correct, slower) and this test says so.
        QVERIFY2(EventRow::chainHashMatchesCore(),
                 "EventRow::chainHash() no longer matches Event::computeHash(); update "
                 "EventRow::canonicalTail()");
    }

    void givenTimeIsKept()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("time")));
        QVERIFY(store);
        Event e = ev(QStringLiteral("R1"));
        e.time = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 891), Qt::UTC);
        auto appended = (*store)->append(e);
        QVERIFY(appended);
        auto read = (*store)->events(QStringLiteral("R1"));
        QCOMPARE(read->first().time, e.time);
    }

    void invalidEventsAreRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty kind") << "harness"
                                    << ""
                                    << "events[1].kind";
        QTest::newRow("camel kind") << "harness"
                                    << "toolCall"
                                    << "events[1].kind";
        QTest::newRow("bad actor") << "bob"
                                   << "tool_call"
                                   << "events[1].actor";
        QTest::newRow("empty human") << "human:"
                                     << "tool_call"
                                     << "events[1].actor";
    }

    void invalidEventsAreRefusedNamingTheField()
    {
        QFETCH(QString, actor);
        QFETCH(QString, kind);
        QFETCH(QString, field);
        auto store = Store::open(m_backend.at(QStringLiteral("invalid")));
        QVERIFY(store);
        const qint64 before = *(*store)->lastLogId();
        auto appended = (*store)->append(
                QList<Event> {ev(QStringLiteral("R1")), Event::make(QStringLiteral("R1"), actor, kind)});
        QVERIFY(!appended);
        QCOMPARE(appended.error().field, field);
        QCOMPARE(*(*store)->lastLogId(), before); // nothing of the refused batch was written
    }

    void readsBySeqRange_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QList<qint64>>("seqs");
        QTest::newRow("all") << qint64(1) << qint64(-1) << -1
                             << QList<qint64> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        QTest::newRow("middle") << qint64(3) << qint64(5) << -1 << QList<qint64> {3, 4, 5};
        QTest::newRow("from to end") << qint64(9) << qint64(-1) << -1 << QList<qint64> {9, 10};
        QTest::newRow("limited") << qint64(2) << qint64(-1) << 3 << QList<qint64> {2, 3, 4};
        QTest::newRow("past the end") << qint64(11) << qint64(-1) << -1 << QList<qint64> {};
        QTest::newRow("single") << qint64(7) << qint64(7) << -1 << QList<qint64> {7};
    }

    void readsBySeqRange()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(int, limit);
        QFETCH(QList<qint64>, seqs);
        auto store = Store::open(m_backend.at(QStringLiteral("range")));
        QVERIFY(store);
        if (*(*store)->eventCount(QStringLiteral("R7")) == 0) {
            QList<Event> batch;
            for (int i = 0; i < 10; ++i) {
                batch << ev(QStringLiteral("R7"), QStringLiteral("step"), {{QStringLiteral("i"), i + 1}})
                      << ev(QStringLiteral("R8"));
            }
            QVERIFY((*store)->append(batch));
        }
        auto read = (*store)->events(QStringLiteral("R7"), from, to, limit);
        QVERIFY2(read, qPrintable(read.errorText()));
        QList<qint64> got;
        for (const Event &e : std::as_const(*read)) {
            QCOMPARE(e.runId, QStringLiteral("R7"));
            QCOMPARE(e.payload.value(QStringLiteral("i")).toInteger(), e.seq);
            got << e.seq;
        }
        QCOMPARE(got, seqs);
    }

    void readsByLogRange()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("logrange")));
        QVERIFY(store);
        QList<Event> batch;
        for (int i = 0; i < 50; ++i)
            batch << ev(QStringLiteral("R%1").arg(i % 3));
        QVERIFY((*store)->append(batch));
        auto page = (*store)->eventsFromLog(21, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), 10);
        QCOMPARE(page->first().logId, 21);
        QCOMPARE(page->last().logId, 30);
        QCOMPARE(page->at(1).prevHash, page->at(0).hash);
        auto tail = (*store)->eventsFromLog(45, 100);
        QCOMPARE(tail->size(), 6);
    }

    void storedFieldsAreTextAndReadBackExactly()
    {
        // The writer binds the fields as UTF-8 (SQLite's own API or Qt Sql): they must be stored as text and
        // read back as appended, store-wide events and empty fields included.
        const StoreLocation location = m_backend.at(QStringLiteral("text"));
        auto store = Store::open(location);
        QVERIFY(store);
        auto appended = (*store)->append(QList<Event> {
                Event::make(QString(), QStringLiteral("harness"), QStringLiteral("task_added")),
                Event::make(QString::fromUtf8("R\u00e9"), QString::fromUtf8("human:J\u00fcrgen"),
                            QStringLiteral("note"),
                            {{QStringLiteral("text"), QString::fromUtf8("\u2713 \U0001F600 \"q\"\n\t")}})});
        QVERIFY2(appended, qPrintable(appended.errorText()));
        auto read = (*store)->eventsFromLog(appended->first().logId, 10);
        QVERIFY2(read, qPrintable(read.errorText()));
        QCOMPARE(*read, *appended);
        QVERIFY((*store)->verifyChain()->intact);
        if (!m_backend.isSqlite())
            return; // PostgreSQL's columns are typed text
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("typeof"));
            db.setDatabaseName(location.sqlitePath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                    "SELECT count(*) FROM events WHERE typeof(run_id) || typeof(time) || typeof(actor) || "
                    "typeof(kind) || typeof(payload) || typeof(prev_hash) || typeof(hash) || typeof(runner) "
                    "|| "
                    "typeof(host) <> 'texttexttexttexttexttexttexttexttext'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(
                    QString::fromUtf8("SELECT seq FROM events WHERE run_id = 'R\u00e9' AND runner = '' "
                                      "AND prev_hash = '%1'")
                            .arg(QString::fromLatin1(appended->first().hash))));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("typeof"));
    }

    void oversizedFieldsAreStoredCut()
    {
        // The writer serialises each payload once and applies the size policy only past the field limit:
        // a field over it is stored cut (and hashed so), a payload under it exactly as given.
        auto store = Store::open(m_backend.at(QStringLiteral("oversized")));
        QVERIFY(store);
        const QString big(int(SizePolicy::kMaxStoredFieldBytes) + 10, QLatin1Char('x'));
        const QString fits(int(SizePolicy::kMaxStoredFieldBytes) - 100, QLatin1Char('y'));
        auto appended = (*store)->append(QList<Event> {
                ev(QStringLiteral("R1"), QStringLiteral("note"), {{QStringLiteral("content"), big}}),
                ev(QStringLiteral("R1"), QStringLiteral("note"), {{QStringLiteral("content"), fits}})});
        QVERIFY2(appended, qPrintable(appended.errorText()));
        auto read = (*store)->events(QStringLiteral("R1"));
        QVERIFY(read && read->size() == 2);
        QVERIFY(SizePolicy::isCut(read->at(0).payload.value(QStringLiteral("content"))));
        QCOMPARE(read->at(0).payload, appended->at(0).payload);
        QCOMPARE(read->at(1).payload.value(QStringLiteral("content")).toString(), fits);
        QVERIFY((*store)->verifyChain()->intact);
    }

    void sqliteAppendsGoThroughSqlitesOwnApi()
    {
        QString why;
        if (!m_backend.isSqlite()) {
            QVERIFY(!SqliteEventInserter::open(QSqlDatabase(), &why));
            QCOMPARE(why, QStringLiteral("the connection is not a SQLite one"));
            return;
        }
        // Qt's QSQLITE driver here loads the system SQLite, as the store does: the fast path is taken.
        const StoreLocation location = m_backend.at(QStringLiteral("native"));
        {
            auto store = Store::open(location);
            QVERIFY(store);
            QVERIFY((*store)->append(ev(QStringLiteral("R1"))));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("native"));
            db.setDatabaseName(location.sqlitePath);
            QVERIFY(db.open());
            auto inserter = SqliteEventInserter::open(db, &why);
            QVERIFY2(inserter, qPrintable(why));
            SqliteEventInserter::Row row {2,
                                          2,
                                          {"R1", "2025-01-02T03:04:05.678Z", "harness", "note", "{}", "p",
                                           "h", "", QByteArray::fromRawData("host-x", 6)}};
            QVERIFY(inserter->insert(row));
            Status duplicate = inserter->insert(row); // log_id 2 again
            QVERIFY(!duplicate);
            QVERIFY2(duplicate.errorText().contains(QStringLiteral("UNIQUE")),
                     qPrintable(duplicate.errorText()));
            inserter.reset();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("native"));
        auto store = Store::open(location);
        QVERIFY(store);
        auto read = (*store)->eventsFromLog(2, 1);
        QVERIFY(read && read->size() == 1);
        QCOMPARE(read->first().time, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 678), Qt::UTC));
        QCOMPARE(read->first().host, QStringLiteral("host-x"));
        QCOMPARE(read->first().runner, QString());
        QCOMPARE(read->first().hash, QByteArray("h"));
    }

    void storedTimesReadBack()
    {
        for (const QDateTime &t :
             {QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC),
              QDateTime(QDate(2024, 2, 29), QTime(12, 34, 56, 789), Qt::UTC),
              QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)}) {
            const QDateTime back = EventRow::readTime(EventRow::timeText(t));
            QCOMPARE(back, t);
            QCOMPARE(back.timeSpec(), Qt::UTC);
        }
        // What is not the stored form exactly is left to the general ISO 8601 reader.
        for (const char *text :
             {"2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-01T24:00:00.000Z",
              "2024-01-01T00:00:00.00xZ", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00.000+01:00"})
            QCOMPARE(EventRow::readTime(QString::fromLatin1(text)),
                     QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs));
    }

    void eventHeadsCarryWhatAFoldNeeds()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("heads")));
        QVERIFY(store);
        auto appended = (*store)->append(QList<Event> {
                ev(QStringLiteral("R1"), QStringLiteral("phase_started"),
                   {{QStringLiteral("phase"), QStringLiteral("plan")}, {QStringLiteral("iteration"), 1}}),
                ev(QStringLiteral("R1"), QStringLiteral("tool_result"),
                   {{QStringLiteral("output"), QStringLiteral("x")}}),
                Event::make(QString(), QStringLiteral("human:ann"), QStringLiteral("task_added"),
                            {{QStringLiteral("task"), QStringLiteral("T1")}})});
        QVERIFY(appended);
        auto heads = (*store)->eventHeadsFromLog(1, 10, {QStringLiteral("phase_started")});
        QVERIFY2(heads, qPrintable(heads.errorText()));
        QCOMPARE(heads->size(), 3);
        for (qsizetype i = 0; i < heads->size(); ++i) {
            const Event &h = heads->at(i);
            const Event &e = appended->at(i);
            QCOMPARE(h.logId, e.logId);
            QCOMPARE(h.runId, e.runId);
            QCOMPARE(h.seq, e.seq);
            QCOMPARE(h.time, e.time);
            QCOMPARE(h.actor, e.actor);
            QCOMPARE(h.kind, e.kind);
            QVERIFY(h.hash.isEmpty() && h.prevHash.isEmpty());
        }
        QCOMPARE(heads->at(0).payload, appended->at(0).payload);
        QVERIFY(heads->at(1).payload.isEmpty());
        QVERIFY(heads->at(2).payload.isEmpty());
        auto page = (*store)->eventHeadsFromLog(2, 1, {});
        QVERIFY(page);
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->first().logId, 2);
        QVERIFY(page->first().payload.isEmpty());
    }

    void asyncAppendIsAcknowledgedOnlyWhenCommitted()
    {
        const StoreLocation path = m_backend.at(QStringLiteral("ack"));
        auto writer = Store::open(path);
        auto reader = Store::open(path);
        QVERIFY(writer && reader);
        QList<QFuture<Result<QList<Event>>>> futures;
        for (int i = 0; i < 200; ++i)
            futures << (*writer)->appendAsync(
                    QList<Event> {ev(QStringLiteral("R1")), ev(QStringLiteral("R2"))});
        for (auto &f : futures) {
            const auto acked = f.result();
            QVERIFY2(acked, qPrintable(acked.errorText()));
            // Visible to another connection (another Store) the moment it is acknowledged.
            const qint64 last = acked->last().logId;
            auto seen = (*reader)->eventsFromLog(last, 1);
            QVERIFY(seen);
            QCOMPARE(seen->size(), 1);
            QCOMPARE(seen->first().hash, acked->last().hash);
        }
        QCOMPARE(*(*reader)->eventCount(QStringLiteral("R1")), 200);
    }

    void recordThenFlushMakesEventsDurable()
    {
        const StoreLocation path = m_backend.at(QStringLiteral("record"));
        {
            auto store = Store::open(path);
            QVERIFY(store);
            EventSink *sink = store->get();
            for (int i = 0; i < 100; ++i)
                sink->record(ev(QStringLiteral("R1")));
            QVERIFY((*store)->flush());
            QCOMPARE(*(*store)->eventCount(QStringLiteral("R1")), 100);
            for (int i = 0; i < 100; ++i)
                sink->record(ev(QStringLiteral("R1")));
            // No flush: closing the store commits what was queued.
        }
        auto reopened = Store::open(path);
        QVERIFY(reopened);
        QCOMPARE(*(*reopened)->eventCount(QStringLiteral("R1")), 200);
        QVERIFY((*reopened)->verifyChain()->intact);
    }

    void manyThreadsAppendAndReadAtOnce()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("threads")));
        QVERIFY(store);
        Store *s = store->get();
        std::atomic<int> readFailures {0};
        QList<QFuture<void>> workers;
        for (int t = 0; t < 4; ++t) {
            workers << QtConcurrent::run([s, t, &readFailures] {
                const QString run = QStringLiteral("R%1").arg(t);
                for (int i = 0; i < 50; ++i) {
                    auto appended = s->append(QList<Event> {ev(run), ev(run)});
                    // Each thread reads on its own connection while the writer commits.
                    auto read = s->events(run);
                    if (!appended || !read || read->size() < (i + 1) * 2)
                        ++readFailures;
                }
            });
        }
        for (auto &w : workers)
            w.waitForFinished();
        QCOMPARE(readFailures.load(), 0);
        for (int t = 0; t < 4; ++t) {
            auto read = s->events(QStringLiteral("R%1").arg(t));
            QCOMPARE(read->size(), 100);
            for (int i = 0; i < 100; ++i)
                QCOMPARE(read->at(i).seq, i + 1);
        }
        auto chain = s->verifyChain();
        QVERIFY(chain && chain->intact);
        QCOMPARE(chain->eventsChecked, 400);
    }

    void twoStoresOnOneFileKeepIdsAndChainCorrect()
    {
        const StoreLocation path = m_backend.at(QStringLiteral("twostores"));
        auto a = Store::open(path);
        auto b = Store::open(path);
        QVERIFY(a && b);
        QList<QFuture<Result<QList<Event>>>> futures;
        for (int i = 0; i < 100; ++i) {
            futures << (*a)->appendAsync(QList<Event> {ev(QStringLiteral("R1")), ev(QString())});
            futures << (*b)->appendAsync(QList<Event> {ev(QStringLiteral("R1")), ev(QStringLiteral("R2"))});
        }
        QSet<qint64> logIds;
        for (auto &f : futures) {
            auto r = f.result();
            QVERIFY2(r, qPrintable(r.errorText()));
            for (const Event &e : std::as_const(*r))
                logIds.insert(e.logId);
        }
        QCOMPARE(logIds.size(), 400);
        auto r1 = (*a)->events(QStringLiteral("R1"));
        QCOMPARE(r1->size(), 200);
        for (int i = 0; i < 200; ++i)
            QCOMPARE(r1->at(i).seq, i + 1);
        auto chain = (*b)->verifyChain();
        QVERIFY(chain->intact);
        QCOMPARE(chain->eventsChecked, 400);
    }

    void twoProcessesAndThisOneAppendConcurrently()
    {
        const StoreLocation path = m_backend.at(QStringLiteral("processes"));
        auto store = Store::open(path);
        QVERIFY(store);
        QList<QProcess *> children;
        for (int i = 0; i < 2; ++i) {
            auto *p = new QProcess(this);
            p->start(QStringLiteral(STORE_APPEND_CHILD),
                     {StoreTestBackend::spec(path), QStringLiteral("--events"), QStringLiteral("1500"),
                      QStringLiteral("--seed"), QString::number(i + 7)});
            children << p;
        }
        // Meanwhile this process appends to the same runs.
        for (int i = 0; i < 300; ++i)
            QVERIFY((*store)->append(QList<Event> {ev(QStringLiteral("R1")), ev(QStringLiteral("R2"))}));
        qint64 acked = 0;
        for (QProcess *p : std::as_const(children)) {
            QVERIFY(p->waitForFinished(60000));
            QCOMPARE(p->exitCode(), 0);
            const QList<QByteArray> lines = p->readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines)
                if (line.startsWith("ack "))
                    acked += line.count(' ');
            QVERIFY2(p->readAllStandardError().isEmpty(), "the child reported an error");
        }
        QCOMPARE(acked, 3000);
        QCOMPARE(*(*store)->lastLogId(), 3600);
        qint64 total = 0;
        for (const QString &run : {QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3")}) {
            auto events = (*store)->events(run);
            QVERIFY(events);
            for (qsizetype i = 0; i < events->size(); ++i)
                QCOMPARE(events->at(i).seq, i + 1); // gapless and unique per run across processes
            total += events->size();
        }
        QCOMPARE(total, 3600);
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QCOMPARE(chain->eventsChecked, 3600);
    }
};

STORE_TEST_MAIN(TestEventLog)
#include "tst_eventlog.moc"
