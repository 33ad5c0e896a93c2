// DiffReviewPanel: the Diff view of the workbench — pick two checkpoints, browse the changed files by
// risk, read the diff unified or side by side, comment on lines (feedback for the agent), merge or discard.
#pragma once

#include "diffloader.h"
#include "linecomment.h"
#include "runtime/worktreemanager.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace harness::ui {

class DiffFileModel;
class DiffView;
class SideBySideDiffView;
class UnifiedDiffView;

// What is being reviewed: a run's branch (in its worktree) against the commit it started from.
struct ReviewTarget
{
    QString repository; // the main repository (merge target lives here)
    QString worktree; // the run's worktree; empty = review inside the repository itself
    QString branch; // the run's branch
    QString targetBranch; // where "Merge" puts it
    QString base; // the commit the run started from
};

// Merge and discard done elsewhere (e.g. through the run controller, so they are audited events). Each
// handler starts the work and returns at once; it calls done on the GUI thread (context still alive).
struct ReviewHandlers
{
    std::function<void(QObject *context, std::function<void(const Result<MergeOutcome> &)> done)> merge;
    std::function<void(QObject *context, std::function<void(const Status &)> done)> discard;
};

struct Checkpoint
{
    QString label; // "base", "iteration 2: fix tests", "working tree"
    QString commit; // empty = the working tree
};

class DiffReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiffReviewPanel(QWidget *parent = nullptr);
    ~DiffReviewPanel() override;

    // Lists the branch's checkpoints (commits since base, then the working tree) and loads the
    // cumulative diff. Returns at once; loaded() or loadFailed() follows.
    void setTarget(const ReviewTarget &target);
    ReviewTarget target() const { return m_target; }
    // Replaces the checkpoint list (e.g. the run's recorded Build commits).
    void setCheckpoints(const QList<Checkpoint> &checkpoints);
    QList<Checkpoint> checkpoints() const { return m_checkpoints; }
    // Any checkpoint against any other; an empty commit means the working tree.
    void showRange(const QString &fromCommit, const QString &toCommit);
    void showCumulative(); // base → newest checkpoint
    void showIteration(int checkpointIndex); // the checkpoint before it → it
    void reload();
    void setLiveRefresh(bool on, int intervalMs = 2000);
    // True once live refresh has recorded the state it compares later polls with.
    bool isLiveRefreshWatching() const { return !m_fingerprint.isEmpty(); }
    void setSideBySide(bool on);
    bool isSideBySide() const;
    void setContextLines(int lines); // DiffRequest::kWholeFile for whole files

    // Shows file:line in the diff; when that line is not part of it, shows the file itself at the "to"
    // revision. Returns false only when the file is unknown.
    bool showLocation(const QString &file, int line);
    bool isShowingFile() const { return m_showingFile; }
    void setFindingCounts(const QHash<QString, int> &countsByPath);

    QList<LineComment> comments() const { return m_comments; }
    void addComment(const LineComment &comment);
    void removeComment(int index);
    void sendFeedback();
    void merge();
    void discard(); // asks for confirmation first
    void setMergeMode(MergeMode mode) { m_mergeMode = mode; }
    // Without handlers, merge and discard go through WorktreeManager directly (in a worker thread).
    void setReviewHandlers(const ReviewHandlers &handlers);

    DiffView *currentView() const;
    DiffFileModel *fileModel() const { return m_fileModel; }
    QSortFilterProxyModel *fileProxy() const { return m_proxy; }
    DiffDocumentPtr document() const { return m_document; }
    const DiffLoadResult &lastLoad() const { return m_lastLoad; }
    QString statusText() const;
    QString reviewResultText() const;
    bool isLoading() const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);
    void commentsChanged(const QList<harness::ui::LineComment> &comments);
    // The reviewer's comments, as a feedback message for the agent's next iteration.
    void feedbackRequested(const QList<harness::ui::LineComment> &comments, const QString &feedback);
    void mergeFinished(bool merged, const QString &message, const QStringList &conflictFiles);
    void discardFinished(bool discarded, const QString &message);

private:
    void buildUi();
    void startLoad(const DiffRequest &request);
    void onLoaded(const DiffLoadResult &result);
    void onLoadFailed(const QString &message);
    void listCheckpoints();
    void applyFileOrder();
    void selectFileInTree(int file);
    void requestComment(int lineIndex, LineComment::Side side);
    void refreshCommentList();
    void pollForChanges();
    void showFileAt(const QString &file, int line);
    void setReviewResult(const QString &text, bool error);
    void reportMerge(const ReviewTarget &target, const Result<MergeOutcome> &result);
    void reportDiscard(const Status &status, const QString &doneMessage);
    void rangeChosen();
    QString worktreeDir() const;

    ReviewTarget m_target;
    QList<Checkpoint> m_checkpoints;
    DiffRequest m_request;
    DiffLoadResult m_lastLoad;
    DiffDocumentPtr m_document;
    QList<LineComment> m_comments;
    MergeMode m_mergeMode = MergeMode::MergeCommit;
    ReviewHandlers m_handlers;
    bool m_showingFile = false;
    bool m_syncingTree = false;
    QString m_pendingFile; // position to restore after a reload
    int m_pendingLine = 0;
    QString m_fingerprint;

    DiffLoader *m_loader = nullptr;
    DiffFileModel *m_fileModel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QComboBox *m_fromCombo = nullptr;
    QComboBox *m_toCombo = nullptr;
    QComboBox *m_contextCombo = nullptr;
    QToolButton *m_unifiedButton = nullptr;
    QToolButton *m_sideButton = nullptr;
    QCheckBox *m_liveCheck = nullptr;
    QCheckBox *m_flatCheck = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_fileTree = nullptr;
    QStackedWidget *m_stack = nullptr;
    UnifiedDiffView *m_unified = nullptr;
    SideBySideDiffView *m_side = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QListWidget *m_commentList = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_mergeButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    QLabel *m_resultLabel = nullptr;
    QTimer *m_pollTimer = nullptr;
    QFutureWatcher<QString> *m_pollWatcher = nullptr;
};

} // namespace harness::ui
