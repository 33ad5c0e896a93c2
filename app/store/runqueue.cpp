// RunQueue: the run_queue table. Lease times are milliseconds since the epoch on the database's clock
// (PostgreSQL's for a team, so runners on machines with skewed clocks agree on what expired).
#include "runqueue.h"
#include "storenotifier.h"

#include "core/eventkinds.h"

#include <QSqlError>
#include <QVariant>

namespace harness {

namespace {

const QString kMaxConcurrent = QStringLiteral("queue.max_concurrent");
const QString kMaxSpend = QStringLiteral("queue.max_spend");

QueueEntry::State stateFromName(const QString &name)
{
    if (name == QLatin1String("claimed"))
        return QueueEntry::State::Claimed;
    if (name == QLatin1String("parked"))
        return QueueEntry::State::Parked;
    if (name == QLatin1String("done"))
        return QueueEntry::State::Done;
    return QueueEntry::State::Queued;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

// True in an UPDATE of run_queue when the run's log holds a person's end of it.
QString endedByPerson()
{
    return QStringLiteral("EXISTS (SELECT 1 FROM events e WHERE e.run_id = run_queue.run_id AND e.kind IN "
                          "('%1', '%2', '%3', '%4'))")
            .arg(kinds::Merged, kinds::LeftForPullRequest, kinds::Discarded, kinds::Aborted);
}

} // namespace

QString queueStateName(QueueEntry::State state)
{
    switch (state) {
    case QueueEntry::State::Queued:
        return QStringLiteral("queued");
    case QueueEntry::State::Claimed:
        return QStringLiteral("claimed");
    case QueueEntry::State::Parked:
        return QStringLiteral("parked");
    case QueueEntry::State::Done:
        return QStringLiteral("done");
    }
    return QStringLiteral("queued");
}

Status RunQueue::enqueue(const QString &runId, const QString &taskId, int priority, const QString &remote)
{
    const QString now = m_connections.nowMsSql();
    // SQLite has no sequence outside the rowid: the next seq is taken in the same statement (atomic).
    const QString seq = m_connections.isSqlite()
            ? QStringLiteral("(SELECT COALESCE(MAX(seq), 0) + 1 FROM run_queue)")
            : QStringLiteral("DEFAULT");
    auto q = m_connections.execute(
            QStringLiteral("INSERT INTO run_queue (run_id, task_id, seq, priority, state, remote, queued) "
                           "VALUES (?, ?, %1, ?, 'queued', ?, %2) ON CONFLICT (run_id) DO NOTHING")
                    .arg(seq, now),
            {runId, taskId, priority, remote.isNull() ? QStringLiteral("") : remote},
            QStringLiteral("queue run %1 in").arg(runId));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(
                QStringLiteral("run %1 is queued already; \"harness queue\" shows where").arg(runId));
    m_connections.announce({StoreNotifier::kQueue});
    return success();
}

Status RunQueue::requeue(const QString &runId)
{
    auto q = m_connections.execute(
            QStringLiteral("UPDATE run_queue SET state = 'queued', lease_until = 0, note = 'requeued' "
                           "WHERE run_id = ? AND state IN ('parked', 'done')"),
            {runId}, QStringLiteral("requeue run %1 in").arg(runId));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(QStringLiteral("run %1 is not parked or done in the queue").arg(runId));
    m_connections.announce({StoreNotifier::kQueue});
    return success();
}

Result<bool> RunQueue::finish(const QString &runId, const QString &note)
{
    // One statement: a claim that locked the row first leaves it 'claimed' here (nothing is ended), and
    // a claim that comes after finds it done.
    auto q = m_connections.execute(
            QStringLiteral("UPDATE run_queue SET state = 'done', lease_until = 0, note = ? "
                           "WHERE run_id = ? AND state IN ('queued', 'parked')"),
            {note.isNull() ? QStringLiteral("") : note, runId},
            QStringLiteral("end the queue entry of run %1 in").arg(runId));
    if (!q)
        return q.error();
    const bool ended = q->numRowsAffected() > 0;
    if (ended)
        m_connections.announce({StoreNotifier::kQueue});
    return ended;
}

Status RunQueue::setPriority(const QString &runId, int priority)
{
    auto q = m_connections.execute(QStringLiteral("UPDATE run_queue SET priority = ? WHERE run_id = ?"),
                                   {priority, runId},
                                   QStringLiteral("set the priority of run %1 in").arg(runId));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(QStringLiteral("run %1 is not in the queue").arg(runId));
    m_connections.announce({StoreNotifier::kQueue});
    return success();
}

Result<std::optional<Lease>> RunQueue::claim(const QString &runner, int leaseMs)
{
    using R = Result<std::optional<Lease>>;
    if (!m_connections.isSqlite()) {
        // The usual case, no limit set: one statement, one round trip, one commit.
        auto attempt = claimUnlessLimited(runner, leaseMs);
        if (!attempt)
            return attempt.error();
        if (!attempt->limited) {
            // The NOTIFY in a transaction of its own: PostgreSQL commits notifying transactions one at
            // a time, so inside the claim it would stop concurrent claims from sharing a WAL flush.
            if (attempt->lease)
                m_connections.announce({StoreNotifier::kQueue});
            return attempt->lease;
        }
    }
    auto limits = this->limits();
    if (!limits)
        return limits.error();
    auto db = m_connections.forCurrentThread();
    if (!db)
        return db.error();
    const bool serialised = m_connections.isSqlite() || limits->maxConcurrent > 0 || limits->maxSpend > 0;
    QSqlQuery control(*db);
    if (serialised) {
        // SQLite: the store's write lock. PostgreSQL with a limit: the count and the claim must see the
        // same queue, so claims take turns (they are short).
        const bool locked = m_connections.isSqlite()
                ? control.exec(QStringLiteral("BEGIN IMMEDIATE"))
                : (control.exec(QStringLiteral("BEGIN")) &&
                   control.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kClaimLockKey)));
        if (!locked) {
            const QString why = control.lastError().text();
            control.exec(QStringLiteral("ROLLBACK"));
            if (!m_connections.isAlive(*db))
                m_connections.dropCurrentThread();
            return R::failure(QStringLiteral("Cannot lock the run queue of %1: %2")
                                      .arg(m_connections.location().describe(), why));
        }
    }
    auto claimed = claimIn(*db, runner, leaseMs, *limits);
    if (serialised) {
        if (!claimed || !control.exec(QStringLiteral("COMMIT"))) {
            const QString why = claimed ? control.lastError().text() : claimed.errorText();
            control.exec(QStringLiteral("ROLLBACK"));
            if (!m_connections.isAlive(*db))
                m_connections.dropCurrentThread();
            return R::failure(QStringLiteral("Cannot claim a run from %1: %2")
                                      .arg(m_connections.location().describe(), why));
        }
    } else if (!claimed && !m_connections.isAlive(*db)) {
        m_connections.dropCurrentThread();
    }
    if (claimed && claimed->has_value())
        m_connections.announce({StoreNotifier::kQueue});
    return claimed;
}

