// ClaimedRun: restore, record the claim, drive, publish.
#include "claimedrun.h"
#include "project.h"
#include "runengine.h"
#include "runservicesfactory.h"
#include "runstate.h"

#include "core/events/runevents.h"
#include "core/events/verifyevents.h"
#include "runtime/worktreemanager.h"
#include "store/storenotifier.h"

#include <QDir>

namespace harness {

namespace {

bool refusedByFence(const QString &error)
{
    return error.contains(QLatin1String("fencing_token")) || error.contains(QLatin1String("fencing token"));
}

} // namespace

ClaimedRun::ClaimedRun(Context context, Lease lease)
    : m_context(std::move(context)), m_lease(std::move(lease))
{ }

ClaimedRun::~ClaimedRun() = default;

void ClaimedRun::cancel(bool leaseLost)
{
    if (leaseLost)
        m_lost.store(true);
    m_cancel.store(true);
    m_context.store->notifier().changedHere({m_lease.runId}); // a waiting run wakes now
}

Status ClaimedRun::restore(QString *worktree, QString *branch, QString *commit, QString *snapshot)
{
    auto events = m_context.store->events(m_lease.runId);
    if (!events)
        return events.error();
    const RunState state = RunState::fold(*events);
    if (state.branch.isEmpty())
        return success(); // no worktree was made yet: SetupStep makes it here
    if (Status fetched = m_remote->fetchRun(m_lease.runId); !fetched)
        return fetched;
    // The log says which checkpoint the code is at; a snapshot of uncommitted work counts only when it
    // was taken on that checkpoint (the newest lease's first).
    const QString at = state.lastCheckpoint.isEmpty() ? state.baseCommit : state.lastCheckpoint;
    if (!m_remote->hasCommit(at))
        return Status::failure(
                QStringLiteral(
                        "the remote %1 does not hold commit %2 of run %3 (its checkpoint was not pushed)")
                        .arg(m_remote->url(), at, m_lease.runId));
    auto refs = m_remote->runRefs(m_lease.runId);
    if (!refs)
        return refs.error();
    QString newest;
    for (auto it = refs->crbegin(); it != refs->crend() && newest.isEmpty(); ++it)
        if (!it->snapshot.isEmpty() && m_remote->parentOf(it->snapshot) == at)
            newest = it->snapshot;
    const QString path = WorktreeManager(m_remote->root()).worktreesRoot() + QLatin1Char('/') + m_lease.runId;
    if (Status made = m_remote->restoreWorktree(path, state.branch, at, newest); !made)
        return made;
    *worktree = path;
    *branch = state.branch;
    *commit = at;
    *snapshot = newest;
    return success();
}

ClaimedRun::Ending ClaimedRun::drive()
{
    Store &store = *m_context.store;
    const QString runId = m_lease.runId;
    auto say = [this, &runId](const QString &line) {
        if (m_context.say)
            m_context.say(QStringLiteral("[%1] %2").arg(runId, line));
    };
    store.setFence(runId, m_lease.token);
    auto run = store.run(runId);
    if (!run)
        return {QueueEntry::State::Queued, run.errorText(), false};
    auto events = store.events(runId);
    if (!events)
        return {QueueEntry::State::Queued, events.errorText(), false};
    QString autoApprove;
    for (const Event &e : std::as_const(*events))
        if (auto q = payloadIf<RunQueuedPayload>(e))
            autoApprove = q->autoApprove;

    const QString url = m_context.remoteOverride.isEmpty() ? m_lease.remote : m_context.remoteOverride;
    if (url.isEmpty())
        return {QueueEntry::State::Parked, QStringLiteral("the run was queued without a git remote"), false};
    m_remote = std::make_unique<GitRemote>(url, m_context.cacheDir);
    if (Status synced = m_remote->sync(run->targetBranch); !synced)
        return {QueueEntry::State::Queued, synced.errorText(), false};
    // The clone's .harness/ is the project's as anyone pushed it: a store password written there is
    // refused here as the command line and the workbench refuse it when they open a project (parked: a
    // person removes it and requeues the run).
    if (Status clean = Project::refuseStorePasswords(m_remote->root()); !clean) {
        say(QStringLiteral("parked: %1").arg(clean.errorText()));
        return {QueueEntry::State::Parked, clean.errorText(), false};
    }

    RunClaimedPayload claimed;
    claimed.runner = m_context.runner;
    claimed.host = m_context.host;
    claimed.token = m_lease.token;
    claimed.previousRunner = m_lease.previousRunner;
    QString branch;
    if (Status restored = restore(&claimed.worktree, &branch, &claimed.commit, &claimed.snapshot); !restored)
        return {QueueEntry::State::Queued, restored.errorText(), false};
    {
        // The branch too: a taken-over run's first step may already write a checkpoint, and a checkpoint
        // published without its branch would leave the remote's run branch one commit behind.
        QMutexLocker lock(&m_publish);
        m_worktree = claimed.worktree;
        m_branch = branch;
    }
    if (auto recorded = store.append(makeEvent(runId, claimed, QStringLiteral("harness"))); !recorded)
        return {QueueEntry::State::Queued, recorded.errorText(), refusedByFence(recorded.errorText())};
    say(claimed.previousRunner.isEmpty() ? QStringLiteral("claimed (lease %1)").arg(m_lease.token)
                                         : QStringLiteral("taken over from %1 (lease %2)")
                                                   .arg(m_lease.previousRunner)
                                                   .arg(m_lease.token));

    const auto project = Project::withStore(m_remote->root(), m_context.store);
    auto services = RunServicesFactory::make(*project, m_context.transcript);
    if (!services)
        return {QueueEntry::State::Parked, services.errorText(), false};
    services->autoApproveActor = autoApprove;
    RunEngine engine(*project, runId, *services);
    StoreNotifier &changes = store.notifier();
    Ending ending;
    while (!m_cancel.load()) {
        const quint64 seen = changes.generation(runId);
        auto outcome = engine.step(&m_cancel);
        if (!outcome) {
            const QString error = outcome.errorText();
            bool lost = refusedByFence(error) || m_lost.load();
            // The step may have failed because the store ended a frozen session: whose lease is it now?
            if (auto entry = store.queue().entry(runId);
                entry && entry->has_value() && (*entry)->token != m_lease.token)
                lost = true;
            say(lost ? QStringLiteral("the lease was taken over: stopped without writing (%1)").arg(error)
                     : QStringLiteral("stopped: %1").arg(error));
            return {QueueEntry::State::Queued, error, lost};
        }
        const RunState &s = engine.state();
        m_spent.store(s.cost);
        {
            QMutexLocker lock(&m_publish);
            m_worktree = s.worktreePath;
            m_branch = s.branch;
        }
        if (*outcome == RunEngine::Outcome::Finished) {
            say(QStringLiteral("ended: %1").arg(runPhaseName(s.phase)));
            return {QueueEntry::State::Done, runPhaseName(s.phase), false};
        }
        if (*outcome == RunEngine::Outcome::Waiting && s.phase == RunPhase::Review) {
            say(QStringLiteral("awaits review"));
            return {QueueEntry::State::Parked, QStringLiteral("awaits review"), false};
        }
        if (*outcome != RunEngine::Outcome::Progressed) // a human decision, or paused: the change wakes it
            changes.waitForChange(runId, seen, m_context.fallbackWaitMs);
    }
    ending.leaseLost = m_lost.load();
    ending.note = ending.leaseLost ? QStringLiteral("lease lost") : QStringLiteral("the runner stopped");
    return ending;
}

Status ClaimedRun::beforeAppend(const QList<Event> &events)
{
    if (!m_remote)
        return success();
    QString commit;
    bool toolResult = false;
    for (const Event &e : events) {
        if (auto c = payloadIf<CheckpointPayload>(e))
            commit = c->commit;
        else if (e.kind == kinds::ToolResult)
            toolResult = true;
    }
    if (commit.isEmpty() && !toolResult)
        return success();
    QMutexLocker lock(&m_publish);
    if (m_worktree.isEmpty())
        return success();
    if (!commit.isEmpty())
        return m_remote->publishCheckpoint(m_lease.runId, m_lease.token, m_branch, commit);
    auto tree = m_remote->publishSnapshot(m_lease.runId, m_lease.token, m_worktree, m_lastTree);
    if (!tree)
        return tree.error();
    m_lastTree = *tree;
    return success();
}

} // namespace harness
