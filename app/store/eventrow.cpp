// EventRow: the row form of an event.
#include "eventrow.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QVariant>
#include <openssl/sha.h>

namespace harness {

Status EventRow::validate(const Event &e, qsizetype index)
{
    static const QRegularExpression kind(QStringLiteral("^[a-z][a-z0-9_]*$"));
    const QString field = QStringLiteral("events[%1]").arg(index);
    if (!kind.match(e.kind).hasMatch())
        return Status::failure(QStringLiteral("kind \"%1\" must be lower_snake (e.g. tool_call)").arg(e.kind),
                               field + QStringLiteral(".kind"));
    if (!isValidActor(e.actor))
        return Status::failure(
                QStringLiteral("actor \"%1\" must be human:<name>, agent:<model> or harness").arg(e.actor),
                field + QStringLiteral(".actor"));
    return success();
}

QString EventRow::columns()
{
    return QStringLiteral("log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash, runner, host");
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
    e.runner = query.value(9).toString();
    e.host = query.value(10).toString();
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
    return QString::fromUtf8(payloadJson(payload));
}

QByteArray EventRow::payloadJson(const QJsonObject &payload)
{
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

QByteArray EventRow::canonicalTail(const Event &event, const QString &timeText, const QByteArray &payloadJson)
{
    const QByteArray actor = event.actor.toUtf8();
    const QByteArray kind = event.kind.toUtf8();
    QByteArray tail;
    tail.reserve(timeText.size() + actor.size() + kind.size() + payloadJson.size() + 5);
    tail += '\x1f';
    tail += timeText.toLatin1();
    tail += '\x1f';
    tail += actor;
    tail += '\x1f';
    tail += kind;
    tail += '\x1f';
    tail += payloadJson;
    tail += '\x1f';
    return tail;
}

QByteArray EventRow::originSuffix(const QString &runner, const QString &host)
{
    if (runner.isEmpty() && host.isEmpty())
        return {};
    return '\x1f' + runner.toUtf8() + '\x1f' + host.toUtf8();
}

QByteArray EventRow::chainHash(qint64 logId, const QByteArray &runIdUtf8, qint64 seq, const QByteArray &tail,
                               const QByteArray &prevHash, const QByteArray &origin)
{
    QByteArray bytes;
    bytes.reserve(runIdUtf8.size() + tail.size() + prevHash.size() + origin.size() + 48);
    bytes += QByteArray::number(logId);
    bytes += '\x1f';
    bytes += runIdUtf8;
    bytes += '\x1f';
    bytes += QByteArray::number(seq);
    bytes += tail;
    bytes += prevHash;
    bytes += origin;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()), digest);
    return QByteArray::fromRawData(reinterpret_cast<const char *>(digest), SHA256_DIGEST_LENGTH).toHex();
}

bool EventRow::chainHashMatchesCore()
{
    static const bool matches = [] {
        Event samples[3];
        samples[0] = Event::make(QString(), QStringLiteral("harness"), QStringLiteral("task_added"));
        samples[1] = Event::make(QString::fromUtf8("R\u00e9"), QString::fromUtf8("human:J\u00fcrgen"),
                                 QStringLiteral("note"),
                                 {{QStringLiteral("z"), 0.5},
                                  {QStringLiteral("a"), QJsonObject {{QStringLiteral("k"), true}}}});
        samples[1].seq = 12;
        samples[1].logId = 345;
        samples[1].prevHash = QByteArray(64, 'c');
        samples[2] = samples[1];
        samples[2].runner = QString::fromUtf8("r\u00e9-1");
        samples[2].host = QStringLiteral("node-7");
        for (Event &e : samples) {
            e.time = normalizedTime(e.time);
            const QString time = timeText(e.time);
            const QByteArray tail = canonicalTail(e, time, payloadJson(e.payload));
            if (chainHash(e.logId, e.runId.toUtf8(), e.seq, tail, e.prevHash,
                          originSuffix(e.runner, e.host)) != e.computeHash())
                return false;
        }
        return true;
    }();
    return matches;
}

} // namespace harness
