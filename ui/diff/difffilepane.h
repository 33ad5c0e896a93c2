// DiffFilePane: the changed files of the diff beside it — a tree (or flat list) ordered by review risk,
// with a filter — which tells the diff view the order to show files in and which file was picked.
#pragma once

#include "diffdocument.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace harness::ui {

class DiffFileModel;

class DiffFilePane : public QWidget
{
    Q_OBJECT
public:
    explicit DiffFilePane(QWidget *parent = nullptr);

    void setDocument(DiffDocumentPtr document);
    void setFindingCounts(const QHash<QString, int> &countsByPath);
    // Highlights a file without emitting fileSelected.
    void showFile(int file);
    // The files in the order the (sorted, filtered) tree shows them.
    std::vector<int> fileOrder() const;

    DiffFileModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *tree() const { return m_tree; }
    QCheckBox *flatCheck() const { return m_flat; }

Q_SIGNALS:
    void fileSelected(int file);
    void orderChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    DiffFileModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_flat = nullptr;
    QTreeView *m_tree = nullptr;
    bool m_syncing = false;
};

} // namespace harness::ui
