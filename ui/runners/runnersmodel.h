// RunnersModel: the runners serving the store as a table — name, host, state, runs out of capacity, last
// heartbeat (how long ago, by the database's clock) and version. Filled from RunnerRoster::runners() read
// off the GUI thread; rows are updated in place so a selection survives a refresh.
#pragma once

#include "store/runnerroster.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace harness::ui {

class RunnersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Host, State, Runs, Heartbeat, Version, ColumnCount };
    // A runner silent for longer than this shows as offline (a lease is 30 s by default).
    static constexpr int kStaleAfterMs = 90000;

    explicit RunnersModel(QObject *parent = nullptr);

    // now: the database's clock when the list was read (heartbeats are in that clock).
    void setRunners(const QList<RunnerInfo> &runners, const QDateTime &now);
    const QList<RunnerInfo> &runners() const { return m_runners; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "12 s ago", "3 min ago", "never".
    static QString age(const QDateTime &then, const QDateTime &now);

private:
    QString stateText(const RunnerInfo &r) const;

    QList<RunnerInfo> m_runners;
    QDateTime m_now;
};

} // namespace harness::ui
