// HttpChatStream implementation: attempt lifecycle, fault classification and retries.
#include "httpchatstream.h"
#include "redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>

namespace harness {

namespace {
constexpr qsizetype kMaxErrorBody = 64 * 1024;
}

HttpChatStream::HttpChatStream(ChatRequest request, ProviderConfig config, QString apiKey, QObject *parent,
                               QNetworkAccessManager *shared)
    : ChatStream(std::move(request), parent), m_config(std::move(config)), m_apiKey(std::move(apiKey)),
      m_parser(qMin<qint64>(m_config.maxResponseBytes, 16 * 1024 * 1024))
{
    if (shared && shared->thread() == QThread::currentThread()) {
        m_nam = shared;
        connect(shared, &QObject::destroyed, this, [this] {
            // The manager deletes its replies itself; forget ours before failing.
            if (m_reply) {
                disconnect(m_reply, nullptr, this, nullptr);
                m_reply = nullptr;
            }
            if (!isDone())
                failNow(AgentError::make(AgentError::Kind::Cancelled,
                                         tr("The call was stopped because its provider was closed.")));
        });
    } else {
        m_nam = new QNetworkAccessManager(this);
        m_nam->setAutoDeleteReplies(false);
    }
    for (QTimer *t : {&m_stallTimer, &m_totalTimer, &m_retryTimer})
        t->setSingleShot(true);
    connect(&m_stallTimer, &QTimer::timeout, this, &HttpChatStream::onStall);
    connect(&m_totalTimer, &QTimer::timeout, this, &HttpChatStream::onTotalTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpChatStream::startAttempt);
}

HttpChatStream::~HttpChatStream()
{
    dropReply();
}

void HttpChatStream::begin()
{
    m_clock.start();
    m_totalTimer.start(m_config.totalTimeoutMs);
    m_retryTimer.start(0);
}

QUrl HttpChatStream::endpoint(const QString &path) const
{
    QUrl url(m_config.baseUrl);
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

qint64 HttpChatStream::retryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds < 0 ? -1 : qint64(seconds * 1000.0);
    // An HTTP-date (RFC 9110): "Sun, 06 Nov 1994 08:49:37 GMT"; Qt's RFC 2822 parser wants a numeric zone.
    QString date = QString::fromLatin1(v);
    if (date.endsWith(QLatin1String(" GMT")) || date.endsWith(QLatin1String(" UTC")))
        date = date.left(date.size() - 4) + QStringLiteral(" +0000");
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return qMax<qint64>(0, now.msecsTo(when));
}

QString HttpChatStream::errorMessageFromBody(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue error = o.value(QStringLiteral("error"));
        if (error.isObject() && error.toObject().value(QStringLiteral("message")).isString())
            return error.toObject().value(QStringLiteral("message")).toString().left(300);
        if (error.isString())
            return error.toString().left(300);
        if (o.value(QStringLiteral("message")).isString())
            return o.value(QStringLiteral("message")).toString().left(300);
    }
    return rawExcerpt(body.trimmed(), 200);
}

void HttpChatStream::startAttempt()
{
    if (isDone())
        return;
    ++m_attempt;
    m_parser.reset();
    m_tools.reset();
    m_text.clear();
    m_usage = {};
    m_stopReason.clear();
    m_model.clear();
    m_received = 0;
    m_tail.clear();
    m_bodyKind = BodyKind::Undecided;
    m_jsonBody.clear();
    m_answerComplete = false;
    QNetworkRequest request = buildRequest();
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "text/event-stream");
    if (!m_nam) {
        failNow(AgentError::make(AgentError::Kind::Cancelled,
                                 tr("The call was stopped because its provider was closed.")));
        return;
    }
    m_reply = m_nam->post(request, buildBody());
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpChatStream::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpChatStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpChatStream::onFinished);
    m_stallTimer.start(m_config.connectTimeoutMs);
}

void HttpChatStream::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300) {
        // An error body: keep a bounded part for the message, decided in onFinished().
        const QByteArray bytes = m_reply->readAll();
        if (m_tail.size() < kMaxErrorBody)
            m_tail += bytes.left(kMaxErrorBody - m_tail.size());
        m_stallTimer.start(m_config.readTimeoutMs);
        return;
    }
    if (!decideBodyKind())
        return;
    if (m_bodyKind == BodyKind::Json)
        takeJsonBody(m_reply->readAll());
    else
        processBytes(m_reply->readAll());
}