Result<RunQueue::ClaimAttempt> RunQueue::claimUnlessLimited(const QString &runner, int leaseMs)
{
    // Claims only when no limit is set (a limit's value other than "0", as setLimits writes none) and
    // says which it was, in the same snapshot. A limit takes claim()'s serialised path instead.
    const QString now = m_connections.nowMsSql();
    const QString sql =
            QStringLiteral(
                    "WITH limited AS (SELECT EXISTS (SELECT 1 FROM settings WHERE key IN (?, ?) AND value <> "
                    "'0') AS yes), "
                    "next AS (SELECT run_id, runner AS previous, state AS was FROM run_queue "
                    "WHERE state IN ('queued', 'claimed') AND (state = 'queued' OR lease_until < %1) "
                    "AND NOT (SELECT yes FROM limited) "
                    "ORDER BY priority DESC, seq LIMIT 1 FOR UPDATE SKIP LOCKED), "
                    "claimed AS (UPDATE run_queue q SET state = 'claimed', runner = ?, token = q.token + 1, "
                    "lease_until = %1 + ?, heartbeat = %1, claims = q.claims + 1, note = CASE WHEN next.was "
                    "= 'claimed' THEN 'taken over from ' || next.previous ELSE '' END FROM next "
                    "WHERE q.run_id = next.run_id "
                    "RETURNING q.run_id, q.task_id, q.remote, q.token, q.claims, next.previous, next.was) "
                    "SELECT limited.yes, claimed.* FROM limited LEFT JOIN claimed ON true")
                    .arg(now);
    auto q = m_connections.executeKept(sql, {kMaxConcurrent, kMaxSpend, runner, leaseMs},
                                       QStringLiteral("claim a run from"));
    if (!q)
        return q.error();
    QSqlQuery &row = **q;
    if (!row.next())
        return Result<ClaimAttempt>::failure(QStringLiteral("Cannot claim a run from %1: no answer")
                                                     .arg(m_connections.location().describe()));
    ClaimAttempt attempt;
    attempt.limited = row.value(0).toBool();
    if (!row.isNull(1))
        attempt.lease = Lease {row.value(1).toString(),
                               row.value(2).toString(),
                               row.value(3).toString(),
                               row.value(4).toLongLong(),
                               row.value(5).toInt(),
                               row.value(7).toString() == QLatin1String("claimed") ? row.value(6).toString()
                                                                                   : QString()};
    row.finish();
    return attempt;
}

