// RunnerRoster: the runners table (times in milliseconds since the epoch on the database's clock).
#include "runnerroster.h"
#include "storenotifier.h"

#include <QVariant>

namespace harness {

namespace {
QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}
} // namespace

Status RunnerRoster::enroll(const RunnerInfo &r, int staleAfterMs)
{
    if (r.name.trimmed().isEmpty())
        return Status::failure(QStringLiteral("a runner needs a name (--name)"), QStringLiteral("name"));
    const QString now = m_connections.nowMsSql();
    // Insert, or take the row over when it is this process's, or its holder stopped or went silent.
    auto q = m_connections.execute(
            QStringLiteral(
                    "INSERT INTO runners (name, host, instance, capacity, version, started, heartbeat, "
                    "state, note) VALUES (?, ?, ?, ?, ?, %1, %1, 'running', '') "
                    "ON CONFLICT (name) DO UPDATE SET host = excluded.host, instance = excluded.instance, "
                    "capacity = excluded.capacity, version = excluded.version, started = excluded.started, "
                    "heartbeat = excluded.heartbeat, state = 'running', note = '' "
                    "WHERE runners.instance = excluded.instance OR runners.state = 'stopped' "
                    "OR runners.heartbeat < %1 - ?")
                    .arg(now),
            {r.name, r.host, r.instance, r.capacity, r.version, staleAfterMs},
            QStringLiteral("enroll runner %1 in").arg(r.name));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Status::failure(
                QStringLiteral("another runner named \"%1\" is alive (it sent a heartbeat in the last %2 s); "
                               "give this one another --name, or stop the other first")
                        .arg(r.name)
                        .arg(staleAfterMs / 1000));
    m_connections.announce({StoreNotifier::kRunners});
    return success();
}

Result<bool> RunnerRoster::heartbeat(const QString &name, const QString &instance, const QString &state,
                                     const QString &note)
{
    auto q = m_connections.execute(
            QStringLiteral(
                    "UPDATE runners SET heartbeat = %1, state = ?, note = ? WHERE name = ? AND instance = ?")
                    .arg(m_connections.nowMsSql()),
            {state, note.isNull() ? QStringLiteral("") : note, name, instance},
            QStringLiteral("record the heartbeat of runner %1 in").arg(name));
    if (!q)
        return q.error();
    const bool ours = q->numRowsAffected() > 0;
    m_connections.announce({StoreNotifier::kRunners});
    return ours;
}

Result<QList<RunnerInfo>> RunnerRoster::runners()
{
    auto q = m_connections.execute(
            QStringLiteral(
                    "SELECT r.name, r.host, r.instance, r.capacity, r.version, r.started, r.heartbeat, "
                    "r.state, r.note, (SELECT count(*) FROM run_queue q WHERE q.runner = r.name AND "
                    "q.state = 'claimed' AND q.lease_until >= %1) FROM runners r "
                    "ORDER BY r.heartbeat DESC, r.name")
                    .arg(m_connections.nowMsSql()),
            {}, QStringLiteral("read the runners of"));
    if (!q)
        return q.error();
    QList<RunnerInfo> out;
    while (q->next()) {
        RunnerInfo r;
        r.name = q->value(0).toString();
        r.host = q->value(1).toString();
        r.instance = q->value(2).toString();
        r.capacity = q->value(3).toInt();
        r.version = q->value(4).toString();
        r.started = fromMs(q->value(5).toLongLong());
        r.heartbeat = fromMs(q->value(6).toLongLong());
        r.state = q->value(7).toString();
        r.note = q->value(8).toString();
        r.runs = q->value(9).toInt();
        out.append(r);
    }
    return out;
}

Result<QDateTime> RunnerRoster::now()
{
    auto q = m_connections.execute(QStringLiteral("SELECT %1").arg(m_connections.nowMsSql()), {},
                                   QStringLiteral("read the clock of"));
    if (!q)
        return q.error();
    if (!q->next())
        return Result<QDateTime>::failure(QStringLiteral("the database gave no time"));
    return fromMs(q->value(0).toLongLong());
}

} // namespace harness
