// RevisionBar: two rows — the pickers (which shrink, never push the window wider) and the action bar.
#include "revisionbar.h"

#include "common/overflowbar.h"
#include "diffloader.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace harness::ui {

namespace {

// A header row in a picker's list: shown, not selectable.
void addHeader(QComboBox *combo, const QString &text)
{
    combo->insertSeparator(combo->count());
    combo->addItem(text);
    if (auto *model = qobject_cast<QStandardItemModel *>(combo->model()))
        model->item(combo->count() - 1)->setEnabled(false);
}

} // namespace

RevisionBar::RevisionBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("revisionBar"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *pickers = new QHBoxLayout;
    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("fromCombo"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("toCombo"));
    for (QComboBox *combo : {m_from, m_to}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(10);
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    m_from->setToolTip(tr("Compare from: a checkpoint of the run, a branch or a recent commit"));
    m_to->setToolTip(
            tr("Compare to: a checkpoint of the run, its working tree, a branch or a recent commit"));
    pickers->addWidget(new QLabel(tr("From:"), this));
    pickers->addWidget(m_from, 1);
    pickers->addWidget(new QLabel(tr("To:"), this));
    pickers->addWidget(m_to, 1);
    layout->addLayout(pickers);

    m_bar = new OverflowBar(this);
    m_bar->setObjectName(QStringLiteral("diffActions"));
    auto *cumulative = new QAction(tr("Cumulative"), this);
    cumulative->setObjectName(QStringLiteral("cumulativeAction"));
    cumulative->setToolTip(tr("Everything the run changed since its base"));
    auto *iteration = new QAction(tr("This iteration"), this);
    iteration->setObjectName(QStringLiteral("iterationAction"));
    iteration->setToolTip(tr("Only what the selected checkpoint changed since the one before it"));
    m_mergeBase = new QAction(tr("From fork point"), this);
    m_mergeBase->setObjectName(QStringLiteral("mergeBaseAction"));
    m_mergeBase->setCheckable(true);
    m_mergeBase->setToolTip(tr("Compare with the commit where the two revisions forked (git's A...B), as a "
                               "branch is reviewed before merging"));
    auto *mode = new QActionGroup(this);
    m_unified = new QAction(tr("Unified"), this);
    m_unified->setObjectName(QStringLiteral("unifiedAction"));
    m_sideBySide = new QAction(tr("Side by side"), this);
    m_sideBySide->setObjectName(QStringLiteral("sideBySideAction"));
    for (QAction *a : {m_unified, m_sideBySide}) {
        a->setCheckable(true);
        mode->addAction(a);
    }
    m_unified->setChecked(true);
    m_context = new QAction(tr("Context"), this);
    m_context->setObjectName(QStringLiteral("contextAction"));
    auto *contextMenu = new QMenu(this);
    m_contextGroup = new QActionGroup(this);
    for (const auto &[text, lines] :
         {std::pair {tr("3 lines of context"), 3}, std::pair {tr("10 lines of context"), 10},
          std::pair {tr("Whole files (unchanged folded)"), DiffRequest::kWholeFile}}) {
        QAction *a = contextMenu->addAction(text);
        a->setCheckable(true);
        a->setData(lines);
        a->setChecked(lines == 3);
        m_contextGroup->addAction(a);
    }
    m_context->setMenu(contextMenu);
    m_previous = new QAction(tr("▲ Previous"), this);
    m_previous->setObjectName(QStringLiteral("previousChangeAction"));
    m_previous->setToolTip(tr("Previous change (P)"));
    m_next = new QAction(tr("▼ Next"), this);
    m_next->setObjectName(QStringLiteral("nextChangeAction"));
    m_next->setToolTip(tr("Next change (N)"));
    m_reload = new QAction(tr("Reload"), this);
    m_reload->setObjectName(QStringLiteral("reloadAction"));
    m_reload->setToolTip(tr("Read the revisions and the diff again"));
    m_live = new QAction(tr("Live"), this);
    m_live->setObjectName(QStringLiteral("liveAction"));
    m_live->setCheckable(true);
    m_live->setToolTip(tr("Reload when the run commits a checkpoint or its files change"));
    m_bar->addBarAction(cumulative)->setObjectName(QStringLiteral("cumulativeButton"));
    m_bar->addBarAction(iteration)->setObjectName(QStringLiteral("iterationButton"));
    m_bar->addBarAction(m_mergeBase);
    m_bar->addSeparator();
    m_bar->addBarAction(m_previous);
    m_bar->addBarAction(m_next);
    m_bar->addSeparator();
    m_bar->addBarAction(m_unified)->setObjectName(QStringLiteral("unifiedButton"));
    m_bar->addBarAction(m_sideBySide)->setObjectName(QStringLiteral("sideBySideButton"));
    m_bar->addBarAction(m_context);
    m_bar->addSeparator();
    m_bar->addBarAction(m_reload)->setObjectName(QStringLiteral("reloadButton"));
    m_bar->addBarAction(m_live);
    layout->addWidget(m_bar);

    const auto chosen = [this] {
        Q_EMIT rangeChosen(m_from->currentData().toString(), m_to->currentData().toString());
    };
    connect(m_from, &QComboBox::activated, this, chosen);
    connect(m_to, &QComboBox::activated, this, chosen);
    connect(cumulative, &QAction::triggered, this, &RevisionBar::cumulativeRequested);
    connect(iteration, &QAction::triggered, this, [this] { Q_EMIT iterationRequested(toCheckpointIndex()); });
    connect(m_mergeBase, &QAction::toggled, this, &RevisionBar::mergeBaseToggled);
    connect(m_unified, &QAction::triggered, this, [this] { Q_EMIT sideBySideToggled(false); });
    connect(m_sideBySide, &QAction::triggered, this, [this] { Q_EMIT sideBySideToggled(true); });
    connect(m_contextGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { Q_EMIT contextLinesChosen(a->data().toInt()); });
    connect(m_previous, &QAction::triggered, this, &RevisionBar::previousRequested);
    connect(m_next, &QAction::triggered, this, &RevisionBar::nextRequested);
    connect(m_reload, &QAction::triggered, this, &RevisionBar::reloadRequested);
    connect(m_live, &QAction::toggled, this, &RevisionBar::liveToggled);
}

void RevisionBar::fill(QComboBox *combo, const QList<Checkpoint> &checkpoints,
                       const QList<Checkpoint> &branches, const QList<Checkpoint> &recentCommits)
{
    combo->clear();
    for (const Checkpoint &c : checkpoints)
        combo->addItem(c.label, c.commit);
    if (!branches.isEmpty()) {
        addHeader(combo, tr("— branches —"));
        for (const Checkpoint &c : branches)
            combo->addItem(c.label, c.commit);
    }
    if (!recentCommits.isEmpty()) {
        addHeader(combo, tr("— recent commits —"));
        for (const Checkpoint &c : recentCommits)
            combo->addItem(c.label, c.commit);
    }
}

void RevisionBar::setRevisions(const QList<Checkpoint> &checkpoints, const QList<Checkpoint> &branches,
                               const QList<Checkpoint> &recentCommits)
{
    m_checkpointCount = int(checkpoints.size());
    fill(m_from, checkpoints, branches, recentCommits);
    // "To" also offers the working tree, which is a checkpoint already; "From" keeps it for symmetry.
    fill(m_to, checkpoints, branches, recentCommits);
}

void RevisionBar::showRange(const QString &from, const QString &to)
{
    // Prefer the checkpoint entry when a branch names the same revision.
    const auto select = [](QComboBox *combo, const QString &revision) {
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i).isValid() && combo->itemData(i).toString() == revision &&
                (combo->itemText(i).size() > 0)) {
                combo->setCurrentIndex(i);
                return;
            }
    };
    select(m_from, from);
    select(m_to, to);
}

int RevisionBar::toCheckpointIndex() const
{
    const int index = m_to->currentIndex();
    return index < m_checkpointCount ? index : -1;
}

void RevisionBar::setSideBySide(bool on)
{
    (on ? m_sideBySide : m_unified)->setChecked(true);
}

void RevisionBar::setContextLines(int lines)
{
    for (QAction *a : m_contextGroup->actions())
        if (a->data().toInt() == lines)
            a->setChecked(true);
}

void RevisionBar::setLive(bool on)
{
    if (m_live->isChecked() != on)
        m_live->setChecked(on);
}

bool RevisionBar::isLive() const
{
    return m_live->isChecked();
}

bool RevisionBar::fromMergeBase() const
{
    return m_mergeBase->isChecked();
}

} // namespace harness::ui
