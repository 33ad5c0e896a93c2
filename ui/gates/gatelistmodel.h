// GateListModel: one row per gate of a verification — its status, how long it took, how many findings.
#pragma once

#include "core/gateresult.h"

#include <QAbstractTableModel>

namespace harness::ui {

class GateListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { GateColumn, StatusColumn, DurationColumn, FindingsColumn, ColumnCount };

    explicit GateListModel(QObject *parent = nullptr);
    void setResults(const QList<GateResult> &results);
    const QList<GateResult> &results() const { return m_results; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString durationText(qint64 ms);
    static QString statusText(GateStatus status); // translated

private:
    QList<GateResult> m_results;
};

} // namespace harness::ui
