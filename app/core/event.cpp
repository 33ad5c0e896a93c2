// Event construction, canonical form, hashing and JSON round-trip.
#include "event.h"
#include "jsonreader.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

namespace harness {

Event Event::make(QString runId, QString actor, QString kind, QJsonObject payload)
{
    Event e;
    e.runId = std::move(runId);
    e.actor = std::move(actor);
    e.kind = std::move(kind);
    e.payload = std::move(payload);
    e.time = QDateTime::currentDateTimeUtc();
    return e;
}

QByteArray Event::canonicalBytes() const
{
    // QJsonDocument::Compact sorts object keys, which makes the payload bytes deterministic.
    QByteArray out;
    out.reserve(128);
    out += QByteArray::number(logId) + '\x1f' + runId.toUtf8() + '\x1f' + QByteArray::number(seq) + '\x1f' +
            time.toUTC().toString(Qt::ISODateWithMs).toUtf8() + '\x1f' + actor.toUtf8() + '\x1f' +
            kind.toUtf8() + '\x1f' + QJsonDocument(payload).toJson(QJsonDocument::Compact) + '\x1f' +
            prevHash;
    if (!runner.isEmpty() || !host.isEmpty())
        out += '\x1f' + runner.toUtf8() + '\x1f' + host.toUtf8();
    return out;
}

QByteArray Event::computeHash() const
{
    return QCryptographicHash::hash(canonicalBytes(), QCryptographicHash::Sha256).toHex();
}

QJsonObject Event::toJson() const
{
    QJsonObject o {{QStringLiteral("log_id"), logId},
                   {QStringLiteral("run"), runId},
                   {QStringLiteral("seq"), seq},
                   {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                   {QStringLiteral("actor"), actor},
                   {QStringLiteral("kind"), kind},
                   {QStringLiteral("payload"), payload}};
    if (!prevHash.isEmpty())
        o.insert(QStringLiteral("prev_hash"), QString::fromLatin1(prevHash));
    if (!hash.isEmpty())
        o.insert(QStringLiteral("hash"), QString::fromLatin1(hash));
    if (!runner.isEmpty())
        o.insert(QStringLiteral("runner"), runner);
    if (!host.isEmpty())
        o.insert(QStringLiteral("host"), host);
    return o;
}

Result<Event> Event::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Event e;
    e.logId = r.integer(QStringLiteral("log_id"), false, 0);
    e.runId = r.optionalString(QStringLiteral("run"));
    e.seq = r.integer(QStringLiteral("seq"), false, 0);
    const QString time = r.string(QStringLiteral("time"));
    e.actor = r.string(QStringLiteral("actor"));
    e.kind = r.string(QStringLiteral("kind"));
    e.payload = r.object(QStringLiteral("payload"), false);
    e.prevHash = r.optionalString(QStringLiteral("prev_hash")).toLatin1();
    e.hash = r.optionalString(QStringLiteral("hash")).toLatin1();
    e.runner = r.optionalString(QStringLiteral("runner"));
    e.host = r.optionalString(QStringLiteral("host"));
    if (r.ok()) {
        e.time = QDateTime::fromString(time, Qt::ISODateWithMs);
        if (!e.time.isValid())
            r.fail(QStringLiteral("time"), QStringLiteral("must be an ISO 8601 date and time"));
        else if (!isValidActor(e.actor))
            r.fail(QStringLiteral("actor"), QStringLiteral("must be human:<name>, agent:<model> or harness"));
    }
    if (!r.ok())
        return r.error();
    return e;
}

bool isValidActor(const QString &actor)
{
    static const QRegularExpression re(QStringLiteral(R"(^(harness|human:\S.*|agent:\S.*)$)"));
    return re.match(actor).hasMatch();
}

} // namespace harness
