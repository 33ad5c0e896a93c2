// DiffReviewPanel: assembles the loader, the file tree and the two diff views, and runs the review
// actions (comments, merge, discard) off the GUI thread.
#include "diffreviewpanel.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"
#include "difffilemodel.h"
#include "runtime/nestedrepositoryscan.h"
#include "sidebysidediffview.h"
#include "unifieddiffview.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

namespace {

// A working-tree file shown in the diff view is cut at this size.
constexpr qint64 kMaxShownFileBytes = 32 * 1024 * 1024;

QString shortId(const QString &commit)
{
    return commit.left(8);
}

// Depth-first order of the files as the (sorted, filtered) tree shows them.
void collectFiles(const QAbstractItemModel *model, const QModelIndex &parent, std::vector<int> &out)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        const int file = index.data(DiffFileModel::FileIndexRole).toInt();
        if (file >= 0)
            out.push_back(file);
        else
            collectFiles(model, index, out);
    }
}

struct FileContent
{
    QByteArray bytes;
    QString error;
};

} // namespace

DiffReviewPanel::DiffReviewPanel(QWidget *parent) : QWidget(parent)
{
    m_loader = new DiffLoader(this);
    m_fileModel = new DiffFileModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_fileModel);
    m_proxy->setSortRole(DiffFileModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterKeyColumn(DiffFileModel::NameColumn);
    m_pollTimer = new QTimer(this);
    m_pollWatcher = new QFutureWatcher<QString>(this);
    buildUi();

    connect(m_loader, &DiffLoader::loaded, this, &DiffReviewPanel::onLoaded);
    connect(m_loader, &DiffLoader::failed, this, &DiffReviewPanel::onLoadFailed);
    connect(m_loader, &DiffLoader::progressChanged, this, [this](int percent, const QString &text) {
        m_progress->setValue(percent);
        m_progress->setFormat(text);
    });
    connect(m_loader, &DiffLoader::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        m_cancelButton->setVisible(busy);
    });
    connect(m_pollTimer, &QTimer::timeout, this, &DiffReviewPanel::pollForChanges);
    connect(m_pollWatcher, &QFutureWatcherBase::finished, this, [this] {
        const QString fingerprint = m_pollWatcher->result();
        if (fingerprint.isEmpty())
            return;
        if (m_fingerprint.isEmpty()) {
            m_fingerprint = fingerprint;
        } else if (fingerprint != m_fingerprint) {
            m_fingerprint = fingerprint;
            if (m_toCombo->currentIndex() >= m_toCombo->count() - 2 && !m_target.base.isEmpty())
                listCheckpoints(); // the run moved on: follow its newest checkpoint
            else
                reload();
        }
    });
}

DiffReviewPanel::~DiffReviewPanel()
{
    m_pollTimer->stop();
    m_pollWatcher->waitForFinished();
}

void DiffReviewPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // A tool bar, so a narrow window folds the controls into its overflow menu instead of growing.
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("diffToolBar"));
    bar->addWidget(new QLabel(tr("From:"), this));
    m_fromCombo = new QComboBox(this);
    m_fromCombo->setObjectName(QStringLiteral("fromCombo"));
    m_fromCombo->setMinimumContentsLength(18);
    bar->addWidget(m_fromCombo);
    bar->addWidget(new QLabel(tr("To:"), this));
    m_toCombo = new QComboBox(this);
    m_toCombo->setObjectName(QStringLiteral("toCombo"));
    m_toCombo->setMinimumContentsLength(18);
    bar->addWidget(m_toCombo);
    auto *cumulative = new QToolButton(this);
    cumulative->setText(tr("Cumulative"));
    cumulative->setToolTip(tr("Everything the run changed since its base"));
    cumulative->setObjectName(QStringLiteral("cumulativeButton"));
    bar->addWidget(cumulative);
    auto *iteration = new QToolButton(this);
    iteration->setText(tr("This iteration"));
    iteration->setToolTip(tr("Only what the selected checkpoint changed since the one before it"));
    iteration->setObjectName(QStringLiteral("iterationButton"));
    bar->addWidget(iteration);
    bar->addSeparator();

    m_unifiedButton = new QToolButton(this);
    m_unifiedButton->setText(tr("Unified"));
    m_unifiedButton->setCheckable(true);
    m_unifiedButton->setChecked(true);
    m_unifiedButton->setObjectName(QStringLiteral("unifiedButton"));
    m_sideButton = new QToolButton(this);
    m_sideButton->setText(tr("Side by side"));
    m_sideButton->setCheckable(true);
    m_sideButton->setObjectName(QStringLiteral("sideBySideButton"));
    auto *modeGroup = new QButtonGroup(this);
    modeGroup->addButton(m_unifiedButton);
    modeGroup->addButton(m_sideButton);
    bar->addWidget(m_unifiedButton);
    bar->addWidget(m_sideButton);
    m_contextCombo = new QComboBox(this);
    m_contextCombo->setObjectName(QStringLiteral("contextCombo"));
    m_contextCombo->addItem(tr("3 lines of context"), 3);
    m_contextCombo->addItem(tr("10 lines of context"), 10);
    m_contextCombo->addItem(tr("Whole files (unchanged folded)"), DiffRequest::kWholeFile);
    bar->addWidget(m_contextCombo);
    auto *previous = new QToolButton(this);
    previous->setText(tr("▲ Previous"));
    previous->setToolTip(tr("Previous change (P)"));
    previous->setObjectName(QStringLiteral("previousChangeButton"));
    auto *next = new QToolButton(this);
    next->setText(tr("▼ Next"));
    next->setToolTip(tr("Next change (N)"));
    next->setObjectName(QStringLiteral("nextChangeButton"));
    bar->addWidget(previous);
    bar->addWidget(next);
    auto *reloadButton = new QToolButton(this);
    reloadButton->setText(tr("Reload"));
    reloadButton->setObjectName(QStringLiteral("reloadButton"));
    bar->addWidget(reloadButton);
    m_liveCheck = new QCheckBox(tr("Live"), this);
    m_liveCheck->setToolTip(tr("Reload when the run commits a checkpoint or its files change"));
    m_liveCheck->setObjectName(QStringLiteral("liveCheck"));
    bar->addWidget(m_liveCheck);
    auto *row = new QHBoxLayout;
    row->addWidget(bar, 1);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelButton->hide();
    row->addWidget(m_progress);
    row->addWidget(m_cancelButton);
    layout->addLayout(row);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(left);
    m_filterEdit->setPlaceholderText(tr("Filter files"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setObjectName(QStringLiteral("fileFilter"));
    m_flatCheck = new QCheckBox(tr("Flat"), left);
    m_flatCheck->setToolTip(tr("List the files without folders, so the riskiest come first overall"));
    m_flatCheck->setObjectName(QStringLiteral("flatCheck"));
    filterRow->addWidget(m_filterEdit);
    filterRow->addWidget(m_flatCheck);
    leftLayout->addLayout(filterRow);
    m_fileTree = new QTreeView(left);
    m_fileTree->setObjectName(QStringLiteral("fileTree"));
    m_fileTree->setModel(m_proxy);
    m_fileTree->setSortingEnabled(true);
    m_fileTree->setUniformRowHeights(true);
    m_fileTree->setAlternatingRowColors(true);
    m_fileTree->setRootIsDecorated(true);
    m_fileTree->setIndentation(14);
    m_fileTree->header()->setStretchLastSection(false);
    m_fileTree->header()->setSectionResizeMode(DiffFileModel::NameColumn, QHeaderView::Stretch);
    m_fileTree->header()->setMinimumSectionSize(24);
    for (int c = DiffFileModel::StatusColumn; c < DiffFileModel::ColumnCount; ++c)
        m_fileTree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_fileTree->sortByColumn(DiffFileModel::RiskColumn, Qt::DescendingOrder);
    leftLayout->addWidget(m_fileTree);
    splitter->addWidget(left);

    auto *center = new QWidget(splitter);
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
    m_side = new SideBySideDiffView(m_stack);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(m_side);
    centerLayout->addWidget(m_stack, 1);
    m_statusLabel = new QLabel(center);
    m_statusLabel->setObjectName(QStringLiteral("diffStatus"));
    centerLayout->addWidget(m_statusLabel);
    splitter->addWidget(center);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *commentBox = new QGroupBox(tr("Comments for the agent"), right);
    auto *commentLayout = new QVBoxLayout(commentBox);
    m_commentList = new QListWidget(commentBox);
    m_commentList->setObjectName(QStringLiteral("commentList"));
    m_commentList->setWordWrap(true);
    commentLayout->addWidget(m_commentList);
    auto *hint = new QLabel(tr("Double-click a line (or press C) to comment on it."), commentBox);
    hint->setWordWrap(true);
    commentLayout->addWidget(hint);
    auto *commentButtons = new QHBoxLayout;
    auto *removeButton = new QPushButton(tr("Remove"), commentBox);
    removeButton->setObjectName(QStringLiteral("removeCommentButton"));
    m_sendButton = new QPushButton(tr("Send as feedback"), commentBox);
    m_sendButton->setObjectName(QStringLiteral("sendFeedbackButton"));
    m_sendButton->setToolTip(tr("Return the comments to the agent for another iteration"));
    m_sendButton->setEnabled(false);
    commentButtons->addWidget(removeButton);
    commentButtons->addWidget(m_sendButton);
    commentLayout->addLayout(commentButtons);
    rightLayout->addWidget(commentBox, 1);
    auto *reviewBox = new QGroupBox(tr("Decision"), right);
    auto *reviewLayout = new QVBoxLayout(reviewBox);
    m_mergeButton = new QPushButton(tr("Merge"), reviewBox);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_discardButton = new QPushButton(tr("Discard…"), reviewBox);
    m_discardButton->setObjectName(QStringLiteral("discardButton"));
    m_resultLabel = new QLabel(reviewBox);
    m_resultLabel->setObjectName(QStringLiteral("reviewResult"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    reviewLayout->addWidget(m_mergeButton);
    reviewLayout->addWidget(m_discardButton);
    reviewLayout->addWidget(m_resultLabel);
    rightLayout->addWidget(reviewBox);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 6);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({370, 880, 240});
    layout->addWidget(splitter, 1);

    connect(m_fromCombo, &QComboBox::activated, this, &DiffReviewPanel::rangeChosen);
    connect(m_toCombo, &QComboBox::activated, this, &DiffReviewPanel::rangeChosen);
    connect(cumulative, &QToolButton::clicked, this, &DiffReviewPanel::showCumulative);
    connect(iteration, &QToolButton::clicked, this, [this] { showIteration(m_toCombo->currentIndex()); });
    connect(m_unifiedButton, &QToolButton::clicked, this, [this] { setSideBySide(false); });
    connect(m_sideButton, &QToolButton::clicked, this, [this] { setSideBySide(true); });
    connect(m_contextCombo, &QComboBox::activated, this,
            [this] { setContextLines(m_contextCombo->currentData().toInt()); });
    connect(previous, &QToolButton::clicked, this, [this] { currentView()->previousChange(); });
    connect(next, &QToolButton::clicked, this, [this] { currentView()->nextChange(); });
    connect(reloadButton, &QToolButton::clicked, this, &DiffReviewPanel::reload);
    connect(m_liveCheck, &QCheckBox::toggled, this, [this](bool on) { setLiveRefresh(on); });
    connect(m_cancelButton, &QPushButton::clicked, m_loader, &DiffLoader::cancel);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        applyFileOrder();
    });
    connect(m_flatCheck, &QCheckBox::toggled, this, [this](bool flat) {
        m_fileModel->setFlat(flat);
        m_fileTree->expandAll();
        applyFileOrder();
    });
    connect(m_proxy, &QSortFilterProxyModel::layoutChanged, this, &DiffReviewPanel::applyFileOrder);
    connect(m_fileTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncingTree || !current.isValid())
                    return;
                const int file = current.data(DiffFileModel::FileIndexRole).toInt();
                if (file < 0)
                    return;
                if (m_showingFile) { // back from a file view to the diff
                    m_showingFile = false;
                    m_banner->hide();
                    m_unified->setDocument(m_document);
                    m_side->setDocument(m_document);
                    applyFileOrder();
                }
                currentView()->goToFile(file);
            });
    for (DiffView *view : {static_cast<DiffView *>(m_unified), static_cast<DiffView *>(m_side)}) {
        connect(view, &DiffView::commentRequested, this, &DiffReviewPanel::requestComment);
        connect(view, &DiffView::currentLineChanged, this, [this](int file, int) {
            if (!m_showingFile)
                selectFileInTree(file);
        });
    }
    connect(m_banner, &QLabel::linkActivated, this, [this] {
        m_showingFile = false;
        m_banner->hide();
        m_unified->setDocument(m_document);
        m_side->setDocument(m_document);
        applyFileOrder();
    });
    connect(removeButton, &QPushButton::clicked, this, [this] {
        if (m_commentList->currentRow() >= 0)
            removeComment(m_commentList->currentRow());
    });
    connect(m_commentList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int index = m_commentList->row(item);
        if (index >= 0 && index < m_comments.size())
            showLocation(m_comments[index].file, m_comments[index].line);
    });
    connect(m_sendButton, &QPushButton::clicked, this, &DiffReviewPanel::sendFeedback);
    connect(m_mergeButton, &QPushButton::clicked, this, &DiffReviewPanel::merge);
    connect(m_discardButton, &QPushButton::clicked, this, &DiffReviewPanel::discard);
}

