// SqlConnections: per-thread named QSQLITE / QPSQL connections with the store's connection settings
// (for PostgreSQL: the TLS options of its location, and the password given at run time or by libpq).
#include "sqlconnections.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QThread>
#include <atomic>
#include <memory>
#include <unordered_map>

namespace harness {

namespace {
std::atomic<quint64> g_nextStoreId {1};
std::atomic<quint64> g_nextConnection {1};

// The open stores by id, so a thread that ends can hand its connections back to a store still open.
struct Registry
{
    QMutex mutex;
    QHash<quint64, SqlConnections *> stores;
};

Registry &registry()
{
    static Registry r;
    return r;
}

// Per thread: store id -> that thread's connection name (names are never reused, so a thread that reuses
// a dead thread's id cannot pick up a connection that belongs to the dead thread), and the statements
// kept prepared per connection name. As the thread ends, the kept statements are closed (on the thread
// that owns their connection) and each connection goes back to its store. This runs after QThread::wait()
// has returned to whoever joins the thread, so the store may be going away meanwhile: under the registry's
// lock, a store still registered keeps its connections until this is done; a store leaves the registry
// only after it has removed its connections (under the same lock), so the statements of a store already
// gone belong to a driver that is deleted: deleting them touches no connection (a result holds its driver
// through a QPointer) and frees what they hold.
struct ThreadConnections
{
    QHash<quint64, QString> names;
    std::unordered_map<QString, std::unordered_map<QString, std::unique_ptr<QSqlQuery>>> kept;

    ~ThreadConnections()
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        for (auto it = names.cbegin(); it != names.cend(); ++it) {
            SqlConnections *store = r.stores.value(it.key());
            if (const auto statements = kept.find(it.value()); statements != kept.end())
                kept.erase(statements);
            if (store)
                store->threadEnded(it.value());
        }
        kept.clear();
    }
};
thread_local ThreadConnections t_connections;
} // namespace

SqlConnections::SqlConnections(StoreLocation location)
    : m_location(std::move(location)), m_id(g_nextStoreId++)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.stores.insert(m_id, this);
}

SqlConnections::~SqlConnections()
{
    if (const auto it = t_connections.names.constFind(m_id); it != t_connections.names.constEnd()) {
        forgetKept(*it);
        t_connections.names.remove(m_id);
    }
    // Under the registry's lock: an ending thread either closes its statements before the connections go
    // (the store still registered), or finds the store gone with its drivers already deleted.
    Registry &r = registry();
    QMutexLocker registryLock(&r.mutex);
    QMutexLocker lock(&m_mutex);
    m_idle.clear();
    for (const QString &name : std::as_const(m_names))
        QSqlDatabase::removeDatabase(name);
    r.stores.remove(m_id);
}

Result<QSqlDatabase> SqlConnections::forCurrentThread()
{
    const auto it = t_connections.names.constFind(m_id);
    if (it != t_connections.names.constEnd()) {
        QSqlDatabase db = QSqlDatabase::database(*it, false);
        if (db.isOpen())
            return db;
        db = QSqlDatabase();
        dropCurrentThread();
    }
    if (auto idle = takeIdle()) {
        t_connections.names.insert(m_id, idle->connectionName());
        return *idle;
    }
    const QString name = QStringLiteral("harness_store_%1_%2").arg(m_id).arg(g_nextConnection++);
    auto db = openNamed(name);
    if (db)
        t_connections.names.insert(m_id, name);
    return db;
}

std::optional<QSqlDatabase> SqlConnections::takeIdle()
{
    QSqlDatabase db;
    {
        QMutexLocker lock(&m_mutex);
        if (m_idle.isEmpty())
            return std::nullopt;
        db = m_idle.takeLast();
    }
    // A connection of an ended thread belongs to no thread: this one takes it.
    db.driver()->moveToThread(QThread::currentThread());
    const QString name = db.connectionName();
    db = QSqlDatabase::database(name, false);
    if (db.isOpen())
        return db;
    db = QSqlDatabase();
    release(name);
    return std::nullopt;
}

void SqlConnections::threadEnded(const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    if (db.isOpen()) {
        QMutexLocker lock(&m_mutex);
        if (m_idle.size() < kMaxIdleConnections) {
            db.driver()->moveToThread(nullptr); // the next thread that takes it pulls it to itself
            m_idle.append(db);
            return;
        }
    }
    db = QSqlDatabase();
    release(connectionName);
}

void SqlConnections::forgetKept(const QString &connectionName)
{
    t_connections.kept.erase(connectionName);
}

Result<QSqlDatabase> SqlConnections::openDedicated(const QString &role)
{
    return openNamed(QStringLiteral("harness_store_%1_%2_%3").arg(m_id).arg(role).arg(g_nextConnection++));
}

void SqlConnections::release(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QMutexLocker lock(&m_mutex);
    m_names.removeAll(connectionName);
    QSqlDatabase::removeDatabase(connectionName);
}

Status SqlConnections::beginWrite(QSqlDatabase &db) const
{
    QSqlQuery q(db);
    if (isSqlite()) {
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return Status::failure(q.lastError().text());
        return success();
    }
    if (!q.exec(QStringLiteral("BEGIN")))
        return Status::failure(q.lastError().text());
    if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriteLockKey))) {
        const QString why = q.lastError().text();
        q.exec(QStringLiteral("ROLLBACK"));
        return Status::failure(why);
    }
    return success();
}

