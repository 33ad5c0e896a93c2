// ReviewController: the review of the selected run for the Diff view. It follows the run — its
// worktree appearing, its building (live diff), its reaching review, its end — says what the reviewer
// may do in each state and why, and carries out the review actions (comments sent as feedback, merge,
// discard) through orchestration's ReviewService on the store thread, so each is an audited event.
#pragma once

#include "linecomment.h"
#include "reviewtarget.h"

#include "orchestration/runstate.h"

#include <QObject>
#include <QPointer>

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

    // The status of a run in a phase, as the panel shows it (a pure function; tests read it).
    static ReviewStatus statusFor(const QString &runId, const RunState &state);

Q_SIGNALS:
    // The revisions to compare changed: a new run, its worktree made, its branch gone.
    void targetChanged(const harness::ui::ReviewTarget &target);
    void statusChanged(const harness::ui::ReviewStatus &status);
    // The run reached review: its cumulative diff is final.
    void reviewReady(const QString &runId);
    void commentsSent(bool sent, const QString &message);
    void mergeFinished(bool merged, const QString &message, const QStringList &conflictFiles);
    void discardFinished(bool discarded, const QString &message);

private:
    void runMaybeChanged();
    void applyState(const QString &runId, const RunState &state);
    void setBusy(bool busy);

    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
    QString m_runId;
    QString m_foldSeen; // the tracker's phase/outcome last read, to re-read only on a change
    ReviewTarget m_target;
    ReviewStatus m_status;
    bool m_reading = false;
    bool m_readAgain = false;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace harness::ui