QString DiffReviewPanel::worktreeDir() const
{
    // A merged or discarded run's worktree is gone; its branch is still in the repository.
    if (m_target.worktree.isEmpty() || !QFileInfo::exists(m_target.worktree))
        return m_target.repository;
    return m_target.worktree;
}

DiffView *DiffReviewPanel::currentView() const
{
    return m_stack->currentWidget() == m_side ? static_cast<DiffView *>(m_side)
                                              : static_cast<DiffView *>(m_unified);
}

bool DiffReviewPanel::isSideBySide() const
{
    return m_stack->currentWidget() == m_side;
}

bool DiffReviewPanel::isLoading() const
{
    return m_loader->isBusy();
}

void DiffReviewPanel::setSideBySide(bool on)
{
    DiffView *from = currentView();
    const int line = from->currentLine();
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_side) : static_cast<QWidget *>(m_unified));
    m_unifiedButton->setChecked(!on);
    m_sideButton->setChecked(on);
    if (line >= 0)
        currentView()->goToLine(line);
}

void DiffReviewPanel::setContextLines(int lines)
{
    const int index = m_contextCombo->findData(lines);
    if (index >= 0)
        m_contextCombo->setCurrentIndex(index);
    if (m_request.contextLines == lines && m_document)
        return;
    m_request.contextLines = lines;
    if (!m_request.repository.isEmpty())
        reload();
}

