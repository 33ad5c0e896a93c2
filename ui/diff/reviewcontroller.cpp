// ReviewController: the run's state is read back through ReviewService::runState (the fold of its log)
// whenever the session or the run tracker says something about the selected run changed; actions run
// on the store thread and the state is read again after each.
#include "reviewcontroller.h"

#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "orchestration/reviewservice.h"

namespace harness::ui {

ReviewController::ReviewController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<harness::ui::ReviewTarget>();
    qRegisterMetaType<harness::ui::ReviewStatus>();
}

void ReviewController::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_session = session;
    m_tracker = tracker;
    m_runId.clear();
    m_foldSeen.clear();
    m_target = {};
    m_status = {};
    m_reading = m_readAgain = false;
    setBusy(false);
    ++m_generation;
    if (!session) {
        // The repository closed: the views drop what they showed of it.
        Q_EMIT targetChanged(m_target);
        Q_EMIT statusChanged(m_status);
        return;
    }
    connect(session, &RepositorySession::currentRunChanged, this, &ReviewController::runMaybeChanged);
    // The run's record gains its worktree and branch once the engine has made them.
    connect(session, &RepositorySession::runsChanged, this, [this] {
        if (!m_runId.isEmpty())
            refresh();
    });
    if (tracker)
        connect(tracker, &RunTracker::runUpdated, this, [this](const QString &runId) {
            if (runId != m_runId || !m_tracker)
                return;
            const RunSummary f = m_tracker->summary(runId);
            const QString seen = QStringLiteral("%1/%2/%3/%4/%5")
                                         .arg(runPhaseName(f.phase))
                                         .arg(f.iteration)
                                         .arg(f.paused)
                                         .arg(f.finished)
                                         .arg(f.outcome);
            if (seen == m_foldSeen)
                return;
            m_foldSeen = seen;
            refresh();
        });
    m_runId = QStringLiteral("\n"); // differs from every run id and from none
    runMaybeChanged();
}

void ReviewController::runMaybeChanged()
{
    if (!m_session)
        return;
    const QString runId = m_session->currentRunId();
    if (runId == m_runId)
        return;
    m_runId = runId;
    m_foldSeen.clear();
    ++m_generation;
    m_reading = m_readAgain = false;
    if (runId.isEmpty()) {
        applyState({}, RunState {});
        return;
    }
    refresh();
}

void ReviewController::refresh()
{
    if (!m_session || m_runId.isEmpty())
        return;
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    const QString runId = m_runId, root = m_session->repositoryRoot();
    const quint64 generation = m_generation;
    m_session->worker()->post(
            this, [runId, root](Store &store) { return ReviewService(store, root).runState(runId); },
            [this, runId, generation](const Result<RunState> &state) {
                if (generation != m_generation)
                    return; // another run was selected meanwhile
                m_reading = false;
                if (state)
                    applyState(runId, state.value());
                if (m_readAgain) {
                    m_readAgain = false;
                    refresh();
                }
            });
}

void ReviewController::applyState(const QString &runId, const RunState &state)
{
    ReviewTarget target;
    target.repository = m_session ? m_session->repositoryRoot() : QString();
    if (runId.isEmpty()) {
        target.base = QStringLiteral("HEAD"); // no run: the repository's uncommitted changes
    } else {
        target.runId = runId;
        target.worktree = state.worktreePath;
        target.branch = state.branch;
        target.targetBranch = state.targetBranch;
        target.base = state.baseCommit;
        target.head = state.lastCheckpoint;
    }
    const ReviewStatus status = statusFor(runId, state);
    const bool becameReview = status.phase == RunPhase::Review && !runId.isEmpty() &&
            (m_status.runId != runId || m_status.phase != RunPhase::Review);
    if (target != m_target) {
        m_target = target;
        Q_EMIT targetChanged(target);
    }
    if (!(status == m_status)) {
        m_status = status;
        Q_EMIT statusChanged(status);
    }
    if (becameReview)
        Q_EMIT reviewReady(runId);
}

ReviewStatus ReviewController::statusFor(const QString &runId, const RunState &s)
{
    ReviewStatus st;
    st.runId = runId;
    st.phase = s.phase;
    st.iteration = s.iteration;
    if (runId.isEmpty()) {
        st.headline = tr("No run is selected: this is the repository's uncommitted work. Select a run in the "
                         "task list or the timeline to review it, or compare any two revisions above.");
        st.whyNot = tr("Merging and feedback are for a run: select one first.");
        return st;
    }
    const QString notYet = tr("Merging and sending feedback open once the run has passed its gates and "
                              "waits for review.");
    const QString ended =
            tr("Only a run waiting for review can be merged; start the task again for a new run.");
    switch (s.phase) {
    case RunPhase::Created:
    case RunPhase::Planning:
        st.headline = s.worktreePath.isEmpty()
                ? tr("Run %1 is being prepared; its changes appear here as it builds.").arg(runId)
                : tr("Run %1 is planning; nothing is changed yet.").arg(runId);
        st.whyNot = notYet;
        st.canDiscard = !s.worktreePath.isEmpty();
        break;
    case RunPhase::AwaitingApproval:
        st.headline = tr("Run %1 waits for its plan to be approved (Plan Approval).").arg(runId);
        st.whyNot = notYet;
        st.canDiscard = true;
        break;
    case RunPhase::Building:
    case RunPhase::Fixing:
    case RunPhase::Verifying:
        st.live = true;
        st.headline =
                (s.phase == RunPhase::Verifying
                         ? tr("Run %1 is running its gates (iteration %2); the diff follows its worktree.")
                         : tr("Run %1 is building (iteration %2); the diff follows its worktree live."))
                        .arg(runId)
                        .arg(s.iteration);
        st.whyNot = notYet;
        st.canDiscard = true;
        break;
    case RunPhase::Review:
        st.headline = tr("Run %1 passed its gates and waits for your review: comment on lines and send them "
                         "back for another iteration, or merge it into %2.")
                              .arg(runId, s.targetBranch);
        st.canSend = st.canMerge = st.canDiscard = true;
        break;
    case RunPhase::Merged:
        st.headline = s.mergeCommit.isEmpty()
                ? tr("Run %1 is merged into %2.").arg(runId, s.targetBranch)
                : tr("Run %1 is merged into %2 (%3).").arg(runId, s.targetBranch, s.mergeCommit.left(8));
        st.whyNot = tr("The run is merged: there is nothing left to decide.");
        break;
    case RunPhase::Discarded:
        st.headline = tr("Run %1 was discarded.").arg(runId);
        st.whyNot = tr("The run was discarded: there is nothing left to decide.");
        break;
    case RunPhase::Escalated:
    case RunPhase::Failed:
    case RunPhase::Aborted: {
        const QString what = s.phase == RunPhase::Escalated ? tr("escalated")
                : s.phase == RunPhase::Failed               ? tr("failed")
                                                            : tr("was aborted");
        st.headline = s.endReason.isEmpty() ? tr("Run %1 %2.").arg(runId, what)
                                            : tr("Run %1 %2: %3").arg(runId, what, s.endReason);
        st.whyNot = ended;
        st.canDiscard = !s.worktreePath.isEmpty();
        break;
    }
    }
    if (s.paused && !isTerminal(s.phase))
        st.headline += QLatin1Char(' ') + tr("(paused)");
    return st;
}

