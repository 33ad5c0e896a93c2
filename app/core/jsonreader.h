// JsonReader: reads typed fields from a QJsonObject and remembers the first field that was missing
// or of the wrong type, so fromJson() functions can name the bad field in their error.
#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace harness {

class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString path = {});

    QString string(const QString &key, bool required = true);
    QString optionalString(const QString &key, const QString &fallback = {});
    qint64 integer(const QString &key, bool required = true, qint64 fallback = 0);
    double number(const QString &key, bool required = true, double fallback = 0.0);
    bool boolean(const QString &key, bool fallback = false);
    QStringList stringList(const QString &key, bool required = false);
    QJsonObject object(const QString &key, bool required = true);
    QJsonArray array(const QString &key, bool required = false);

    // Records a validation failure found by the caller (e.g. a value out of range).
    void fail(const QString &key, const QString &message);
    // Takes over the first error of a nested reader or result.
    void adopt(const Error &error);

    bool ok() const { return m_error.message.isEmpty(); }
    const Error &error() const { return m_error; }
    QString fieldPath(const QString &key) const;

private:
    // The value at key when it is there and of the type; else undefined, with the failure recorded (a
    // missing value only when it is required).
    QJsonValue typed(const QString &key, bool required, QJsonValue::Type type, const QString &mustBe);

    const QJsonObject &m_object;
    QString m_path;
    Error m_error;
};

} // namespace harness
