// EventRow: the row form of an event.
#include "eventrow.h"

#include <QJsonDocument>
#include <QVariant>
#include <charconv>
#include <openssl/sha.h>
#include <string>

namespace harness {

bool EventRow::isLowerSnake(const QString &kind)
{
    if (kind.isEmpty() || kind.front() < u'a' || kind.front() > u'z')
        return false;
    for (const QChar c : kind)
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    return true;
}

Status EventRow::validate(const Event &e, qsizetype index)
{
    if (!isLowerSnake(e.kind))
        return Status::failure(QStringLiteral("kind \"%1\" must be lower_snake (e.g. tool_call)").arg(e.kind),
                               QStringLiteral("events[%1].kind").arg(index));
    if (!isValidActor(e.actor))
        return Status::failure(
                QStringLiteral("actor \"%1\" must be human:<name>, agent:<model> or harness").arg(e.actor),
                QStringLiteral("events[%1].actor").arg(index));
    return success();
}

QString EventRow::columns()
{
    return QStringLiteral("log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash, runner, host");
}

namespace {
// The columns read() and readHead() share, in columns()'s order.
Event readIdentity(const QSqlQuery &query)
{
    Event e;
    e.logId = query.value(0).toLongLong();
    e.runId = query.value(1).toString();
    e.seq = query.value(2).toLongLong();
    e.time = EventRow::readTime(query.value(3).toString());
    e.actor = query.value(4).toString();
    e.kind = query.value(5).toString();
    return e;
}
} // namespace

Event EventRow::read(const QSqlQuery &query)
{
    Event e = readIdentity(query);
    e.payload = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
    e.prevHash = query.value(7).toString().toLatin1();
    e.hash = query.value(8).toString().toLatin1();
    e.runner = query.value(9).toString();
    e.host = query.value(10).toString();
    return e;
}

Event EventRow::readHead(const QSqlQuery &query)
{
    Event e = readIdentity(query);
    if (const QVariant json = query.value(6); !json.isNull())
        e.payload = QJsonDocument::fromJson(json.toString().toUtf8()).object();
    return e;
}

QString EventRow::timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime EventRow::readTime(const QString &text)
{
    // timeText()'s form, yyyy-MM-ddTHH:mm:ss.zzzZ, is read here without the general ISO 8601 parser.
    const auto digits = [&text](qsizetype from, qsizetype count) {
        int n = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            n = n * 10 + (c - u'0');
        }
        return n;
    };
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' &&
        text.at(13) == u':' && text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z') {
        const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
        const int hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2), ms = digits(20, 3);
        const QDate date = year > 0 && month > 0 && day > 0 ? QDate(year, month, day) : QDate();
        if (date.isValid() && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 &&
            second < 60 && ms >= 0) {
            constexpr qint64 kUnixEpochJulianDay = 2440588;
            const qint64 msecs = (date.toJulianDay() - kUnixEpochJulianDay) * 86400000 +
                    ((hour * 60 + minute) * 60 + second) * 1000 + ms;
            return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        }
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs);
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
    return tail(event, timeText, payloadJson).bytes;
}

EventRow::Tail EventRow::tail(const Event &event, const QString &timeText, const QByteArray &payloadJson)
{
    const QByteArray actor = event.actor.toUtf8();
    const QByteArray kind = event.kind.toUtf8();
    Tail t;
    t.timeSize = timeText.size(); // ISO 8601: ASCII
    t.actorSize = actor.size();
    t.kindSize = kind.size();
    QByteArray &bytes = t.bytes;
    bytes.reserve(timeText.size() + actor.size() + kind.size() + payloadJson.size() + 5);
    bytes += '\x1f';
    bytes += timeText.toLatin1();
    bytes += '\x1f';
    bytes += actor;
    bytes += '\x1f';
    bytes += kind;
    bytes += '\x1f';
    bytes += payloadJson;
    bytes += '\x1f';
    return t;
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
    // One buffer per thread, reused: the writer hashes every event between two commits.
    thread_local std::string bytes;
    bytes.clear();
    char number[24];
    const auto append = [](std::string &to, const QByteArray &b) {
        to.append(b.constData(), size_t(b.size()));
    };
    bytes.append(number, std::to_chars(number, number + sizeof number, logId).ptr);
    bytes += '\x1f';
    append(bytes, runIdUtf8);
    bytes += '\x1f';
    bytes.append(number, std::to_chars(number, number + sizeof number, seq).ptr);
    append(bytes, tail);
    append(bytes, prevHash);
    append(bytes, origin);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), digest);
    static constexpr char hex[] = "0123456789abcdef";
    QByteArray out(2 * SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    char *to = out.data();
    for (const unsigned char byte : digest) {
        *to++ = hex[byte >> 4];
        *to++ = hex[byte & 0xf];
    }
    return out;
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
