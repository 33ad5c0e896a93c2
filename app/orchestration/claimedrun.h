// ClaimedRun: one run a runner holds under a lease (docs/team.md). It restores the run's code from the
// git remote when another runner had it (the log's last checkpoint plus the newest snapshot of the
// uncommitted tree taken on it), records run_claimed, and drives the run with the same RunEngine as
// `harness run` until it ends, waits for review, or the lease is lost. Before an event that refers to
// the run's code is recorded (a checkpoint, a tool result) that code is published to the remote, so
// whatever the log says happened can be restored by the next runner.
#pragma once

#include "runservices.h"

#include "runtime/gitremote.h"
#include "store/runqueue.h"
#include "store/store.h"

#include <QMutex>
#include <atomic>
#include <functional>
#include <memory>

namespace harness {

class Project;

class ClaimedRun
{
public:
    struct Context
    {
        std::shared_ptr<Store> store;
        QString runner;
        QString host;
        QString cacheDir;
        QString remoteOverride; // when set, used instead of the remote the run was queued with
        QString transcript; // a replay transcript instead of the policy's provider (tests, --agent)
        std::function<void(const QString &)> say; // progress lines; any thread
        int fallbackWaitMs = 2000; // how long a waiting run sleeps when no change is announced
    };
    struct Ending
    {
        QueueEntry::State state = QueueEntry::State::Queued; // what the lease is released to
        QString note;
        bool leaseLost = false; // another runner has it (or the store refused its token): release nothing
    };

    ClaimedRun(Context context, Lease lease);
    ~ClaimedRun();

    // Drives the run on the calling (worker) thread until it stops for one of the reasons above.
    Ending drive();
    // Stops driving at the next safe point; leaseLost: another runner took the run over.
    void cancel(bool leaseLost);
    // Publishes the run's code before events that refer to it are recorded (the store's before-append
    // hook, on the appending thread).
    Status beforeAppend(const QList<Event> &events);

    const Lease &lease() const { return m_lease; }
    double spent() const { return m_spent.load(); }

private:
    Status restore(QString *worktree, QString *branch, QString *commit, QString *snapshot);

    Context m_context;
    Lease m_lease;
    std::unique_ptr<GitRemote> m_remote;
    std::atomic_bool m_cancel {false};
    std::atomic_bool m_lost {false};
    std::atomic<double> m_spent {0.0};
    QMutex m_publish; // the worktree, branch and last snapshot's tree
    QString m_worktree;
    QString m_branch;
    QString m_lastTree;
};

} // namespace harness
