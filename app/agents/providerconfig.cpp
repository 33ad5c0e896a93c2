// ProviderConfig and RetryPolicy JSON round-trip and back-off computation.
#include "providerconfig.h"
#include "core/jsonreader.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace harness {

int RetryPolicy::backoffMs(int attempt) const
{
    const int exponent = qBound(0, attempt - 2, 20);
    const qint64 full = qMin<qint64>(maxDelayMs, qint64(baseDelayMs) << exponent);
    const qint64 half = full / 2;
    return int(half + (half > 0 ? QRandomGenerator::global()->bounded(half + 1) : 0));
}

QJsonObject RetryPolicy::toJson() const
{
    return QJsonObject {{QStringLiteral("max_attempts"), maxAttempts},
                        {QStringLiteral("base_delay_ms"), baseDelayMs},
                        {QStringLiteral("max_delay_ms"), maxDelayMs},
                        {QStringLiteral("max_total_ms"), maxTotalMs},
                        {QStringLiteral("max_retry_after_ms"), maxRetryAfterMs}};
}

Result<RetryPolicy> RetryPolicy::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    RetryPolicy p;
    p.maxAttempts = int(r.integer(QStringLiteral("max_attempts"), false, p.maxAttempts));
    p.baseDelayMs = int(r.integer(QStringLiteral("base_delay_ms"), false, p.baseDelayMs));
    p.maxDelayMs = int(r.integer(QStringLiteral("max_delay_ms"), false, p.maxDelayMs));
    p.maxTotalMs = int(r.integer(QStringLiteral("max_total_ms"), false, p.maxTotalMs));
    p.maxRetryAfterMs = int(r.integer(QStringLiteral("max_retry_after_ms"), false, p.maxRetryAfterMs));
    if (p.maxAttempts < 1 || p.maxAttempts > 20)
        r.fail(QStringLiteral("max_attempts"), QStringLiteral("must be between 1 and 20"));
    for (const auto &[key, value] : {std::pair {QStringLiteral("base_delay_ms"), p.baseDelayMs},
                                     std::pair {QStringLiteral("max_delay_ms"), p.maxDelayMs},
                                     std::pair {QStringLiteral("max_total_ms"), p.maxTotalMs},
                                     std::pair {QStringLiteral("max_retry_after_ms"), p.maxRetryAfterMs}})
        if (value < 0)
            r.fail(key, QStringLiteral("must not be negative"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ProviderConfig::toJson() const
{
    QJsonObject o {{QStringLiteral("id"), id},
                   {QStringLiteral("kind"), kind},
                   {QStringLiteral("base_url"), baseUrl},
                   {QStringLiteral("api_key_env"), apiKeyEnv},
                   {QStringLiteral("key_required"), keyRequired},
                   {QStringLiteral("default_model"), defaultModel},
                   {QStringLiteral("connect_timeout_ms"), connectTimeoutMs},
                   {QStringLiteral("read_timeout_ms"), readTimeoutMs},
                   {QStringLiteral("total_timeout_ms"), totalTimeoutMs},
                   {QStringLiteral("max_response_bytes"), maxResponseBytes},
                   {QStringLiteral("retry"), retry.toJson()}};
    if (!transcriptPath.isEmpty())
        o.insert(QStringLiteral("transcript_path"), transcriptPath);
    return o;
}

Result<ProviderConfig> ProviderConfig::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ProviderConfig c;
    c.id = r.string(QStringLiteral("id"));
    c.kind = r.string(QStringLiteral("kind"));
    c.baseUrl = r.optionalString(QStringLiteral("base_url"));
    c.apiKeyEnv = r.optionalString(QStringLiteral("api_key_env"));
    c.keyRequired = r.boolean(QStringLiteral("key_required"), c.kind != QLatin1String("replay"));
    c.transcriptPath = r.optionalString(QStringLiteral("transcript_path"));
    c.defaultModel = r.optionalString(QStringLiteral("default_model"));
    c.connectTimeoutMs = int(r.integer(QStringLiteral("connect_timeout_ms"), false, c.connectTimeoutMs));
    c.readTimeoutMs = int(r.integer(QStringLiteral("read_timeout_ms"), false, c.readTimeoutMs));
    c.totalTimeoutMs = int(r.integer(QStringLiteral("total_timeout_ms"), false, c.totalTimeoutMs));
    c.maxResponseBytes = r.integer(QStringLiteral("max_response_bytes"), false, c.maxResponseBytes);
    if (r.ok() && json.contains(QStringLiteral("retry"))) {
        auto retry = RetryPolicy::fromJson(r.object(QStringLiteral("retry")),
                                           r.fieldPath(QStringLiteral("retry")));
        if (!retry)
            r.adopt(retry.error());
        else
            c.retry = *retry;
    }
    if (r.ok()) {
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
        if (!idPattern.match(c.id).hasMatch())
            r.fail(QStringLiteral("id"), QStringLiteral("must be 1-64 letters, digits, '.', '_' or '-'"));
        else if (c.kind != QLatin1String("openai") && c.kind != QLatin1String("anthropic") &&
                 c.kind != QLatin1String("replay"))
            r.fail(QStringLiteral("kind"), QStringLiteral("must be \"openai\", \"anthropic\" or \"replay\""));
        else if (c.kind == QLatin1String("replay") && c.transcriptPath.isEmpty())
            r.fail(QStringLiteral("transcript_path"), QStringLiteral("is required for a replay provider"));
        else if (c.kind != QLatin1String("replay")) {
            const QUrl url(c.baseUrl);
            if (!url.isValid() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                r.fail(QStringLiteral("base_url"), QStringLiteral("must be an http:// or https:// URL"));
        }
        for (const auto &[key, value] : {std::pair {QStringLiteral("connect_timeout_ms"), c.connectTimeoutMs},
                                         std::pair {QStringLiteral("read_timeout_ms"), c.readTimeoutMs},
                                         std::pair {QStringLiteral("total_timeout_ms"), c.totalTimeoutMs}})
            if (value <= 0)
                r.fail(key, QStringLiteral("must be positive"));
        if (c.maxResponseBytes <= 0)
            r.fail(QStringLiteral("max_response_bytes"), QStringLiteral("must be positive"));
    }
    if (!r.ok())
        return r.error();
    return c;
}

} // namespace harness
