// EventRow: the row form of an event.
#include "eventrow.h"

#include <QJsonDocument>
#include <QVariant>

namespace harness {

QString EventRow::columns()
{
    return QStringLiteral("log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash");
}

Event EventRow::read(const QSqlQuery &query)
{
    Event e;
    e.logId = query.value(0).toLongLong();
    e.runId = query.value(1).toString();
    e.seq = query.value(2).toLongLong();
    e.time = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
    e.actor = query.value(4).toString();
    e.kind = query.value(5).toString();
    e.payload = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
    e.prevHash = query.value(7).toString().toLatin1();
    e.hash = query.value(8).toString().toLatin1();
    return e;
}

QString EventRow::timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime EventRow::normalizedTime(const QDateTime &time)
{
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC);
}

QString EventRow::payloadText(const QJsonObject &payload)
{
    return QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

} // namespace harness
