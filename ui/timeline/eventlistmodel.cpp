// EventListModel: fetchMore posts one page request; rows are inserted when it comes back.
#include "eventlistmodel.h"
#include "common/repositorysession.h"
#include "eventtext.h"

namespace harness::ui {

EventListModel::EventListModel(QObject *parent) : QAbstractTableModel(parent) { }

void EventListModel::setSession(RepositorySession *session)
{
    m_session = session;
    clear();
}

void EventListModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_events.clear();
    m_runId.clear();
    m_atEnd = true;
    m_fetching = false;
    endResetModel();
}

void EventListModel::setRange(const QString &runId, qint64 fromSeq, qint64 toSeq)
{
    beginResetModel();
    ++m_generation;
    m_events.clear();
    m_runId = runId;
    m_nextSeq = qMax<qint64>(1, fromSeq);
    m_toSeq = toSeq;
    m_atEnd = runId.isEmpty();
    m_fetching = false;
    endResetModel();
}

void EventListModel::markMayGrow()
{
    if (!m_runId.isEmpty())
        m_atEnd = false;
}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventListModel::summary(const Event &e)
{
    return EventText::title(e);
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const Event &e = m_events.at(index.row());
    if (role == Qt::UserRole)
        return e.seq;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeqColumn:
        return e.seq;
    case TimeColumn:
        return e.time.toLocalTime().toString(QStringLiteral("hh:mm:ss.zzz"));
    case ActorColumn:
        // A runner's event says which runner, on which machine, wrote it.
        if (e.runner.isEmpty())
            return e.actor;
        return tr("%1 · runner %2")
                .arg(e.actor, e.host.isEmpty() ? e.runner : tr("%1 on %2").arg(e.runner, e.host));
    case KindColumn:
        return e.kind;
    case SummaryColumn:
        return summary(e);
    }
    return {};
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("Seq");
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Actor");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("What happened");
    }
    return {};
}

bool EventListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && !m_atEnd && !m_fetching;
}

void EventListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const QString run = m_runId;
    const qint64 from = m_nextSeq, to = m_toSeq;
    const quint64 generation = m_generation;
    m_session->worker()->post(
            this, [run, from, to](Store &store) { return store.events(run, from, to, kPage); },
            [this, generation](const Result<QList<Event>> &page) {
                if (generation != m_generation)
                    return; // the range changed meanwhile
                m_fetching = false;
                if (!page) {
                    m_atEnd = true;
                    Q_EMIT fetchFailed(tr("Events could not be read: %1").arg(page.errorText()));
                    return;
                }
                if (page->size() < kPage)
                    m_atEnd = true;
                if (!page->isEmpty()) {
                    // Where the next page starts is set before the rows go in: a fetchMore() from a slot
                    // of rowsAboutToBeInserted/rowsInserted must not ask for this page again.
                    m_nextSeq = page->last().seq + 1;
                    beginInsertRows({}, int(m_events.size()), int(m_events.size() + page->size() - 1));
                    m_events.append(*page);
                    endInsertRows();
                }
                Q_EMIT fetched(int(page->size()));
            });
}

} // namespace harness::ui
