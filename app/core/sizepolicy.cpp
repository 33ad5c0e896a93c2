// SizePolicy: cuts keep a head and a tail on UTF-8 boundaries plus the size and SHA-256 of the whole.
#include "sizepolicy.h"

#include "event.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <optional>

namespace harness {

namespace {

// The largest n <= limit such that bytes.left(n) does not end inside a UTF-8 sequence.
qsizetype headBoundary(const QByteArray &bytes, qsizetype limit)
{
    if (limit >= bytes.size())
        return bytes.size();
    qsizetype n = qMax<qsizetype>(0, limit);
    while (n > 0 && (static_cast<unsigned char>(bytes.at(n)) & 0xC0) == 0x80)
        --n;
    return n;
}

// The smallest start >= bytes.size() - limit that begins a UTF-8 sequence.
qsizetype tailStart(const QByteArray &bytes, qsizetype limit)
{
    qsizetype n = qMax<qsizetype>(0, bytes.size() - limit);
    while (n < bytes.size() && (static_cast<unsigned char>(bytes.at(n)) & 0xC0) == 0x80)
        ++n;
    return n;
}

} // namespace

qint64 SizePolicy::utf8Size(const QString &text)
{
    return text.toUtf8().size();
}

bool SizePolicy::exceeds(const QString &text, qint64 limitBytes)
{
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: only the middle band needs the conversion.
    if (qint64(text.size()) > limitBytes)
        return true;
    if (qint64(text.size()) * 3 <= limitBytes)
        return false;
    return utf8Size(text) > limitBytes;
}

QJsonObject SizePolicy::cut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    const qsizetype head = headBoundary(bytes, kCutHeadBytes);
    const qsizetype tail = qMax(head, tailStart(bytes, kCutTailBytes));
    return QJsonObject {
            {QStringLiteral("cut"), true},
            {QStringLiteral("size"), qint64(bytes.size())},
            {QStringLiteral("sha256"),
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("head"), QString::fromUtf8(bytes.left(head))},
            {QStringLiteral("tail"), QString::fromUtf8(bytes.mid(tail))}};
}

bool SizePolicy::isCut(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    const QJsonObject o = value.toObject();
    return o.value(QStringLiteral("cut")).toBool() && o.contains(QStringLiteral("sha256")) &&
            o.contains(QStringLiteral("size"));
}

qint64 SizePolicy::originalSize(const QJsonValue &value)
{
    if (value.isString())
        return utf8Size(value.toString());
    if (isCut(value))
        return qint64(value.toObject().value(QStringLiteral("size")).toDouble());
    return 0;
}

namespace {

// The bounded form of a value, or nothing when it is within the limit (the common case copies nothing).
std::optional<QJsonValue> boundedIfNeeded(const QJsonValue &value, qint64 limitBytes)
{
    if (value.isString()) {
        if (!SizePolicy::exceeds(value.toString(), limitBytes))
            return std::nullopt;
        return QJsonValue(SizePolicy::cut(value.toString()));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        std::optional<QJsonObject> out;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (auto b = boundedIfNeeded(it.value(), limitBytes)) {
                if (!out)
                    out = object;
                out->insert(it.key(), *b);
            }
        }
        return out ? std::optional<QJsonValue>(*out) : std::nullopt;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        std::optional<QJsonArray> out;
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto b = boundedIfNeeded(array.at(i), limitBytes)) {
                if (!out)
                    out = array;
                out->replace(i, *b);
            }
        }
        return out ? std::optional<QJsonValue>(*out) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace

QJsonValue SizePolicy::bounded(const QJsonValue &value, qint64 limitBytes)
{
    auto b = boundedIfNeeded(value, limitBytes);
    return b ? *b : value;
}

QJsonObject SizePolicy::bounded(const QJsonObject &payload, qint64 limitBytes)
{
    auto b = boundedIfNeeded(QJsonValue(payload), limitBytes);
    return b ? b->toObject() : payload;
}

QList<Event> SizePolicy::bounded(QList<Event> events)
{
    for (Event &e : events)
        e.payload = bounded(e.payload);
    return events;
}

QString SizePolicy::sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    if (bytes >= 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace harness
