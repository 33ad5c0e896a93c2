// EventLogWriter: the event log's single writer thread. Appends are queued, committed in batches on the
// thread's own connection, and acknowledged (their futures finish) only after the batch commits.
#pragma once

#include "core/event.h"
#include "eventrow.h"
#include "sqlconnections.h"
#include "sqliteeventinserter.h"

#include <QFuture>
#include <QHash>
#include <QPromise>
#include <QThread>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace harness {

class EventLogWriter
{
public:
    explicit EventLogWriter(SqlConnections &connections);
    ~EventLogWriter(); // commits everything queued, then stops the thread
    EventLogWriter(const EventLogWriter &) = delete;
    EventLogWriter &operator=(const EventLogWriter &) = delete;

    // Queues events (times still invalid get the current time); the future finishes once they are committed
    // (or the batch failed). An empty list finishes once everything queued before it is committed (a flush).
    QFuture<Result<QList<Event>>> enqueue(QList<Event> events);

    // Appends events inside a write transaction another connection holds (see Store::changeTasks): seq,
    // log id and hashes follow the log's tip as read in that transaction. The writer notices the new tip
    // at its next commit.
    // The events record runner and host as their origin (setOrigin()'s, see origin()).
    static Status appendInTransaction(QSqlDatabase &db, QList<Event> &events, const QString &where,
                                      const std::pair<QString, QString> &origin);
    // The runner and host set by setOrigin().
    std::pair<QString, QString> origin() const;

    // The most events committed in one transaction.
    static constexpr qsizetype kMaxBatchEvents = 4096;

    // Who writes: stamped on every event appended from now on (Event::runner, Event::host).
    void setOrigin(const QString &runner, const QString &host);
    // From now on every append to runId presents token, and is refused (with the error field
    // kFenceField) unless the run's lease in the queue still carries it. Checked inside the append
    // transaction against the lease row, which it holds until the commit.
    void setFence(const QString &runId, qint64 token);
    void clearFence(const QString &runId);
    static inline const QString kFenceField = QStringLiteral("fencing_token");

private:
    // What can be computed before the write transaction, on the appending thread.
    struct Prepared
    {
        QString runId; // never null (bound as '' for store-wide events)
        QByteArray runIdUtf8;
        EventRow::Tail tail; // the hashed fields, which are also the stored time, actor, kind, payload
    };
    struct Request
    {
        QList<Event> events;
        std::vector<Prepared> prepared;
        QByteArray origin; // EventRow::originSuffix()
        QByteArray runnerUtf8; // never null (bound as '' when not set)
        QByteArray hostUtf8;
        QHash<QString, qint64> fences; // run -> the token its appends present
        QString refused; // why the fence check refused it (nothing of it was written)
        QPromise<Result<QList<Event>>> promise;
    };
    using Batch = std::vector<std::unique_ptr<Request>>;

    void run();
    void commit(Batch &batch);
    Status writeBatch(Batch &batch, QStringList &runs); // runs: those appended to
    // Inserts one event's row: through m_native when there is one, else bound to m_insert as text.
    Status insert(const Event &e, const Prepared &p, const Request &request);
    Result<qint64> nextSeq(const QString &runId);
    Status prepare();
    void dropConnection(); // after a failure that broke it: the next batch connects again
    // Checks each request's fences against the lease rows (inside the write transaction).
    Status checkFences(Batch &batch);

    SqlConnections &m_connections;
    const bool m_fastHash; // EventRow::chainHash() agrees with Event::computeHash()
    const bool m_sqlite;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::unique_ptr<Request>> m_queue;
    bool m_stopping = false;
    QString m_runner; // origin, under m_mutex
    QString m_host;
    QHash<QString, qint64> m_fences; // under m_mutex
    std::unique_ptr<QThread> m_thread;

    // Writer-thread state.
    QString m_connectionName;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<SqliteEventInserter> m_native; // SQLite, when its driver shares our library
    std::unique_ptr<QSqlQuery> m_tip;
    std::unique_ptr<QSqlQuery> m_maxSeq;
    std::unique_ptr<QSqlQuery> m_fence;
    // Next seq per run, valid while nobody else wrote to the log since our last commit.
    QHash<QString, qint64> m_nextSeq;
    qint64 m_lastCommittedLogId = -1;
};

} // namespace harness