void ReviewController::setBusy(bool busy)
{
    m_busy = busy;
}

void ReviewController::sendComments(const QList<LineComment> &comments)
{
    if (!m_session || m_runId.isEmpty() || !m_status.canSend || m_busy) {
        Q_EMIT commentsSent(false,
                            tr("The comments were not sent: %1 They are kept here.")
                                    .arg(m_status.whyNot.isEmpty() ? tr("wait for the current action.")
                                                                   : m_status.whyNot));
        return;
    }
    QList<ReviewComment> list;
    for (const LineComment &c : comments)
        list.append({c.file, c.line, c.text});
    setBusy(true);
    const QString runId = m_runId, root = m_session->repositoryRoot(), actor = RepositorySession::userActor();
    const int count = int(comments.size());
    m_session->worker()->post(
            this,
            [runId, root, list, actor](Store &store) {
                return ReviewService(store, root).sendComments(runId, list, actor);
            },
            [this, runId, count](const Status &status) {
                setBusy(false);
                if (status)
                    Q_EMIT commentsSent(true,
                                        tr("Sent %n comment(s) to the agent; run %1 goes back for another "
                                           "iteration.",
                                           nullptr, count)
                                                .arg(runId));
                else
                    Q_EMIT commentsSent(false,
                                        tr("The comments were not sent: %1. They are kept here.")
                                                .arg(status.errorText()));
                if (m_session)
                    m_session->refresh();
                refresh();
            });
}

void ReviewController::merge(bool deleteBranchAndWorktree)
{
    if (!m_session || m_runId.isEmpty() || !m_status.canMerge || m_busy) {
        Q_EMIT mergeFinished(false, tr("Not merged: %1").arg(m_status.whyNot), {});
        return;
    }
    setBusy(true);
    const QString runId = m_runId, root = m_session->repositoryRoot(), actor = RepositorySession::userActor();
    const ReviewTarget target = m_target;
    MergeOptions options;
    options.deleteBranch = deleteBranchAndWorktree;
    m_session->worker()->post(
            this,
            [runId, root, actor, options](Store &store) {
                return ReviewService(store, root).merge(runId, actor, options);
            },
            [this, target, deleteBranchAndWorktree](const Result<QStringList> &conflicts) {
                setBusy(false);
                if (!conflicts) {
                    Q_EMIT mergeFinished(false, tr("Merge failed: %1").arg(conflicts.errorText()), {});
                } else if (!conflicts->isEmpty()) {
                    Q_EMIT mergeFinished(
                            false,
                            tr("Not merged: %n file(s) conflict with %1: %2. %1 is unchanged; send the "
                               "conflicts "
                               "to the agent as feedback or resolve them in the worktree.",
                               nullptr, int(conflicts->size()))
                                    .arg(target.targetBranch, conflicts->join(QStringLiteral(", "))),
                            conflicts.value());
                } else {
                    Q_EMIT mergeFinished(
                            true,
                            deleteBranchAndWorktree
                                    ? tr("Merged %1 into %2; the branch and its worktree were deleted.")
                                              .arg(target.branch, target.targetBranch)
                                    : tr("Merged %1 into %2; the worktree was removed, the branch "
                                         "is kept.")
                                              .arg(target.branch, target.targetBranch),
                            {});
                }
                if (m_session)
                    m_session->refresh();
                refresh();
            });
}

void ReviewController::discard()
{
    if (!m_session || m_runId.isEmpty() || !m_status.canDiscard || m_busy) {
        Q_EMIT discardFinished(false, tr("Not discarded: %1").arg(m_status.whyNot));
        return;
    }
    setBusy(true);
    const QString runId = m_runId, root = m_session->repositoryRoot(), actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [runId, root, actor](Store &store) { return ReviewService(store, root).discard(runId, actor); },
            [this, runId](const Status &status) {
                setBusy(false);
                if (status)
                    Q_EMIT discardFinished(
                            true, tr("Discarded run %1: its worktree and branch were removed.").arg(runId));
                else
                    Q_EMIT discardFinished(false, tr("Discard failed: %1").arg(status.errorText()));
                if (m_session)
                    m_session->refresh();
                refresh();
            });
}

} // namespace harness::ui
