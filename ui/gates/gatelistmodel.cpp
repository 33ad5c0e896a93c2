// GateListModel: status colours and text for each gate.
#include "gatelistmodel.h"

#include <QColor>
#include <QFont>

namespace harness::ui {

GateListModel::GateListModel(QObject *parent) : QAbstractTableModel(parent) { }

void GateListModel::setResults(const QList<GateResult> &results)
{
    beginResetModel();
    m_results = results;
    endResetModel();
}

int GateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int GateListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString GateListModel::durationText(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms / 1000) % 60);
}

QString GateListModel::statusText(GateStatus status)
{
    switch (status) {
    case GateStatus::Passed:
        return tr("passed");
    case GateStatus::Failed:
        return tr("failed");
    case GateStatus::Error:
        return tr("error");
    case GateStatus::Skipped:
        return tr("skipped");
    }
    return {};
}

QVariant GateListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_results.size())
        return {};
    const GateResult &r = m_results[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case GateColumn:
            return r.gate;
        case StatusColumn: {
            const QString mark = r.status == GateStatus::Passed ? QStringLiteral("✔ ")
                    : r.status == GateStatus::Skipped           ? QStringLiteral("– ")
                                                                : QStringLiteral("✘ ");
            return mark + statusText(r.status);
        }
        case DurationColumn:
            return durationText(r.durationMs);
        case FindingsColumn:
            return r.findings.size();
        }
    } else if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        switch (r.status) {
        case GateStatus::Passed:
            return QColor(0x1a, 0x7f, 0x37);
        case GateStatus::Failed:
        case GateStatus::Error:
            return QColor(0xcf, 0x22, 0x2e);
        case GateStatus::Skipped:
            return QColor(0x6e, 0x77, 0x81);
        }
    } else if (role == Qt::FontRole && index.column() == StatusColumn && !r.passed()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    } else if (role == Qt::ToolTipRole) {
        const QString summary =
                tr("%1: %2 in %3, exit code %4, %n finding(s)", nullptr, int(r.findings.size()))
                        .arg(r.gate, statusText(r.status), durationText(r.durationMs))
                        .arg(r.exitCode);
        return r.reason.isEmpty() ? summary : summary + QLatin1Char('\n') + r.reason;
    } else if (role == Qt::TextAlignmentRole &&
               (index.column() == DurationColumn || index.column() == FindingsColumn)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant GateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GateColumn:
        return tr("Gate");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case FindingsColumn:
        return tr("Findings");
    }
    return {};
}

} // namespace harness::ui