void DiffReviewPanel::setTarget(const ReviewTarget &target)
{
    m_target = target;
    m_comments.clear();
    refreshCommentList();
    m_resultLabel->clear();
    m_mergeButton->setEnabled(!target.branch.isEmpty() && !target.targetBranch.isEmpty());
    m_discardButton->setEnabled(!target.branch.isEmpty() || !target.worktree.isEmpty());
    m_fingerprint.clear();
    listCheckpoints();
}

void DiffReviewPanel::listCheckpoints()
{
    const ReviewTarget target = m_target;
    auto *watcher = new QFutureWatcher<Result<QList<Checkpoint>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<QList<Checkpoint>> result = watcher->result();
        if (!result) {
            onLoadFailed(result.errorText());
            return;
        }
        setCheckpoints(result.value());
        showCumulative();
    });
    const QString dir = worktreeDir();
    watcher->setFuture(QtConcurrent::run([target, dir]() -> Result<QList<Checkpoint>> {
        GitRunner git(dir);
        QList<Checkpoint> list;
        const QString tip = target.branch.isEmpty() ? QStringLiteral("HEAD") : target.branch;
        if (!target.base.isEmpty()) {
            auto base = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                                 target.base + QStringLiteral("^{commit}")});
            if (!base)
                return Result<QList<Checkpoint>>::failure(
                        QCoreApplication::translate("DiffReviewPanel",
                                                    "The base revision %1 is not in %2: %3")
                                .arg(target.base, dir, base.errorText()));
            list.append({QCoreApplication::translate("DiffReviewPanel", "base %1").arg(shortId(base.value())),
                         base.value()});
            auto log = git.run({QStringLiteral("log"), QStringLiteral("--first-parent"),
                                QStringLiteral("--reverse"), QStringLiteral("--format=%H%x09%s"),
                                base.value() + QStringLiteral("..") + tip});
            if (!log)
                return Result<QList<Checkpoint>>::failure(log.errorText());
            int n = 0;
            for (const QString &line : log.value().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const QString commit = line.section(QLatin1Char('\t'), 0, 0);
                const QString subject = line.section(QLatin1Char('\t'), 1);
                list.append({QCoreApplication::translate("DiffReviewPanel", "%1. %2 (%3)")
                                     .arg(++n)
                                     .arg(subject.left(60), shortId(commit)),
                             commit});
            }
        } else {
            auto head = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"), tip});
            if (head)
                list.append(
                        {QCoreApplication::translate("DiffReviewPanel", "HEAD %1").arg(shortId(head.value())),
                         head.value()});
        }
        list.append(
                {QCoreApplication::translate("DiffReviewPanel", "working tree (uncommitted)"), QString()});
        return list;
    }));
}

