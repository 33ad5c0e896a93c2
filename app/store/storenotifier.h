// StoreNotifier: wake-ups instead of polling. Counts changes to the store per key (a run id, or the
// queue, runners, tasks and approvals keys) and lets a thread wait for the next one with a timeout;
// changes made in this process arrive at once, other processes' through LISTEN/NOTIFY (PostgreSQL) or
// a cheap PRAGMA data_version check (SQLite) on a thread of its own.
#pragma once

#include "sqlconnections.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace harness {

class StoreNotifier : public QObject
{
    Q_OBJECT
public:
    // Keys other than run ids.
    static inline const QString kQueue = QStringLiteral("@queue");
    static inline const QString kRunners = QStringLiteral("@runners");
    static inline const QString kTasks = QStringLiteral("@tasks");
    static inline const QString kApprovals = QStringLiteral("@approvals");

    explicit StoreNotifier(SqlConnections &connections);
    ~StoreNotifier() override;

    // Starts listening to other processes (idempotent; the first wait or subscriber starts it). Until
    // then only this process's changes count.
    void start();
    // How other processes' changes arrive: "LISTEN/NOTIFY", "PRAGMA data_version" or "not started".
    QString mechanism() const;

    // The change count that concerns key: its own changes plus every change that names no key (another
    // SQLite process wrote, or a PostgreSQL connection was lost and anything may have changed). An empty
    // key counts every change.
    quint64 generation(const QString &key = {}) const;
    // Waits until generation(key) exceeds since, at most timeoutMs. Returns whether it did. Starts
    // listening if needed.
    bool waitForChange(const QString &key, quint64 since, int timeoutMs);

    // Called by the store after its own commits.
    void changedHere(const QStringList &keys);

    // How often the SQLite check looks (and the PostgreSQL connection is checked for life).
    static constexpr int kSqliteCheckMs = 10;
    static constexpr int kPostgresCheckMs = 2000;

Q_SIGNALS:
    // Emitted on the notifier's own thread or the changing thread: connect with Qt::QueuedConnection.
    void changed(const QString &key);

private:
    void bump(const QStringList &keys); // empty: a change that names no key
    void listen(); // the listening thread's body

    SqlConnections &m_connections;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    quint64 m_counter = 0;
    quint64 m_unkeyed = 0;
    QHash<QString, quint64> m_keyed;
    std::atomic_bool m_started {false};
    std::atomic_bool m_stopping {false};
    std::atomic<int> m_mechanism {0}; // 0 none, 1 notify, 2 data_version
    std::unique_ptr<QThread> m_thread;
};

} // namespace harness
