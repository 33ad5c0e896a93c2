// ReviewController: the run's state is read back through ReviewService::runState (the fold of its log)
// whenever the session or the run tracker says something about the selected run changed; actions run
// on the store thread and the state is read again after each. A runner's run is read again on every
// event the store announces for it (throttled), since its checkpoints and snapshots are its only traces
// here.
#include "reviewcontroller.h"

#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "orchestration/reviewservice.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

namespace harness::ui {

ReviewController::ReviewController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<harness::ui::ReviewTarget>();
    qRegisterMetaType<harness::ui::ReviewStatus>();
    m_throttle = new QTimer(this);
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(kRemoteRefreshMs);
    connect(m_throttle, &QTimer::timeout, this, [this] {
        if (!m_refreshPending)
            return;
        m_refreshPending = false;
        refresh();
        m_throttle->start();
    });
}

void ReviewController::refreshSoon()
{
    if (m_throttle->isActive()) {
        m_refreshPending = true;
        return;
    }
    refresh();
    m_throttle->start();
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
            QString seen = QStringLiteral("%1/%2/%3/%4/%5")
                                   .arg(runPhaseName(f.phase))
                                   .arg(f.iteration)
                                   .arg(f.paused)
                                   .arg(f.finished)
                                   .arg(f.outcome);
            // A runner's run changes its code with events that move no phase (checkpoints, tool results
            // that published a snapshot): it is read again on any new event, at most once a second.
            const bool live = !m_target.remote.isEmpty() && !f.finished;
            if (live)
                seen += QStringLiteral("/%1").arg(f.lastSeq);
            if (seen == m_foldSeen)
                return;
            const bool phaseMoved =
                    m_foldSeen.section(QLatin1Char('/'), 0, 4) != seen.section(QLatin1Char('/'), 0, 4);
            m_foldSeen = seen;
            if (live && !phaseMoved)
                refreshSoon();
            else
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
    m_published.clear();
    m_refreshPending = false;
    ++m_generation;
    m_reading = m_readAgain = false;
    if (runId.isEmpty()) {
        applyState({}, Read {});
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
            this,
            [runId, root](Store &store) -> Result<Read> {
                ReviewService review(store, root);
                auto state = review.runState(runId);
                if (!state)
                    return state.error();
                Read read {*state, MergeRoute::Local, {}};
                if (auto route = review.mergeRoute(*state)) // a runner's run: policy.json's team.merge
                    read.route = *route;
                else
                    read.routeError = route.errorText();
                return read;
            },
            [this, runId, generation](const Result<Read> &read) {
                if (generation != m_generation)
                    return; // another run was selected meanwhile
                m_reading = false;
                if (read)
                    applyState(runId, read.value());
                if (m_readAgain) {
                    m_readAgain = false;
                    refresh();
                }
            });
}

void ReviewController::applyState(const QString &runId, const Read &read)
{
    const RunState &state = read.state;
    ReviewTarget target;
    target.repository = m_session ? m_session->repositoryRoot() : QString();
    if (runId.isEmpty()) {
        target.base = QStringLiteral("HEAD"); // no run: the repository's uncommitted changes
    } else {
        target.runId = runId;
        target.worktree = state.queued ? QString() : state.worktreePath; // a runner's is on its machine
        target.remote = state.queued ? state.remote : QString();
        target.branch = state.branch;
        target.targetBranch = state.targetBranch;
        target.base = state.baseCommit;
        target.head = state.lastCheckpoint;
    }
    const ReviewStatus status = statusFor(runId, state, read.route, read.routeError);
    // What a runner's run has published, as its log tells: a new checkpoint, or tool calls answered
    // (a snapshot of the uncommitted tree is published before each tool result when the tree changed).
    const QString published = target.remote.isEmpty() ? QString()
                                                      : QStringLiteral("%1/%2/%3")
                                                                .arg(state.lastCheckpoint)
                                                                .arg(state.iteration)
                                                                .arg(state.answeredToolCalls.size());
    const bool publishedMore = !published.isEmpty() && target == m_target && published != m_published;
    m_published = published;
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
    else if (publishedMore && status.live)
        Q_EMIT publishedCodeChanged(runId);
}

