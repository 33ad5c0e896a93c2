// DiffReviewPanel: assembles the revision bar, the file tree, the two diff views and the review side
// panel, and keeps them on the selected run (through the controller) or on the revisions picked. A
// runner's run is fetched from the team's remote whenever its log says it published more; the live
// poll of a worktree is for runs driven here.
#include "diffreviewpanel.h"

#include "difffilemodel.h"
#include "difffilepane.h"
#include "reviewdialogs.h"
#include "reviewsidepanel.h"
#include "revisionbar.h"
#include "sidebysidediffview.h"
#include "unifieddiffview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace harness::ui {

DiffReviewPanel::DiffReviewPanel(QWidget *parent) : QWidget(parent)
{
    m_source = new RevisionSource(this);
    m_pollTimer = new QTimer(this);
    buildUi();
    connectBar();

    DiffLoader *loader = m_source->loader();
    connect(loader, &DiffLoader::loaded, this, &DiffReviewPanel::onLoaded);
    connect(loader, &DiffLoader::failed, this, &DiffReviewPanel::onLoadFailed);
    connect(loader, &DiffLoader::progressChanged, this, [this](int percent, const QString &text) {
        m_progress->setValue(percent);
        m_progress->setFormat(text);
    });
    connect(loader, &DiffLoader::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        m_cancelButton->setVisible(busy);
    });
    connect(m_cancelButton, &QPushButton::clicked, loader, &DiffLoader::cancel);
    connect(m_source, &RevisionSource::revisionsListed, this, &DiffReviewPanel::onRevisions);
    connect(m_source, &RevisionSource::fileRead, this, &DiffReviewPanel::onFileRead);
    connect(m_source, &RevisionSource::fingerprinted, this, [this](const QString &fingerprint) {
        if (m_baselinePending) {
            m_baselinePending = false;
            m_fingerprint = fingerprint;
            m_source->loader()->load(m_request);
            return;
        }
        if (fingerprint.isEmpty())
            return;
        if (m_fingerprint.isEmpty()) {
            m_fingerprint = fingerprint;
        } else if (fingerprint != m_fingerprint) {
            m_fingerprint = fingerprint;
            reload(); // the run moved on: follow it (its newest checkpoint when cumulative)
        }
    });
    connect(m_pollTimer, &QTimer::timeout, this, &DiffReviewPanel::pollForChanges);
    m_side->setStatus(ReviewController::statusFor({}, {}));
}

DiffReviewPanel::~DiffReviewPanel()
{
    m_pollTimer->stop();
}

void DiffReviewPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    m_bar = new RevisionBar(this);
    layout->addWidget(m_bar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("diffSplitter"));
    m_files = new DiffFilePane(m_splitter);
    m_splitter->addWidget(m_files);

    auto *center = new QWidget(m_splitter);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    m_banner = new QLabel(center);
    m_banner->setObjectName(QStringLiteral("diffBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: palette(alternate-base); padding: 4px; }"));
    m_banner->hide();
    centerLayout->addWidget(m_banner);
    m_stack = new QStackedWidget(center);
    m_unified = new UnifiedDiffView(m_stack);
    m_sideView = new SideBySideDiffView(m_stack);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(m_sideView);
    centerLayout->addWidget(m_stack, 1);
    auto *statusRow = new QHBoxLayout;
    m_statusLabel = new QLabel(center);
    m_statusLabel->setObjectName(QStringLiteral("diffStatus"));
    m_statusLabel->setMinimumWidth(10);
    m_progress = new QProgressBar(center);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), center);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelButton->hide();
    statusRow->addWidget(m_statusLabel, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancelButton);
    centerLayout->addLayout(statusRow);
    m_splitter->addWidget(center);

    m_side = new ReviewSidePanel(m_splitter);
    m_splitter->addWidget(m_side);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 6);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({260, 760, 230});
    m_splitter->setChildrenCollapsible(false);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_proportioned = true; });
    layout->addWidget(m_splitter, 1);

    connect(m_files, &DiffFilePane::orderChanged, this, &DiffReviewPanel::applyFileOrder);
    connect(m_files, &DiffFilePane::fileSelected, this, [this](int file) {
        backToDiff();
        currentView()->goToFile(file);
    });
    for (DiffView *view : {static_cast<DiffView *>(m_unified), static_cast<DiffView *>(m_sideView)}) {
        connect(view, &DiffView::commentRequested, this, &DiffReviewPanel::requestComment);
        connect(view, &DiffView::currentLineChanged, this, [this](int file, int) {
            if (!m_showingFile)
                m_files->showFile(file);
        });
    }
    connect(m_banner, &QLabel::linkActivated, this, &DiffReviewPanel::backToDiff);
    connect(m_side, &ReviewSidePanel::removeRequested, this, &DiffReviewPanel::removeComment);
    connect(m_side, &ReviewSidePanel::commentActivated, this, [this](int index) {
        if (index >= 0 && index < m_comments.size())
            showLocation(m_comments[index].file, m_comments[index].line);
    });
    connect(m_side, &ReviewSidePanel::sendRequested, this, &DiffReviewPanel::sendFeedback);
    connect(m_side, &ReviewSidePanel::mergeRequested, this, &DiffReviewPanel::merge);
    connect(m_side, &ReviewSidePanel::discardRequested, this, &DiffReviewPanel::discard);
}

void DiffReviewPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Until the reviewer drags a handle, the diff itself gets most of the width at any window size.
    if (m_proportioned || width() < 300)
        return;
    const int w = m_splitter->width();
    const int files = qBound(150, w * 22 / 100, 300), side = qBound(190, w * 24 / 100, 280);
    m_splitter->setSizes({files, qMax(200, w - files - side), side});
}

void DiffReviewPanel::connectBar()
{
    connect(m_bar, &RevisionBar::rangeChosen, this, &DiffReviewPanel::showRange);
    connect(m_bar, &RevisionBar::cumulativeRequested, this, &DiffReviewPanel::showCumulative);
    connect(m_bar, &RevisionBar::iterationRequested, this, &DiffReviewPanel::showIteration);
    connect(m_bar, &RevisionBar::mergeBaseToggled, this, [this] {
        if (!m_request.repository.isEmpty())
            showRange(m_request.from, m_request.to);
    });
    connect(m_bar, &RevisionBar::sideBySideToggled, this, &DiffReviewPanel::setSideBySide);
    connect(m_bar, &RevisionBar::contextLinesChosen, this, &DiffReviewPanel::setContextLines);
    connect(m_bar, &RevisionBar::previousRequested, this, [this] { currentView()->previousChange(); });
    connect(m_bar, &RevisionBar::nextRequested, this, [this] { currentView()->nextChange(); });
    connect(m_bar, &RevisionBar::reloadRequested, this, &DiffReviewPanel::reload);
    connect(m_bar, &RevisionBar::liveToggled, this, [this](bool on) { setLiveRefresh(on); });
}

void DiffReviewPanel::setController(ReviewController *controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (!controller)
        return;
    connect(controller, &ReviewController::targetChanged, this, &DiffReviewPanel::setTarget);
    connect(controller, &ReviewController::statusChanged, this, &DiffReviewPanel::onStatus);
    connect(controller, &ReviewController::reviewReady, this, [this] {
        m_followNewest = true; // review starts on everything the run changed, at its final commit
        reload();
    });
    connect(controller, &ReviewController::publishedCodeChanged, this, &DiffReviewPanel::followPublished);
    connect(controller, &ReviewController::commentsSent, this, [this](bool sent, const QString &message) {
        m_side->setBusy(false);
        if (sent) {
            m_comments.clear();
            refreshComments();
        }
        m_side->setResult(message, !sent);
        Q_EMIT commentsSent(sent, message);
    });
    connect(controller, &ReviewController::mergeFinished, this,
            [this](bool merged, const QString &message, const QStringList &conflicts) {
                m_side->setBusy(false);
                if (merged) {
                    m_comments.clear(); // the confirmation said unsent comments are dropped
                    refreshComments();
                }
                m_side->setResult(message, !merged);
                Q_EMIT mergeFinished(merged, message, conflicts);
            });
    connect(controller, &ReviewController::discardFinished, this,
            [this](bool discarded, const QString &message) {
                m_side->setBusy(false);
                m_side->setResult(message, !discarded);
                if (discarded)
                    m_pollTimer->stop();
                Q_EMIT discardFinished(discarded, message);
            });
    onStatus(controller->status());
    if (!controller->target().repository.isEmpty())
        setTarget(controller->target());
}

