// AuditModel: the hash-chained trail as a table, fetched lazily from the store thread in pages
// (canFetchMore/fetchMore) and filtered while it is read, so a log of millions of events opens at once.
#pragma once

#include "audit/auditfilter.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace harness::ui {

class RepositorySession;

class AuditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kScanPage = 2000; // events read per store job
    static constexpr int kWanted = 300; // matching events a fetch tries to deliver

    enum Column { LogIdColumn, TimeColumn, RunColumn, ActorColumn, KindColumn, HashColumn, ColumnCount };

    explicit AuditModel(QObject *parent = nullptr);
    void setSession(RepositorySession *session);
    void setFilter(const AuditFilter &filter);
    AuditFilter filter() const { return m_filter; }
    // Restarts the listing at a log position (to show a given event, e.g. the first broken link).
    void startAt(qint64 logId);
    void reload() { startAt(1); }
    // The row drawn as the first broken link of the chain (0: none).
    void setBrokenLogId(qint64 logId);
    qint64 brokenLogId() const { return m_broken; }
    int rowOfLogId(qint64 logId) const;
    const Event &event(int row) const { return m_events.at(row); }
    bool isFetching() const { return m_fetching; }
    bool atEnd() const { return m_atEnd; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void fetched(int rows);
    void fetchFailed(const QString &message);

private:
    QPointer<RepositorySession> m_session;
    AuditFilter m_filter;
    QList<Event> m_events;
    qint64 m_next = 1;
    qint64 m_broken = 0;
    bool m_atEnd = true;
    bool m_fetching = false;
    quint64 m_generation = 0;
};

} // namespace harness::ui
