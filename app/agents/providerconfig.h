// ProviderConfig: how to reach one model provider (kind, base URL, where its key comes from, limits
// and retry policy). Stored in the project settings; never holds the key itself.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>

namespace harness {

struct RetryPolicy
{
    int maxAttempts = 4; // requests in all, the first included
    int baseDelayMs = 500; // first back-off; doubles each attempt, with jitter
    int maxDelayMs = 8000; // one back-off never exceeds this
    int maxTotalMs = 60000; // no retry starts after this much time since the first request
    int maxRetryAfterMs = 60000; // a longer Retry-After is reported instead of waited for

    // The back-off before attempt `attempt` (2, 3, ...): base * 2^(attempt-2), capped, with "equal
    // jitter" (half fixed, half random) so clients that failed together do not retry together.
    int backoffMs(int attempt) const;

    QJsonObject toJson() const;
    static Result<RetryPolicy> fromJson(const QJsonObject &json,
                                        const QString &path = QStringLiteral("retry"));
    bool operator==(const RetryPolicy &) const = default;
};

struct ProviderConfig
{
    QString id; // e.g. "openai", "local-ollama"; names the keychain entry
    QString kind; // "openai", "anthropic" or "replay"
    QString baseUrl; // e.g. "https://api.openai.com/v1", "http://localhost:11434/v1",
                     // "https://api.anthropic.com"
    QString apiKeyEnv; // environment variable that may supply the key for a headless run
    bool keyRequired = true; // false for local servers (Ollama, llama.cpp) that ignore the key
    QString transcriptPath; // replay: the JSON Lines transcript
    QString defaultModel;
    int connectTimeoutMs = 15000; // until the response headers arrive
    int readTimeoutMs = 60000; // longest silence allowed while a response streams
    int totalTimeoutMs = 600000; // longest whole request
    qint64 maxResponseBytes = 32 * 1024 * 1024;
    RetryPolicy retry;

    QJsonObject toJson() const;
    static Result<ProviderConfig> fromJson(const QJsonObject &json,
                                           const QString &path = QStringLiteral("provider"));
    bool operator==(const ProviderConfig &) const = default;
};

} // namespace harness