void DiffReviewPanel::setCheckpoints(const QList<Checkpoint> &checkpoints)
{
    m_checkpoints = checkpoints;
    m_fromCombo->clear();
    m_toCombo->clear();
    for (const Checkpoint &c : checkpoints) {
        m_fromCombo->addItem(c.label, c.commit);
        m_toCombo->addItem(c.label, c.commit);
    }
}

void DiffReviewPanel::showCumulative()
{
    if (m_checkpoints.isEmpty())
        return;
    // The newest commit, or the working tree when the run has not committed anything yet.
    int to = m_checkpoints.size() - 1;
    if (m_checkpoints.size() >= 3 && !m_checkpoints[to - 1].commit.isEmpty())
        to = m_checkpoints.size() - 2;
    m_fromCombo->setCurrentIndex(0);
    m_toCombo->setCurrentIndex(to);
    showRange(m_checkpoints.first().commit, m_checkpoints[to].commit);
}

void DiffReviewPanel::showIteration(int index)
{
    if (index <= 0 || index >= m_checkpoints.size())
        index = qMin(1, int(m_checkpoints.size()) - 1);
    if (index <= 0)
        return;
    m_fromCombo->setCurrentIndex(index - 1);
    m_toCombo->setCurrentIndex(index);
    showRange(m_checkpoints[index - 1].commit, m_checkpoints[index].commit);
}

void DiffReviewPanel::rangeChosen()
{
    showRange(m_fromCombo->currentData().toString(), m_toCombo->currentData().toString());
}

void DiffReviewPanel::showRange(const QString &fromCommit, const QString &toCommit)
{
    DiffRequest request = m_request;
    request.repository = worktreeDir();
    request.from = fromCommit;
    request.to = toCommit;
    for (int i = 0; i < m_fromCombo->count(); ++i) {
        if (m_fromCombo->itemData(i).toString() == fromCommit)
            m_fromCombo->setCurrentIndex(i);
        if (m_toCombo->itemData(i).toString() == toCommit)
            m_toCombo->setCurrentIndex(i);
    }
    m_pendingFile.clear();
    startLoad(request);
}

void DiffReviewPanel::reload()
{
    if (m_request.repository.isEmpty())
        return;
    // Keep the reviewer's place across the reload.
    DiffView *view = currentView();
    const int line = view->currentLine();
    if (m_document && !m_showingFile && line >= 0 && line < int(m_document->lines.size())) {
        const DiffLine &l = m_document->lines[size_t(line)];
        m_pendingFile = m_document->files[size_t(m_document->fileOfLine(line))].path();
        m_pendingLine = int(l.newLine ? l.newLine : l.oldLine);
    }
    startLoad(m_request);
}

void DiffReviewPanel::startLoad(const DiffRequest &request)
{
    m_request = request;
    m_statusLabel->setText(tr("Loading…"));
    m_loader->load(request);
}

