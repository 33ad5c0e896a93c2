// QueueModel: the run queue as a table — run, task, priority, state (a claimed run whose lease ran out
// shows as waiting for takeover), the runner that holds or last held it, how often it was claimed, money
// spent and the queue's note. Filled from RunQueue::entries() read off the GUI thread; rows are keyed by
// run and updated in place, so a selection survives a refresh.
#pragma once

#include "store/runqueue.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace harness::ui {

class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Run, Task, Priority, State, Runner, Claims, Spent, Note, ColumnCount };

    explicit QueueModel(QObject *parent = nullptr);

    // now: the database's clock when the entries were read (leases are in that clock).
    void setEntries(const QList<QueueEntry> &entries, const QDateTime &now);
    const QList<QueueEntry> &entries() const { return m_entries; }
    // The entry of a row (nullptr out of range).
    const QueueEntry *entryAt(int row) const;
    int rowOf(const QString &runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString stateText(const QueueEntry &e) const;

private:
    QList<QueueEntry> m_entries;
    QDateTime m_now;
};

} // namespace harness::ui
