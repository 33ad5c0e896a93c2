// SqliteConnections: one named Qt Sql connection per thread for one SQLite store (a Qt Sql connection
// belongs to the thread that opened it); every connection is removed when the store closes.
#pragma once

#include "core/result.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

namespace harness {

class SqliteConnections
{
public:
    explicit SqliteConnections(QString databasePath);
    ~SqliteConnections();
    SqliteConnections(const SqliteConnections &) = delete;
    SqliteConnections &operator=(const SqliteConnections &) = delete;

    // The calling thread's connection, opened on first use.
    Result<QSqlDatabase> forCurrentThread();
    // Opens a fresh connection that belongs to the calling thread (the writer's); close it with release().
    Result<QSqlDatabase> openDedicated(const QString &role);
    void release(const QString &connectionName);

    const QString &path() const { return m_path; }

    // How long a connection waits for another writer (in this or another process) before failing.
    static constexpr int kBusyTimeoutMs = 30000;

private:
    Result<QSqlDatabase> openNamed(const QString &name);

    QString m_path;
    quint64 m_id;
    QMutex m_mutex;
    QStringList m_names;
};

} // namespace harness
