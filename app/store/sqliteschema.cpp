// SqliteSchema: inspection and migrations of the SQLite store schema.
#include "sqliteschema.h"
#include "eventrow.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <functional>

namespace harness {

namespace {

Status execAll(QSqlDatabase &db, const QStringList &statements)
{
    QSqlQuery q(db);
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return Status::failure(QStringLiteral("%1 (in: %2)").arg(q.lastError().text(), sql.simplified()));
    }
    return success();
}

Status migrateTo1(QSqlDatabase &db)
{
    return execAll(
            db,
            {
                    QStringLiteral("PRAGMA application_id=%1").arg(SqliteSchema::kApplicationId),
                    QStringLiteral(
                            "CREATE TABLE tasks (num INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, "
                            "state TEXT NOT NULL, created TEXT NOT NULL, data TEXT NOT NULL)"),
                    QStringLiteral("CREATE TABLE runs (num INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT "
                                   "NOT NULL, "
                                   "created TEXT NOT NULL, data TEXT NOT NULL)"),
                    QStringLiteral("CREATE INDEX runs_task ON runs(task_id)"),
                    QStringLiteral("CREATE TABLE events (log_id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, "
                                   "seq INTEGER NOT NULL, time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT "
                                   "NOT NULL, "
                                   "payload TEXT NOT NULL)"),
                    QStringLiteral("CREATE UNIQUE INDEX events_run_seq ON events(run_id, seq)"),
            });
}

// Version 2 adds the audit chain: existing events get prev_hash/hash computed in log order.
Status migrateTo2(QSqlDatabase &db)
{
    Status added = execAll(
            db,
            {
                    QStringLiteral("ALTER TABLE events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("CREATE TABLE approvals (num INTEGER PRIMARY KEY AUTOINCREMENT, run_id "
                                   "TEXT NOT NULL, "
                                   "kind TEXT NOT NULL, state TEXT NOT NULL, subject_hash TEXT NOT NULL, "
                                   "created TEXT NOT NULL, data TEXT NOT NULL)"),
                    QStringLiteral("CREATE INDEX approvals_state ON approvals(state, run_id)"),
            });
    if (!added)
        return added;
    QSqlQuery read(db);
    read.setForwardOnly(true);
    // The columns EventRow reads, as version 2 has them (runner and host come with version 3).
    if (!read.exec(QStringLiteral("SELECT log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash, "
                                  "'' AS runner, '' AS host FROM events ORDER BY log_id")))
        return Status::failure(read.lastError().text());
    QSqlQuery write(db);
    if (!write.prepare(QStringLiteral("UPDATE events SET prev_hash = ?, hash = ? WHERE log_id = ?")))
        return Status::failure(write.lastError().text());
    QByteArray previous;
    while (read.next()) {
        Event e = EventRow::read(read);
        e.prevHash = previous;
        e.hash = e.computeHash();
        write.bindValue(0, EventRow::text(e.prevHash));
        write.bindValue(1, QString::fromLatin1(e.hash));
        write.bindValue(2, e.logId);
        if (!write.exec())
            return Status::failure(write.lastError().text());
        previous = e.hash;
    }
    return success();
}

// Version 3 is for teams: who wrote each event (runner, host: hashed only when set, so the chain of
// older events stays valid), the run queue with its leases, the runners, and store-wide settings.
Status migrateTo3(QSqlDatabase &db)
{
    return execAll(
            db,
            {
                    QStringLiteral("ALTER TABLE events ADD COLUMN runner TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("ALTER TABLE events ADD COLUMN host TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral(
                            "CREATE TABLE run_queue (run_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, "
                            "seq INTEGER NOT NULL, priority INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, "
                            "runner TEXT NOT NULL DEFAULT '', token INTEGER NOT NULL DEFAULT 0, "
                            "lease_until INTEGER NOT NULL DEFAULT 0, heartbeat INTEGER NOT NULL DEFAULT 0, "
                            "claims INTEGER NOT NULL DEFAULT 0, spent REAL NOT NULL DEFAULT 0, "
                            "remote TEXT NOT NULL DEFAULT '', queued INTEGER NOT NULL, "
                            "note TEXT NOT NULL DEFAULT '')"),
                    QStringLiteral("CREATE INDEX run_queue_order ON run_queue(state, priority DESC, seq)"),
                    QStringLiteral(
                            "CREATE TABLE runners (name TEXT PRIMARY KEY, host TEXT NOT NULL, instance TEXT "
                            "NOT NULL, capacity INTEGER NOT NULL, version TEXT NOT NULL, started INTEGER NOT "
                            "NULL, heartbeat INTEGER NOT NULL, state TEXT NOT NULL, note TEXT NOT NULL "
                            "DEFAULT '')"),
                    QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            });
}

using Migration = std::function<Status(QSqlDatabase &)>;
const Migration kMigrations[SqliteSchema::kCurrentVersion] = {migrateTo1, migrateTo2, migrateTo3};

Result<qint64> pragmaValue(QSqlDatabase &db, const QString &pragma)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA %1").arg(pragma)) || !q.next())
        return Result<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

} // namespace

Result<int> SqliteSchema::inspect(QSqlDatabase db, const QString &describedAs)
{
    const QString untouched =
            QStringLiteral(" It was left untouched: move it aside (or restore a backup), or point "
                           "HARNESS_STORE at another file.");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Reading the schema is the first access to the file: a damaged header or schema fails here.
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")))
        return Result<int>::failure(QStringLiteral("%1 is corrupt or not a SQLite database (%2).%3")
                                            .arg(describedAs, q.lastError().text(), untouched));
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    q.finish();
    const auto version = pragmaValue(db, QStringLiteral("user_version"));
    const auto appId = pragmaValue(db, QStringLiteral("application_id"));
    if (!version || !appId)
        return Result<int>::failure(
                QStringLiteral("%1 is corrupt or not a SQLite database (%2).%3")
                        .arg(describedAs, version ? appId.errorText() : version.errorText(), untouched));
    tables.removeAll(QStringLiteral("sqlite_sequence"));
    if ((*appId != 0 && *appId != kApplicationId) || (*version == 0 && !tables.isEmpty()))
        return Result<int>::failure(
                QStringLiteral(
                        "%1 is a SQLite database of another application, not a Harness Workbench store.%2")
                        .arg(describedAs, untouched));
    if (*version > kCurrentVersion)
        return Result<int>::failure(
                QStringLiteral("%1 was written by a newer Harness Workbench (schema version %2; "
                               "this build understands up to version %3). Upgrade Harness "
                               "Workbench to open it.%4")
                        .arg(describedAs)
                        .arg(*version)
                        .arg(kCurrentVersion)
                        .arg(untouched));
    if (*version < 0)
        return Result<int>::failure(QStringLiteral("%1 has an invalid schema version %2.%3")
                                            .arg(describedAs)
                                            .arg(*version)
                                            .arg(untouched));
    // A quick structural check of a store we are about to use; cheap next to a full integrity_check.
    if (*version > 0) {
        QSqlQuery probe(db);
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)")) ||
            !probe.next())
            return Result<int>::failure(QStringLiteral("%1 is corrupt (%2).%3")
                                                .arg(describedAs, probe.lastError().text(), untouched));
    }
    return int(*version);
}

