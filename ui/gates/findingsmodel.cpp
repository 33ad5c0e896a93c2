// FindingsModel and FindingsFilterModel.
#include "findingsmodel.h"

#include <QColor>
#include <QCoreApplication>

namespace harness::ui {

namespace {
QString severityText(Severity s)
{
    switch (s) {
    case Severity::Error:
        return QCoreApplication::translate("FindingsModel", "error");
    case Severity::Warning:
        return QCoreApplication::translate("FindingsModel", "warning");
    case Severity::Info:
        break;
    }
    return QCoreApplication::translate("FindingsModel", "info");
}
} // namespace

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) { }

void FindingsModel::setResults(const QList<GateResult> &results)
{
    beginResetModel();
    m_findings.clear();
    for (const GateResult &r : results) {
        for (Finding f : r.findings) {
            if (f.source.isEmpty())
                f.source = r.gate;
            m_findings.append(f);
        }
    }
    endResetModel();
}

void FindingsModel::setAccepted(const QMap<QString, QString> &accepted)
{
    if (accepted == m_accepted)
        return;
    m_accepted = accepted;
    if (!m_findings.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int FindingsModel::awaitingCount() const
{
    int n = 0;
    for (const Finding &f : m_findings)
        n += f.needsHuman && !isAccepted(f) ? 1 : 0;
    return n;
}

QHash<QString, int> FindingsModel::countsByFile() const
{
    QHash<QString, int> counts;
    for (const Finding &f : m_findings) {
        if (!f.file.isEmpty())
            ++counts[f.file];
    }
    return counts;
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const Finding &f = m_findings[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            if (f.needsHuman)
                return isAccepted(f) ? tr("accepted") : tr("needs you");
            return severityText(f.severity);
        case FileColumn:
            return f.file;
        case LineColumn:
            return f.line > 0 ? QVariant(f.line) : QVariant();
        case RuleColumn:
            return f.rule;
        case MessageColumn:
            return f.message.section(QLatin1Char('\n'), 0, 0);
        case GateColumn:
            return f.source;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn:
            return int(f.severity);
        case LineColumn:
            return f.line;
        case FileColumn:
            return f.file.toLower();
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SeverityRole:
        return int(f.severity);
    case GateRole:
        return f.source;
    case AcceptedRole:
        return isAccepted(f);
    case Qt::ToolTipRole:
        if (isAccepted(f))
            return tr("Accepted by a human: %1\n\n%2").arg(m_accepted.value(f.id()), f.message);
        if (f.needsHuman)
            return tr("Only a human can settle this finding: undo the change, or accept it with "
                      "Accept….\n\n%1")
                    .arg(f.message);
        return f.message;
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn) {
            if (isAccepted(f))
                return QColor(0x57, 0x60, 0x6a);
            if (f.severity == Severity::Error)
                return QColor(0xcf, 0x22, 0x2e);
            if (f.severity == Severity::Warning)
                return QColor(0x9a, 0x67, 0x00);
            return QColor(0x09, 0x69, 0xda);
        }
        break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case FileColumn:
        return tr("File");
    case LineColumn:
        return tr("Line");
    case RuleColumn:
        return tr("Rule");
    case MessageColumn:
        return tr("Message");
    case GateColumn:
        return tr("Gate");
    }
    return {};
}

FindingsFilterModel::FindingsFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FindingsModel::SortRole);
}

void FindingsFilterModel::setMinimumSeverity(Severity severity)
{
    m_minimum = severity;
    invalidateFilter();
}

void FindingsFilterModel::setGate(const QString &gate)
{
    m_gate = gate;
    invalidateFilter();
}

void FindingsFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const FindingsModel *>(sourceModel());
    const Finding &f = model->finding(sourceRow);
    if (int(f.severity) < int(m_minimum))
        return false;
    if (!m_gate.isEmpty() && f.source != m_gate)
        return false;
    if (m_text.isEmpty())
        return true;
    return f.file.contains(m_text, Qt::CaseInsensitive) || f.rule.contains(m_text, Qt::CaseInsensitive) ||
            f.message.contains(m_text, Qt::CaseInsensitive);
}

} // namespace harness::ui
