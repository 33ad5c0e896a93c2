// EventRow: how an Event maps to a row of the events table (columns, time format, payload text), shared
// by the writer, the readers, the schema migration and the chain check so they agree byte for byte.
#pragma once

#include "core/event.h"
#include "core/result.h"

#include <QSqlQuery>

namespace harness {

class EventRow
{
public:
    // The columns in the order read() expects, for "SELECT <columns> FROM events ...".
    static QString columns();
    // Whether an event may be appended: a lower_snake kind and a known actor form; the error names
    // events[index].
    static Status validate(const Event &e, qsizetype index);
    // Reads the event at the query's current row (columns() order).
    static Event read(const QSqlQuery &query);
    // The stored form of a time: UTC, ISO 8601 with milliseconds (what Event::canonicalBytes hashes).
    static QString timeText(const QDateTime &time);
    // A time as it reads back from the store: UTC, millisecond precision.
    static QDateTime normalizedTime(const QDateTime &time);
    static QString payloadText(const QJsonObject &payload);
    static QByteArray payloadJson(const QJsonObject &payload); // compact, keys sorted (as canonicalBytes)
    // The hash chain without re-serializing: Event::canonicalBytes() is
    //   logId 0x1f runId 0x1f seq 0x1f time 0x1f actor 0x1f kind 0x1f payload-json 0x1f prevHash
    //   [0x1f runner 0x1f host] (the origin, only when one of them is set),
    // and everything after seq up to prevHash ("the tail") is known before the write transaction, so
    // it is built on the appending thread. chainHash() equals Event::computeHash() (verifyChain() checks
    // every stored hash with computeHash()).
    static QByteArray canonicalTail(const Event &event, const QString &timeText,
                                    const QByteArray &payloadJson);
    static QByteArray chainHash(qint64 logId, const QByteArray &runIdUtf8, qint64 seq, const QByteArray &tail,
                                const QByteArray &prevHash, const QByteArray &origin);
    // The origin part of the canonical form (empty when neither runner nor host is set).
    static QByteArray originSuffix(const QString &runner, const QString &host);
    // Whether chainHash() still equals Event::computeHash() (checked once on sample events); when the
    // canonical form in core changes, the writer falls back to computeHash() instead of forking the chain.
    static bool chainHashMatchesCore();
    // Qt Sql binds a null QString as SQL NULL; the store keeps empty text ('') instead.
    static QString text(const QString &value) { return value.isNull() ? QStringLiteral("") : value; }
    static QString text(const QByteArray &latin1)
    {
        return latin1.isEmpty() ? QStringLiteral("") : QString::fromLatin1(latin1);
    }
};

} // namespace harness