Result<int> SqliteSchema::upgrade(QSqlDatabase db, const QString &describedAs)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return Result<int>::failure(
                QStringLiteral("Cannot switch %1 to WAL mode: %2").arg(describedAs, q.lastError().text()));
    q.finish();
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Result<int>::failure(QStringLiteral("Cannot lock %1 for the schema upgrade: %2")
                                            .arg(describedAs, q.lastError().text()));
    // Re-read inside the write lock: another process may have migrated meanwhile.
    auto version = pragmaValue(db, QStringLiteral("user_version"));
    if (!version) {
        q.exec(QStringLiteral("ROLLBACK"));
        return Result<int>::failure(version.errorText());
    }
    if (*version > kCurrentVersion) {
        q.exec(QStringLiteral("ROLLBACK"));
        return Result<int>::failure(
                QStringLiteral("%1 was upgraded by a newer Harness Workbench meanwhile (schema "
                               "version %2). Upgrade Harness Workbench.")
                        .arg(describedAs)
                        .arg(*version));
    }
    for (int v = int(*version); v < kCurrentVersion; ++v) {
        Status step = kMigrations[v](db);
        if (!step) {
            q.exec(QStringLiteral("ROLLBACK"));
            return Result<int>::failure(
                    QStringLiteral("Upgrading %1 from schema version %2 to %3 failed: %4. The "
                                   "file was left at version %2.")
                            .arg(describedAs)
                            .arg(*version)
                            .arg(v + 1)
                            .arg(step.errorText()));
        }
    }
    if (*version != kCurrentVersion &&
        !q.exec(QStringLiteral("PRAGMA user_version=%1").arg(kCurrentVersion))) {
        q.exec(QStringLiteral("ROLLBACK"));
        return Result<int>::failure(q.lastError().text());
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString why = q.lastError().text();
        q.exec(QStringLiteral("ROLLBACK"));
        return Result<int>::failure(
                QStringLiteral("Cannot commit the schema upgrade of %1: %2").arg(describedAs, why));
    }
    return kCurrentVersion;
}

} // namespace harness