Result<std::optional<Lease>> RunQueue::claimIn(QSqlDatabase &db, const QString &runner, int leaseMs,
                                               const QueueLimits &limits)
{
    using R = Result<std::optional<Lease>>;
    const QString now = m_connections.nowMsSql();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString claimable =
            QStringLiteral("state IN ('queued', 'claimed') AND (state = 'queued' OR lease_until < %1)")
                    .arg(now);
    if (limits.maxConcurrent > 0 || limits.maxSpend > 0) {
        if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM run_queue WHERE state = 'claimed' AND "
                                   "lease_until >= %1), (SELECT COALESCE(SUM(spent), 0) FROM run_queue)")
                            .arg(now)) ||
            !q.next())
            return R::failure(q.lastError().text());
        const qint64 live = q.value(0).toLongLong();
        const double spent = q.value(1).toDouble();
        q.finish();
        if (limits.maxConcurrent > 0 && live >= limits.maxConcurrent)
            return std::optional<Lease>();
        if (limits.maxSpend > 0 && spent >= limits.maxSpend) // only runs already started go on
            claimable = QStringLiteral("state = 'claimed' AND lease_until < %1").arg(now);
    }
    const QString set =
            QStringLiteral("state = 'claimed', runner = ?, token = %1token + 1, lease_until = %2 + ?, "
                           "heartbeat = %2, claims = %1claims + 1, note = CASE WHEN %3 = 'claimed' THEN "
                           "'taken over from ' || %4 ELSE '' END")
                    .arg(m_connections.isSqlite() ? QString() : QStringLiteral("q."), now);
    if (m_connections.isSqlite()) {
        if (!q.exec(QStringLiteral("SELECT run_id, runner, state FROM run_queue WHERE %1 ORDER BY priority "
                                   "DESC, seq LIMIT 1")
                            .arg(claimable)))
            return R::failure(q.lastError().text());
        if (!q.next())
            return std::optional<Lease>();
        const QString runId = q.value(0).toString();
        const QString previous = q.value(1).toString();
        const QString was = q.value(2).toString();
        q.finish();
        QSqlQuery u(db);
        u.prepare(
                QStringLiteral("UPDATE run_queue SET %1 WHERE run_id = ? RETURNING run_id, task_id, remote, "
                               "token, claims")
                        .arg(QString(set).arg(QStringLiteral("state"), QStringLiteral("runner"))));
        u.addBindValue(runner);
        u.addBindValue(leaseMs);
        u.addBindValue(runId);
        if (!u.exec() || !u.next())
            return R::failure(u.lastError().text());
        Lease lease {u.value(0).toString(), u.value(1).toString(),
                     u.value(2).toString(), u.value(3).toLongLong(),
                     u.value(4).toInt(),    was == QLatin1String("claimed") ? previous : QString()};
        return std::optional<Lease>(lease);
    }
    q.prepare(QStringLiteral(
                      "WITH next AS (SELECT run_id, runner AS previous, state AS was FROM run_queue "
                      "WHERE %1 ORDER BY priority DESC, seq LIMIT 1 FOR UPDATE SKIP LOCKED) "
                      "UPDATE run_queue q SET %2 FROM next WHERE q.run_id = next.run_id "
                      "RETURNING q.run_id, q.task_id, q.remote, q.token, q.claims, next.previous, next.was")
                      .arg(claimable,
                           QString(set).arg(QStringLiteral("next.was"), QStringLiteral("next.previous"))));
    q.addBindValue(runner);
    q.addBindValue(leaseMs);
    if (!q.exec())
        return R::failure(q.lastError().text());
    if (!q.next())
        return std::optional<Lease>();
    Lease lease {q.value(0).toString(),
                 q.value(1).toString(),
                 q.value(2).toString(),
                 q.value(3).toLongLong(),
                 q.value(4).toInt(),
                 q.value(6).toString() == QLatin1String("claimed") ? q.value(5).toString() : QString()};
    return std::optional<Lease>(lease);
}

