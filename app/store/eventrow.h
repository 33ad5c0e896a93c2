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
    // Whether a kind is lower_snake: [a-z][a-z0-9_]*.
    static bool isLowerSnake(const QString &kind);
    // Reads the event at the query's current row (columns() order).
    static Event read(const QSqlQuery &query);
    // Reads log_id, run_id, seq, time, actor, kind and payload (NULL: an empty payload) at the current row.
    static Event readHead(const QSqlQuery &query);
    // The stored form of a time: UTC, ISO 8601 with milliseconds (what Event::canonicalBytes hashes).
    static QString timeText(const QDateTime &time);
    // A stored time read back (the inverse of timeText(); other ISO 8601 forms are read too).
    static QDateTime readTime(const QString &text);
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
    // The tail with the places of its fields: the writer binds the stored columns from it (UTF-8 views
    // into the tail, valid while it lives) instead of converting every field once more.
    struct Tail
    {
        QByteArray bytes; // 0x1f time 0x1f actor 0x1f kind 0x1f payload-json 0x1f
        qsizetype timeSize = 0;
        qsizetype actorSize = 0;
        qsizetype kindSize = 0;
        QByteArray time() const { return view(1, timeSize); }
        QByteArray actor() const { return view(2 + timeSize, actorSize); }
        QByteArray kind() const { return view(3 + timeSize + actorSize, kindSize); }
        QByteArray payload() const
        {
            const qsizetype from = 4 + timeSize + actorSize + kindSize;
            return view(from, bytes.size() - from - 1);
        }

    private:
        QByteArray view(qsizetype from, qsizetype size) const
        {
            return QByteArray::fromRawData(bytes.constData() + from, size);
        }
    };
    static Tail tail(const Event &event, const QString &timeText, const QByteArray &payloadJson);
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
