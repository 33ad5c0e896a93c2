// StoreNotifier: change counts per key, waits with a timeout, and the listening thread (an event loop
// owning one connection: QPSQL delivers notifications through a socket notifier on that thread).
#include "storenotifier.h"

#include <QPointer>
#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>
#include <chrono>

namespace harness {

namespace {

// Lives on the listening thread: owns its connection and its timer.
class Listener : public QObject
{
public:
    Listener(SqlConnections &connections, std::function<void(const QStringList &)> bump,
             std::atomic<int> &mechanism)
        : m_connections(connections), m_bump(std::move(bump)), m_mechanism(mechanism)
    {
        m_timer.setParent(this);
        connect(&m_timer, &QTimer::timeout, this, &Listener::check);
    }

    void begin() { connectNow(); }

    void end()
    {
        m_timer.stop();
        drop();
    }

private:
    void connectNow()
    {
        auto db = m_connections.openDedicated(QStringLiteral("notifier"));
        if (!db) {
            retryLater();
            return;
        }
        m_name = db->connectionName();
        if (m_connections.isSqlite()) {
            m_dataVersion = dataVersion();
            m_mechanism = 2;
            m_timer.start(StoreNotifier::kSqliteCheckMs);
        } else {
            QSqlDriver *driver = db->driver();
            if (!driver->subscribeToNotification(QLatin1String(SqlConnections::kChannel))) {
                qWarning("harness store: cannot LISTEN on %s: %s",
                         qPrintable(m_connections.location().describe()),
                         qPrintable(driver->lastError().text()));
                drop();
                retryLater();
                return;
            }
            connect(driver, &QSqlDriver::notification, this,
                    [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                        const QString key = payload.toString();
                        m_bump(key.isEmpty() ? QStringList() : QStringList {key});
                    });
            m_mechanism = 1;
            m_timer.start(StoreNotifier::kPostgresCheckMs);
        }
        m_backoffMs = 250;
        // Whatever happened while nobody listened counts as a change.
        m_bump({});
    }

    void retryLater()
    {
        m_mechanism = 0;
        m_timer.stop();
        QTimer::singleShot(m_backoffMs, this, [this] { connectNow(); });
        m_backoffMs = qMin(m_backoffMs * 2, 10000);
    }

    qint64 dataVersion()
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    void check()
    {
        if (m_connections.isSqlite()) {
            const qint64 now = dataVersion();
            if (now != m_dataVersion) {
                m_dataVersion = now;
                m_bump({});
            }
            return;
        }
        // A lost connection delivers nothing: notice it, count it as a change, and connect again.
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(QStringLiteral("SELECT 1")))
            return;
        q = QSqlQuery();
        drop();
        m_bump({});
        retryLater();
    }

    void drop()
    {
        if (m_name.isEmpty())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isValid() && db.driver())
                db.driver()->disconnect(this);
        }
        m_connections.release(m_name);
        m_name.clear();
    }

    SqlConnections &m_connections;
    std::function<void(const QStringList &)> m_bump;
    std::atomic<int> &m_mechanism;
    QTimer m_timer;
    QString m_name;
    qint64 m_dataVersion = -1;
    int m_backoffMs = 250;
};

} // namespace

StoreNotifier::StoreNotifier(SqlConnections &connections) : m_connections(connections) { }

StoreNotifier::~StoreNotifier()
{
    m_stopping = true;
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void StoreNotifier::start()
{
    if (m_started.exchange(true))
        return;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("harness-store-notifier"));
    auto *listener = new Listener(
            m_connections, [this](const QStringList &keys) { bump(keys); }, m_mechanism);
    listener->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::started, listener, [listener] { listener->begin(); });
    // The connection belongs to the listening thread: closed there, as the loop ends.
    connect(m_thread.get(), &QThread::finished, listener, [listener] {
        listener->end();
        delete listener;
    });
    m_thread->start();
}

QString StoreNotifier::mechanism() const
{
    switch (m_mechanism.load()) {
    case 1:
        return QStringLiteral("LISTEN/NOTIFY");
    case 2:
        return QStringLiteral("PRAGMA data_version");
    default:
        return QStringLiteral("not started");
    }
}

quint64 StoreNotifier::generation(const QString &key) const
{
    std::lock_guard lock(m_mutex);
    if (key.isEmpty())
        return m_counter;
    return qMax(m_unkeyed, m_keyed.value(key, 0));
}

bool StoreNotifier::waitForChange(const QString &key, quint64 since, int timeoutMs)
{
    start();
    std::unique_lock lock(m_mutex);
    const auto changed = [&] {
        if (key.isEmpty())
            return m_counter > since;
        return qMax(m_unkeyed, m_keyed.value(key, 0)) > since;
    };
    return m_wake.wait_for(lock, std::chrono::milliseconds(qMax(0, timeoutMs)), changed);
}

void StoreNotifier::changedHere(const QStringList &keys)
{
    bump(keys);
}

void StoreNotifier::bump(const QStringList &keys)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_counter;
        if (keys.isEmpty())
            m_unkeyed = m_counter;
        for (const QString &key : keys)
            m_keyed.insert(key, m_counter);
    }
    m_wake.notify_all();
    if (keys.isEmpty())
        Q_EMIT changed(QString());
    for (const QString &key : keys)
        Q_EMIT changed(key);
}

} // namespace harness
