// SqlConnections: one named Qt Sql connection per thread for one store (a Qt Sql connection belongs to
// the thread that opened it), for QSQLITE or QPSQL; every connection is removed when the store closes.
#pragma once

#include "core/result.h"
#include "store.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

namespace harness {

class SqlConnections
{
public:
    explicit SqlConnections(StoreLocation location);
    ~SqlConnections();
    SqlConnections(const SqlConnections &) = delete;
    SqlConnections &operator=(const SqlConnections &) = delete;

    // The calling thread's connection, opened on first use.
    Result<QSqlDatabase> forCurrentThread();
    // Opens a fresh connection that belongs to the calling thread (the writer's); close it with release().
    Result<QSqlDatabase> openDedicated(const QString &role);
    void release(const QString &connectionName);

    // Starts a transaction that holds the store's single write lock until COMMIT/ROLLBACK: BEGIN IMMEDIATE
    // on SQLite, a transaction-scoped advisory lock on PostgreSQL. Writers in other processes wait.
    Status beginWrite(QSqlDatabase &db) const;

    const StoreLocation &location() const { return m_location; }
    bool isSqlite() const { return m_location.backend == StoreLocation::Backend::Sqlite; }

    // How long a connection waits for another writer (in this or another process) before failing.
    static constexpr int kBusyTimeoutMs = 30000;
    // The PostgreSQL advisory lock key of the write lock ("HRNS").
    static constexpr qint64 kWriteLockKey = 0x48524e53;

private:
    Result<QSqlDatabase> openNamed(const QString &name);

    StoreLocation m_location;
    quint64 m_id;
    QMutex m_mutex;
    QStringList m_names;
};

} // namespace harness
