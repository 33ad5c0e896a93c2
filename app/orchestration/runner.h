// Runner: the body of `harness runner` (docs/team.md). It enrolls in the store's roster, claims queued
// runs up to its capacity (RunQueue: FOR UPDATE SKIP LOCKED, priorities, limits), drives each claimed
// run on a thread of its own (ClaimedRun: the same engine as `harness run`), keeps its leases alive with
// heartbeats, and stops driving a run whose lease another runner took. It sleeps on the store's change
// notifications (a new run queued wakes it at once) rather than polling. Blocking: run() returns when
// stopped (or, with exitWhenIdle, when nothing is left to do).
#pragma once

#include "claimedrun.h"

#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace harness {

class Runner
{
public:
    struct Options
    {
        QString name;
        QString host; // the machine's name when empty
        int capacity = 1;
        QString cacheDir;
        QString remoteOverride; // clone this instead of the remote each run was queued with
        QString transcript; // a replay transcript instead of the policy's provider (--agent)
        int leaseMs = 30000;
        int heartbeatMs = 0; // 0: a third of the lease
        int maxRuns = 0; // stop after this many claims have ended (one run per pod: 1); 0: no limit
        bool exitWhenIdle = false; // stop once no run is queued or claimed anywhere
        const std::atomic_bool *stopRequested = nullptr; // set from a signal handler: stop as stop() does
        std::function<void(const QString &)> say; // progress lines; any thread
    };

    Runner(std::shared_ptr<Store> store, Options options);
    ~Runner();

    // Runs until stop() (or idle with exitWhenIdle). Fails only when the runner cannot enroll.
    Status run();
    // Asks run() to return: claimed runs stop at their next safe point and go back to the queue.
    void stop();

    // How long the runner waits before trying the store again after a failure, at most.
    static constexpr int kMaxBackoffMs = 30000;

private:
    struct Active
    {
        std::unique_ptr<ClaimedRun> run;
        QFuture<void> done;
        std::atomic_bool finished {false};
        ClaimedRun::Ending ending;
    };

    void heartbeat();
    void reap();
    void claimMore();
    Result<bool> idle();
    void say(const QString &line) const;

    std::shared_ptr<Store> m_store;
    Options m_options;
    QString m_instance;
    std::atomic_bool m_stop {false};
    QMutex m_mutex; // m_active
    QHash<QString, std::shared_ptr<Active>> m_active;
    int m_failures = 0;
    int m_claims = 0;
    // One thread per capacity slot, kept (so is its store connection) from one claimed run to the next.
    QThreadPool m_pool;
};

} // namespace harness
