// JsonReader implementation.
#include "jsonreader.h"

namespace harness {

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object), m_path(std::move(path)) { }

QString JsonReader::fieldPath(const QString &key) const
{
    if (m_path.isEmpty())
        return key;
    return key.startsWith(QLatin1Char('[')) ? m_path + key : m_path + QLatin1Char('.') + key;
}

void JsonReader::fail(const QString &key, const QString &message)
{
    if (ok())
        m_error = Error {message, fieldPath(key)};
}

void JsonReader::adopt(const Error &error)
{
    if (ok())
        m_error = error;
}

QJsonValue JsonReader::typed(const QString &key, bool required, QJsonValue::Type type, const QString &mustBe)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(key, QStringLiteral("is required"));
        return QJsonValue(QJsonValue::Undefined);
    }
    if (v.type() != type) {
        fail(key, mustBe);
        return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

QString JsonReader::string(const QString &key, bool required)
{
    const QJsonValue v = typed(key, required, QJsonValue::String, QStringLiteral("must be a string"));
    if (v.isUndefined())
        return {};
    if (required && v.toString().trimmed().isEmpty())
        fail(key, QStringLiteral("must not be empty"));
    return v.toString();
}

QString JsonReader::optionalString(const QString &key, const QString &fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return fallback;
    }
    return v.toString();
}

qint64 JsonReader::integer(const QString &key, bool required, qint64 fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(key, QStringLiteral("is required"));
        return fallback;
    }
    if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble()))) {
        fail(key, QStringLiteral("must be an integer"));
        return fallback;
    }
    return qint64(v.toDouble());
}

double JsonReader::number(const QString &key, bool required, double fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(key, QStringLiteral("is required"));
        return fallback;
    }
    if (!v.isDouble()) {
        fail(key, QStringLiteral("must be a number"));
        return fallback;
    }
    return v.toDouble();
}

bool JsonReader::boolean(const QString &key, bool fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return fallback;
    }
    return v.toBool();
}

QStringList JsonReader::stringList(const QString &key, bool required)
{
    const QJsonValue v =
            typed(key, required, QJsonValue::Array, QStringLiteral("must be an array of strings"));
    if (v.isUndefined())
        return {};
    QStringList out;
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString()) {
            fail(key + QStringLiteral("[%1]").arg(i), QStringLiteral("must be a string"));
            return {};
        }
        out << a.at(i).toString();
    }
    return out;
}

QJsonObject JsonReader::object(const QString &key, bool required)
{
    return typed(key, required, QJsonValue::Object, QStringLiteral("must be an object")).toObject();
}

QJsonArray JsonReader::array(const QString &key, bool required)
{
    return typed(key, required, QJsonValue::Array, QStringLiteral("must be an array")).toArray();
}

} // namespace harness
