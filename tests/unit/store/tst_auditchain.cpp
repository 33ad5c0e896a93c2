// Tests for the audit chain: every event stores the hash of its predecessor and its own hash;
// verifyChain() finds the first broken link after the log is tampered with by plain SQL.
#include "store/store.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestAuditChain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A store with 20 events over two runs, closed again; returns its path.
    QString makeLog()
    {
        const QString path = m_dir.filePath(QStringLiteral("chain%1.sqlite").arg(++m_counter));
        auto store = Store::open(StoreLocation::sqlite(path));
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

    // Runs SQL on the file directly, as someone tampering with the database would.
    static bool tamper(const QString &path, const QStringList &statements)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(path);
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &sql : statements) {
                if (ok && !q.exec(sql)) {
                    qWarning() << q.lastError().text() << sql;
                    ok = false;
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        return ok;
    }

private Q_SLOTS:
    void intactLogVerifies()
    {
        const QString path = makeLog();
        QVERIFY(!path.isEmpty());
        auto store = Store::open(StoreLocation::sqlite(path));
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
        auto store = Store::open(StoreLocation::sqlite(m_dir.filePath(QStringLiteral("empty.sqlite"))));
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
        const QString path = makeLog();
        QVERIFY(!path.isEmpty());
        QVERIFY(tamper(path, sql));
        auto store = Store::open(StoreLocation::sqlite(path));
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
        const QString path = makeLog();
        QVERIFY(!path.isEmpty());
        Event seven;
        {
            auto store = Store::open(StoreLocation::sqlite(path));
            QVERIFY(store);
            seven = (*store)->eventsFromLog(7, 1)->first();
        }
        seven.payload = {{QStringLiteral("i"), 99}};
        seven.hash = seven.computeHash();
        QVERIFY(tamper(
                path,
                {QStringLiteral("UPDATE events SET payload = '{\"i\":99}', hash = '%1' WHERE log_id = 7")
                         .arg(QString::fromLatin1(seven.hash))}));
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY(store);
        auto chain = (*store)->verifyChain();
        QVERIFY(!chain->intact);
        QCOMPARE(chain->firstBrokenLogId, 8);
        QVERIFY2(chain->reason.contains(QStringLiteral("predecessor (event 7)")), qPrintable(chain->reason));
    }

    void appendsAfterTheTipKeepChaining()
    {
        const QString path = makeLog();
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY(store);
        auto last = (*store)->eventsFromLog(20, 1);
        auto next = (*store)->append(
                Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("x")));
        QVERIFY(next);
        QCOMPARE(next->prevHash, last->first().hash);
        QVERIFY((*store)->verifyChain()->intact);
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
