// QueueModel: rows keyed by run id, in the queue's claim order, changed in place.
#include "queuemodel.h"

#include <QBrush>
#include <QColor>
#include <algorithm>

namespace harness::ui {

QueueModel::QueueModel(QObject *parent) : QAbstractTableModel(parent) { }

void QueueModel::setEntries(const QList<QueueEntry> &entries, const QDateTime &now)
{
    m_now = now;
    // The order is the claim order, which a priority change alters: when the run ids in order differ,
    // the model resets (the view keeps the selection by run id, see RunnersPanel); otherwise in place.
    const bool sameRows = entries.size() == m_entries.size() &&
            std::equal(entries.cbegin(), entries.cend(), m_entries.cbegin(),
                       [](const QueueEntry &a, const QueueEntry &b) { return a.runId == b.runId; });
    if (!sameRows) {
        beginResetModel();
        m_entries = entries;
        endResetModel();
        return;
    }
    m_entries = entries;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

const QueueEntry *QueueModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int QueueModel::rowOf(const QString &runId) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).runId == runId)
            return row;
    return -1;
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QueueModel::stateText(const QueueEntry &e) const
{
    if (e.leaseExpired(m_now))
        return tr("lease expired: waiting for another runner");
    switch (e.state) {
    case QueueEntry::State::Queued:
        return e.claims > 0 ? tr("waiting (given back)") : tr("waiting");
    case QueueEntry::State::Claimed:
        return tr("being driven");
    case QueueEntry::State::Parked:
        return tr("parked");
    case QueueEntry::State::Done:
        return tr("done");
    }
    return {};
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size() || index.column() >= ColumnCount)
        return {};
    const QueueEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Run:
            return e.runId;
        case Task:
            return e.taskId;
        case Priority:
            return e.priority;
        case State:
            return stateText(e);
        case Runner:
            return e.runner.isEmpty() ? QStringLiteral("—") : e.runner;
        case Claims:
            return e.claims;
        case Spent:
            return QStringLiteral("$%1").arg(e.spent, 0, 'f', 2);
        case Note:
            return e.note;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Claims && e.claims > 1)
        return tr("Taken over %n time(s): a runner stopped or lost its lease and another resumed the run.",
                  nullptr, e.claims - 1);
    if (role == Qt::ForegroundRole && index.column() == State && e.leaseExpired(m_now))
        return QBrush(QColor(0x8a, 0x1c, 0x1c));
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Priority || index.column() == Claims || index.column() == Spent))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Run:
        return tr("Run");
    case Task:
        return tr("Task");
    case Priority:
        return tr("Priority");
    case State:
        return tr("State");
    case Runner:
        return tr("Runner");
    case Claims:
        return tr("Claims");
    case Spent:
        return tr("Spent");
    case Note:
        return tr("Note");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace harness::ui
