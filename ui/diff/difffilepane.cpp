// DiffFilePane: a proxy sorts by risk and filters by name; the tree's current file is the reviewer's.
#include "difffilepane.h"

#include "difffilemodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace harness::ui {

namespace {

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

} // namespace

DiffFilePane::DiffFilePane(QWidget *parent) : QWidget(parent)
{
    m_model = new DiffFileModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DiffFileModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterKeyColumn(DiffFileModel::NameColumn);
    m_proxy->setFilterRole(DiffFileModel::PathRole); // "src/units" finds files by folder too

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *filterRow = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter files"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("fileFilter"));
    m_flat = new QCheckBox(tr("Flat"), this);
    m_flat->setToolTip(tr("List the files without folders, so the riskiest come first overall"));
    m_flat->setObjectName(QStringLiteral("flatCheck"));
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_flat);
    layout->addLayout(filterRow);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("fileTree"));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(DiffFileModel::RiskColumn, Qt::DescendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setIndentation(12);
    // Names come first ("temperature.py — src/units/core"): the middle of a long path gives way.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DiffFileModel::NameColumn, QHeaderView::Stretch);
    for (int c = DiffFileModel::StatusColumn; c < DiffFileModel::ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        Q_EMIT orderChanged();
    });
    connect(m_flat, &QCheckBox::toggled, this, [this](bool flat) {
        m_model->setFlat(flat);
        m_tree->expandAll();
        Q_EMIT orderChanged();
    });
    connect(m_proxy, &QSortFilterProxyModel::layoutChanged, this, &DiffFilePane::orderChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncing || !current.isValid())
                    return;
                const int file = current.data(DiffFileModel::FileIndexRole).toInt();
                if (file >= 0)
                    Q_EMIT fileSelected(file);
            });
}

void DiffFilePane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Narrow, the names keep the room: the counts (in each file's tooltip and diff header) go first,
    // then the status letter, then the risk (the tree still sorts by it and colours risky names).
    const int w = width();
    m_tree->setColumnHidden(DiffFileModel::AddedColumn, w < 320);
    m_tree->setColumnHidden(DiffFileModel::RemovedColumn, w < 320);
    m_tree->setColumnHidden(DiffFileModel::StatusColumn, w < 300);
    m_tree->setColumnHidden(DiffFileModel::RiskColumn, w < 240); // risky names are coloured anyway
}

void DiffFilePane::setDocument(DiffDocumentPtr document)
{
    m_model->setDocument(std::move(document));
    m_tree->expandAll();
}

void DiffFilePane::setFindingCounts(const QHash<QString, int> &countsByPath)
{
    m_model->setFindingCounts(countsByPath);
    m_tree->expandAll();
    Q_EMIT orderChanged();
}

void DiffFilePane::showFile(int file)
{
    if (file < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfFile(file));
    if (!index.isValid() || index == m_tree->currentIndex())
        return;
    m_syncing = true;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    m_syncing = false;
}

std::vector<int> DiffFilePane::fileOrder() const
{
    std::vector<int> order;
    collectFiles(m_proxy, {}, order);
    return order;
}

} // namespace harness::ui
