// SizePolicy: cuts keep a head and a tail on UTF-8 boundaries plus the size and SHA-256 of the whole.
#include "sizepolicy.h"

#include "event.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

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

QJsonObject SizePolicy::cut(const QString &text, int headBytes, int tailBytes)
{
    const QByteArray bytes = text.toUtf8();
    const qsizetype head = headBoundary(bytes, headBytes);
    const qsizetype tail = qMax(head, tailStart(bytes, tailBytes));
    return QJsonObject {
            {QStringLiteral("cut"), true},
            {QStringLiteral("size"), qint64(bytes.size())},
            {QStringLiteral("sha256"),
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("head"), QString::fromUtf8(bytes.left(head))},
            {QStringLiteral("tail"), QString::fromUtf8(bytes.mid(tail))}};
}

QJsonObject SizePolicy::cutJson(const QJsonValue &value, int headBytes)
{
    const bool isArray = value.isArray();
    const QByteArray json = isArray ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return QJsonObject {
            {QStringLiteral("cut"), true},
            {QStringLiteral("kind"), isArray ? QStringLiteral("array") : QStringLiteral("object")},
            {QStringLiteral("size"), qint64(json.size())},
            {QStringLiteral("sha256"),
             QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("head"), QString::fromUtf8(json.left(headBoundary(json, headBytes)))}};
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

namespace {

qint64 jsonStringBytes(QStringView s)
{
    qint64 n = 2;
    for (const QChar ch : s) {
        const char16_t c = ch.unicode();
        if (c < 0x20)
            n += (c == u'\b' || c == u'\f' || c == u'\n' || c == u'\r' || c == u'\t') ? 2 : 6;
        else if (c == u'"' || c == u'\\')
            n += 2;
        else if (c < 0x80)
            n += 1;
        else if (c < 0x800 || QChar::isSurrogate(c))
            n += 2; // a surrogate pair is 4 bytes
        else
            n += 3;
    }
    return n;
}

} // namespace

qint64 SizePolicy::jsonBytes(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return jsonStringBytes(value.toString());
    case QJsonValue::Bool:
        return value.toBool() ? 4 : 5;
    case QJsonValue::Double: {
        // Qt writes an integral value as an integer, anything else in its shortest exact form.
        const double d = value.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 9007199254740992.0)
            return QByteArray::number(qint64(d)).size();
        return QByteArray::number(d, 'g', QLocale::FloatingPointShortest).size();
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        qint64 n = 2 + qMax<qsizetype>(0, array.size() - 1);
        for (const QJsonValue &v : array)
            n += jsonBytes(v);
        return n;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        qint64 n = 2 + qMax<qsizetype>(0, object.size() - 1);
        for (auto it = object.begin(); it != object.end(); ++it)
            n += jsonStringBytes(it.key()) + 1 + jsonBytes(it.value());
        return n;
    }
    default:
        return 4;
    }
}

qint64 SizePolicy::stringBytes(const QJsonValue &value)
{
    if (value.isString())
        return utf8Size(value.toString());
    qint64 n = 0;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            n += stringBytes(v);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            n += stringBytes(it.value());
    }
    return n;
}