void DiffReviewPanel::onLoaded(const DiffLoadResult &result)
{
    m_lastLoad = result;
    m_document = result.document;
    m_showingFile = false;
    m_banner->hide();
    m_fileModel->setDocument(m_document);
    m_fileTree->expandAll();
    m_unified->setDocument(m_document);
    m_side->setDocument(m_document);
    // Lock files and generated code start folded to their header: there when wanted, never in the way.
    for (int i = 0; i < int(m_document->files.size()); ++i) {
        if (m_fileModel->risk(i).generated) {
            m_unified->setFileCollapsed(i, true);
            m_side->setFileCollapsed(i, true);
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
}

void DiffReviewPanel::onLoadFailed(const QString &message)
{
    m_statusLabel->setText(message);
    Q_EMIT loadFailed(message);
}

QString DiffReviewPanel::statusText() const
{
    if (!m_document)
        return {};
    return tr("%n file(s) changed, +%1 −%2 · git %3 ms, indexed in %4 ms", nullptr,
              int(m_document->files.size()))
            .arg(m_document->totalAdded)
            .arg(m_document->totalRemoved)
            .arg(m_lastLoad.gitMs)
            .arg(m_lastLoad.parseMs);
}

void DiffReviewPanel::applyFileOrder()
{
    if (!m_document || m_showingFile)
        return;
    std::vector<int> order;
    order.reserve(m_document->files.size());
    collectFiles(m_proxy, {}, order);
    m_unified->setFileOrder(order);
    m_side->setFileOrder(std::move(order));
}

void DiffReviewPanel::selectFileInTree(int file)
{
    if (file < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_fileModel->indexOfFile(file));
    if (!index.isValid() || index == m_fileTree->currentIndex())
        return;
    m_syncingTree = true;
    m_fileTree->setCurrentIndex(index);
    m_fileTree->scrollTo(index);
    m_syncingTree = false;
}

void DiffReviewPanel::setFindingCounts(const QHash<QString, int> &countsByPath)
{
    m_fileModel->setFindingCounts(countsByPath);
    m_fileTree->expandAll();
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
            if (m_showingFile) {
                m_showingFile = false;
                m_banner->hide();
                m_unified->setDocument(m_document);
                m_side->setDocument(m_document);
                applyFileOrder();
            }
            if (lineIndex >= 0)
                currentView()->goToLine(lineIndex);
            else
                currentView()->goToFile(fileIndex);
            selectFileInTree(fileIndex);
            currentView()->setFocus();
            return true;
        }
    }
    showFileAt(file, line);
    return true;
}

void DiffReviewPanel::showFileAt(const QString &file, int line)
{
    const QString dir = worktreeDir();
    const QString revision = m_request.to;
    auto *watcher = new QFutureWatcher<FileContent>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, file, line, revision] {
        watcher->deleteLater();
        const FileContent content = watcher->result();
        if (!content.error.isEmpty()) {
            m_banner->setText(content.error);
            m_banner->show();
            return;
        }
        auto doc = std::make_shared<const DiffDocument>(DiffDocument::fromFileContent(file, content.bytes));
        m_showingFile = true;
        setSideBySide(false);
        m_unified->setDocument(doc);
        if (line > 0 && line <= int(doc->lines.size()))
            m_unified->goToLine(line - 1);
        m_unified->setFocus();
        m_banner->setText(tr("Showing %1 at %2: line %3 is not part of this diff. <a href=\"#back\">Back to "
                             "the diff</a>")
                                  .arg(file.toHtmlEscaped(),
                                       revision.isEmpty() ? tr("the working tree") : shortId(revision))
                                  .arg(line));
        m_banner->show();
    });
    watcher->setFuture(QtConcurrent::run([dir, revision, file]() {
        FileContent out;
        if (revision.isEmpty()) {
            // The agent's tree: never through a link, never a FIFO, bounded.
            const WorktreeRead read = WorktreeReader::readFile(dir, file, kMaxShownFileBytes,
                                                               WorktreeReader::OverLimit::Truncate);
            if (!read.ok())
                out.error = tr("Cannot show %1: %2").arg(file, read.describe());
            else
                out.bytes = read.data;
            return out;
        }
        const GitOutput shown =
                GitRunner(dir).exec({QStringLiteral("show"), revision + QLatin1Char(':') + file});
        if (!shown.ok())
            out.error = tr("%1 is not in revision %2: %3").arg(file, shortId(revision), shown.errorText());
        else
            out.bytes = shown.out;
        return out;
    }));
}

