// ReviewController: the review of the selected run for the Diff view. It follows the run — its
// worktree appearing, its building (live diff), its reaching review, its end — says what the reviewer
// may do in each state and why, and carries out the review actions (comments sent as feedback, merge,
// discard) through orchestration's ReviewService on the store thread, so each is an audited event.
// A run a runner drives on another machine is followed through the store's announcements: each new
// checkpoint or published snapshot in its log is signalled (at most about once a second), and the panel
// fetches it from the team's remote.
#pragma once

#include "linecomment.h"
#include "reviewtarget.h"

#include "orchestration/reviewservice.h"
#include "orchestration/runstate.h"

#include <QObject>
#include <QPointer>

class QTimer;

namespace harness::ui {

class RepositorySession;
class RunTracker;

// What the selected run allows, in words the panel shows.
struct ReviewStatus
{
    QString runId; // empty: no run is selected
    RunPhase phase = RunPhase::Created;
    int iteration = 0;
    bool live = false; // the run is still changing its worktree: show the working tree, refresh
    bool canSend = false;
    bool canMerge = false;
    bool canDiscard = false;
    bool remote = false; // a runner drives (or drove) the run: its code is on the team's remote
    MergeRoute route = MergeRoute::Local; // what Merge does
    QString mergeLabel; // the decision button's text: "Merge…", "Merge and push…", "Leave for pull request…"
    QString headline; // "Run R1 is ready for review." …
    QString whyNot; // why Merge / Send are off, when they are
    bool operator==(const ReviewStatus &) const = default;
};

class ReviewController : public QObject
{
    Q_OBJECT
public:
    explicit ReviewController(QObject *parent = nullptr);
    void setSession(RepositorySession *session, RunTracker *tracker);

    ReviewTarget target() const { return m_target; }
    ReviewStatus status() const { return m_status; }
    bool isBusy() const { return m_busy; }

    // Each returns at once; the matching *Finished signal follows on the GUI thread.
    void sendComments(const QList<LineComment> &comments);
    void merge(bool deleteBranchAndWorktree);
    void discard();
    // Reads the run's state again (after an action elsewhere, or a test).
    void refresh();

    // The status of a run in a phase, as the panel shows it (a pure function; tests read it). route: what
    // Merge does with it; routeError: why policy.json does not say (Merge is then off).
    static ReviewStatus statusFor(const QString &runId, const RunState &state,
                                  MergeRoute route = MergeRoute::Local, const QString &routeError = {});
    // What the panel says after a merge (or a run left for a pull request), with any clean-up failure.
    static QString mergeMessage(const MergeReport &report, bool deleteBranch);
    // How often a runner's run is read again at most while its log grows.
    static constexpr int kRemoteRefreshMs = 1000;

Q_SIGNALS:
    // The revisions to compare changed: a new run, its worktree made, its branch gone.
    void targetChanged(const harness::ui::ReviewTarget &target);
    void statusChanged(const harness::ui::ReviewStatus &status);
    // The run reached review: its cumulative diff is final.
    void reviewReady(const QString &runId);
    // A runner's run published new code (a checkpoint, or a snapshot of its uncommitted work): fetch it.
    void publishedCodeChanged(const QString &runId);
    void commentsSent(bool sent, const QString &message);
    void mergeFinished(bool merged, const QString &message, const QStringList &conflictFiles);
    void discardFinished(bool discarded, const QString &message);

private:
    struct Read
    {
        RunState state;
        MergeRoute route = MergeRoute::Local;
        QString routeError;
    };
    void runMaybeChanged();
    void applyState(const QString &runId, const Read &read);
    void setBusy(bool busy);
    void refreshSoon(); // a runner's run: refresh now, or once the throttle interval is over

    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
    QString m_runId;
    QString m_foldSeen; // the tracker's phase/outcome last read, to re-read only on a change
    QString m_published; // a runner's run: its checkpoint and answered tool calls last read
    QTimer *m_throttle = nullptr;
    bool m_refreshPending = false;
    ReviewTarget m_target;
    ReviewStatus m_status;
    bool m_reading = false;
    bool m_readAgain = false;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace harness::ui