void HttpChatStream::onMetaDataChanged()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300)
        decideBodyKind();
}

bool HttpChatStream::decideBodyKind()
{
    if (m_bodyKind != BodyKind::Undecided)
        return true;
    const QByteArray type =
            m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().trimmed().toLower();
    if (type.isEmpty() || type.startsWith("text/event-stream")) {
        m_bodyKind = BodyKind::Stream; // without a type, the first bytes decide (SseParser)
    } else if (type.contains("json")) {
        m_bodyKind = BodyKind::Json;
    } else {
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        notAnEventStream(tr("its Content-Type is \"%1\", not text/event-stream")
                                 .arg(QString::fromLatin1(type.left(100))),
                         QByteArray(), status);
        return false;
    }
    return true;
}

void HttpChatStream::takeJsonBody(const QByteArray &bytes)
{
    m_received += bytes.size();
    m_jsonBody += bytes;
    if (m_jsonBody.size() > kMaxErrorBody) {
        failNow(AgentError::make(AgentError::Kind::Protocol,
                                 tr("%1 sent a JSON document of more than %2 bytes instead of an event "
                                    "stream. Check that the base URL points to a streaming Chat "
                                    "Completions or Messages endpoint.")
                                         .arg(providerName())
                                         .arg(kMaxErrorBody),
                                 rawExcerpt(m_jsonBody, 400)));
        return;
    }
    m_stallTimer.start(m_config.readTimeoutMs);
}

// A JSON answer to a streaming request. One that carries an "error" member is a fault the server
// reports with 200 (some gateways and proxies do): retried like a 5xx. One without is a whole
// non-streamed answer: asking again would get the same document, so it fails at once.
void HttpChatStream::finishJsonBody(int status)
{
    const QJsonDocument doc = QJsonDocument::fromJson(m_jsonBody);
    if (doc.isObject() && doc.object().contains(QStringLiteral("error"))) {
        retryOrFail(AgentError::make(AgentError::Kind::Server,
                                     tr("%1 reported an error in a JSON answer with HTTP %2 (%3).")
                                             .arg(providerName())
                                             .arg(status)
                                             .arg(errorMessageFromBody(m_jsonBody)),
                                     rawExcerpt(m_jsonBody, 400), status));
        return;
    }
    failNow(AgentError::make(AgentError::Kind::Protocol,
                             tr("%1 sent a JSON document instead of an event stream. Check that the base URL "
                                "points to a streaming Chat Completions or Messages endpoint.")
                                     .arg(providerName()),
                             rawExcerpt(m_jsonBody, 400), status));
}

// Not an event stream at all (a wrong Content-Type, binary bytes): a protocol error, retried like a
// server fault because a broken gateway or a captive proxy in between may answer well the next time.
void HttpChatStream::notAnEventStream(const QString &why, const QByteArray &raw, int status)
{
    retryOrFail(AgentError::make(AgentError::Kind::Server,
                                 tr("Protocol error: the %1 answer is not an event stream (%2). Check that "
                                    "the base URL points to a streaming Chat Completions or Messages "
                                    "endpoint and that no proxy rewrites the answer.")
                                         .arg(providerName(), why),
                                 rawExcerpt(raw, 400), status));
}

void HttpChatStream::processBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_received += bytes.size();
    m_tail = (m_tail + bytes).right(400);
    if (m_received > m_config.maxResponseBytes) {
        failNow(AgentError::make(
                AgentError::Kind::TooLarge,
                tr("The %1 answer exceeded the size limit of %2 bytes; the call was stopped.")
                        .arg(providerName())
                        .arg(m_config.maxResponseBytes),
                rawExcerpt(m_tail, 400, true), 200));
        return;
    }
    m_stallTimer.start(m_config.readTimeoutMs);
    QList<SseEvent> events;
    const bool ok = m_parser.feed(bytes, events);
    for (const SseEvent &e : std::as_const(events)) {
        handleEvent(e);
        if (isDone() || !m_reply || m_answerComplete)
            return;
    }
    if (!ok) {
        if (m_parser.notAnEventStream())
            notAnEventStream(tr("its first bytes are not an event-stream field"), m_parser.excerpt(),
                             m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                                     : 0);
        else
            protocolError(m_parser.errorText(), m_parser.excerpt());
    }
}

void HttpChatStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply || isDone())
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = m_config.baseUrl;
    if (status >= 200 && status < 300) {
        if (!decideBodyKind())
            return;
        if (m_bodyKind == BodyKind::Json) {
            takeJsonBody(reply->readAll());
            if (!isDone() && m_reply)
                finishJsonBody(status);
            return;
        }
        processBytes(reply->readAll());
        if (isDone() || !m_reply)
            return;
        if (reply->error() == QNetworkReply::NoError && acceptsEndOfBody() && !m_stopReason.isEmpty()) {
            completeAnswer();
            return;
        }
        const QString message = reply->error() != QNetworkReply::NoError
                ? tr("The connection to %1 broke while the answer was streaming (%2).")
                          .arg(providerName(), reply->errorString())
                : tr("The %1 stream ended before the answer was complete.").arg(providerName());
        retryOrFail(
                AgentError::make(AgentError::Kind::Network, message, rawExcerpt(m_tail, 400, true), status));
        return;
    }
    if (status == 0) {
        retryOrFail(AgentError::make(AgentError::Kind::Network,
                                     tr("Could not reach %1 at %2 (%3). Check the base URL and the network.")
                                             .arg(providerName(), where, reply->errorString())));
        return;
    }
    QByteArray body = m_tail + reply->readAll().left(kMaxErrorBody);
    const QString detail = errorMessageFromBody(body);
    const QString excerpt = rawExcerpt(body, 400);
    if (status == 401 || status == 403) {
        QString fix = tr("Store a valid key for provider \"%1\" in Settings → API keys").arg(m_config.id);
        if (!m_config.apiKeyEnv.isEmpty())
            fix += tr(" or set %1 for this run").arg(m_config.apiKeyEnv);
        failNow(AgentError::make(AgentError::Kind::KeyRejected,
                                 tr("The %1 API key was rejected (HTTP %2: %3). %4.")
                                         .arg(providerName())
                                         .arg(status)
                                         .arg(detail, fix),
                                 excerpt, status));
        return;
    }
    if (status == 429) {
        const qint64 wait = retryAfterMs(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        retryOrFail(AgentError::make(
                            AgentError::Kind::RateLimited,
                            tr("%1 is rate-limiting this key (HTTP 429: %2).").arg(providerName(), detail),
                            excerpt, status),
                    wait);
        return;
    }
    if (status >= 500 || status == 408 || status == 409 || status == 425) {
        retryOrFail(AgentError::make(
                AgentError::Kind::Server,
                tr("The %1 server failed (HTTP %2: %3).").arg(providerName()).arg(status).arg(detail),
                excerpt, status));
        return;
    }
    failNow(AgentError::make(
            AgentError::Kind::Protocol,
            tr("The %1 server refused the request (HTTP %2: %3). Check the model name and the "
               "provider settings.")
                    .arg(providerName())
                    .arg(status)
                    .arg(detail),
            excerpt, status));
}

void HttpChatStream::onStall()
{
    if (!m_reply || isDone())
        return;
    const bool nothingYet = m_received == 0 && m_tail.isEmpty();
    const int limit = nothingYet ? m_config.connectTimeoutMs : m_config.readTimeoutMs;
    failNow(AgentError::make(
            AgentError::Kind::Timeout,
            nothingYet ? tr("%1 did not answer within %2 ms; the call was stopped.")
                                 .arg(providerName())
                                 .arg(limit)
                       : tr("%1 sent nothing for %2 ms in the middle of its answer; the call was "
                            "stopped.")
                                 .arg(providerName())
                                 .arg(limit),
            nothingYet ? QString() : rawExcerpt(m_tail, 400, true)));
}