Result<bool> RunQueue::heartbeat(const Lease &lease, int leaseMs, double spent)
{
    const QString now = m_connections.nowMsSql();
    auto q = m_connections.executeKept(
            QStringLiteral("UPDATE run_queue SET lease_until = %1 + ?, heartbeat = %1, spent = ? "
                           "WHERE run_id = ? AND token = ? AND state = 'claimed'")
                    .arg(now),
            {leaseMs, spent, lease.runId, lease.token},
            QStringLiteral("extend the lease on run %1 in").arg(lease.runId));
    if (!q)
        return q.error();
    const bool held = (*q)->numRowsAffected() > 0;
    (*q)->finish();
    return held;
}

Result<bool> RunQueue::release(const Lease &lease, QueueEntry::State state, const QString &note)
{
    if (state == QueueEntry::State::Claimed)
        return Result<bool>::failure(QStringLiteral("a lease is released to queued, parked or done"));
    // On PostgreSQL the release does not wait for its WAL flush (synchronous_commit off for its own
    // transaction only): a release lost in a server crash is a lease that expires, as when a runner dies
    // before it releases, and another runner takes the run over; the token, and so fencing, is
    // untouched. Claims stay durable: a lost claim would hand its token out twice.
    static const QString asyncCommit =
            QStringLiteral("WITH async AS (SELECT set_config('synchronous_commit', 'off', true)) ");
    // Parked for review, unless a person ended the run while this runner still held the lease (finish()
    // left the entry alone then): the log says so in the same statement, so the entry cannot stay parked.
    const QString ended = endedByPerson();
    const QString set = state == QueueEntry::State::Parked
            ? QStringLiteral("state = CASE WHEN %1 THEN 'done' ELSE 'parked' END, note = CASE WHEN %1 THEN "
                             "'ended by a person in review' ELSE ? END")
                      .arg(ended)
            : QStringLiteral("state = ?, note = ?");
    QVariantList values;
    if (state != QueueEntry::State::Parked)
        values << queueStateName(state);
    values << (note.isNull() ? QStringLiteral("") : note) << lease.runId << lease.token;
    auto q = m_connections.executeKept(
            QStringLiteral("%1UPDATE run_queue SET %2, lease_until = 0 %3"
                           "WHERE run_id = ? AND token = ? AND state = 'claimed'")
                    .arg(m_connections.isSqlite() ? QString() : asyncCommit, set,
                         m_connections.isSqlite() ? QString() : QStringLiteral("FROM async ")),
            values, QStringLiteral("release the lease on run %1 in").arg(lease.runId));
    if (!q)
        return q.error();
    const bool held = (*q)->numRowsAffected() > 0;
    (*q)->finish();
    if (held) // (a NOTIFY of its own, as for a claim)
        m_connections.announce({StoreNotifier::kQueue});
    return held;
}