void DiffReviewPanel::onStatus(const ReviewStatus &status)
{
    const bool wasLive = m_live;
    m_live = status.live;
    m_side->setStatus(status);
    // Building shows the worktree as it is; review shows the final commit.
    if (wasLive != status.live && m_followNewest && !m_revisions.checkpoints.isEmpty())
        showCumulative();
}

void DiffReviewPanel::setTarget(const ReviewTarget &target)
{
    if (target.runId != m_target.runId || target.repository != m_target.repository) {
        m_comments.clear();
        refreshComments();
        m_side->setResult({}, false);
    }
    m_target = target;
    m_followNewest = true;
    m_fingerprint.clear();
    m_revisions = {};
    if (target.repository.isEmpty() || (!target.runId.isEmpty() && target.base.isEmpty())) {
        // No repository, or a run whose worktree is not made yet: nothing to compare, and no error.
        m_request = {};
        m_document.reset();
        m_files->setDocument(nullptr);
        m_unified->setDocument(nullptr);
        m_sideView->setDocument(nullptr);
        m_bar->setRevisions({}, {}, {});
        m_statusLabel->clear();
        if (target.repository.isEmpty())
            m_banner->hide();
        else
            showBanner(tr("Run %1 is being prepared: its worktree is made before it plans. Its changes "
                          "appear here as it builds.")
                               .arg(target.runId));
        return;
    }
    listRevisions();
}

void DiffReviewPanel::listRevisions()
{
    if (m_target.remote.isEmpty()) {
        m_statusLabel->setText(tr("Reading the revisions…"));
    } else {
        const QString fetching = tr("Fetching run %1's code from %2…").arg(m_target.runId, m_target.remote);
        m_statusLabel->setText(fetching);
        if (!m_document)
            showBanner(fetching.toHtmlEscaped());
    }
    m_source->listRevisions(m_target);
}

void DiffReviewPanel::followPublished()
{
    if (m_target.remote.isEmpty())
        return;
    if (m_source->isListing() || isLoading()) {
        m_publishedPending = true; // once the fetch or load in flight is shown
        return;
    }
    reload();
}

void DiffReviewPanel::onRevisions(const RevisionList &list)
{
    if (!(list.target == m_target))
        return; // an answer for an earlier target
    if (list.fetchFailed) {
        // What was shown stays; the banner says why it is not newer and what to do.
        m_statusLabel->setText(tr("Run %1's code could not be fetched (see above).").arg(m_target.runId));
        showBanner(tr("Run %1's code could not be fetched from %2: %3")
                           .arg(m_target.runId, m_target.remote, list.error)
                           .toHtmlEscaped());
        Q_EMIT loadFailed(list.error);
        return;
    }
    if (!list.error.isEmpty()) {
        onLoadFailed(list.error);
        return;
    }
    m_revisions = list;
    m_bar->setRevisions(list.checkpoints, list.branches, list.recentCommits);
    if (m_followNewest || m_request.repository.isEmpty()) {
        showCumulative();
        return;
    }
    m_bar->showRange(m_request.from, m_request.to);
    DiffRequest request = m_request; // the same range again, keeping the reviewer's place
    request.repository = RevisionSource::directoryOf(m_target); // a merge removes the worktree
    startLoad(request);
}

void DiffReviewPanel::showCumulative()
{
    const QList<Checkpoint> &cps = m_revisions.checkpoints;
    if (cps.isEmpty())
        return;
    // While the run builds, its worktree as it is; otherwise its newest commit (or, with none, the
    // working tree — the repository's own uncommitted changes when no run is selected).
    const bool live = m_controller && m_controller->status().live;
    int to = int(cps.size()) - 1;
    if (!live) {
        for (int i = int(cps.size()) - 1; i > 0; --i)
            if (cps[i].kind == Checkpoint::Kind::Commit) {
                to = i;
                break;
            }
    }
    showRange(cps.first().commit, cps[to].commit);
    m_followNewest = true;
}