void HttpChatStream::onTotalTimeout()
{
    if (isDone())
        return;
    failNow(AgentError::make(AgentError::Kind::Timeout,
                             tr("The %1 call took longer than its limit of %2 ms and was stopped.")
                                     .arg(providerName())
                                     .arg(m_config.totalTimeoutMs),
                             rawExcerpt(m_tail, 400, true)));
}

void HttpChatStream::addText(const QString &text)
{
    m_text += text;
    emitText(text);
}

void HttpChatStream::beginToolCall(int index, const QString &id, const QString &name)
{
    m_tools.begin(index, id, name);
    emitToolCallDelta(index, id, name, QString());
}

void HttpChatStream::addToolArguments(int index, const QByteArray &fragment)
{
    if (fragment.isEmpty())
        return;
    if (!m_tools.append(index, fragment)) {
        failNow(AgentError::make(AgentError::Kind::TooLarge, m_tools.errorText(),
                                 rawExcerpt(m_tools.excerpt())));
        return;
    }
    emitToolCallDelta(index, QString(), QString(), QString::fromUtf8(fragment));
}

void HttpChatStream::completeAnswer()
{
    if (isDone())
        return;
    m_answerComplete = true;
    auto calls = m_tools.finish();
    if (!calls) {
        protocolError(calls.error().message, m_tools.excerpt());
        return;
    }
    ChatResponse response;
    response.text = m_text;
    response.toolCalls = *calls;
    response.stopReason = !m_stopReason.isEmpty() ? m_stopReason
            : calls->isEmpty()                    ? QStringLiteral("end_turn")
                                                  : QStringLiteral("tool_use");
    response.usage = m_usage;
    response.model = m_model.isEmpty() ? request().model : m_model;
    response.latencyMs = m_clock.elapsed();
    dropReply();
    m_totalTimer.stop();
    m_retryTimer.stop();
    finish(response);
}

void HttpChatStream::protocolError(const QString &what, const QByteArray &raw)
{
    failNow(AgentError::make(AgentError::Kind::Protocol,
                             tr("The %1 answer could not be read: %2.").arg(providerName(), what),
                             rawExcerpt(raw.isEmpty() ? m_tail : raw, 400)));
}

void HttpChatStream::streamError(AgentError error)
{
    dropReply();
    retryOrFail(std::move(error));
}

void HttpChatStream::retryOrFail(AgentError error, qint64 retryAfter)
{
    dropReply();
    error.attempts = m_attempt;
    if (!error.transient()) {
        failNow(error);
        return;
    }
    if (toolCallStreamed()) {
        error.message +=
                tr(" Not retried: a tool call had already been streamed, and repeating the request could "
                   "repeat its effect.");
        failNow(error);
        return;
    }
    if (m_attempt >= m_config.retry.maxAttempts) {
        error.message += tr(" Gave up after %n attempt(s).", nullptr, m_attempt);
        failNow(error);
        return;
    }
    if (retryAfter > m_config.retry.maxRetryAfterMs) {
        error.message +=
                tr(" The server asks to wait %1 s, longer than the %2 s this provider may wait; try again "
                   "later.")
                        .arg(retryAfter / 1000.0)
                        .arg(m_config.retry.maxRetryAfterMs / 1000.0);
        failNow(error);
        return;
    }
    const qint64 delay = retryAfter >= 0 ? retryAfter : m_config.retry.backoffMs(m_attempt + 1);
    if (m_clock.elapsed() + delay > m_config.retry.maxTotalMs) {
        error.message += tr(" Not retried: the retry time limit of %1 ms would be exceeded.")
                                 .arg(m_config.retry.maxTotalMs);
        failNow(error);
        return;
    }
    Q_EMIT restarted(m_attempt + 1, int(delay), error.message);
    m_retryTimer.start(int(delay));
}

void HttpChatStream::dropReply()
{
    m_stallTimer.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void HttpChatStream::failNow(AgentError error)
{
    dropReply();
    m_totalTimer.stop();
    m_retryTimer.stop();
    if (error.attempts < m_attempt)
        error.attempts = m_attempt;
    fail(std::move(error));
}

void HttpChatStream::abortWork()
{
    dropReply();
    m_totalTimer.stop();
    m_retryTimer.stop();
}

} // namespace harness