Result<std::optional<QueueEntry>> RunQueue::entry(const QString &runId)
{
    auto all = entries(true);
    if (!all)
        return all.error();
    for (const QueueEntry &e : std::as_const(*all))
        if (e.runId == runId)
            return std::optional<QueueEntry>(e);
    return std::optional<QueueEntry>();
}

Result<QList<QueueEntry>> RunQueue::entries(bool includeDone)
{
    auto q = m_connections.execute(
            QStringLiteral("SELECT run_id, task_id, priority, state, runner, token, lease_until, heartbeat, "
                           "queued, claims, spent, remote, note FROM run_queue %1 "
                           "ORDER BY CASE state WHEN 'claimed' THEN 0 WHEN 'queued' THEN 1 WHEN 'parked' "
                           "THEN 2 ELSE 3 END, priority DESC, seq")
                    .arg(includeDone ? QString() : QStringLiteral("WHERE state <> 'done'")),
            {}, QStringLiteral("read the run queue of"));
    if (!q)
        return q.error();
    QList<QueueEntry> out;
    while (q->next()) {
        QueueEntry e;
        e.runId = q->value(0).toString();
        e.taskId = q->value(1).toString();
        e.priority = q->value(2).toInt();
        e.state = stateFromName(q->value(3).toString());
        e.runner = q->value(4).toString();
        e.token = q->value(5).toLongLong();
        e.leaseUntil = fromMs(q->value(6).toLongLong());
        e.heartbeat = fromMs(q->value(7).toLongLong());
        e.queued = fromMs(q->value(8).toLongLong());
        e.claims = q->value(9).toInt();
        e.spent = q->value(10).toDouble();
        e.remote = q->value(11).toString();
        e.note = q->value(12).toString();
        out.append(e);
    }
    return out;
}

Result<QueueLimits> RunQueue::limits()
{
    auto q = m_connections.executeKept(QStringLiteral("SELECT key, value FROM settings WHERE key IN (?, ?)"),
                                       {kMaxConcurrent, kMaxSpend},
                                       QStringLiteral("read the queue limits of"));
    if (!q)
        return q.error();
    QSqlQuery &rows = **q;
    QueueLimits l;
    while (rows.next()) {
        if (rows.value(0).toString() == kMaxConcurrent)
            l.maxConcurrent = rows.value(1).toString().toInt();
        else
            l.maxSpend = rows.value(1).toString().toDouble();
    }
    rows.finish();
    return l;
}

Status RunQueue::setLimits(const QueueLimits &limits)
{
    if (limits.maxConcurrent < 0 || limits.maxSpend < 0)
        return Status::failure(QStringLiteral("a limit is 0 (none) or more"), QStringLiteral("limits"));
    for (const auto &[key, value] : {std::pair {kMaxConcurrent, QString::number(limits.maxConcurrent)},
                                     std::pair {kMaxSpend, QString::number(limits.maxSpend, 'g', 12)}}) {
        auto q = m_connections.execute(
                QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                {key, value}, QStringLiteral("set the queue limits of"));
        if (!q)
            return q.error();
    }
    m_connections.announce({StoreNotifier::kQueue});
    return success();
}

} // namespace harness
