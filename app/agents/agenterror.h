// AgentError: why a model call failed, in words for the user plus the raw bytes that caused it, so a
// protocol fault is reported as an event instead of a crash or a hang.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace harness {

struct AgentError
{
    enum class Kind { KeyRejected, RateLimited, Server, Network, Protocol, Timeout, TooLarge, Cancelled };

    Kind kind = Kind::Protocol;
    QString message; // for the user: what happened and what to do
    QString rawExcerpt; // the offending bytes (redacted), at most a few hundred characters
    int httpStatus = 0; // 0 when no HTTP status was received
    int attempts = 1; // how many requests were made before giving up

    static AgentError make(Kind kind, QString message, QString rawExcerpt = {}, int httpStatus = 0);
    static QString kindName(Kind kind); // lower_snake: "key_rejected", "rate_limited", ...
    static Kind kindFromName(const QString &name, bool *ok = nullptr);
    // Whether another attempt may succeed (network faults, 429, 5xx); never for a rejected key.
    bool transient() const;

    // The core Error form used by Result<T>: message plus the kind name in `field`.
    Error toError() const;
    QJsonObject toJson() const;
};

// Keeps at most `limit` characters of raw bytes for an error message (the tail when `tail` is set).
QString rawExcerpt(const QByteArray &bytes, int limit = 400, bool tail = false);

} // namespace harness

Q_DECLARE_METATYPE(harness::AgentError)
