// Store: the persistence interface every caller uses — tasks, runs, the event log, approvals and the
// audit chain. SQLite (embedded default) and PostgreSQL (teams) implement it; callers never see which.
#pragma once

#include "core/approval.h"
#include "core/event.h"
#include "core/eventsink.h"
#include "core/run.h"
#include "core/task.h"
#include "storelocation.h"

#include <QFuture>
#include <QList>
#include <functional>
#include <memory>

namespace harness {

class RunQueue;
class RunnerRoster;
class StoreNotifier;

struct ChainVerification
{
    bool intact = true;
    qint64 eventsChecked = 0;
    qint64 firstBrokenLogId = 0; // 0 when intact
    QString reason; // what is wrong with the first broken link
};

// Thread use: a Store may be shared by any number of threads; each thread reads and writes on its own
// connection, and appends go to the single writer thread. Every method except appendAsync() and record()
// waits for the database (and, on a shared file, possibly for another process's write lock), so GUI
// code calls them from a worker (QtConcurrent::run) and uses appendAsync() for the event log.
class Store : public EventSink
{
public:
    ~Store() override = default;

    // Opens (creating and migrating as needed) the store. A database written by a newer version, or a
    // corrupt or foreign file, is refused with a clear message and left untouched. Blocks.
    static Result<std::unique_ptr<Store>> open(const StoreLocation &location);

    virtual StoreLocation location() const = 0;
    virtual int schemaVersion() const = 0;

    // Tasks: addTask assigns the id ("T1", "T2", ...) and the creation time.
    virtual Result<Task> addTask(Task task) = 0;
    virtual Status updateTask(const Task &task) = 0;
    virtual Result<Task> task(const QString &id) = 0;
    virtual Result<QList<Task>> tasks() = 0;

    // Runs: addRun assigns the id ("R1", ...) and the creation time.
    virtual Result<Run> addRun(Run run) = 0;
    virtual Status updateRun(const Run &run) = 0;
    virtual Result<Run> run(const QString &id) = 0;
    virtual Result<QList<Run>> runs(const QString &taskId = {}) = 0;

    // Event log. Appends go to one writer thread which commits in batches; the returned future
    // finishes only once the events are committed, with seq, logId, time and hashes filled in.
    virtual QFuture<Result<QList<Event>>> appendAsync(QList<Event> events) = 0;
    // Appends and waits for the commit (not for the GUI thread).
    Result<QList<Event>> append(QList<Event> events) { return appendAsync(std::move(events)).result(); }
    Result<Event> append(Event event);
    // Fire-and-forget append: durable once the writer's next batch commits (EventSink).
    void record(Event event) override;
    // Waits until everything appended so far is committed.
    virtual Status flush() = 0;

    // Reads, on the calling thread's own connection. toSeq < 0 means "to the end".
    virtual Result<QList<Event>> events(const QString &runId, qint64 fromSeq = 1, qint64 toSeq = -1,
                                        int limit = -1) = 0;
    // Every event of the log in order, from a log position (for audit and store-wide views).
    virtual Result<QList<Event>> eventsFromLog(qint64 fromLogId, int limit) = 0;
    // The same page read for a fold that needs less (the timeline): no chain fields (prevHash, hash,
    // runner and host stay empty), and the payload read only for the kinds in payloadKinds (an empty
    // object for the others). Not for anything that writes, verifies or shows events.
    virtual Result<QList<Event>> eventHeadsFromLog(qint64 fromLogId, int limit,
                                                   const QStringList &payloadKinds) = 0;
    virtual Result<qint64> eventCount(const QString &runId) = 0;
    virtual Result<qint64> lastLogId() = 0;

    // Approvals: addApproval assigns the id ("A1", ...). decideApproval refuses a decision on an
    // approval that is no longer pending, or whose subject hash differs from expectedSubjectHash when
    // one is given (an approval binds to the exact subject it was made for).
    virtual Result<Approval> addApproval(Approval approval) = 0;
    virtual Result<Approval> approval(const QString &id) = 0;
    virtual Result<QList<Approval>> approvals(bool pendingOnly, const QString &runId = {}) = 0;
    virtual Result<Approval> decideApproval(const QString &id, ApprovalState decision, const QString &actor,
                                            const QString &feedback,
                                            const QByteArray &expectedSubjectHash = {}) = 0;

    // Walks the whole hash chain and reports the first broken link.
    virtual Result<ChainVerification> verifyChain() = 0;

    // Teams: the queue of runs waiting for a runner and their leases, the runners, and wake-ups when
    // something changes (in this process or, through the database, in any other).
    virtual RunQueue &queue() = 0;
    virtual RunnerRoster &roster() = 0;
    virtual StoreNotifier &notifier() = 0;
    // Who writes: every event appended from now on records this runner name (empty outside a runner)
    // and host (the machine's name unless set).
    virtual void setOrigin(const QString &runner, const QString &host) = 0;
    // From now on every append to runId presents the fencing token of this process's lease on it, and
    // is refused (error field "fencing_token") once another runner took the run over (RunQueue).
    virtual void setFence(const QString &runId, qint64 token) = 0;
    virtual void clearFence(const QString &runId) = 0;
    // Called on the appending thread before an append is queued; a failure refuses the append. A runner
    // makes a run's code durable on the git remote here, before the event that refers to it is recorded.
    // Set it before appends begin; it must be thread-safe.
    using BeforeAppend = std::function<Status(const QList<Event> &events)>;
    virtual void setBeforeAppend(BeforeAppend hook) = 0;
};

} // namespace harness