namespace {

// The largest head (and tail) a cut may keep to fit in `cap` bytes of JSON: half of what is left once
// the cut's own fields are counted, halved again until the escaped text fits.
template<typename MakeCut>
QJsonValue smallestFitting(qint64 cap, int largest, MakeCut makeCut)
{
    int keep = int(qBound<qint64>(0, (cap - 200) / 2, qint64(largest)));
    QJsonObject c = makeCut(keep);
    while (keep > 0 && SizePolicy::jsonBytes(c) > cap) {
        keep /= 2;
        c = makeCut(keep);
    }
    return c;
}

// A cut already made (by the field limit) shrunk to `cap`: same size and sha256, a shorter head/tail.
QJsonValue recut(const QJsonObject &cut, qint64 cap)
{
    return smallestFitting(cap, SizePolicy::kCutHeadBytes, [&cut](int keep) {
        QJsonObject c = cut;
        for (const char *key : {"head", "tail"}) {
            const QByteArray text = cut.value(QLatin1String(key)).toString().toUtf8();
            const QByteArray kept = QByteArray(key) == "head" ? text.left(headBoundary(text, keep))
                                                              : text.mid(tailStart(text, keep));
            c.insert(QLatin1String(key), QString::fromUtf8(kept));
        }
        return c;
    });
}

QList<qint64> fairShares(const QList<qint64> &sizes, qint64 budget)
{
    QList<qsizetype> order(sizes.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&sizes](qsizetype a, qsizetype b) { return sizes[a] < sizes[b]; });
    QList<qint64> shares(sizes.size(), 0);
    qint64 remaining = budget;
    for (qsizetype k = 0; k < order.size(); ++k) {
        const qint64 share = qMax<qint64>(0, remaining / (order.size() - k));
        if (sizes[order[k]] > share) {
            for (qsizetype j = k; j < order.size(); ++j)
                shares[order[j]] = share;
            break;
        }
        shares[order[k]] = sizes[order[k]];
        remaining -= sizes[order[k]];
    }
    return shares;
}

// `value` (of JSON size `size`) made to fit in `cap` bytes: a string or an array/object past it is
// cut; in a container each child gets a fair share of the cap, so the small ones stay whole and only
// the bulky ones are cut. The root is never cut itself, only its children.
QJsonValue fit(const QJsonValue &value, qint64 size, qint64 cap, bool root)
{
    if (size <= cap)
        return value;
    QJsonValue out = value;
    if (value.isString()) {
        const QString text = value.toString();
        out = smallestFitting(cap, SizePolicy::kCutHeadBytes,
                              [&text](int keep) { return SizePolicy::cut(text, keep, keep); });
    } else if (!root && SizePolicy::isCut(value)) {
        out = recut(value.toObject(), cap);
    } else if (value.isArray() || value.isObject()) {
        const bool isArray = value.isArray();
        const QJsonArray array = value.toArray();
        const QJsonObject object = value.toObject();
        const QStringList keys = object.keys();
        const qsizetype n = isArray ? array.size() : object.size();
        QList<qint64> sizes(n);
        qint64 overhead = 2 + qMax<qsizetype>(0, n - 1);
        for (qsizetype i = 0; i < n; ++i) {
            sizes[i] = SizePolicy::jsonBytes(isArray ? array.at(i) : object.value(keys.at(i)));
            if (!isArray)
                overhead += jsonStringBytes(keys.at(i)) + 1;
        }
        const QList<qint64> shares = fairShares(sizes, cap - overhead);
        QJsonArray fittedArray;
        QJsonObject fittedObject;
        for (qsizetype i = 0; i < n; ++i) {
            const QJsonValue child = isArray ? array.at(i) : object.value(keys.at(i));
            const QJsonValue f = fit(child, sizes[i], shares[i], false);
            if (isArray)
                fittedArray.append(f);
            else
                fittedObject.insert(keys.at(i), f);
        }
        out = isArray ? QJsonValue(fittedArray) : QJsonValue(fittedObject);
        if (!root && SizePolicy::jsonBytes(out) > cap)
            out = smallestFitting(cap, SizePolicy::kCutJsonHeadBytes,
                                  [&value](int keep) { return SizePolicy::cutJson(value, keep); });
    }
    // A cut is never bigger than what it replaces (a short string stays as it is).
    return !root && SizePolicy::jsonBytes(out) >= size ? value : out;
}

} // namespace

QJsonValue SizePolicy::bounded(const QJsonValue &value, qint64 limitBytes)
{
    auto b = boundedIfNeeded(value, limitBytes);
    return b ? *b : value;
}

QJsonObject SizePolicy::bounded(const QJsonObject &payload, qint64 limitBytes, qint64 payloadBytes)
{
    auto b = boundedIfNeeded(QJsonValue(payload), limitBytes);
    const QJsonObject fielded = b ? b->toObject() : payload;
    const qint64 size = jsonBytes(fielded);
    if (size <= payloadBytes)
        return fielded;
    return fit(fielded, size, payloadBytes, true).toObject();
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
