// Redactor implementation.
#include "redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace harness {

Redactor &Redactor::global()
{
    static Redactor instance;
    return instance;
}

void Redactor::add(const QString &secret)
{
    if (secret.size() < kMinLength)
        return;
    QWriteLocker lock(&m_lock);
    if (m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void Redactor::remove(const QString &secret)
{
    QWriteLocker lock(&m_lock);
    m_secrets.removeAll(secret);
}

int Redactor::count() const
{
    QReadLocker lock(&m_lock);
    return int(m_secrets.size());
}

QString Redactor::redact(const QString &text) const
{
    QReadLocker lock(&m_lock);
    QString out = text;
    for (const QString &s : m_secrets)
        out.replace(s, kMask);
    return out;
}

QByteArray Redactor::redact(const QByteArray &bytes) const
{
    QReadLocker lock(&m_lock);
    QByteArray out = bytes;
    for (const QString &s : m_secrets)
        out.replace(s.toUtf8(), kMask.toUtf8());
    return out;
}

QJsonValue Redactor::redact(const QJsonValue &value) const
{
    switch (value.type()) {
    case QJsonValue::String:
        return redact(value.toString());
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(redact(v));
        return out;
    }
    case QJsonValue::Object: {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(redact(it.key()), redact(it.value()));
        return out;
    }
    default:
        return value;
    }
}

bool Redactor::containsSecret(const QString &text) const
{
    QReadLocker lock(&m_lock);
    return std::any_of(m_secrets.cbegin(), m_secrets.cend(),
                       [&](const QString &s) { return text.contains(s); });
}

namespace {
QtMessageHandler previousHandler = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = Redactor::global().redact(message);
    if (previousHandler)
        previousHandler(type, context, clean);
}
} // namespace

void Redactor::installMessageFilter()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    previousHandler = qInstallMessageHandler(redactingHandler);
}

} // namespace harness
