// PostgresSchema: inspection and creation of the PostgreSQL store schema.
#include "postgresschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace harness {

namespace {
const QStringList kVersion2 = {
        QStringLiteral(
                "CREATE TABLE tasks (num BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, state TEXT NOT NULL, "
                "created TEXT NOT NULL, data TEXT NOT NULL)"),
        QStringLiteral(
                "CREATE TABLE runs (num BIGSERIAL PRIMARY KEY, task_id TEXT NOT NULL, created TEXT NOT NULL, "
                "data TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX runs_task ON runs(task_id)"),
        QStringLiteral(
                "CREATE TABLE events (log_id BIGINT PRIMARY KEY, run_id TEXT NOT NULL, seq BIGINT NOT NULL, "
                "time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, "
                "prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX events_run_seq ON events(run_id, seq)"),
        QStringLiteral("CREATE TABLE approvals (num BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL, kind TEXT "
                       "NOT NULL, "
                       "state TEXT NOT NULL, subject_hash TEXT NOT NULL, created TEXT NOT NULL, data TEXT "
                       "NOT NULL)"),
        QStringLiteral("CREATE INDEX approvals_state ON approvals(state, run_id)"),
};

// Version 3: who wrote each event, the run queue with its leases, the runners, store-wide settings.
const QStringList kVersion3 = {
        QStringLiteral("ALTER TABLE events ADD COLUMN runner TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE events ADD COLUMN host TEXT NOT NULL DEFAULT ''"),
        QStringLiteral(
                "CREATE TABLE run_queue (run_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, "
                "seq BIGSERIAL NOT NULL, priority INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, "
                "runner TEXT NOT NULL DEFAULT '', token BIGINT NOT NULL DEFAULT 0, "
                "lease_until BIGINT NOT NULL DEFAULT 0, heartbeat BIGINT NOT NULL DEFAULT 0, "
                "claims INTEGER NOT NULL DEFAULT 0, spent DOUBLE PRECISION NOT NULL DEFAULT 0, "
                "remote TEXT NOT NULL DEFAULT '', queued BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '')"),
        // The claim scans the claimable rows in priority order (SKIP LOCKED passes rows being claimed).
        QStringLiteral("CREATE INDEX run_queue_claim ON run_queue(priority DESC, seq) "
                       "WHERE state IN ('queued', 'claimed')"),
        QStringLiteral("CREATE INDEX run_queue_runner ON run_queue(runner) WHERE state = 'claimed'"),
        QStringLiteral(
                "CREATE TABLE runners (name TEXT PRIMARY KEY, host TEXT NOT NULL, instance TEXT NOT NULL, "
                "capacity INTEGER NOT NULL, version TEXT NOT NULL, started BIGINT NOT NULL, "
                "heartbeat BIGINT NOT NULL, state TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
};

const QString kUntouched = QStringLiteral(" It was left untouched: point HARNESS_STORE at another database.");
} // namespace

Result<int> PostgresSchema::inspect(QSqlDatabase db, const QString &describedAs)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT to_regclass('harness_schema') IS NOT NULL, (SELECT count(*) FROM "
                               "information_schema.tables WHERE table_schema = current_schema())")) ||
        !q.next())
        return Result<int>::failure(
                QStringLiteral("Cannot read the schema of %1: %2").arg(describedAs, q.lastError().text()));
    const bool ours = q.value(0).toBool();
    const qint64 tables = q.value(1).toLongLong();
    q.finish();
    if (!ours) {
        if (tables > 0)
            return Result<int>::failure(
                    QStringLiteral("%1 holds tables of another application, not a Harness Workbench store.%2")
                            .arg(describedAs, kUntouched));
        return 0;
    }
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM harness_schema")) || !q.next())
        return Result<int>::failure(QStringLiteral("Cannot read the schema version of %1: %2")
                                            .arg(describedAs, q.lastError().text()));
    const int version = q.value(0).toInt();
    if (version > kCurrentVersion)
        return Result<int>::failure(
                QStringLiteral("%1 was written by a newer Harness Workbench (schema version %2; this "
                               "build understands up to version %3). Upgrade Harness Workbench to "
                               "open it.%4")
                        .arg(describedAs)
                        .arg(version)
                        .arg(kCurrentVersion)
                        .arg(kUntouched));
    return version;
}

Result<int> PostgresSchema::upgrade(QSqlDatabase db, const SqlConnections &connections,
                                    const QString &describedAs)
{
    if (Status locked = connections.beginWrite(db); !locked)
        return Result<int>::failure(QStringLiteral("Cannot lock %1 for the schema upgrade: %2")
                                            .arg(describedAs, locked.errorText()));
    QSqlQuery q(db);
    auto abort = [&](const QString &why) {
        q.exec(QStringLiteral("ROLLBACK"));
        return Result<int>::failure(
                QStringLiteral("Creating the schema of %1 failed: %2").arg(describedAs, why));
    };
    // Re-read under the lock: another process may have created the schema meanwhile.
    auto version = inspect(db, describedAs);
    if (!version) {
        q.exec(QStringLiteral("ROLLBACK"));
        return version;
    }
    // DDL is transactional in PostgreSQL: the whole upgrade commits or nothing does.
    QStringList statements;
    if (*version == 0)
        statements << kVersion2 << QStringLiteral("CREATE TABLE harness_schema (version INTEGER NOT NULL)")
                   << QStringLiteral("INSERT INTO harness_schema (version) VALUES (2)");
    if (*version < 3)
        statements << kVersion3;
    if (*version < kCurrentVersion)
        statements << QStringLiteral("UPDATE harness_schema SET version = %1").arg(kCurrentVersion);
    for (const QString &sql : std::as_const(statements))
        if (!q.exec(sql))
            return abort(q.lastError().text());
    if (!q.exec(QStringLiteral("COMMIT")))
        return abort(q.lastError().text());
    return kCurrentVersion;
}

} // namespace harness
