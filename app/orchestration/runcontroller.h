// RunController: runs for a GUI (or any event-loop program). Each live run is driven by a RunEngine on
// a worker thread that, while the run waits for a human, sleeps until the store announces a change to
// the run (StoreNotifier), so decisions made in this window, another window or `harness approve` take
// effect at once. When the project's policy sends runs to the runners (team.runs_on "runners"), start()
// queues the run instead (QueueService), and no run queued for the runners is ever driven here: runners
// on other machines claim and drive it, and this process's pause and abort reach them through the store.
// Results come back as queued signals.
#pragma once

#include "project.h"
#include "runservices.h"
#include "runstate.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace harness {

class RunController : public QObject
{
    Q_OBJECT
public:
    // Builds each run's services; the default reads .harness/policy.json (RunServicesFactory).
    using ServicesMaker = std::function<Result<RunServices>(const Project &)>;

    explicit RunController(std::shared_ptr<Project> project, QObject *parent = nullptr);
    ~RunController() override; // stops driving (runs stay resumable) and waits for the workers

    void setServicesMaker(ServicesMaker maker) { m_makeServices = std::move(maker); }
    void setConcurrencyLimit(int limit) { m_limit = qMax(1, limit); }
    int concurrencyLimit() const { return m_limit; }
    // How long a waiting run sleeps when no change is announced (a fallback: changes wake it at once).
    void setPollIntervalMs(int ms) { m_pollMs = ms; }
    QStringList drivenRuns() const { return m_workers.keys(); }
    // Runs being driven plus runs being made (start() returns before its run exists).
    qsizetype inProgress() const { return m_workers.size() + m_starting.size(); }
    Project &project() const { return *m_project; }

public Q_SLOTS:
    // Creates a run for the task (on a worker) and drives it; runStarted() or failed() follows. When the
    // policy's team.runs_on is "runners", the run is queued for them instead (priority and remote from the
    // policy) and runQueued() or failed() follows; refused at once on a SQLite store (no runner reaches it).
    void start(const QString &taskId);
    // Drives an existing run again (after a restart of the program, or to continue a paused one). A run
    // queued for the runners is left to them (the worker sees it in the log and stops before any step).
    void drive(const QString &runId);
    // Starts the ready tasks (every dependency merged), up to the concurrency limit; with the runners,
    // queues every ready task that has no run in the queue yet.
    void startReady();
    void pause(const QString &runId);
    void resume(const QString &runId);
    void abort(const QString &runId, const QString &reason = {});
    // Drives every run of the store that is not finished and not queued for the runners (e.g. after the
    // workbench restarted). The store is scanned on a worker; unfinishedResumed() reports the runs it
    // drives.
    void resumeUnfinished();

Q_SIGNALS:
    void runStarted(const QString &runId, const QString &taskId);
    // A run was created and queued for the runners; message says so for the person ("R12 of T3 is queued
    // for the runners (priority 0, remote …)").
    void runQueued(const QString &runId, const QString &taskId, const QString &message);
    void runStateChanged(const QString &runId, const QString &phase, bool paused);
    void runFinished(const QString &runId, const QString &phase, const QString &reason);
    void failed(const QString &message);
    void unfinishedResumed(const QStringList &runIds);

private:
    struct Worker
    {
        std::shared_ptr<std::atomic_bool> cancel;
        QFutureWatcher<void> *watcher = nullptr;
    };
    void launch(const QString &runId);
    // start() for a project whose runs go to the runners.
    void queue(const QString &taskId, const ProjectPolicy &policy);
    std::shared_ptr<Project> m_project;
    ServicesMaker m_makeServices;
    QHash<QString, Worker> m_workers;
    QSet<QString> m_starting; // tasks whose run is being made
    // Runs hold their thread while they wait for a human: a pool of their own keeps the global one
    // (used by painting and layout) free.
    QThreadPool m_pool;
    int m_limit = 2;
    int m_pollMs = 2000;
};

} // namespace harness
