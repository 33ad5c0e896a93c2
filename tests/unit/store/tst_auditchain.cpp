// Tests for the audit chain: every event stores the hash of its predecessor and its own hash;
// verifyChain() finds the first broken link after the log is tampered with by plain SQL.
#include "storetestbackend.h"

#include <QTest>
#include <optional>

using namespace harness;

class TestAuditChain : public QObject
{
    Q_OBJECT

public:
    explicit TestAuditChain(const QString &backend) : m_backend(backend) { }

private:
    StoreTestBackend m_backend;
    int m_counter = 0;

    // A store with 20 events over two runs, closed again; returns its location.
    std::optional<StoreLocation> makeLog()
    {
        const StoreLocation path = m_backend.at(QStringLiteral("chain%1").arg(++m_counter));
        auto store = Store::open(path);
        if (!store)
            return {};
        QList<Event> batch;
        for (int i = 0; i < 20; ++i)
            batch << Event::make(i % 2 ? QStringLiteral("R1") : QStringLiteral("R2"),
                                 QStringLiteral("human:ann"), QStringLiteral("note"),
                                 {{QStringLiteral("i"), i}});
        if (!(*store)->append(batch))
            return {};
        return path;
    }

    // Runs SQL on the database directly, as someone tampering with it would.
    static bool tamper(const StoreLocation &path, const QStringList &statements)
    {
        return StoreTestBackend::sql(path, statements).isValid();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = m_backend.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qInfo("backend: %s", qPrintable(m_backend.name()));
    }

    void intactLogVerifies()
    {
        const auto path = makeLog();
        QVERIFY(path);
        auto store = Store::open(*path);
        QVERIFY(store);
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain, qPrintable(chain.errorText()));
        QVERIFY(chain->intact);
        QCOMPARE(chain->eventsChecked, 20);
        QCOMPARE(chain->firstBrokenLogId, 0);
        QVERIFY(chain->reason.isEmpty());
    }

    void emptyLogVerifies()
    {
        auto store = Store::open(m_backend.at(QStringLiteral("empty")));
        QVERIFY(store);
        auto chain = (*store)->verifyChain();
        QVERIFY(chain->intact);
        QCOMPARE(chain->eventsChecked, 0);
    }

    void tamperingIsPinpointed_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<qint64>("firstBroken");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("payload changed")
                << QStringList {QStringLiteral("UPDATE events SET payload = '{\"i\":99}' WHERE log_id = 7")}
                << qint64(7) << "does not match its stored hash";
        QTest::newRow("actor changed")
                << QStringList {QStringLiteral("UPDATE events SET actor = 'human:mallory' WHERE log_id = 12")}
                << qint64(12) << "does not match its stored hash";
        QTest::newRow("time changed")
                << QStringList {QStringLiteral(
                           "UPDATE events SET time = '2020-01-01T00:00:00.000Z' WHERE log_id = 3")}
                << qint64(3) << "does not match its stored hash";
        QTest::newRow("event removed") << QStringList {QStringLiteral("DELETE FROM events WHERE log_id = 10")}
                                       << qint64(11) << "removed or inserted";
        QTest::newRow("first event removed")
                << QStringList {QStringLiteral("DELETE FROM events WHERE log_id = 1")} << qint64(2)
                << "first in the log";
        QTest::newRow("event inserted")
                << QStringList {QStringLiteral(
                           "INSERT INTO events (log_id, run_id, seq, time, actor, kind, payload, "
                           "prev_hash, hash) SELECT 100, 'R9', 1, time, actor, kind, payload, "
                           "prev_hash, hash FROM events WHERE log_id = 20")}
                << qint64(100) << "removed or inserted";
    }

    void tamperingIsPinpointed()
    {
        QFETCH(QStringList, sql);
        QFETCH(qint64, firstBroken);
        QFETCH(QString, reasonContains);
        const auto path = makeLog();
        QVERIFY(path);
        QVERIFY(tamper(*path, sql));
        auto store = Store::open(*path);
        QVERIFY2(store, qPrintable(store.errorText()));
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain, qPrintable(chain.errorText()));
        QVERIFY(!chain->intact);
        QCOMPARE(chain->firstBrokenLogId, firstBroken);
        QVERIFY2(chain->reason.contains(reasonContains), qPrintable(chain->reason));
    }

    void rewritingContentAndHashBreaksTheSuccessor()
    {
        // A tamperer who recomputes the changed event's hash moves the break to the next event, whose
        // prev_hash no longer names its predecessor.
        const auto path = makeLog();
        QVERIFY(path);
        Event seven;
        {
            auto store = Store::open(*path);
            QVERIFY(store);
            seven = (*store)->eventsFromLog(7, 1)->first();
        }
        seven.payload = {{QStringLiteral("i"), 99}};
        seven.hash = seven.computeHash();
        QVERIFY(tamper(
                *path,
                {QStringLiteral("UPDATE events SET payload = '{\"i\":99}', hash = '%1' WHERE log_id = 7")
                         .arg(QString::fromLatin1(seven.hash))}));
        auto store = Store::open(*path);
        QVERIFY(store);
        auto chain = (*store)->verifyChain();
        QVERIFY(!chain->intact);
        QCOMPARE(chain->firstBrokenLogId, 8);
        QVERIFY2(chain->reason.contains(QStringLiteral("predecessor (event 7)")), qPrintable(chain->reason));
    }

    void appendsAfterTheTipKeepChaining()
    {
        const auto path = makeLog();
        QVERIFY(path);
        auto store = Store::open(*path);
        QVERIFY(store);
        auto last = (*store)->eventsFromLog(20, 1);
        auto next = (*store)->append(
                Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("x")));
        QVERIFY(next);
        QCOMPARE(next->prevHash, last->first().hash);
        QVERIFY((*store)->verifyChain()->intact);
    }
};

STORE_TEST_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
