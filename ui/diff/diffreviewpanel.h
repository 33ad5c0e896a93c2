// DiffReviewPanel: the Diff view of the workbench — the selected run's diff (cumulative, one iteration,
// or any two revisions of the repository), its files by risk, unified or side by side, comments on
// lines, and the decision. It renders and asks: git through RevisionSource, review actions through
// ReviewController (orchestration's ReviewService, audited); it never runs git or merges itself.
#pragma once

#include "linecomment.h"
#include "reviewcontroller.h"
#include "revisionsource.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace harness::ui {

class DiffFileModel;
class DiffFilePane;
class DiffView;
class ReviewSidePanel;
class RevisionBar;
class SideBySideDiffView;
class UnifiedDiffView;

class DiffReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiffReviewPanel(QWidget *parent = nullptr);
    ~DiffReviewPanel() override;

    // Follows the controller's run: its target, its state (what may be done), its review actions.
    void setController(ReviewController *controller);
    ReviewController *controller() const { return m_controller; }

    // Lists the target's revisions and loads its cumulative diff. Returns at once; loaded() or
    // loadFailed() follows. A controller calls this whenever its run's revisions change.
    void setTarget(const ReviewTarget &target);
    ReviewTarget target() const { return m_target; }
    QList<Checkpoint> checkpoints() const { return m_revisions.checkpoints; }
    // Any revision against any other; an empty revision means the working tree.
    void showRange(const QString &fromRevision, const QString &toRevision);
    void showCumulative(); // base → newest checkpoint (the working tree while the run builds)
    void showIteration(int checkpointIndex); // the checkpoint before it → it
    void reload(); // reads the revisions and the diff again, keeping the reviewer's place
    void setLiveRefresh(bool on, int intervalMs = 2000);
    bool isLiveRefreshWatching() const { return !m_fingerprint.isEmpty(); }
    void setSideBySide(bool on);
    bool isSideBySide() const;
    void setContextLines(int lines); // DiffRequest::kWholeFile for whole files

    // Shows file:line in the diff; when that line is not part of it, shows the file itself at the "to"
    // revision. Returns false only when nothing is loaded.
    bool showLocation(const QString &file, int line);
    bool isShowingFile() const { return m_showingFile; }
    void setFindingCounts(const QHash<QString, int> &countsByPath);

    QList<LineComment> comments() const { return m_comments; }
    void addComment(const LineComment &comment);
    void removeComment(int index);
    void sendFeedback(); // through the controller; the comments stay until the send succeeded
    void merge(); // asks for confirmation (and whether to delete the branch) first
    void discard(); // asks for confirmation first

    DiffView *currentView() const;
    DiffFilePane *filePane() const { return m_files; }
    DiffFileModel *fileModel() const;
    QSortFilterProxyModel *fileProxy() const;
    RevisionBar *revisionBar() const { return m_bar; }
    ReviewSidePanel *sidePanel() const { return m_side; }
    DiffDocumentPtr document() const { return m_document; }
    const DiffLoadResult &lastLoad() const { return m_lastLoad; }
    DiffRequest currentRequest() const { return m_request; }
    QString statusText() const;
    QString bannerText() const;
    QString reviewResultText() const;
    bool isLoading() const;
    // A runner's run: its code is being fetched from the team's remote.
    bool isFetching() const { return !m_target.remote.isEmpty() && m_source->isListing(); }

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);
    void commentsChanged(const QList<harness::ui::LineComment> &comments);
    void commentsSent(bool sent, const QString &message);
    void mergeFinished(bool merged, const QString &message, const QStringList &conflictFiles);
    void discardFinished(bool discarded, const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildUi();
    void connectBar();
    void startLoad(const DiffRequest &request);
    void onRevisions(const RevisionList &list);
    void onLoaded(const DiffLoadResult &result);
    void onLoadFailed(const QString &message);
    void onFileRead(const FileAtRevision &content);
    void onStatus(const ReviewStatus &status);
    void applyFileOrder();
    void backToDiff();
    void requestComment(int lineIndex, LineComment::Side side);
    void refreshComments();
    void pollForChanges();
    void followPublished(); // a runner's run published more: fetch again (after the load in flight)
    void listRevisions(); // of m_target, saying so while a runner's run is fetched
    void showBanner(const QString &text);
    QString tip() const;

    QPointer<ReviewController> m_controller;
    RevisionSource *m_source = nullptr;
    ReviewTarget m_target;
    RevisionList m_revisions;
    bool m_followNewest = true; // cumulative is shown: follow the run's newest checkpoint
    bool m_proportioned = false; // the reviewer set the pane widths
    bool m_live = false; // the run changes its worktree: cumulative shows the working tree
    DiffRequest m_request;
    DiffLoadResult m_lastLoad;
    DiffDocumentPtr m_document;
    QList<LineComment> m_comments;
    bool m_showingFile = false;
    QString m_pendingFile; // position to restore after a reload
    int m_pendingLine = 0;
    QString m_fingerprint;
    bool m_baselinePending = false; // a load waits for the fingerprint of what it will show
    bool m_publishedPending = false; // a runner's run published more while a fetch or load ran

    RevisionBar *m_bar = nullptr;
    DiffFilePane *m_files = nullptr;
    QStackedWidget *m_stack = nullptr;
    UnifiedDiffView *m_unified = nullptr;
    SideBySideDiffView *m_sideView = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    ReviewSidePanel *m_side = nullptr;
    QSplitter *m_splitter = nullptr;
    QTimer *m_pollTimer = nullptr;
};

} // namespace harness::ui
