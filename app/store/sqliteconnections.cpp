// SqliteConnections: per-thread named QSQLITE connections with the store's connection settings.
#include "sqliteconnections.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>

namespace harness {

namespace {
std::atomic<quint64> g_nextStoreId {1};
std::atomic<quint64> g_nextConnection {1};
// Per thread: store id -> that thread's connection name. Names are never reused, so a thread that
// reuses a dead thread's id cannot pick up a connection that belongs to the dead thread.
thread_local QHash<quint64, QString> t_connections;
} // namespace

SqliteConnections::SqliteConnections(QString databasePath)
    : m_path(std::move(databasePath)), m_id(g_nextStoreId++)
{ }

SqliteConnections::~SqliteConnections()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_names))
        QSqlDatabase::removeDatabase(name);
    t_connections.remove(m_id);
}

Result<QSqlDatabase> SqliteConnections::forCurrentThread()
{
    const auto it = t_connections.constFind(m_id);
    if (it != t_connections.constEnd()) {
        QSqlDatabase db = QSqlDatabase::database(*it, false);
        if (db.isOpen())
            return db;
    }
    const QString name = QStringLiteral("harness_store_%1_%2").arg(m_id).arg(g_nextConnection++);
    auto db = openNamed(name);
    if (db)
        t_connections.insert(m_id, name);
    return db;
}

Result<QSqlDatabase> SqliteConnections::openDedicated(const QString &role)
{
    return openNamed(QStringLiteral("harness_store_%1_%2_%3").arg(m_id).arg(role).arg(g_nextConnection++));
}

void SqliteConnections::release(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QMutexLocker lock(&m_mutex);
    m_names.removeAll(connectionName);
    QSqlDatabase::removeDatabase(connectionName);
}

Result<QSqlDatabase> SqliteConnections::openNamed(const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    {
        QMutexLocker lock(&m_mutex);
        m_names.append(name);
    }
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open())
        return Result<QSqlDatabase>::failure(
                QStringLiteral("Cannot open the SQLite database %1: %2").arg(m_path, db.lastError().text()));
    // Connection settings only; nothing here writes to the file (WAL is switched on after the schema
    // check, so a refused file stays untouched). NORMAL is durable across process crashes in WAL mode.
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

} // namespace harness
