// RunController: one QtConcurrent task per driven run; the engine and its store connection live on
// that task's thread for the whole run. A run whose log says it was queued (run_queued) is never driven
// here: on a team store its runner may be driving it at this very moment.
#include "runcontroller.h"
#include "projectconfigcheck.h"
#include "queueservice.h"
#include "runcontrol.h"
#include "runengine.h"
#include "runservicesfactory.h"
#include "taskgraph.h"

#include "core/localuser.h"
#include "store/storenotifier.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

namespace harness {

namespace {
QString localActor()
{
    return LocalUser::actor();
}

// A run created and queued for the runners, and the remote's URL it was queued with.
struct QueuedRun
{
    Run run;
    QString remote;
};

// Whether the run's log says it was queued for the runners (a log that cannot be read is left to the
// engine, which reports why).
bool queuedForRunners(Store &store, const QString &runId)
{
    auto events = store.events(runId);
    return events && RunState::fold(*events).queued;
}
} // namespace

RunController::RunController(std::shared_ptr<Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project))
{
    m_makeServices = [](const Project &p) {
        return RunServicesFactory::make(p);
    };
    m_pool.setMaxThreadCount(64);
}

RunController::~RunController()
{
    for (auto &w : m_workers)
        w.cancel->store(true);
    // Workers waiting for a decision wake now instead of at their fallback timeout.
    m_project->store().notifier().changedHere(m_workers.keys());
    for (auto &w : m_workers)
        w.watcher->waitForFinished();
}

void RunController::start(const QString &taskId)
{
    if (m_starting.contains(taskId))
        return; // a second click while the first start is still on its way
    QString brokenFile;
    if (auto config = ProjectConfigCheck::check(m_project->root(), &brokenFile); !config) {
        Q_EMIT failed(ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile));
        return;
    }
    auto services = m_makeServices(*m_project);
    if (!services) {
        Q_EMIT failed(services.errorText());
        return;
    }
    if (services->policy.team.queuesRuns()) {
        queue(taskId, services->policy);
        return;
    }
    if (inProgress() >= m_limit) {
        Q_EMIT failed(
                tr("%1 runs are already in progress (the limit); wait for one to finish or raise the limit")
                        .arg(inProgress()));
        return;
    }
    // Making the run writes the store and asks git for the branch: a worker does it (a PostgreSQL
    // store may be across a network), and runStarted() follows when the run exists.
    m_starting.insert(taskId);
    auto *watcher = new QFutureWatcher<Result<Run>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, taskId] {
        const Result<Run> run = watcher->result();
        watcher->deleteLater();
        m_starting.remove(taskId);
        if (!run) {
            Q_EMIT failed(run.errorText());
            return;
        }
        Q_EMIT runStarted(run->id, taskId);
        launch(run->id);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [project = m_project, taskId, policy = services->policy] {
        return RunEngine::createRun(*project, taskId, policy, localActor());
    }));
}

void RunController::queue(const QString &taskId, const ProjectPolicy &policy)
{
    const TeamPolicy team = policy.team;
    if (m_project->store().location().backend != StoreLocation::Backend::Postgres) {
        Q_EMIT failed(
                tr("Runs of this project go to the runners (\"team\": {\"runs_on\": \"runners\"} in "
                   ".harness/policy.json), but this repository's store is a SQLite file on this machine, "
                   "which no runner can reach, so nothing was started. Open the repository with the "
                   "team's shared PostgreSQL store (HARNESS_STORE=postgres://…, or the store setting when "
                   "opening it), or set \"runs_on\" to \"this_machine\" to run here."));
        return;
    }
    // Resolving the remote asks git and queueing writes the store: a worker does both. The remote is
    // resolved before the run is made, so a missing remote leaves no run behind.
    m_starting.insert(taskId);
    auto *watcher = new QFutureWatcher<Result<QueuedRun>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, taskId, team] {
        const Result<QueuedRun> queued = watcher->result();
        watcher->deleteLater();
        m_starting.remove(taskId);
        if (!queued) {
            Q_EMIT failed(queued.errorText());
            return;
        }
        Q_EMIT runQueued(queued->run.id, taskId,
                         tr("%1 of %2 is queued for the runners (priority %3, remote %4)")
                                 .arg(queued->run.id, taskId)
                                 .arg(team.priority)
                                 .arg(queued->remote));
    });
    watcher->setFuture(
            QtConcurrent::run(&m_pool, [project = m_project, taskId, policy, team]() -> Result<QueuedRun> {
                const QString actor = localActor();
                auto url = QueueService::resolveRemote(
                        project->root(), team.remote,
                        QStringLiteral("set \"remote\" under \"team\" in .harness/policy.json to a URL they "
                                       "can clone"));
                if (!url)
                    return Result<QueuedRun>::failure(
                            QStringLiteral("Runs of this project go to the runners, but %1")
                                    .arg(url.error().message));
                auto run = RunEngine::createRun(*project, taskId, policy, actor);
                if (!run)
                    return run.error();
                auto queued = QueueService(project->store())
                                      .enqueueCreated(project->root(), run->id, taskId, team.priority, *url,
                                                      {}, actor);
                if (!queued) {
                    // A run nobody queued would wait forever: it ends here, and Start can make another.
                    const QString why = QStringLiteral("%1 could not be queued for the runners: %2")
                                                .arg(run->id, queued.error().message);
                    (void)RunControl(project->store()).abort(run->id, actor, why);
                    return Result<QueuedRun>::failure(why);
                }
                return QueuedRun {*run, *queued};
            }));
}