void DiffReviewPanel::showIteration(int index)
{
    const QList<Checkpoint> &cps = m_revisions.checkpoints;
    if (index <= 0 || index >= cps.size())
        index = qMin(1, int(cps.size()) - 1);
    if (index <= 0)
        return;
    showRange(cps[index - 1].commit, cps[index].commit);
}

void DiffReviewPanel::showRange(const QString &fromRevision, const QString &toRevision)
{
    if (m_target.repository.isEmpty())
        return;
    m_followNewest = false;
    DiffRequest request = m_request;
    request.repository = RevisionSource::directoryOf(m_target);
    request.from = fromRevision;
    request.to = toRevision;
    request.fromMergeBase = m_bar->fromMergeBase();
    m_bar->showRange(fromRevision, toRevision);
    m_pendingFile.clear();
    startLoad(request);
}

void DiffReviewPanel::reload()
{
    if (m_target.repository.isEmpty())
        return;
    // Keep the reviewer's place across the reload.
    const int line = currentView()->currentLine();
    if (m_document && !m_showingFile && line >= 0 && line < int(m_document->lines.size())) {
        const DiffLine &l = m_document->lines[size_t(line)];
        m_pendingFile = m_document->files[size_t(m_document->fileOfLine(line))].path();
        m_pendingLine = int(l.newLine ? l.newLine : l.oldLine);
    }
    if (!m_target.runId.isEmpty() && m_target.base.isEmpty())
        return; // nothing to read until the run has its worktree
    m_publishedPending = false;
    listRevisions(); // the revisions may have moved on too
}

void DiffReviewPanel::startLoad(const DiffRequest &request)
{
    m_request = request;
    m_statusLabel->setText(tr("Loading…"));
    if (m_pollTimer->isActive() && !request.repository.isEmpty()) {
        // Live: the state the load will show is fingerprinted first, so a change made while it loads
        // differs from the baseline and is picked up by the next poll (taking the first poll after the
        // load as the baseline would swallow it).
        m_baselinePending = true;
        m_source->fingerprint(request, tip());
        return;
    }
    m_source->loader()->load(request);
}

void DiffReviewPanel::onLoaded(const DiffLoadResult &result)
{
    m_lastLoad = result;
    m_document = result.document;
    m_showingFile = false;
    m_banner->hide();
    m_files->setDocument(m_document);
    m_unified->setDocument(m_document);
    m_sideView->setDocument(m_document);
    // Lock files and generated code start folded to their header: there when wanted, never in the way.
    for (int i = 0; i < int(m_document->files.size()); ++i) {
        if (m_files->model()->risk(i).generated) {
            m_unified->setFileCollapsed(i, true);
            m_sideView->setFileCollapsed(i, true);
        }
    }
    applyFileOrder();
    currentView()->setCurrentRow(0);
    currentView()->verticalScrollBar()->setValue(0);
    if (!m_pendingFile.isEmpty()) {
        const int file = m_document->fileIndex(m_pendingFile);
        const int line = m_document->findLine(file, m_pendingLine, true);
        if (line >= 0)
            currentView()->goToLine(line);
        else if (file >= 0)
            currentView()->goToFile(file);
        m_pendingFile.clear();
    }
    m_statusLabel->setText(statusText());
    Q_EMIT loaded();
    if (m_publishedPending)
        QTimer::singleShot(0, this, &DiffReviewPanel::reload);
}

void DiffReviewPanel::onLoadFailed(const QString &message)
{
    m_statusLabel->setText(message);
    showBanner(tr("The diff could not be loaded: %1").arg(message.toHtmlEscaped()));
    Q_EMIT loadFailed(message);
    if (m_publishedPending)
        QTimer::singleShot(0, this, &DiffReviewPanel::reload);
}

QString DiffReviewPanel::statusText() const
{
    if (!m_document)
        return m_statusLabel ? m_statusLabel->text() : QString();
    QString text = tr("%n file(s) changed, +%1 −%2 · git %3 ms, indexed in %4 ms", nullptr,
                      int(m_document->files.size()))
                           .arg(m_document->totalAdded)
                           .arg(m_document->totalRemoved)
                           .arg(m_lastLoad.gitMs)
                           .arg(m_lastLoad.parseMs);
    if (!m_target.remote.isEmpty() && !m_revisions.fetchedAt.isEmpty())
        text += tr(" · fetched from %1 at %2").arg(m_target.remote, m_revisions.fetchedAt);
    return text;
}

