// DiffFileModel: folder tree building and item data.
#include "difffilemodel.h"

#include <QColor>
#include <QFont>

namespace harness::ui {

DiffFileModel::DiffFileModel(QObject *parent) : QAbstractItemModel(parent)
{
    rebuild();
}

void DiffFileModel::setDocument(DiffDocumentPtr document)
{
    m_document = std::move(document);
    rebuild();
}

void DiffFileModel::setFlat(bool flat)
{
    if (flat == m_flat)
        return;
    m_flat = flat;
    rebuild();
}

void DiffFileModel::setFindingCounts(const QHash<QString, int> &counts)
{
    m_findingCounts = counts;
    rebuild();
}

int DiffFileModel::addFolder(int parent, const QString &name)
{
    for (int child : m_nodes[size_t(parent)].children) {
        if (m_nodes[size_t(child)].file < 0 && m_nodes[size_t(child)].name == name)
            return child;
    }
    Node node;
    node.name = name;
    node.parent = parent;
    node.row = int(m_nodes[size_t(parent)].children.size());
    m_nodes.push_back(node);
    const int id = int(m_nodes.size()) - 1;
    m_nodes[size_t(parent)].children.push_back(id);
    return id;
}

void DiffFileModel::rebuild()
{
    beginResetModel();
    m_nodes.clear();
    m_nodes.push_back(Node {});
    m_risks.clear();
    m_nodeOfFile.clear();
    if (m_document) {
        const auto &files = m_document->files;
        m_risks.reserve(files.size());
        m_nodeOfFile.assign(files.size(), -1);
        for (size_t i = 0; i < files.size(); ++i) {
            const DiffFile &f = files[i];
            int findings = m_findingCounts.value(f.newPath) +
                    (f.oldPath != f.newPath ? m_findingCounts.value(f.oldPath) : 0);
            m_risks.push_back(FileRisk::assess(f, findings));
            int parent = 0;
            QString leafName = f.path();
            if (!m_flat) {
                QStringList parts = leafName.split(QLatin1Char('/'));
                leafName = parts.takeLast();
                for (const QString &part : parts)
                    parent = addFolder(parent, part);
            }
            Node leaf;
            leaf.name = leafName;
            leaf.file = int(i);
            leaf.parent = parent;
            leaf.row = int(m_nodes[size_t(parent)].children.size());
            leaf.added = f.added;
            leaf.removed = f.removed;
            leaf.risk = m_risks.back().score;
            m_nodes.push_back(leaf);
            const int id = int(m_nodes.size()) - 1;
            m_nodes[size_t(parent)].children.push_back(id);
            m_nodeOfFile[i] = id;
            // Folders sum their files' counts and take their riskiest file's score.
            for (int p = parent; p > 0; p = m_nodes[size_t(p)].parent) {
                m_nodes[size_t(p)].added += f.added;
                m_nodes[size_t(p)].removed += f.removed;
                m_nodes[size_t(p)].risk = qMax(m_nodes[size_t(p)].risk, leaf.risk);
            }
        }
        // Collapse single-child folder chains ("src" → "src/app/core") for a compact tree.
        // A folder is made after its parent, so parents come first; a folder merged into its parent is
        // out of the tree and is skipped (it still lists the children its parent took over).
        if (!m_flat) {
            std::vector<bool> merged(m_nodes.size(), false);
            for (size_t id = 1; id < m_nodes.size(); ++id) {
                if (merged[id])
                    continue;
                Node &node = m_nodes[id];
                while (node.file < 0 && node.children.size() == 1 &&
                       m_nodes[size_t(node.children[0])].file < 0) {
                    merged[size_t(node.children[0])] = true;
                    Node child = m_nodes[size_t(node.children[0])];
                    node.name += QLatin1Char('/') + child.name;
                    node.children = child.children;
                    for (int c : node.children)
                        m_nodes[size_t(c)].parent = int(id);
                }
            }
        }
    }
    endResetModel();
}

QModelIndex DiffFileModel::indexOfFile(int file) const
{
    if (file < 0 || file >= int(m_nodeOfFile.size()))
        return {};
    const int id = m_nodeOfFile[size_t(file)];
    return createIndex(m_nodes[size_t(id)].row, 0, quintptr(id));
}

QModelIndex DiffFileModel::index(int row, int column, const QModelIndex &parent) const
{
    const int parentId = parent.isValid() ? int(parent.internalId()) : 0;
    const Node &p = m_nodes[size_t(parentId)];
    if (row < 0 || row >= int(p.children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, quintptr(p.children[size_t(row)]));
}

QModelIndex DiffFileModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentId = m_nodes[size_t(child.internalId())].parent;
    if (parentId <= 0)
        return {};
    return createIndex(m_nodes[size_t(parentId)].row, 0, quintptr(parentId));
}

int DiffFileModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const int id = parent.isValid() ? int(parent.internalId()) : 0;
    return int(m_nodes[size_t(id)].children.size());
}

int DiffFileModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

namespace {
// A compact status code for the tree (the full text is in the tooltip): M, A, D, R 92%, C, +x, bin.
QString shortStatus(const DiffFile &file)
{
    QString code;
    switch (file.status) {
    case DiffFileStatus::Added:
        code = QStringLiteral("A");
        break;
    case DiffFileStatus::Deleted:
        code = QStringLiteral("D");
        break;
    case DiffFileStatus::Renamed:
        code = file.similarity >= 0 ? QStringLiteral("R %1%").arg(file.similarity) : QStringLiteral("R");
        break;
    case DiffFileStatus::Copied:
        code = QStringLiteral("C");
        break;
    case DiffFileStatus::Modified:
        code = file.added + file.removed > 0 || file.binary ? QStringLiteral("M") : QString();
        break;
    }
    if (file.modeChanged())
        code += (code.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("mode");
    if (file.binary)
        code += QStringLiteral(" bin");
    return code.trimmed();
}
} // namespace

QVariant DiffFileModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = m_nodes[size_t(index.internalId())];
    const DiffFile *file = node.file >= 0 ? &m_document->files[size_t(node.file)] : nullptr;
    const FileRisk *risk = node.file >= 0 ? &m_risks[size_t(node.file)] : nullptr;
    switch (role) {
    case FileIndexRole:
        return node.file;
    case PathRole:
        return file ? file->path() : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (file && m_flat) {
                // The name first, then its folder: a narrow column elides the middle, never the name.
                const QString path = file->path();
                const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
                QString text = slash < 0
                        ? path
                        : QStringLiteral("%1 — %2").arg(path.mid(slash + 1), path.left(slash));
                if (file->status == DiffFileStatus::Renamed || file->status == DiffFileStatus::Copied)
                    text += QStringLiteral(" (← %1)").arg(file->oldPath);
                return text;
            }
            return node.name;
        case StatusColumn:
            return file ? shortStatus(*file) : QString();
        case AddedColumn:
            return QStringLiteral("+%1").arg(node.added);
        case RemovedColumn:
            return QStringLiteral("−%1").arg(node.removed);
        case RiskColumn:
            return risk ? FileRisk::levelName(risk->level)
                        : FileRisk::levelName(node.risk >= 50           ? FileRisk::Level::High
                                                      : node.risk >= 25 ? FileRisk::Level::Medium
                                                                        : FileRisk::Level::Low);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return node.name.toLower();
        case StatusColumn:
            return file ? int(file->status) : -1;
        case AddedColumn:
            return node.added;
        case RemovedColumn:
            return node.removed;
        case RiskColumn:
            return node.risk;
        }
        break;
    case Qt::ToolTipRole:
        if (file) {
            QString tip = file->path();
            if (file->status == DiffFileStatus::Renamed)
                tip = tr("%1\nrenamed from %2").arg(file->newPath, file->oldPath);
            return tip + QStringLiteral("\n") + fileStatusText(*file) +
                    QStringLiteral("  +%1 −%2\n").arg(file->added).arg(file->removed) +
                    tr("Risk %1: %2")
                            .arg(FileRisk::levelName(risk->level), risk->reasons.join(QStringLiteral("; ")));
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == AddedColumn)
            return QColor(0x1a, 0x7f, 0x37);
        if (index.column() == RemovedColumn)
            return QColor(0xcf, 0x22, 0x2e);
        if ((index.column() == RiskColumn || (index.column() == NameColumn && file)) && node.risk >= 50)
            return QColor(0xbc, 0x4c, 0x00);
        if (risk && risk->generated)
            return QColor(0x8c, 0x95, 0x9f);
        break;
    case Qt::FontRole:
        if (index.column() == RiskColumn && node.risk >= 50) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == AddedColumn || index.column() == RemovedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant DiffFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("File");
    case StatusColumn:
        return tr("Status");
    case AddedColumn:
        return QStringLiteral("+");
    case RemovedColumn:
        return QStringLiteral("−");
    case RiskColumn:
        return tr("Risk");
    }
    return {};
}

} // namespace harness::ui
