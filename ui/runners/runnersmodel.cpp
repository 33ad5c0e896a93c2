// RunnersModel: rows keyed by runner name, changed in place.
#include "runnersmodel.h"

#include <QBrush>
#include <QColor>
#include <algorithm>

namespace harness::ui {

RunnersModel::RunnersModel(QObject *parent) : QAbstractTableModel(parent) { }

void RunnersModel::setRunners(const QList<RunnerInfo> &runners, const QDateTime &now)
{
    m_now = now;
    // Rows that went: removed one by one (from the end, so indexes stay valid).
    for (int row = int(m_runners.size()) - 1; row >= 0; --row) {
        const QString name = m_runners.at(row).name;
        const bool kept = std::any_of(runners.cbegin(), runners.cend(),
                                      [&name](const RunnerInfo &r) { return r.name == name; });
        if (!kept) {
            beginRemoveRows({}, row, row);
            m_runners.removeAt(row);
            endRemoveRows();
        }
    }
    // Rows that stay are updated; new ones are appended in the order given.
    for (const RunnerInfo &r : runners) {
        const auto it = std::find_if(m_runners.begin(), m_runners.end(),
                                     [&r](const RunnerInfo &known) { return known.name == r.name; });
        if (it != m_runners.end()) {
            *it = r;
            continue;
        }
        const int row = int(m_runners.size());
        beginInsertRows({}, row, row);
        m_runners.append(r);
        endInsertRows();
    }
    if (!m_runners.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_runners.size()) - 1, ColumnCount - 1));
}

int RunnersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runners.size());
}

int RunnersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunnersModel::age(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid() || !now.isValid())
        return tr("never");
    const qint64 s = qMax<qint64>(0, then.secsTo(now));
    if (s < 120)
        return tr("%n s ago", nullptr, int(s));
    if (s < 7200)
        return tr("%n min ago", nullptr, int(s / 60));
    return tr("%n h ago", nullptr, int(s / 3600));
}

QString RunnersModel::stateText(const RunnerInfo &r) const
{
    if (r.state == QLatin1String("stopped"))
        return tr("stopped");
    if (!r.alive(m_now, kStaleAfterMs))
        return tr("offline");
    if (r.state == QLatin1String("stopping"))
        return tr("stopping");
    return tr("running");
}

QVariant RunnersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runners.size() || index.column() >= ColumnCount)
        return {};
    const RunnerInfo &r = m_runners.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return r.name;
        case Host:
            return r.host;
        case State:
            return stateText(r);
        case Runs:
            return tr("%1 of %2").arg(r.runs).arg(r.capacity);
        case Heartbeat:
            return age(r.heartbeat, m_now);
        case Version:
            return r.version;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && !r.note.isEmpty())
        return r.note;
    if (role == Qt::ForegroundRole && index.column() == State && !r.alive(m_now, kStaleAfterMs))
        return QBrush(QColor(0x8a, 0x8a, 0x8a));
    if (role == Qt::UserRole)
        return r.name;
    return {};
}

QVariant RunnersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Runner");
    case Host:
        return tr("Host");
    case State:
        return tr("State");
    case Runs:
        return tr("Runs");
    case Heartbeat:
        return tr("Last heartbeat");
    case Version:
        return tr("Version");
    default:
        return {};
    }
}

} // namespace harness::ui