DiffFileModel *DiffReviewPanel::fileModel() const
{
    return m_files->model();
}

QSortFilterProxyModel *DiffReviewPanel::fileProxy() const
{
    return m_files->proxy();
}

QString DiffReviewPanel::bannerText() const
{
    return m_banner->isVisibleTo(this) ? m_banner->text() : QString();
}

QString DiffReviewPanel::reviewResultText() const
{
    return m_side->resultText();
}

void DiffReviewPanel::showBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->show();
}

DiffView *DiffReviewPanel::currentView() const
{
    return m_stack->currentWidget() == m_sideView ? static_cast<DiffView *>(m_sideView)
                                                  : static_cast<DiffView *>(m_unified);
}

bool DiffReviewPanel::isSideBySide() const
{
    return m_stack->currentWidget() == m_sideView;
}

bool DiffReviewPanel::isLoading() const
{
    return m_source->loader()->isBusy();
}

void DiffReviewPanel::setSideBySide(bool on)
{
    const int line = currentView()->currentLine();
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_sideView) : static_cast<QWidget *>(m_unified));
    m_bar->setSideBySide(on);
    if (line >= 0)
        currentView()->goToLine(line);
}

void DiffReviewPanel::setContextLines(int lines)
{
    m_bar->setContextLines(lines);
    if (m_request.contextLines == lines && m_document)
        return;
    m_request.contextLines = lines;
    if (!m_request.repository.isEmpty())
        startLoad(m_request);
}

void DiffReviewPanel::applyFileOrder()
{
    if (!m_document || m_showingFile)
        return;
    std::vector<int> order = m_files->fileOrder();
    m_unified->setFileOrder(order);
    m_sideView->setFileOrder(std::move(order));
}

void DiffReviewPanel::setFindingCounts(const QHash<QString, int> &countsByPath)
{
    m_files->setFindingCounts(countsByPath);
}

void DiffReviewPanel::backToDiff()
{
    if (!m_showingFile)
        return;
    m_showingFile = false;
    m_banner->hide();
    m_unified->setDocument(m_document);
    m_sideView->setDocument(m_document);
    applyFileOrder();
}

bool DiffReviewPanel::showLocation(const QString &file, int line)
{
    if (m_request.repository.isEmpty() || file.isEmpty())
        return false;
    if (m_document) {
        const int fileIndex = m_document->fileIndex(file);
        const int lineIndex = line > 0 ? m_document->findLine(fileIndex, line, true) : -1;
        if (fileIndex >= 0 && (lineIndex >= 0 || line <= 0)) {
            backToDiff();
            if (lineIndex >= 0)
                currentView()->goToLine(lineIndex);
            else
                currentView()->goToFile(fileIndex);
            m_files->showFile(fileIndex);
            currentView()->setFocus();
            return true;
        }
    }
    m_source->readFile(RevisionSource::directoryOf(m_target), m_request.to, file, line);
    return true;
}

void DiffReviewPanel::onFileRead(const FileAtRevision &content)
{
    if (!content.error.isEmpty()) {
        showBanner(content.error.toHtmlEscaped());
        return;
    }
    auto doc = std::make_shared<const Diff>(Diff::fromFileContent(content.file, content.bytes));
    m_showingFile = true;
    setSideBySide(false);
    m_unified->setDocument(doc);
    if (content.line > 0 && content.line <= int(doc->lines.size()))
        m_unified->goToLine(content.line - 1);
    m_unified->setFocus();
    showBanner(
            tr("Showing %1 at %2: line %3 is not part of this diff. <a href=\"#back\">Back to the diff</a>")
                    .arg(content.file.toHtmlEscaped(),
                         content.revision.isEmpty() ? tr("the working tree") : content.revision.left(8))
                    .arg(content.line));
}