void RunController::drive(const QString &runId)
{
    if (m_workers.contains(runId))
        return;
    launch(runId);
}

void RunController::startReady()
{
    auto tasks = m_project->store().tasks();
    if (!tasks) {
        Q_EMIT failed(tasks.errorText());
        return;
    }
    auto services = m_makeServices(*m_project);
    const bool queues = services && services->policy.team.queuesRuns();
    // Queued runs leave their task open until a runner takes them: a task already in the queue is skipped.
    QSet<QString> inQueue;
    if (queues && m_project->store().location().backend == StoreLocation::Backend::Postgres) {
        auto entries = m_project->store().queue().entries(false);
        if (!entries) {
            Q_EMIT failed(entries.errorText());
            return;
        }
        for (const QueueEntry &e : std::as_const(*entries))
            inQueue.insert(e.taskId);
    }
    const TaskGraph graph(*tasks);
    for (const QString &id : graph.readyTasks()) {
        if (!queues && inProgress() >= m_limit)
            break;
        if (inQueue.contains(id))
            continue;
        start(id);
        if (queues && m_project->store().location().backend != StoreLocation::Backend::Postgres)
            break; // refused once, with the reason: not once per task
    }
}

void RunController::resumeUnfinished()
{
    // Folding every run's log is long work on a store with many runs: it runs on a worker, and the
    // runs found are driven from this thread when it is done.
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const QStringList unfinished = watcher->result();
        watcher->deleteLater();
        for (const QString &runId : unfinished)
            drive(runId);
        Q_EMIT unfinishedResumed(unfinished);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [project = m_project] {
        QStringList unfinished;
        auto runs = project->store().runs();
        if (!runs)
            return unfinished;
        for (const auto &r : *runs) {
            auto events = project->store().events(r.id);
            if (!events || events->isEmpty())
                continue;
            // A run queued for the runners is theirs (waiting for one, driven by one, or parked for
            // review): driving it here would race its runner.
            const RunState s = RunState::fold(*events);
            if (!isTerminal(s.phase) && !s.queued)
                unfinished << r.id;
        }
        return unfinished;
    }));
}

void RunController::pause(const QString &runId)
{
    if (auto s = RunControl(m_project->store()).pause(runId, localActor()); !s)
        Q_EMIT failed(s.errorText());
}

void RunController::resume(const QString &runId)
{
    if (auto s = RunControl(m_project->store()).resume(runId, localActor()); !s)
        Q_EMIT failed(s.errorText());
    else
        drive(runId);
}

void RunController::abort(const QString &runId, const QString &reason)
{
    // The driving worker sees the aborted event at its next step and reports the run finished; a
    // cancel here would stop it before it could.
    if (auto s = RunControl(m_project->store()).abort(runId, localActor(), reason); !s)
        Q_EMIT failed(s.errorText());
}

void RunController::launch(const QString &runId)
{
    auto services = m_makeServices(*m_project);
    if (!services) {
        Q_EMIT failed(services.errorText());
        return;
    }
    Worker worker;
    worker.cancel = std::make_shared<std::atomic_bool>(false);
    worker.watcher = new QFutureWatcher<void>(this);
    const auto cancel = worker.cancel;
    const int pollMs = m_pollMs;
    std::shared_ptr<Project> project = m_project;
    QPointer<RunController> self(this);
    RunServices runServices = *services;
    worker.watcher->setFuture(QtConcurrent::run(&m_pool, [=]() {
        if (queuedForRunners(project->store(), runId))
            return; // the runners drive it; a pause or resume recorded for it reaches them through the store
        RunEngine engine(*project, runId, runServices);
        QString lastPhase;
        bool lastPaused = false;
        const auto report = [&](const RunState &s) {
            const QString phase = runPhaseName(s.phase);
            if (phase == lastPhase && s.paused == lastPaused)
                return;
            lastPhase = phase;
            lastPaused = s.paused;
            QMetaObject::invokeMethod(
                    self,
                    [self, runId, phase, paused = s.paused] {
                        if (self)
                            Q_EMIT self->runStateChanged(runId, phase, paused);
                    },
                    Qt::QueuedConnection);
        };
        engine.setEventObserver([&](const Event &) { report(engine.state()); });
        QString error;
        StoreNotifier &changes = project->store().notifier();
        while (!cancel->load()) {
            // Taken before the step reads the store, so a decision made meanwhile is not missed.
            const quint64 seen = changes.generation(runId);
            auto outcome = engine.step(cancel.get());
            if (!outcome) {
                error = outcome.errorText();
                break;
            }
            report(engine.state());
            if (*outcome == RunEngine::Outcome::Finished)
                break;
            if (*outcome != RunEngine::Outcome::Progressed) // waiting for a human, or paused
                changes.waitForChange(runId, seen, pollMs); // woken by the decision, wherever it is made
        }
        const RunState s = engine.state();
        const QString phase = runPhaseName(s.phase);
        const QString reason = error.isEmpty() ? s.endReason : error;
        const bool finished = isTerminal(s.phase) || !error.isEmpty();
        QMetaObject::invokeMethod(
                self,
                [self, runId, phase, reason, finished] {
                    if (!self)
                        return;
                    if (finished)
                        Q_EMIT self->runFinished(runId, phase, reason);
                },
                Qt::QueuedConnection);
    }));
    connect(worker.watcher, &QFutureWatcher<void>::finished, this, [this, runId] {
        auto it = m_workers.find(runId);
        if (it != m_workers.end()) {
            it->watcher->deleteLater();
            m_workers.erase(it);
        }
    });
    m_workers.insert(runId, worker);
}

} // namespace harness
