// EventLogWriter: batched, acknowledged appends with seq assignment and the hash chain, safe against
// writers in other processes (the write lock is taken first, then the chain tip is read inside the same
// transaction: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
#include "eventlogwriter.h"
#include "eventrow.h"

#include "core/sizepolicy.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace harness {

namespace {
// Off unless QT_LOGGING_RULES enables it: which insert path the writer took.
Q_LOGGING_CATEGORY(lcWriter, "harness.store.writer", QtWarningMsg)
} // namespace

EventLogWriter::EventLogWriter(SqlConnections &connections)
    : m_connections(connections), m_fastHash(EventRow::chainHashMatchesCore()),
      m_sqlite(connections.isSqlite())
{
    if (!m_fastHash)
        qWarning("harness store: the event canonical form changed; hashing with Event::computeHash() "
                 "(slower)");
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("harness-store-writer"));
    m_thread->start();
}

EventLogWriter::~EventLogWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread->wait();
}

void EventLogWriter::setOrigin(const QString &runner, const QString &host)
{
    std::lock_guard lock(m_mutex);
    m_runner = runner;
    m_host = host;
}

void EventLogWriter::setFence(const QString &runId, qint64 token)
{
    std::lock_guard lock(m_mutex);
    m_fences.insert(runId, token);
}

void EventLogWriter::clearFence(const QString &runId)
{
    std::lock_guard lock(m_mutex);
    m_fences.remove(runId);
}

QFuture<Result<QList<Event>>> EventLogWriter::enqueue(QList<Event> events)
{
    auto request = std::make_unique<Request>();
    request->events = std::move(events);
    QString runner;
    QString host;
    {
        std::lock_guard lock(m_mutex);
        runner = m_runner;
        host = m_host;
        for (const Event &e : std::as_const(request->events)) {
            const auto fence = m_fences.constFind(e.runId);
            if (fence != m_fences.constEnd())
                request->fences.insert(e.runId, *fence);
        }
    }
    request->origin = EventRow::originSuffix(runner, host);
    request->runnerUtf8 = runner.isEmpty() ? QByteArray("") : runner.toUtf8();
    request->hostUtf8 = host.isEmpty() ? QByteArray("") : host.toUtf8();
    // Serialization happens here, off the writer's critical path.
    const QDateTime now = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    request->prepared.reserve(request->events.size());
    qint64 lastMs = std::numeric_limits<qint64>::min();
    QString lastTimeText; // events made in the same millisecond share their time text
    for (Event &e : request->events) {
        e.runner = runner;
        e.host = host;
        e.time = e.time.isValid() ? EventRow::normalizedTime(e.time) : now;
        if (const qint64 ms = e.time.toMSecsSinceEpoch(); ms != lastMs) {
            lastMs = ms;
            lastTimeText = EventRow::timeText(e.time);
        }
        // The one place every event is written: no stored payload over the size policy. A payload whose
        // JSON is within the field limit has no field over it and is within the payload limit: as is.
        QByteArray json = EventRow::payloadJson(e.payload);
        if (json.size() > SizePolicy::kMaxStoredFieldBytes) {
            e.payload = SizePolicy::bounded(e.payload);
            json = EventRow::payloadJson(e.payload);
        }
        Prepared p;
        p.runId = EventRow::text(e.runId);
        p.runIdUtf8 = e.runId.isEmpty() ? QByteArray("") : e.runId.toUtf8();
        p.tail = EventRow::tail(e, lastTimeText, json);
        request->prepared.push_back(std::move(p));
    }
    request->promise.start();
    QFuture<Result<QList<Event>>> future = request->promise.future();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            request->promise.addResult(Result<QList<Event>>::failure(
                    QStringLiteral("The store is closing; the events were not recorded.")));
            request->promise.finish();
            return future;
        }
        m_queue.push_back(std::move(request));
    }
    m_wake.notify_one();
    return future;
}

void EventLogWriter::run()
{
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping, nothing left
            qsizetype events = 0;
            while (!m_queue.empty() &&
                   (batch.empty() || events + m_queue.front()->events.size() <= kMaxBatchEvents)) {
                events += m_queue.front()->events.size();
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        commit(batch);
    }
    dropConnection();
}

void EventLogWriter::dropConnection()
{
    m_native.reset(); // its statement goes before the connection closes
    m_insert.reset();
    m_tip.reset();
    m_maxSeq.reset();
    m_fence.reset();
    if (!m_connectionName.isEmpty())
        m_connections.release(m_connectionName);
    m_connectionName.clear();
    m_nextSeq.clear();
    m_lastCommittedLogId = -1;
}

