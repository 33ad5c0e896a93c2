// AgentError helpers: kind names, transience and the excerpt of raw bytes.
#include "agenterror.h"

#include <array>
#include <utility>

namespace harness {

namespace {
constexpr std::array<std::pair<AgentError::Kind, const char *>, 8> kKindNames {{
        {AgentError::Kind::KeyRejected, "key_rejected"},
        {AgentError::Kind::RateLimited, "rate_limited"},
        {AgentError::Kind::Server, "server"},
        {AgentError::Kind::Network, "network"},
        {AgentError::Kind::Protocol, "protocol"},
        {AgentError::Kind::Timeout, "timeout"},
        {AgentError::Kind::TooLarge, "too_large"},
        {AgentError::Kind::Cancelled, "cancelled"},
}};
} // namespace

AgentError AgentError::make(Kind kind, QString message, QString rawExcerpt, int httpStatus)
{
    AgentError e;
    e.kind = kind;
    e.message = std::move(message);
    e.rawExcerpt = std::move(rawExcerpt);
    e.httpStatus = httpStatus;
    return e;
}

QString AgentError::kindName(Kind kind)
{
    for (const auto &[k, name] : kKindNames)
        if (k == kind)
            return QString::fromLatin1(name);
    return QStringLiteral("protocol");
}

AgentError::Kind AgentError::kindFromName(const QString &name, bool *ok)
{
    for (const auto &[k, n] : kKindNames)
        if (name == QLatin1String(n)) {
            if (ok)
                *ok = true;
            return k;
        }
    if (ok)
        *ok = false;
    return Kind::Protocol;
}

bool AgentError::transient() const
{
    return kind == Kind::RateLimited || kind == Kind::Server || kind == Kind::Network;
}

Error AgentError::toError() const
{
    return Error {message, kindName(kind)};
}

QJsonObject AgentError::toJson() const
{
    QJsonObject o {{QStringLiteral("kind"), kindName(kind)}, {QStringLiteral("message"), message}};
    if (!rawExcerpt.isEmpty())
        o.insert(QStringLiteral("raw_excerpt"), rawExcerpt);
    if (httpStatus)
        o.insert(QStringLiteral("http_status"), httpStatus);
    o.insert(QStringLiteral("attempts"), attempts);
    return o;
}

QString rawExcerpt(const QByteArray &bytes, int limit, bool tail)
{
    const QByteArray cut = bytes.size() <= limit ? bytes : (tail ? bytes.right(limit) : bytes.left(limit));
    // Invalid UTF-8 becomes U+FFFD: the excerpt is for a person to read, not to re-parse.
    QString text = QString::fromUtf8(cut);
    if (bytes.size() > limit)
        text = tail ? QStringLiteral("…") + text : text + QStringLiteral("…");
    return text;
}

} // namespace harness
