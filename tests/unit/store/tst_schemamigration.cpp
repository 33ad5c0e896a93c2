// Tests for the versioned schema: a new file is created at the current version in WAL mode, a real
// version-1 database is upgraded with its data, and a newer, foreign or corrupt file is refused untouched.
#include "store/runqueue.h"
#include "storetestbackend.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {
QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Runs statements on a plain connection (not through the store) and returns the first column of the last.
QVariant sql(const QString &path, const QStringList &statements)
{
    QVariant last;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            for (const QString &s : statements) {
                if (!q.exec(s))
                    qWarning() << "SQL failed:" << s << q.lastError().text();
                else if (q.next())
                    last = q.value(0);
            }
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plain"));
    return last;
}

// The schema of version 1 exactly as that version wrote it (tasks, runs, events without the chain).
const QStringList kVersion1Schema = {
        QStringLiteral("PRAGMA application_id=1213353555"),
        QStringLiteral("CREATE TABLE tasks (num INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, "
                       "state TEXT NOT NULL, created TEXT NOT NULL, data TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE runs (num INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL, "
                       "created TEXT NOT NULL, data TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX runs_task ON runs(task_id)"),
        QStringLiteral("CREATE TABLE events (log_id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, seq INTEGER "
                       "NOT NULL, "
                       "time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL)"),
        QStringLiteral("CREATE UNIQUE INDEX events_run_seq ON events(run_id, seq)"),
        QStringLiteral("PRAGMA user_version=1"),
};
} // namespace

class TestSchemaMigration : public QObject
{
    Q_OBJECT

private:
    // Rows of run R1's first `count` events as schema version 2 wrote them: hashed without runner and host.
    static QStringList version2EventInserts(int count)
    {
        QByteArray previous;
        QStringList inserts;
        for (int i = 1; i <= count; ++i) {
            Event e = Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("step"),
                                  {{QStringLiteral("n"), i}});
            e.logId = i;
            e.seq = i;
            e.time = QDateTime(QDate(2025, 1, 2), QTime(3, 4, i), Qt::UTC);
            e.prevHash = previous;
            e.hash = e.computeHash();
            previous = e.hash;
            inserts << QStringLiteral("INSERT INTO events VALUES (%1, 'R1', %1, '%2', 'harness', 'step', "
                                      "'{\"n\":%1}', '%3', '%4')")
                               .arg(i)
                               .arg(e.time.toString(Qt::ISODateWithMs), QString::fromLatin1(e.prevHash),
                                    QString::fromLatin1(e.hash));
        }
        return inserts;
    }
    QTemporaryDir m_dir;