Status EventLogWriter::prepare()
{
    if (m_insert)
        return success();
    auto db = m_connections.openDedicated(QStringLiteral("writer"));
    if (!db)
        return db.error();
    m_connectionName = db->connectionName();
    auto insert = std::make_unique<QSqlQuery>(*db);
    auto tip = std::make_unique<QSqlQuery>(*db);
    auto maxSeq = std::make_unique<QSqlQuery>(*db);
    auto fence = std::make_unique<QSqlQuery>(*db);
    // FOR SHARE holds the lease row until the commit: a takeover (which updates the row) waits for this
    // append, or this append sees the takeover's new token. SQLite's write lock serialises both anyway.
    const QString fenceSql = m_connections.isSqlite()
            ? QStringLiteral("SELECT token, runner FROM run_queue WHERE run_id = ?")
            : QStringLiteral("SELECT token, runner FROM run_queue WHERE run_id = ? FOR SHARE");
    // Named placeholders: Qt Sql binds them faster than positional ones (no placeholder name made per value).
    if (!insert->prepare(
                QStringLiteral("INSERT INTO events (%1) VALUES (:log_id, :run_id, :seq, :time, :actor, "
                               ":kind, :payload, :prev_hash, :hash, :runner, :host)")
                        .arg(EventRow::columns())) ||
        !tip->prepare(QStringLiteral("SELECT log_id, hash FROM events ORDER BY log_id DESC LIMIT 1")) ||
        !maxSeq->prepare(QStringLiteral("SELECT MAX(seq) FROM events WHERE run_id = ?")) ||
        !fence->prepare(fenceSql)) {
        const QString why = insert->lastError().text() + tip->lastError().text() +
                maxSeq->lastError().text() + fence->lastError().text();
        insert.reset();
        tip.reset();
        maxSeq.reset();
        fence.reset();
        dropConnection();
        return Status::failure(QStringLiteral("Cannot prepare the event log statements: %1").arg(why));
    }
    if (m_sqlite) {
        QString why;
        m_native = SqliteEventInserter::open(*db, &why);
        if (!m_native)
            qCInfo(lcWriter, "appending events through Qt Sql's binding (slower): %s", qPrintable(why));
    }
    m_insert = std::move(insert);
    m_tip = std::move(tip);
    m_maxSeq = std::move(maxSeq);
    m_fence = std::move(fence);
    return success();
}

void EventLogWriter::commit(Batch &batch)
{
    QStringList runs;
    Status written = writeBatch(batch, runs);
    // Waiters in this process hear of the events before the appender does (so an appender that then
    // waits for the next change does not count its own).
    m_connections.announced(written ? runs : QStringList());
    for (auto &request : batch) {
        if (!written)
            request->promise.addResult(Result<QList<Event>>(written.error()));
        else if (!request->refused.isEmpty())
            request->promise.addResult(Result<QList<Event>>::failure(request->refused, kFenceField));
        else
            request->promise.addResult(Result<QList<Event>>(std::move(request->events)));
        request->promise.finish();
        // Gone at once, so the appender, which holds the future, is the one that frees the events (not
        // this thread, between two commits).
        request.reset();
    }
    if (!written)
        qWarning("harness store: appending events failed: %s", qPrintable(written.errorText()));
}

Status EventLogWriter::checkFences(Batch &batch)
{
    QHash<QString, std::pair<qint64, QString>> leases; // run -> (token, runner) as the lease row says
    for (auto &request : batch) {
        for (auto fence = request->fences.constBegin(); fence != request->fences.constEnd(); ++fence) {
            auto lease = leases.constFind(fence.key());
            if (lease == leases.constEnd()) {
                m_fence->bindValue(0, fence.key());
                if (!m_fence->exec())
                    return Status::failure(m_fence->lastError().text());
                std::pair<qint64, QString> row {-1, QString()};
                if (m_fence->next())
                    row = {m_fence->value(0).toLongLong(), m_fence->value(1).toString()};
                m_fence->finish();
                lease = leases.insert(fence.key(), row);
            }
            if (lease->first != fence.value()) {
                request->refused = lease->first < 0
                        ? QStringLiteral("run %1 is not in the run queue, so its lease (fencing token %2) "
                                         "is void; this process no longer writes to it")
                                  .arg(fence.key())
                                  .arg(fence.value())
                        : QStringLiteral("run %1 was taken over by %2 (fencing token %3; this process "
                                         "presented %4): its lease expired, so this process no longer "
                                         "writes to the run")
                                  .arg(fence.key(), lease->second)
                                  .arg(lease->first)
                                  .arg(fence.value());
                break;
            }
        }
    }
    return success();
}

