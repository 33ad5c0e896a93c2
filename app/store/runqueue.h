// RunQueue: runs waiting for a runner, and the leases under which runners drive them. A claim takes
// the most urgent claimable run (queued, or claimed under a lease that expired) with FOR UPDATE SKIP
// LOCKED and raises its fencing token; heartbeats extend the lease; the store refuses a run's appends
// that present an older token (Store::setFence), so a runner that lost its lease cannot write.
#pragma once

#include "sqlconnections.h"

#include <QDateTime>
#include <QList>
#include <optional>

namespace harness {

struct QueueEntry
{
    enum class State { Queued, Claimed, Parked, Done };
    QString runId;
    QString taskId;
    int priority = 0; // higher first; equal priorities in queue order
    State state = State::Queued;
    QString runner; // who holds (or last held) the lease
    qint64 token = 0; // the fencing token of the current (or last) lease
    QDateTime leaseUntil; // invalid when no lease was ever taken
    QDateTime heartbeat;
    QDateTime queued;
    int claims = 0; // how often a runner took it (more than one: taken over)
    double spent = 0; // money the run spent, as its runner last reported
    QString remote; // the git remote the runner clones
    QString note; // why it is where it is (taken over from ..., parked for review, ...)

    bool leaseExpired(const QDateTime &now) const { return state == State::Claimed && leaseUntil < now; }
};

QString queueStateName(QueueEntry::State state);

struct Lease
{
    QString runId;
    QString taskId;
    QString remote;
    qint64 token = 0;
    int claims = 0;
    QString previousRunner; // non-empty when this claim took the run over from another runner
};

struct QueueLimits
{
    int maxConcurrent = 0; // runs claimed under a live lease at once; 0: no limit
    double maxSpend = 0; // no new run is claimed once the queue's runs spent this much; 0: no limit
};

class RunQueue
{
public:
    explicit RunQueue(SqlConnections &connections) : m_connections(connections) { }

    // Queues an existing run. Refused when the run is queued or claimed already.
    Status enqueue(const QString &runId, const QString &taskId, int priority, const QString &remote);
    // Puts a parked or done run back in the queue (review feedback sent it to another fix).
    Status requeue(const QString &runId);
    // Ends a run's entry without a lease, because a person ended the run (merged, left for a pull request,
    // discarded, aborted): only while it waits — queued, or parked for review — in one statement whose
    // WHERE names those states, so a runner that claims the run at the same moment either has it first
    // (nothing is ended here; it sees the run's end in the log and releases the entry done) or finds it
    // done. An entry a runner holds a lease on, live or expired, is never ended here. true: ended now;
    // false: claimed, done already, or not in the queue.
    Result<bool> finish(const QString &runId, const QString &note);
    Status setPriority(const QString &runId, int priority);

    // Claims the most urgent claimable run for runner, with a lease of leaseMs. nullopt: nothing to claim
    // (or the limits forbid it now).
    Result<std::optional<Lease>> claim(const QString &runner, int leaseMs);
    // Extends the lease and reports the run's spend. false: the lease is no longer this runner's (another
    // runner took the run over, or it was released): stop driving the run.
    Result<bool> heartbeat(const Lease &lease, int leaseMs, double spent);
    // Ends the lease: Done (the run ended), Parked (it waits for a human's review; not claimable until
    // requeued), or Queued (given back for another runner). false: the lease was not this runner's.
    // Parked becomes Done when the run's log already holds a person's end of it (a merge, a pull request,
    // a discard or an abort recorded while the runner still held the lease, which finish() leaves alone).
    Result<bool> release(const Lease &lease, QueueEntry::State state, const QString &note = {});

    Result<std::optional<QueueEntry>> entry(const QString &runId);
    // Entries in claim order; done entries only with includeDone.
    Result<QList<QueueEntry>> entries(bool includeDone = false);

    Result<QueueLimits> limits();
    Status setLimits(const QueueLimits &limits);

    // The PostgreSQL advisory lock key that serialises claims while a limit is set ("HRNQ").
    static constexpr qint64 kClaimLockKey = 0x48524e51;

private:
    struct ClaimAttempt
    {
        bool limited = false; // a limit is set: nothing was claimed, take the serialised path
        std::optional<Lease> lease;
    };
    // PostgreSQL: the claim in one statement (with its NOTIFY) when no limit is set.
    Result<ClaimAttempt> claimUnlessLimited(const QString &runner, int leaseMs);
    Result<std::optional<Lease>> claimIn(QSqlDatabase &db, const QString &runner, int leaseMs,
                                         const QueueLimits &limits);
    SqlConnections &m_connections;
};

} // namespace harness
