// EventRow: how an Event maps to a row of the events table (columns, time format, payload text), shared
// by the writer, the readers, the schema migration and the chain check so they agree byte for byte.
#pragma once

#include "core/event.h"

#include <QSqlQuery>

namespace harness {

class EventRow
{
public:
    // The columns in the order read() expects, for "SELECT <columns> FROM events ...".
    static QString columns();
    // Reads the event at the query's current row (columns() order).
    static Event read(const QSqlQuery &query);
    // The stored form of a time: UTC, ISO 8601 with milliseconds (what Event::canonicalBytes hashes).
    static QString timeText(const QDateTime &time);
    // A time as it reads back from the store: UTC, millisecond precision.
    static QDateTime normalizedTime(const QDateTime &time);
    static QString payloadText(const QJsonObject &payload);
    // Qt Sql binds a null QString as SQL NULL; the store keeps empty text ('') instead.
    static QString text(const QString &value) { return value.isNull() ? QStringLiteral("") : value; }
    static QString text(const QByteArray &latin1)
    {
        return latin1.isEmpty() ? QStringLiteral("") : QString::fromLatin1(latin1);
    }
};

} // namespace harness