private Q_SLOTS:
    void newStoreIsCurrentAndInWalMode()
    {
        const QString path = m_dir.filePath(QStringLiteral("sub/dir/new.sqlite"));
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY2(store, qPrintable(store.errorText()));
        QCOMPARE((*store)->schemaVersion(), 3);
        store = Result<std::unique_ptr<Store>>::failure(QStringLiteral("closed"));
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA journal_mode")}).toString(), QStringLiteral("wal"));
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 3);
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA integrity_check")}).toString(), QStringLiteral("ok"));
    }

    void reopeningKeepsData()
    {
        const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
        {
            auto store = Store::open(StoreLocation::sqlite(path));
            QVERIFY(store);
            Task t;
            t.title = QStringLiteral("Fix the parser");
            t.contract.goal = QStringLiteral("No crash on empty input");
            QVERIFY((*store)->addTask(t));
            QVERIFY((*store)->append(
                    Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("started"))));
        }
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY(store);
        QCOMPARE((*store)->task(QStringLiteral("T1"))->title, QStringLiteral("Fix the parser"));
        QCOMPARE(*(*store)->eventCount(QStringLiteral("R1")), 1);
    }

    void version1DatabaseIsUpgraded()
    {
        const QString path = m_dir.filePath(QStringLiteral("v1.sqlite"));
        QStringList statements = kVersion1Schema;
        statements
                << QStringLiteral(
                           "INSERT INTO tasks (title, state, created, data) VALUES ('Old task', 'running', "
                           "'2024-05-01T10:00:00.000Z', '{\"title\":\"Old task\",\"state\":\"running\","
                           "\"contract\":{\"goal\":\"Keep working\"},\"depends_on\":[]}')")
                << QStringLiteral("INSERT INTO runs (task_id, created, data) VALUES ('T1', "
                                  "'2024-05-01T10:01:00.000Z', "
                                  "'{\"task\":\"T1\",\"branch\":\"harness/T1/R1\"}')");
        for (int i = 1; i <= 5; ++i)
            statements << QStringLiteral(
                                  "INSERT INTO events VALUES (%1, 'R1', %1, '2024-05-01T10:0%1:00.000Z', "
                                  "'harness', 'step', '{\"n\":%1}')")
                                  .arg(i);
        sql(path, statements);
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 1);

        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY2(store, qPrintable(store.errorText()));
        QCOMPARE((*store)->schemaVersion(), 3);
        auto task = (*store)->task(QStringLiteral("T1"));
        QVERIFY2(task, qPrintable(task.errorText()));
        QCOMPARE(task->title, QStringLiteral("Old task"));
        QCOMPARE(task->state, TaskState::Running);
        QCOMPARE(task->created, QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE((*store)->run(QStringLiteral("R1"))->branch, QStringLiteral("harness/T1/R1"));
        // The old events were given a hash chain, and new events continue it and their run's seq.
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QCOMPARE(chain->eventsChecked, 5);
        auto next = (*store)->append(
                Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("step")));
        QVERIFY(next);
        QCOMPARE(next->seq, 6);
        QCOMPARE(next->logId, 6);
        QCOMPARE((*store)->events(QStringLiteral("R1"))->at(2).payload.value(QStringLiteral("n")).toInt(), 3);
        QVERIFY((*store)->verifyChain()->intact);
        // Tables added by version 2 work.
        Approval a;
        a.runId = QStringLiteral("R1");
        a.subjectHash = "abc";
        QVERIFY((*store)->addApproval(a));
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 3);
    }

    // A store of version 2 (the audit chain, before teams) opens at version 3: its chain still verifies,
    // new events record who wrote them and continue the chain, and the queue tables work.
    void version2DatabaseIsUpgraded()
    {
        const QString path = m_dir.filePath(QStringLiteral("v2.sqlite"));
        {
            auto v1 = Store::open(StoreLocation::sqlite(path)); // made at 3, then taken back to 2 below
            QVERIFY(v1);
        }
        sql(path,
            {QStringLiteral("DROP TABLE run_queue"), QStringLiteral("DROP TABLE runners"),
             QStringLiteral("DROP TABLE settings"), QStringLiteral("ALTER TABLE events DROP COLUMN runner"),
             QStringLiteral("ALTER TABLE events DROP COLUMN host"), QStringLiteral("PRAGMA user_version=2")});
        // Events as version 2 wrote them: hashed without runner and host.
        const QStringList inserts = version2EventInserts(3);
        sql(path, inserts);
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 2);

        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY2(store, qPrintable(store.errorText()));
        QCOMPARE((*store)->schemaVersion(), 3);
        (*store)->setOrigin(QStringLiteral("runner-a"), QStringLiteral("node-1"));
        auto next = (*store)->append(
                Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("step")));
        QVERIFY2(next, qPrintable(next.errorText()));
        QCOMPARE(next->seq, 4);
        QCOMPARE(next->runner, QStringLiteral("runner-a"));
        QCOMPARE(next->host, QStringLiteral("node-1"));
        auto events = (*store)->events(QStringLiteral("R1"));
        QCOMPARE(events->size(), 4);
        QVERIFY(events->at(0).runner.isEmpty() && events->at(0).host.isEmpty());
        QCOMPARE(events->at(3).runner, QStringLiteral("runner-a"));
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QCOMPARE(chain->eventsChecked, 4);
        QCOMPARE(sql(path, {QStringLiteral("SELECT count(*) FROM run_queue")}).toInt(), 0);
    }

    void postgresVersion2DatabaseIsUpgraded()
    {
        StoreTestBackend postgres(QStringLiteral("postgres"));
        if (const QString why = postgres.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        const StoreLocation location = postgres.at(QStringLiteral("schema_v2"));
        // The schema exactly as version 2 made it, with two events hashed as version 2 hashed them.
        QStringList v2 = {
                QStringLiteral(
                        "CREATE TABLE tasks (num BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, state TEXT NOT "
                        "NULL, created TEXT NOT NULL, data TEXT NOT NULL)"),
                QStringLiteral(
                        "CREATE TABLE runs (num BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL, created TEXT "
                        "NOT NULL, data TEXT NOT NULL)"),
                QStringLiteral("CREATE INDEX runs_task ON runs(task_id)"),
                QStringLiteral(
                        "CREATE TABLE events (log_id BIGINT PRIMARY KEY, run_id TEXT NOT NULL, seq BIGINT "
                        "NOT "
                        "NULL, time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT "
                        "NULL, prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE UNIQUE INDEX events_run_seq ON events(run_id, seq)"),
                QStringLiteral(
                        "CREATE TABLE approvals (num BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL, kind TEXT "
                        "NOT NULL, state TEXT NOT NULL, subject_hash TEXT NOT NULL, created TEXT NOT NULL, "
                        "data TEXT NOT NULL)"),
                QStringLiteral("CREATE INDEX approvals_state ON approvals(state, run_id)"),
                QStringLiteral("CREATE TABLE harness_schema (version INTEGER NOT NULL)"),
                QStringLiteral("INSERT INTO harness_schema (version) VALUES (2)"),
        };
        v2 << version2EventInserts(2);
        QVERIFY(StoreTestBackend::sql(location, v2).isValid());

        auto store = Store::open(location);
        QVERIFY2(store, qPrintable(store.errorText()));
        QCOMPARE((*store)->schemaVersion(), 3);
        QCOMPARE(StoreTestBackend::sql(location, {QStringLiteral("SELECT version FROM harness_schema")})
                         .toInt(),
                 3);
        (*store)->setOrigin(QStringLiteral("runner-b"), QStringLiteral("node-2"));
        auto next = (*store)->append(
                Event::make(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("step")));
        QVERIFY2(next, qPrintable(next.errorText()));
        QCOMPARE(next->seq, 3);
        QCOMPARE((*store)->events(QStringLiteral("R1"))->at(2).host, QStringLiteral("node-2"));
        auto chain = (*store)->verifyChain();
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QCOMPARE(chain->eventsChecked, 3);
        QVERIFY((*store)->queue().entries());
    }

    void newerDatabaseIsRefusedUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        QStringList statements = kVersion1Schema;
        statements << QStringLiteral("PRAGMA user_version=7");
        sql(path, statements);
        const QByteArray before = fileDigest(path);
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY(!store);
        QVERIFY2(store.errorText().contains(QStringLiteral("newer Harness Workbench")),
                 qPrintable(store.errorText()));
        QVERIFY(store.errorText().contains(QStringLiteral("schema version 7")));
        QVERIFY(store.errorText().contains(QStringLiteral("left untouched")));
        QCOMPARE(fileDigest(path), before);
        QCOMPARE(sql(path, {QStringLiteral("PRAGMA journal_mode")}).toString(), QStringLiteral("delete"));
    }

    void corruptOrForeignFileIsRefusedUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QByteArray garbage;
        for (int i = 0; i < 8192; ++i)
            garbage += char((i * 7919) % 251);
        QTest::newRow("not a database") << garbage << "corrupt or not a SQLite database";
        QTest::newRow("text file") << QByteArray("just some notes\n") << "corrupt or not a SQLite database";
        QTest::newRow("damaged schema page") << QByteArray("damage-page-1") << "corrupt";
        QTest::newRow("another application") << QByteArray("foreign") << "another application";
    }

    void corruptOrForeignFileIsRefusedUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("bad-%1.sqlite")
                                                    .arg(QTest::currentDataTag())
                                                    .replace(QLatin1Char(' '), QLatin1Char('-')));
        if (content == "damage-page-1") {
            // A valid store whose first page (the schema) is overwritten after the 100-byte header.
            sql(path, kVersion1Schema);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(100);
            f.write(QByteArray(3000, '\xA5'));
        } else if (content == "foreign") {
            sql(path,
                {QStringLiteral("CREATE TABLE contacts (name TEXT)"),
                 QStringLiteral("INSERT INTO contacts VALUES ('ann')")});
        } else {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QByteArray before = fileDigest(path);
        auto store = Store::open(StoreLocation::sqlite(path));
        QVERIFY(!store);
        QVERIFY2(store.errorText().contains(message), qPrintable(store.errorText()));
        QVERIFY(store.errorText().contains(QStringLiteral("left untouched")));
        QVERIFY(store.errorText().contains(path));
        QCOMPARE(fileDigest(path), before);
    }

    void postgresNewerOrForeignDatabaseIsRefusedUntouched_data()
    {
        QTest::addColumn<QStringList>("setup");
        QTest::addColumn<QString>("message");
        QTest::newRow("newer")
                << QStringList {QStringLiteral("CREATE TABLE harness_schema (version INTEGER NOT NULL)"),
                                QStringLiteral("INSERT INTO harness_schema VALUES (9)")}
                << "schema version 9";
        QTest::newRow("foreign") << QStringList {QStringLiteral("CREATE TABLE contacts (name TEXT)")}
                                 << "another application";
    }

    void postgresNewerOrForeignDatabaseIsRefusedUntouched()
    {
        QFETCH(QStringList, setup);
        QFETCH(QString, message);
        StoreTestBackend postgres(QStringLiteral("postgres"));
        if (const QString why = postgres.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        const StoreLocation location = postgres.at(QStringLiteral("schema_%1").arg(QTest::currentDataTag()));
        QVERIFY(StoreTestBackend::sql(location, setup).isValid());
        auto store = Store::open(location);
        QVERIFY(!store);
        QVERIFY2(store.errorText().contains(message), qPrintable(store.errorText()));
        QVERIFY(store.errorText().contains(QStringLiteral("left untouched")));
        const QVariant tables = StoreTestBackend::sql(
                location,
                {QStringLiteral(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")});
        QCOMPARE(tables.toInt(), 1); // nothing was created next to what was there
    }

    void postgresFreshDatabaseIsCreatedAtTheCurrentVersion()
    {
        StoreTestBackend postgres(QStringLiteral("postgres"));
        if (const QString why = postgres.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        const StoreLocation location = postgres.at(QStringLiteral("schema_fresh"));
        {
            auto store = Store::open(location);
            QVERIFY2(store, qPrintable(store.errorText()));
            QCOMPARE((*store)->schemaVersion(), 3);
        }
        auto again = Store::open(location); // reopening finds the schema and leaves it as it is
        QVERIFY2(again, qPrintable(again.errorText()));
        QCOMPARE(StoreTestBackend::sql(location, {QStringLiteral("SELECT version FROM harness_schema")})
                         .toInt(),
                 3);
    }

    void unreachablePostgresIsReportedWithoutThePassword()
    {
        auto location =
                StoreLocation::parse(QStringLiteral("postgres://ann:pw-secret-42@127.0.0.1:1/teamdb"));
        QVERIFY(location);
        auto store = Store::open(*location);
        QVERIFY(!store);
        QVERIFY2(store.errorText().contains(QStringLiteral("PostgreSQL database teamdb on ann@127.0.0.1:1")),
                 qPrintable(store.errorText()));
        QVERIFY(!store.errorText().contains(QStringLiteral("pw-secret-42")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigration)
#include "tst_schemamigration.moc"