Result<qint64> EventLogWriter::nextSeq(const QString &runId)
{
    auto it = m_nextSeq.find(runId);
    if (it != m_nextSeq.end())
        return (*it)++;
    m_maxSeq->bindValue(0, runId);
    if (!m_maxSeq->exec() || !m_maxSeq->next())
        return Result<qint64>::failure(m_maxSeq->lastError().text());
    const qint64 seq = m_maxSeq->value(0).toLongLong() + 1;
    m_maxSeq->finish();
    m_nextSeq.insert(runId, seq + 1);
    return seq;
}

Status EventLogWriter::writeBatch(Batch &batch, QStringList &runs)
{
    qsizetype count = 0;
    for (const auto &request : batch)
        count += request->events.size();
    if (count == 0)
        return success(); // a flush: everything before it has been committed
    if (Status ready = prepare(); !ready)
        return ready;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery control(db);
    const QString where = m_connections.location().describe();
    if (Status locked = m_connections.beginWrite(db); !locked) {
        if (!m_connections.isAlive(db)) {
            control = QSqlQuery();
            db = QSqlDatabase();
            dropConnection();
            return Status::failure(
                    QStringLiteral("Cannot reach %1 to append events: %2").arg(where, locked.errorText()));
        }
        return Status::failure(QStringLiteral("The event log in %1 stayed locked by another writer: %2")
                                       .arg(where, locked.errorText()));
    }
    auto failWith = [&](const QString &what, const QString &text) {
        control.exec(QStringLiteral("ROLLBACK"));
        m_nextSeq.clear();
        m_lastCommittedLogId = -1;
        for (auto &request : batch)
            request->refused.clear();
        if (!m_connections.isAlive(db)) {
            control = QSqlQuery();
            db = QSqlDatabase();
            dropConnection(); // the server went away: connect again for the next batch
        }
        return Status::failure(QStringLiteral("%1 in %2: %3").arg(what, where, text));
    };
    auto fail = [&](const QString &what, const QSqlQuery &q) {
        return failWith(what, q.lastError().text());
    };
    if (Status fenced = checkFences(batch); !fenced)
        return fail(QStringLiteral("Cannot check the runs' leases"), *m_fence);
    // The chain tip is read inside the write transaction, so writers in other processes cannot fork it.
    if (!m_tip->exec())
        return fail(QStringLiteral("Cannot read the end of the event log"), *m_tip);
    qint64 logId = 0;
    QByteArray tipHash;
    if (m_tip->next()) {
        logId = m_tip->value(0).toLongLong();
        tipHash = m_tip->value(1).toString().toLatin1();
    }
    m_tip->finish();
    if (logId != m_lastCommittedLogId)
        m_nextSeq.clear(); // someone else appended: per-run seq must be read again

    QSet<QString> seen; // runs, in order of first appearance
    for (auto &request : batch) {
        if (!request->refused.isEmpty())
            continue;
        for (qsizetype i = 0; i < request->events.size(); ++i) {
            Event &e = request->events[i];
            const Prepared &p = request->prepared[size_t(i)];
            auto seq = nextSeq(p.runId);
            if (!seq)
                return fail(QStringLiteral("Cannot read the sequence of run \"%1\"").arg(e.runId), *m_maxSeq);
            e.seq = *seq;
            e.logId = ++logId;
            e.prevHash = tipHash;
            e.hash = m_fastHash ? EventRow::chainHash(e.logId, p.runIdUtf8, e.seq, p.tail.bytes, e.prevHash,
                                                      request->origin)
                                : e.computeHash();
            tipHash = e.hash;
            if (Status inserted = insert(e, p, *request); !inserted)
                return failWith(QStringLiteral("Cannot append event %1").arg(e.logId), inserted.errorText());
            if (!seen.contains(e.runId)) {
                seen.insert(e.runId);
                runs << e.runId;
            }
        }
    }
    // Other processes hear of the new events when they commit (one notification per run).
    m_connections.notifyInTransaction(db, runs);
    if (!control.exec(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("Cannot commit appended events"), control);
    m_lastCommittedLogId = logId;
    return success();
}

Status EventLogWriter::insert(const Event &e, const Prepared &p, const Request &request)
{
    // A null QByteArray or QString would be bound as NULL; every column is NOT NULL ('' when empty).
    const auto bytes = [](const QByteArray &b) {
        return b.isNull() ? QByteArray("") : b;
    };
    SqliteEventInserter::Row row {e.logId,
                                  e.seq,
                                  {p.runIdUtf8, p.tail.time(), p.tail.actor(), p.tail.kind(),
                                   p.tail.payload(), bytes(e.prevHash), bytes(e.hash), request.runnerUtf8,
                                   request.hostUtf8}};
    if (m_native)
        return m_native->insert(row);
    static const QString names[] = {
            QStringLiteral(":log_id"),  QStringLiteral(":run_id"),    QStringLiteral(":seq"),
            QStringLiteral(":time"),    QStringLiteral(":actor"),     QStringLiteral(":kind"),
            QStringLiteral(":payload"), QStringLiteral(":prev_hash"), QStringLiteral(":hash"),
            QStringLiteral(":runner"),  QStringLiteral(":host")};
    const int textColumns[] = {1, 3, 4, 5, 6, 7, 8, 9, 10};
    m_insert->bindValue(names[0], row.logId);
    m_insert->bindValue(names[2], row.seq);
    for (size_t i = 0; i < row.text.size(); ++i)
        m_insert->bindValue(names[textColumns[i]], EventRow::text(QString::fromUtf8(row.text[i])));
    if (!m_insert->exec())
        return Status::failure(m_insert->lastError().text());
    return success();
}

std::pair<QString, QString> EventLogWriter::origin() const
{
    std::lock_guard lock(m_mutex);
    return {m_runner, m_host};
}

Status EventLogWriter::appendInTransaction(QSqlDatabase &db, QList<Event> &events, const QString &where,
                                           const std::pair<QString, QString> &origin)
{
    QSqlQuery tip(db), maxSeq(db), insert(db);
    auto fail = [&where](const QString &what, const QSqlQuery &q) {
        return Status::failure(QStringLiteral("%1 in %2: %3").arg(what, where, q.lastError().text()));
    };
    if (!tip.exec(QStringLiteral("SELECT log_id, hash FROM events ORDER BY log_id DESC LIMIT 1")))
        return fail(QStringLiteral("Cannot read the end of the event log"), tip);
    qint64 logId = 0;
    QByteArray tipHash;
    if (tip.next()) {
        logId = tip.value(0).toLongLong();
        tipHash = tip.value(1).toString().toLatin1();
    }
    tip.finish();
    if (!maxSeq.prepare(QStringLiteral("SELECT MAX(seq) FROM events WHERE run_id = ?")) ||
        !insert.prepare(QStringLiteral("INSERT INTO events (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                .arg(EventRow::columns())))
        return fail(QStringLiteral("Cannot prepare the event log statements"), insert);
    QHash<QString, qint64> nextSeq;
    const QDateTime now = EventRow::normalizedTime(QDateTime::currentDateTimeUtc());
    for (Event &e : events) {
        const QString runId = EventRow::text(e.runId);
        auto it = nextSeq.find(runId);
        if (it == nextSeq.end()) {
            maxSeq.bindValue(0, runId);
            if (!maxSeq.exec() || !maxSeq.next())
                return fail(QStringLiteral("Cannot read the sequence of run \"%1\"").arg(runId), maxSeq);
            it = nextSeq.insert(runId, maxSeq.value(0).toLongLong() + 1);
            maxSeq.finish();
        }
        e.time = e.time.isValid() ? EventRow::normalizedTime(e.time) : now;
        e.payload = SizePolicy::bounded(e.payload);
        e.runner = origin.first;
        e.host = origin.second;
        e.seq = (*it)++;
        e.logId = ++logId;
        e.prevHash = tipHash;
        e.hash = e.computeHash();
        tipHash = e.hash;
        insert.bindValue(0, e.logId);
        insert.bindValue(1, runId);
        insert.bindValue(2, e.seq);
        insert.bindValue(3, EventRow::timeText(e.time));
        insert.bindValue(4, e.actor);
        insert.bindValue(5, e.kind);
        insert.bindValue(6, EventRow::payloadText(e.payload));
        insert.bindValue(7, EventRow::text(e.prevHash));
        insert.bindValue(8, EventRow::text(e.hash));
        insert.bindValue(9, EventRow::text(e.runner));
        insert.bindValue(10, EventRow::text(e.host));
        if (!insert.exec())
            return fail(QStringLiteral("Cannot append event %1").arg(e.logId), insert);
    }
    return success();
}

} // namespace harness