ReviewStatus ReviewController::statusFor(const QString &runId, const RunState &s, MergeRoute route,
                                         const QString &routeError)
{
    ReviewStatus st;
    st.runId = runId;
    st.phase = s.phase;
    st.iteration = s.iteration;
    st.remote = s.queued;
    st.route = s.queued ? route : MergeRoute::Local;
    st.mergeLabel = st.route == MergeRoute::PullRequest ? tr("Leave for pull request…")
            : st.route == MergeRoute::Push              ? tr("Merge and push…")
                                                        : tr("Merge…");
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
    // Where a runner's run is: its runner and the remote its code is fetched from.
    const QString runner = s.runnerHost.isEmpty() ? s.runner : tr("%1 on %2").arg(s.runner, s.runnerHost);
    QString where;
    if (s.queued && s.phase == RunPhase::Review)
        where = s.runner.isEmpty() ? QString() : tr(" It ran on runner %1.").arg(runner);
    else if (s.queued)
        where = s.runner.isEmpty()
                ? tr(" It is queued for the runners; its code will come from %1.").arg(s.remote)
                : tr(" Runner %1 drives it; its code is fetched from %2.").arg(runner, s.remote);
    switch (s.phase) {
    case RunPhase::Created:
    case RunPhase::Planning:
        st.headline = s.worktreePath.isEmpty()
                ? tr("Run %1 is being prepared; its changes appear here as it builds.").arg(runId)
                : tr("Run %1 is planning; nothing is changed yet.").arg(runId);
        st.whyNot = notYet;
        st.canDiscard = !s.worktreePath.isEmpty() || s.queued;
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
        st.headline = s.queued
                ? (s.phase == RunPhase::Verifying
                           ? tr("Run %1 is running its gates (iteration %2); the diff shows what its runner "
                                "last published.")
                           : tr("Run %1 is building (iteration %2); the diff follows what its runner "
                                "publishes."))
                          .arg(runId)
                          .arg(s.iteration)
                : (s.phase == RunPhase::Verifying
                           ? tr("Run %1 is running its gates (iteration %2); the diff follows its worktree.")
                           : tr("Run %1 is building (iteration %2); the diff follows its worktree live."))
                          .arg(runId)
                          .arg(s.iteration);
        st.whyNot = notYet;
        st.canDiscard = true;
        break;
    case RunPhase::Review:
        st.headline = st.route == MergeRoute::PullRequest
                ? tr("Run %1 passed its gates and waits for your review: comment on lines and send them "
                     "back for another iteration, or leave its branch %2 on %3 for a pull request into %4.")
                          .arg(runId, s.branch, s.remote, s.targetBranch)
                : st.route == MergeRoute::Push
                ? tr("Run %1 passed its gates and waits for your review: comment on lines and send them "
                     "back for another iteration, or merge it into %2 here and push %2 to %3.")
                          .arg(runId, s.targetBranch, s.remote)
                : tr("Run %1 passed its gates and waits for your review: comment on lines and send them "
                     "back for another iteration, or merge it into %2.")
                          .arg(runId, s.targetBranch);
        st.canSend = st.canMerge = st.canDiscard = true;
        if (!routeError.isEmpty()) {
            st.canMerge = false;
            st.whyNot = routeError;
        }
        break;
    case RunPhase::Merged:
        st.headline = s.mergeCommit.isEmpty()
                ? tr("Run %1 is merged into %2.").arg(runId, s.targetBranch)
                : tr("Run %1 is merged into %2 (%3).").arg(runId, s.targetBranch, s.mergeCommit.left(8));
        st.whyNot = tr("The run is merged: there is nothing left to decide.");
        break;
    case RunPhase::PullRequest:
        st.headline = tr("Run %1 is left for a pull request: open one from %2 into %3 on %4.")
                              .arg(runId, s.branch, s.targetBranch, s.remote);
        st.whyNot = tr("The run's branch waits for its pull request on the forge: there is nothing left to "
                       "decide here.");
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
    if (!isTerminal(s.phase))
        st.headline += where;
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

QString ReviewController::mergeMessage(const MergeReport &r, bool deleteBranch)
{
    QString text;
    if (r.route == MergeRoute::PullRequest) {
        text = tr("Left %1 on %2 for a pull request: open one from %1 into %3 there. Nothing was merged "
                  "here; the task stays in review until the pull request is merged.")
                       .arg(r.branch, r.remote, r.target);
    } else if (r.route == MergeRoute::Push) {
        text = r.pushed ? tr("Merged %1 into %2 and pushed %2 to %3.").arg(r.branch, r.target, r.remote)
                : r.pushRejected
                ? tr("Merged %1 into %2 here, but the push was refused: %3. Pull %2 from %4, then push it "
                     "yourself (the merge commit %5 is in your %2).")
                          .arg(r.branch, r.target, r.pushError, r.remote, r.commit.left(8))
                : tr("Merged %1 into %2 here, but %2 could not be pushed to %3: %4. Push %2 yourself.")
                          .arg(r.branch, r.target, r.remote, r.pushError);
        text += QLatin1Char(' ') +
                (deleteBranch ? tr("The local copy of %1 was deleted; the branch on the remote stays.")
                                        .arg(r.branch)
                              : tr("The runner's branch stays on the remote."));
    } else {
        text = deleteBranch
                ? tr("Merged %1 into %2; the branch and its worktree were deleted.").arg(r.branch, r.target)
                : tr("Merged %1 into %2; the worktree was removed, the branch is kept.")
                          .arg(r.branch, r.target);
    }
    if (!r.cleanupError.isEmpty())
        text += QLatin1Char(' ') + r.cleanupError;
    return text;
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
    const auto merge = [runId, root, actor, options](Store &store) {
        return ReviewService(store, root).mergeRun(runId, actor, options);
    };
    const auto done = [this, target, deleteBranchAndWorktree](const Result<MergeReport> &report) {
        setBusy(false);
        if (!report) {
            Q_EMIT mergeFinished(false,
                                 (m_status.route == MergeRoute::PullRequest
                                          ? tr("Not left for a pull request: %1")
                                          : tr("Merge failed: %1"))
                                         .arg(report.errorText()),
                                 {});
        } else if (!report->merged()) {
            const QStringList &conflicts = report->conflictFiles;
            Q_EMIT mergeFinished(
                    false,
                    target.remote.isEmpty()
                            ? tr("Not merged: %n file(s) conflict with %1: %2. %1 is unchanged; send "
                                 "the conflicts "
                                 "to the agent as feedback or resolve them in the worktree.",
                                 nullptr, int(conflicts.size()))
                                      .arg(target.targetBranch, conflicts.join(QStringLiteral(", ")))
                            : tr("Not merged: %n file(s) conflict with %1: %2. %1 is unchanged and "
                                 "nothing was pushed; send the conflicts to the agent as feedback, or "
                                 "merge the local branch %3 yourself.",
                                 nullptr, int(conflicts.size()))
                                      .arg(target.targetBranch, conflicts.join(QStringLiteral(", ")),
                                           target.branch),
                    conflicts);
        } else {
            Q_EMIT mergeFinished(true, mergeMessage(*report, deleteBranchAndWorktree), {});
        }
        if (m_session)
            m_session->refresh();
        refresh();
    };
    if (target.remote.isEmpty()) {
        m_session->worker()->post(this, merge, done);
        return;
    }
    // A runner's run goes over the network (fetch, push): on a thread of its own, so the views' reads on
    // the store worker do not wait for the remote.
    auto *watcher = new QFutureWatcher<Result<MergeReport>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    std::shared_ptr<Store> store = m_session->worker()->store();
    watcher->setFuture(QtConcurrent::run([store, merge] { return merge(*store); }));
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
            [this, runId, target = m_target](const Status &status) {
                setBusy(false);
                if (status && !target.remote.isEmpty())
                    Q_EMIT discardFinished(
                            true,
                            tr("Discarded run %1. Its branch %2 stays on %3: nothing there was "
                               "changed (delete it there when nobody needs it).")
                                    .arg(runId, target.branch, target.remote));
                else if (status)
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
