// EventListModel: the events of one run between two seqs, fetched lazily in pages on the store thread
// (canFetchMore/fetchMore), so a bar of a hundred thousand events opens at once.
#pragma once

#include "core/event.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace harness::ui {

class RepositorySession;

class EventListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kPage = 400;
    enum Column { SeqColumn, TimeColumn, ActorColumn, KindColumn, SummaryColumn, ColumnCount };

    explicit EventListModel(QObject *parent = nullptr);
    void setSession(RepositorySession *session);
    // Shows the run's events fromSeq..toSeq (toSeq < 0: to the end).
    void setRange(const QString &runId, qint64 fromSeq, qint64 toSeq);
    void clear();
    // The range is still growing (a live bar): lets fetchMore look again for new events.
    void markMayGrow();
    const Event &event(int row) const { return m_events.at(row); }
    bool isFetching() const { return m_fetching; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A one-line description of an event for lists.
    static QString summary(const Event &event);

Q_SIGNALS:
    void fetched(int rows);
    void fetchFailed(const QString &message);

private:
    QPointer<RepositorySession> m_session;
    QString m_runId;
    qint64 m_nextSeq = 1;
    qint64 m_toSeq = -1;
    bool m_atEnd = true;
    bool m_fetching = false;
    quint64 m_generation = 0;
    QList<Event> m_events;
};

} // namespace harness::ui