void DiffReviewPanel::requestComment(int lineIndex, LineComment::Side side)
{
    const DiffDocumentPtr doc = currentView()->document();
    if (!doc || lineIndex < 0)
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
    refreshCommentList();
}

void DiffReviewPanel::removeComment(int index)
{
    if (index < 0 || index >= m_comments.size())
        return;
    m_comments.removeAt(index);
    refreshCommentList();
}

void DiffReviewPanel::refreshCommentList()
{
    m_commentList->clear();
    for (const LineComment &c : m_comments)
        m_commentList->addItem(QStringLiteral("%1:%2 — %3").arg(c.file).arg(c.line).arg(c.text));
    m_sendButton->setEnabled(!m_comments.isEmpty());
    m_unified->setComments(m_comments);
    m_side->setComments(m_comments);
    Q_EMIT commentsChanged(m_comments);
}

void DiffReviewPanel::sendFeedback()
{
    if (m_comments.isEmpty())
        return;
    const QList<LineComment> sent = m_comments;
    Q_EMIT feedbackRequested(sent, LineComment::feedbackText(sent));
    m_comments.clear();
    refreshCommentList();
    setReviewResult(tr("Sent %n comment(s) to the agent as feedback for its next iteration.", nullptr,
                       int(sent.size())),
                    false);
}

QString DiffReviewPanel::reviewResultText() const
{
    return m_resultLabel->text();
}

void DiffReviewPanel::setReviewResult(const QString &text, bool error)
{
    m_resultLabel->setText(text);
    m_resultLabel->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
}

void DiffReviewPanel::setReviewHandlers(const ReviewHandlers &handlers)
{
    m_handlers = handlers;
}

void DiffReviewPanel::merge()
{
    if (m_target.branch.isEmpty() || m_target.targetBranch.isEmpty()) {
        setReviewResult(tr("Nothing to merge: this review has no run branch or target branch."), true);
        return;
    }
    m_mergeButton->setEnabled(false);
    m_discardButton->setEnabled(false);
    setReviewResult(tr("Merging %1 into %2…").arg(m_target.branch, m_target.targetBranch), false);
    const ReviewTarget target = m_target;
    if (m_handlers.merge) {
        m_handlers.merge(this,
                         [this, target](const Result<MergeOutcome> &result) { reportMerge(target, result); });
        return;
    }
    const MergeMode mode = m_mergeMode;
    auto *watcher = new QFutureWatcher<Result<MergeOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, target] {
        watcher->deleteLater();
        reportMerge(target, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([target, mode] {
        WorktreeManager manager(target.repository);
        return manager.merge(target.branch, target.targetBranch, mode);
    }));
}

void DiffReviewPanel::reportMerge(const ReviewTarget &target, const Result<MergeOutcome> &result)
{
    m_mergeButton->setEnabled(true);
    m_discardButton->setEnabled(true);
    if (!result) {
        const QString message = tr("Merge failed: %1").arg(result.errorText());
        setReviewResult(message, true);
        Q_EMIT mergeFinished(false, message, {});
        return;
    }
    const MergeOutcome &outcome = result.value();
    if (outcome.merged) {
        const QString message = outcome.commit.isEmpty()
                ? tr("Merged %1 into %2.").arg(target.branch, target.targetBranch)
                : tr("Merged %1 into %2 (now at %3).")
                          .arg(target.branch, target.targetBranch, shortId(outcome.commit));
        setReviewResult(message, false);
        m_mergeButton->setEnabled(false);
        Q_EMIT mergeFinished(true, message, {});
    } else {
        const QString message =
                tr("Not merged: %n file(s) conflict with %1: %2. %1 is unchanged; send the "
                   "conflicts to the agent as feedback or resolve them in the worktree.",
                   nullptr, int(outcome.conflictFiles.size()))
                        .arg(target.targetBranch, outcome.conflictFiles.join(QStringLiteral(", ")));
        setReviewResult(message, true);
        Q_EMIT mergeFinished(false, message, outcome.conflictFiles);
    }
}