Result<QSqlQuery> SqlConnections::execute(const QString &sql, const QVariantList &values,
                                          const QString &doing)
{
    auto db = forCurrentThread();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        const QString why = q.lastError().text();
        q = QSqlQuery();
        const bool alive = isAlive(*db);
        db = Result<QSqlDatabase>::failure(QString());
        if (!alive)
            dropCurrentThread(); // the next call connects again (the server restarted, the network broke)
        return Result<QSqlQuery>::failure(
                QStringLiteral("Cannot %1 %2: %3").arg(doing, m_location.describe(), why));
    }
    return q;
}

Result<QSqlQuery *> SqlConnections::executeKept(const QString &sql, const QVariantList &values,
                                                const QString &doing)
{
    auto db = forCurrentThread();
    if (!db)
        return db.error();
    auto &kept = t_connections.kept[db->connectionName()];
    auto it = kept.find(sql);
    QString why;
    if (it == kept.end()) {
        auto q = std::make_unique<QSqlQuery>(*db);
        if (q->prepare(sql))
            it = kept.emplace(sql, std::move(q)).first;
        else
            why = q->lastError().text();
    }
    if (it != kept.end()) {
        QSqlQuery &q = *it->second;
        for (qsizetype i = 0; i < values.size(); ++i)
            q.bindValue(int(i), values.at(i));
        if (q.exec())
            return &q;
        why = q.lastError().text();
        kept.erase(it);
    }
    if (!isAlive(*db)) {
        db = Result<QSqlDatabase>::failure(QString());
        dropCurrentThread(); // the next call connects again
    }
    return Result<QSqlQuery *>::failure(
            QStringLiteral("Cannot %1 %2: %3").arg(doing, m_location.describe(), why));
}

bool SqlConnections::isAlive(QSqlDatabase &db) const
{
    if (!db.isOpen())
        return false;
    if (isSqlite())
        return true;
    // Also false inside a failed transaction; dropping such a connection costs only a reconnect.
    QSqlQuery probe(db);
    return probe.exec(QStringLiteral("SELECT 1"));
}

void SqlConnections::dropCurrentThread()
{
    const auto it = t_connections.names.constFind(m_id);
    if (it == t_connections.names.constEnd())
        return;
    const QString name = *it;
    t_connections.names.remove(m_id);
    release(name);
    forgetKept(name); // after the connection is gone: nothing is sent on a broken connection
}

QString SqlConnections::nowMsSql() const
{
    return isSqlite() ? QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)")
                      : QStringLiteral("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
}

void SqlConnections::notifyInTransaction(QSqlDatabase &db, const QStringList &keys)
{
    if (isSqlite() || keys.isEmpty())
        return;
    // One statement, one round trip, for all keys.
    QStringList calls;
    QSqlField field(QString(), QMetaType(QMetaType::QString));
    for (const QString &key : keys) {
        field.setValue(key); // quoted by the driver, as it quotes bound values
        calls << QStringLiteral("pg_notify('%1', %2)")
                         .arg(QLatin1String(kChannel), db.driver()->formatValue(field));
    }
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT ") + calls.join(QStringLiteral(", ")));
    // A lost notification costs only latency: waiters look again after their timeout.
}

void SqlConnections::announced(const QStringList &keys)
{
    if (m_changeHook && !keys.isEmpty())
        m_changeHook(keys);
}

void SqlConnections::announce(const QStringList &keys)
{
    if (!isSqlite()) {
        if (auto db = forCurrentThread())
            notifyInTransaction(*db, keys);
    }
    announced(keys);
}

Result<QSqlDatabase> SqlConnections::openNamed(const QString &name)
{
    QSqlDatabase db =
            QSqlDatabase::addDatabase(isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    {
        QMutexLocker lock(&m_mutex);
        m_names.append(name);
    }
    if (!db.isValid())
        return Result<QSqlDatabase>::failure(
                QStringLiteral(
                        "Cannot open %1: the Qt Sql driver %2 is not installed (Debian: libqt6sql6-%3).")
                        .arg(m_location.describe(),
                             isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
                             isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("psql")));
    if (isSqlite()) {
        db.setDatabaseName(m_location.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    } else {
        db.setHostName(m_location.postgresHost);
        db.setPort(m_location.postgresPort);
        db.setDatabaseName(m_location.postgresDatabase);
        db.setUserName(m_location.postgresUser);
        db.setPassword(m_location.postgresPassword);
        db.setConnectOptions(m_location.connectOptions(kConnectTimeoutSeconds));
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        // libpq's own words (databaseText) say what went wrong; the driver's add only "Unable to connect".
        const QString why = isSqlite() || error.databaseText().isEmpty()
                ? error.text()
                : m_location.explainConnectError(error.databaseText());
        db = QSqlDatabase();
        release(name); // a failed connection is not kept registered (retries would pile them up)
        return Result<QSqlDatabase>::failure(
                QStringLiteral("Cannot open %1: %2").arg(m_location.describe(), why));
    }
    QSqlQuery q(db);
    if (isSqlite()) {
        // Connection settings only; nothing here writes to the file (WAL is switched on after the
        // schema check, so a refused file stays untouched). NORMAL is durable across process crashes in
        // WAL mode; a power loss may lose the last commits.
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    } else {
        q.exec(QStringLiteral("SET client_min_messages TO WARNING"));
        q.exec(QStringLiteral("SET lock_timeout = '%1ms'").arg(kBusyTimeoutMs));
        // A client frozen inside a transaction (a stopped runner, a suspended laptop) would hold the store's
        // write lock, and every other writer with it: the server ends such a session instead. No harness
        // transaction waits for anything between its statements.
        q.exec(QStringLiteral("SET idle_in_transaction_session_timeout = '%1ms'").arg(kIdleInTransactionMs));
    }
    return db;
}

} // namespace harness
