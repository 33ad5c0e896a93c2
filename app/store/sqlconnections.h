// SqlConnections: one named Qt Sql connection per thread for one store (a Qt Sql connection belongs to
// the thread that opened it), for QSQLITE or QPSQL; every connection is removed when the store closes.
// When a thread ends, its connection waits (a few at most) for the next thread that needs one, so a
// short-lived worker thread does not pay for a new PostgreSQL session, nor leave one open behind it.
#pragma once

#include "core/result.h"
#include "store.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <optional>

namespace harness {

class SqlConnections
{
public:
    explicit SqlConnections(StoreLocation location);
    ~SqlConnections();
    SqlConnections(const SqlConnections &) = delete;
    SqlConnections &operator=(const SqlConnections &) = delete;

    // The calling thread's connection: its own, else one an ended thread left, else a new one.
    Result<QSqlDatabase> forCurrentThread();
    // Opens a fresh connection that belongs to the calling thread (the writer's); close it with release().
    Result<QSqlDatabase> openDedicated(const QString &role);
    void release(const QString &connectionName);

    // Starts a transaction that holds the store's single write lock until COMMIT/ROLLBACK: BEGIN IMMEDIATE
    // on SQLite, a transaction-scoped advisory lock on PostgreSQL. Writers in other processes wait.
    Status beginWrite(QSqlDatabase &db) const;

    const StoreLocation &location() const { return m_location; }
    bool isSqlite() const { return m_location.backend == StoreLocation::Backend::Sqlite; }

    // Prepares the statement on this thread's connection, binds the values in order and runs it; a
    // failure reads "Cannot <doing> <where>: <driver message>".
    Result<QSqlQuery> execute(const QString &sql, const QVariantList &values, const QString &doing);
    // The same for a statement run often: it stays prepared on this thread's connection (on PostgreSQL,
    // each later call is one round trip, not PREPARE, EXECUTE and DEALLOCATE; on SQLite, no new parse).
    // The query is the kept one: read its rows before the next call with the same sql on this thread,
    // and keep no pointer to it.
    Result<QSqlQuery *> executeKept(const QString &sql, const QVariantList &values, const QString &doing);
    // Whether the connection still reaches the database (a failed statement may mean it does not).
    bool isAlive(QSqlDatabase &db) const;
    // Closes this thread's connection; the next forCurrentThread() opens a new one.
    void dropCurrentThread();
    // SQL for "now" in milliseconds since the epoch: the server's clock on PostgreSQL (one clock for
    // every machine that shares the store), the local one on SQLite (one machine).
    QString nowMsSql() const;

    // Announces that what the keys name changed (a run id, or one of StoreNotifier's keys): to this
    // process at once, and to other processes through NOTIFY on PostgreSQL. Inside a transaction on db
    // (PostgreSQL) the notification leaves with the commit; pass inTransaction and call announced()
    // after the commit for this process.
    void announce(const QStringList &keys);
    void notifyInTransaction(QSqlDatabase &db, const QStringList &keys);
    void announced(const QStringList &keys);
    // Where announcements go in this process (the store's notifier).
    void setChangeHook(std::function<void(const QStringList &)> hook) { m_changeHook = std::move(hook); }
    // The PostgreSQL notification channel of a store.
    static constexpr const char *kChannel = "harness_changes";

    // How long opening a PostgreSQL connection may take (libpq's connect_timeout).
    static constexpr int kConnectTimeoutSeconds = 10;
    // How long a connection waits for another writer (in this or another process) before failing.
    static constexpr int kBusyTimeoutMs = 30000;
    // How long a PostgreSQL session may sit idle inside a transaction before the server ends it (and its
    // locks go): a frozen client never holds the store's write lock for long.
    static constexpr int kIdleInTransactionMs = 5000;
    // The PostgreSQL advisory lock key of the write lock ("HRNS").
    static constexpr qint64 kWriteLockKey = 0x48524e53;
    // How many connections of ended threads wait for the next thread; the others are closed.
    static constexpr int kMaxIdleConnections = 4;

    // Called as a thread that used this store ends, on that thread: its connection waits in the idle
    // list (or is closed when the list is full). Not for callers.
    void threadEnded(const QString &connectionName);

private:
    Result<QSqlDatabase> openNamed(const QString &name);
    std::optional<QSqlDatabase> takeIdle();
    void forgetKept(const QString &connectionName);

    StoreLocation m_location;
    std::function<void(const QStringList &)> m_changeHook;
    quint64 m_id;
    QMutex m_mutex;
    QStringList m_names;
    QList<QSqlDatabase> m_idle; // connections of ended threads, owned by no thread
};

} // namespace harness
