// DiffFileModel: the changed files of a diff (core/diff/diff.h) as a folder tree (or a flat list) with
// status, added/removed counts and review risk; sortable through a QSortFilterProxyModel by SortRole.
#pragma once

#include "diffdocument.h"
#include "filerisk.h"

#include <QAbstractItemModel>
#include <QHash>

#include <vector>

namespace harness::ui {

class DiffFileModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, AddedColumn, RemovedColumn, RiskColumn, ColumnCount };
    enum Role { FileIndexRole = Qt::UserRole + 1, SortRole, PathRole };

    explicit DiffFileModel(QObject *parent = nullptr);

    void setDocument(DiffDocumentPtr document);
    void setFlat(bool flat);
    bool isFlat() const { return m_flat; }
    // Findings per file path (from the gates) raise a file's risk.
    void setFindingCounts(const QHash<QString, int> &counts);
    const FileRisk &risk(int file) const { return m_risks[size_t(file)]; }

    QModelIndex indexOfFile(int file) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString name;
        int file = -1; // leaf: index into the document's files
        int parent = -1;
        int row = 0;
        std::vector<int> children;
        int added = 0, removed = 0, risk = 0;
    };
    void rebuild();
    int addFolder(int parent, const QString &name);

    DiffDocumentPtr m_document;
    bool m_flat = false;
    QHash<QString, int> m_findingCounts;
    std::vector<FileRisk> m_risks;
    std::vector<Node> m_nodes; // node 0 is the invisible root
    std::vector<int> m_nodeOfFile;
};

} // namespace harness::ui
