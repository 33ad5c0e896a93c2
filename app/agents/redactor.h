// Redactor: knows every secret value the program has read (API keys) and removes them from text and
// JSON before anything is logged, stored or shown. Thread-safe; one global instance serves the program.
#pragma once

#include <QJsonValue>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

namespace harness {

class Redactor
{
public:
    static Redactor &global();

    // Registers a secret; values shorter than kMinLength are ignored (they would redact ordinary words).
    void add(const QString &secret);
    void remove(const QString &secret);
    int count() const;

    QString redact(const QString &text) const;
    QByteArray redact(const QByteArray &bytes) const;
    QJsonValue redact(const QJsonValue &value) const;
    bool containsSecret(const QString &text) const;

    // Routes qDebug/qWarning/... through redact() before the previous message handler writes them.
    static void installMessageFilter();

    static constexpr int kMinLength = 8;
    static inline const QString kMask = QStringLiteral("[redacted]");

private:
    mutable QReadWriteLock m_lock;
    QStringList m_secrets; // longest first, so a key containing another is masked whole
};

} // namespace harness
