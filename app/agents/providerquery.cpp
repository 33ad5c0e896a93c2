// ProviderQuery: QNetworkAccessManager on the caller's thread; the time limit is a timer of ours (so a
// timeout is told apart from a cancel), TLS errors are collected from sslErrors() for the message.
#include "providerquery.h"
#include "anthropicchatstream.h"
#include "redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

namespace harness {

ProviderQuery::ProviderQuery(QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this]() {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

ProviderQuery::~ProviderQuery()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

QUrl ProviderQuery::endpoint(const ProviderConfig &config, const QString &path, const QString &query)
{
    QUrl url(config.baseUrl.trimmed());
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (config.kind == QLatin1String("anthropic") && !base.endsWith(QLatin1String("/v1")))
        base += QStringLiteral("/v1");
    url.setPath(base + QLatin1Char('/') + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void ProviderQuery::get(const ProviderConfig &config, const QString &apiKey, const QUrl &url, int timeoutMs)
{
    cancel();
    m_timedOut = false;
    m_tlsErrors.clear();
    m_timeoutMs = timeoutMs;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (config.kind == QLatin1String("anthropic")) {
        if (!apiKey.isEmpty())
            request.setRawHeader("x-api-key", apiKey.toUtf8());
        request.setRawHeader("anthropic-version", AnthropicChatStream::kApiVersion);
    } else if (!apiKey.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    }
    if (!apiKey.isEmpty())
        Redactor::global().add(apiKey);
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_tlsErrors << e.errorString();
    });
    connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply.data()]() { done(reply); });
    m_timer->start(timeoutMs);
}

void ProviderQuery::cancel()
{
    if (!m_reply)
        return;
    m_timer->stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    ProviderProblem problem;
    problem.kind = ProviderProblem::Kind::Cancelled;
    problem.url = reply->url();
    Q_EMIT finished({}, problem);
}

void ProviderQuery::done(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_timer->stop();
    m_reply = nullptr;
    // A models list is small; anything past 4 MiB is not one.
    const QByteArray body = reply->isOpen() ? reply->read(4 * 1024 * 1024) : QByteArray();
    const ProviderProblem problem = classify(reply, body);
    Q_EMIT finished(problem.ok() ? body : QByteArray(), problem);
}

ProviderProblem ProviderQuery::classify(QNetworkReply *reply, const QByteArray &body) const
{
    ProviderProblem p;
    p.url = reply->url();
    p.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    using K = ProviderProblem::Kind;
    if (m_timedOut) {
        p.kind = K::Timeout;
        p.detail = QString::number(m_timeoutMs);
        return p;
    }
    if (p.httpStatus >= 200 && p.httpStatus < 300 && reply->error() == QNetworkReply::NoError)
        return p;
    if (p.httpStatus > 0) {
        // The server's own words: {"error": {"message": ...}}, {"error": "..."} or {"message": ...}.
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QJsonValue error = o.value(QLatin1String("error"));
        QString said = error.isObject() ? error.toObject().value(QLatin1String("message")).toString()
                : error.isString()      ? error.toString()
                                        : o.value(QLatin1String("message")).toString();
        if (said.isEmpty())
            said = QString::fromUtf8(body.left(200)).simplified();
        p.detail = Redactor::global().redact(said.left(300));
        if (p.httpStatus == 401 || p.httpStatus == 403)
            p.kind = K::KeyRejected;
        else
            p.kind = p.httpStatus == 404 ? K::NotFound : K::Http;
        return p;
    }
    p.detail = Redactor::global().redact(reply->errorString());
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        p.kind = K::Dns;
        break;
    case QNetworkReply::ConnectionRefusedError:
        p.kind = K::Refused;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        p.kind = K::Tls;
        if (!m_tlsErrors.isEmpty())
            p.detail = m_tlsErrors.join(QStringLiteral("; "));
        break;
    case QNetworkReply::TimeoutError:
        p.kind = K::Timeout;
        p.detail = QString::number(m_timeoutMs);
        break;
    default:
        p.kind = m_tlsErrors.isEmpty() ? K::Network : K::Tls;
        if (!m_tlsErrors.isEmpty())
            p.detail = m_tlsErrors.join(QStringLiteral("; "));
        break;
    }
    return p;
}

} // namespace harness
