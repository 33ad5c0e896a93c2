// AuditModel: one store job scans pages until it has kWanted matches or reaches the end of the log;
// the trail grows at the end, so a model at its end looks again when the log advances.
#include "auditmodel.h"
#include "common/repositorysession.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonDocument>

namespace harness::ui {

AuditModel::AuditModel(QObject *parent) : QAbstractTableModel(parent) { }

void AuditModel::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_broken = 0;
    if (session)
        connect(session, &RepositorySession::logAdvanced, this, [this]() {
            if (m_atEnd && !m_fetching) {
                m_atEnd = false;
                fetchMore({});
            }
        });
    reload();
}

void AuditModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void AuditModel::startAt(qint64 logId)
{
    beginResetModel();
    ++m_generation;
    m_events.clear();
    m_next = qMax<qint64>(1, logId);
    m_atEnd = !m_session;
    m_fetching = false;
    endResetModel();
    if (m_session)
        fetchMore({});
}

void AuditModel::setBrokenLogId(qint64 logId)
{
    m_broken = logId;
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int AuditModel::rowOfLogId(qint64 logId) const
{
    for (int i = 0; i < m_events.size(); ++i)
        if (m_events[i].logId == logId)
            return i;
    return -1;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const Event &e = m_events.at(index.row());
    const bool broken = m_broken != 0 && e.logId == m_broken;
    if (role == Qt::BackgroundRole && broken)
        return QBrush(QColor(0xfd, 0xd8, 0xdb));
    if (role == Qt::ForegroundRole && broken)
        return QBrush(QColor(0x8a, 0x1c, 0x1c));
    if (role == Qt::FontRole && broken) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole) {
        QString tip = QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Indented));
        if (tip.size() > 4000)
            tip = tip.left(4000) + QStringLiteral("…");
        return (broken ? tr("First broken link of the chain.") + QStringLiteral("\n\n") : QString()) + tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LogIdColumn:
        return e.logId;
    case TimeColumn:
        return e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
    case RunColumn:
        return e.runId.isEmpty() ? QString() : QStringLiteral("%1 #%2").arg(e.runId).arg(e.seq);
    case ActorColumn:
        return e.actor;
    case KindColumn:
        return e.kind;
    case HashColumn:
        return QString::fromLatin1(e.hash.left(16));
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LogIdColumn:
        return tr("Log id");
    case TimeColumn:
        return tr("Time");
    case RunColumn:
        return tr("Run");
    case ActorColumn:
        return tr("Actor");
    case KindColumn:
        return tr("Kind");
    case HashColumn:
        return tr("Hash");
    }
    return {};
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && !m_atEnd && !m_fetching;
}

void AuditModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    struct Out
    {
        QList<Event> matches;
        qint64 next = 1;
        bool atEnd = false;
        QString error;
    };
    const AuditFilter filter = m_filter;
    const qint64 start = m_next;
    const quint64 generation = m_generation;
    m_session->worker()->post(
            this,
            [filter, start](Store &store) {
                Out out;
                out.next = start;
                // Bounded work per job: at most 50 pages even when the filter matches little.
                for (int pages = 0; pages < 50 && out.matches.size() < kWanted; ++pages) {
                    auto page = store.eventsFromLog(out.next, kScanPage);
                    if (!page) {
                        out.error = page.errorText();
                        return out;
                    }
                    for (const Event &e : *page) {
                        out.next = e.logId + 1;
                        if (filter.matches(e))
                            out.matches.append(e);
                    }
                    if (page->size() < kScanPage) {
                        out.atEnd = true;
                        break;
                    }
                }
                return out;
            },
            [this, generation](const Out &out) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                if (!out.error.isEmpty()) {
                    m_atEnd = true;
                    Q_EMIT fetchFailed(tr("The audit trail could not be read: %1").arg(out.error));
                    return;
                }
                m_next = out.next;
                m_atEnd = out.atEnd;
                if (!out.matches.isEmpty()) {
                    beginInsertRows({}, int(m_events.size()), int(m_events.size() + out.matches.size() - 1));
                    m_events.append(out.matches);
                    endInsertRows();
                }
                Q_EMIT fetched(int(out.matches.size()));
            });
}

} // namespace harness::ui