void DiffReviewPanel::requestComment(int lineIndex, LineComment::Side side)
{
    const DiffDocumentPtr doc = currentView()->document();
    if (!doc || lineIndex < 0 || m_showingFile)
        return;
    const DiffLine &l = doc->lines[size_t(lineIndex)];
    const DiffFile &f = doc->files[size_t(doc->fileOfLine(lineIndex))];
    LineComment comment;
    comment.side = side;
    comment.file = side == LineComment::Side::Old ? f.oldPath : f.path();
    comment.line = int(side == LineComment::Side::Old ? l.oldLine : l.newLine);
    comment.lineText = doc->lineText(lineIndex);
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("commentDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Comment for the agent"));
    dialog->setLabelText(tr("%1, line %2:").arg(comment.file).arg(comment.line));
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, comment](const QString &text) mutable {
        if (text.trimmed().isEmpty())
            return;
        comment.text = text.trimmed();
        addComment(comment);
    });
    dialog->open();
}

void DiffReviewPanel::addComment(const LineComment &comment)
{
    m_comments.append(comment);
    refreshComments();
}

void DiffReviewPanel::removeComment(int index)
{
    if (index < 0 || index >= m_comments.size())
        return;
    m_comments.removeAt(index);
    refreshComments();
}

void DiffReviewPanel::refreshComments()
{
    m_side->setComments(m_comments);
    m_unified->setComments(m_comments);
    m_sideView->setComments(m_comments);
    Q_EMIT commentsChanged(m_comments);
}

void DiffReviewPanel::sendFeedback()
{
    if (m_comments.isEmpty())
        return;
    if (!m_controller) {
        m_side->setResult(tr("Comments go to a run's agent: select the run first. They are kept here."),
                          true);
        return;
    }
    m_side->setBusy(true);
    m_side->setResult(tr("Sending…"), false);
    m_controller->sendComments(m_comments);
}

void DiffReviewPanel::merge()
{
    if (!m_controller || !m_controller->status().canMerge) {
        m_side->setResult(m_controller ? m_controller->status().whyNot : tr("Select a run to merge it."),
                          true);
        return;
    }
    MergeSummary summary;
    if (m_document) {
        summary.files = int(m_document->files.size());
        summary.added = m_document->totalAdded;
        summary.removed = m_document->totalRemoved;
    }
    summary.unsentComments = int(m_comments.size());
    const MergeRoute route = m_controller->status().route;
    ReviewDialogs::confirmMerge(this, m_target, summary, route, [this, route](bool deleteBranchAndWorktree) {
        m_side->setBusy(true);
        m_side->setResult(route == MergeRoute::PullRequest
                                  ? tr("Checking %1 on %2…").arg(m_target.branch, m_target.remote)
                                  : route == MergeRoute::Push
                                  ? tr("Fetching %1 from %2, merging it into %3 and pushing…")
                                            .arg(m_target.branch, m_target.remote, m_target.targetBranch)
                                  : tr("Merging %1 into %2…").arg(m_target.branch, m_target.targetBranch),
                          false);
        m_controller->merge(deleteBranchAndWorktree);
    });
}

void DiffReviewPanel::discard()
{
    if (!m_controller || !m_controller->status().canDiscard) {
        m_side->setResult(m_controller ? m_controller->status().whyNot : tr("Select a run to discard it."),
                          true);
        return;
    }
    ReviewDialogs::confirmDiscard(this, m_target, [this] {
        m_side->setBusy(true);
        m_side->setResult(tr("Discarding…"), false);
        m_controller->discard();
    });
}

void DiffReviewPanel::setLiveRefresh(bool on, int intervalMs)
{
    m_bar->setLive(on);
    m_fingerprint.clear();
    if (on)
        m_pollTimer->start(intervalMs);
    else
        m_pollTimer->stop();
}

QString DiffReviewPanel::tip() const
{
    return m_target.branch.isEmpty() ? QStringLiteral("HEAD") : m_target.branch;
}

void DiffReviewPanel::pollForChanges()
{
    // A runner's run is followed through the store's announcements (followPublished), not polled.
    if (m_source->isFingerprinting() || isLoading() || m_request.repository.isEmpty() ||
        !m_target.remote.isEmpty())
        return;
    m_source->fingerprint(m_request, tip());
}

} // namespace harness::ui