void DiffReviewPanel::reportDiscard(const Status &status, const QString &doneMessage)
{
    if (!status) {
        const QString message = tr("Discard failed: %1").arg(status.errorText());
        setReviewResult(message, true);
        m_discardButton->setEnabled(true);
        Q_EMIT discardFinished(false, message);
        return;
    }
    setReviewResult(doneMessage, false);
    m_pollTimer->stop();
    Q_EMIT discardFinished(true, doneMessage);
}

void DiffReviewPanel::discard()
{
    auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Discard this run's changes?"),
            tr("The worktree %1 is removed, with any uncommitted changes in it, and the run's work on %2 is "
               "given up. This cannot be undone.")
                    .arg(m_target.worktree.isEmpty() ? tr("(none)") : m_target.worktree,
                         m_target.branch.isEmpty() ? tr("(none)") : m_target.branch),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDiscard"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDiscardButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(confirm, &QPushButton::clicked, this, [this] {
        m_mergeButton->setEnabled(false);
        m_discardButton->setEnabled(false);
        setReviewResult(tr("Discarding…"), false);
        if (m_handlers.discard) {
            m_handlers.discard(this, [this](const Status &status) {
                reportDiscard(status, tr("Discarded: the run's worktree was removed."));
            });
            return;
        }
        const ReviewTarget target = m_target;
        auto *watcher = new QFutureWatcher<Status>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            reportDiscard(watcher->result(),
                          tr("Discarded: the run's worktree was removed and its branch deleted."));
        });
        watcher->setFuture(QtConcurrent::run([target]() -> Status {
            WorktreeManager manager(target.repository);
            if (!target.worktree.isEmpty() && QFileInfo::exists(target.worktree)) {
                const Status removed = manager.remove(target.worktree, true);
                if (!removed)
                    return removed;
            }
            if (!target.branch.isEmpty())
                return manager.deleteBranch(target.branch, true);
            return success();
        }));
    });
    box->open();
}

void DiffReviewPanel::setLiveRefresh(bool on, int intervalMs)
{
    if (m_liveCheck->isChecked() != on)
        m_liveCheck->setChecked(on);
    m_fingerprint.clear();
    if (on)
        m_pollTimer->start(intervalMs);
    else
        m_pollTimer->stop();
}

void DiffReviewPanel::pollForChanges()
{
    if (m_pollWatcher->isRunning() || m_loader->isBusy() || m_request.repository.isEmpty())
        return;
    const DiffRequest request = m_request;
    const QString tip = m_target.branch.isEmpty() ? QStringLiteral("HEAD") : m_target.branch;
    m_pollWatcher->setFuture(QtConcurrent::run([request, tip]() -> QString {
        // Cheap fingerprint: the revisions' ids, plus for the working tree its changed files' sizes and
        // times.
        GitRunner git(request.repository, 20000);
        QStringList revs {tip};
        if (!request.from.isEmpty())
            revs << request.from;
        if (!request.to.isEmpty())
            revs << request.to;
        const GitOutput ids = git.exec(QStringList {QStringLiteral("rev-parse")} + revs);
        if (!ids.ok())
            return {};
        QString print = QString::fromUtf8(ids.out);
        if (request.to.isEmpty()) {
            if (!NestedRepositoryScan::check(request.repository))
                return {}; // no git on a tree that holds a repository of its own (see DiffLoader)
            const GitOutput status = git.exec({QStringLiteral("--no-optional-locks"),
                                               QStringLiteral("status"), QStringLiteral("--porcelain=v1"),
                                               QStringLiteral("-z"), QStringLiteral("--untracked-files=no")});
            if (!status.ok())
                return {};
            print += QString::fromUtf8(status.out);
            const WorktreeReader reader(request.repository);
            for (const QByteArray &entry : status.out.split('\0')) {
                if (entry.size() < 4)
                    continue;
                // The entry itself (a link is not followed to whatever it names).
                const WorktreeEntry info = reader.entry(QString::fromUtf8(entry.mid(3)));
                print += QStringLiteral("|%1:%2").arg(info.size).arg(info.modifiedMs);
            }
        }
        return print;
    }));
}

} // namespace harness::ui
