// HttpChatStream: the HTTP half shared by the streaming providers: one POST per attempt, SSE parsing,
// timeouts, the response size cap, and the retry rules (401/403 never, 429 after Retry-After, 5xx and
// network faults with exponential back-off and jitter, a cut stream only before any tool call).
#pragma once

#include "chatstream.h"
#include "providerconfig.h"
#include "sseparser.h"
#include "toolcallassembler.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace harness {

class HttpChatStream : public ChatStream
{
    Q_OBJECT
public:
    // `shared`, when given, must live in the calling thread (it is the provider's own manager, reused so
    // connections are kept alive); otherwise the stream makes its own. If `shared` is destroyed while the
    // call runs, the call fails as cancelled.
    HttpChatStream(ChatRequest request, ProviderConfig config, QString apiKey, QObject *parent = nullptr,
                   QNetworkAccessManager *shared = nullptr);
    ~HttpChatStream() override;

    // Schedules the first attempt on the event loop (no signal is emitted before start() returns).
    void begin();

    // Parses a Retry-After header (delay-seconds or an HTTP date); -1 when absent or unreadable.
    static qint64 retryAfterMs(const QByteArray &value, const QDateTime &now);

protected:
    virtual QNetworkRequest buildRequest() const = 0;
    virtual QByteArray buildBody() const = 0;
    virtual void handleEvent(const SseEvent &event) = 0;
    // True when the protocol accepts a clean end of the body as the end of the answer (e.g. OpenAI
    // servers that omit "[DONE]" after a finish_reason).
    virtual bool acceptsEndOfBody() const { return false; }
    virtual QString providerName() const = 0;
    // Turns an HTTP error body into a short message (the provider's own "error.message" when present).
    static QString errorMessageFromBody(const QByteArray &body);

    // For handleEvent(): output of the current attempt.
    void addText(const QString &text);
    void beginToolCall(int index, const QString &id, const QString &name);
    void addToolArguments(int index, const QByteArray &fragment);
    void completeAnswer(); // the terminal event arrived: assemble and finish
    void protocolError(const QString &what, const QByteArray &raw);
    // An error reported inside the stream (e.g. Anthropic "overloaded_error").
    void streamError(AgentError error);

    const ProviderConfig &config() const { return m_config; }
    const QString &apiKey() const { return m_apiKey; }
    QUrl endpoint(const QString &path) const;

    QString m_text;
    ToolCallAssembler m_tools;
    TokenUsage m_usage;
    QString m_stopReason;
    QString m_model;

private:
    void abortWork() override;
    void startAttempt();
    void onReadyRead();
    void onMetaDataChanged();
    void onFinished();
    // Decides from a 2xx answer's Content-Type how its body is read; fails the attempt at once when the
    // body cannot be an event stream. False when the attempt ended.
    bool decideBodyKind();
    void takeJsonBody(const QByteArray &bytes);
    void finishJsonBody(int status);
    void notAnEventStream(const QString &why, const QByteArray &raw, int status);
    void onStall();
    void onTotalTimeout();
    void processBytes(const QByteArray &bytes);
    void retryOrFail(AgentError error, qint64 retryAfter = -1);
    void dropReply();
    void failNow(AgentError error);

    ProviderConfig m_config;
    QString m_apiKey;
    QPointer<QNetworkAccessManager> m_nam;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    QTimer m_stallTimer;
    QTimer m_totalTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_clock;
    QByteArray m_tail; // the last bytes received, for error excerpts
    enum class BodyKind { Undecided, Stream, Json };
    BodyKind m_bodyKind = BodyKind::Undecided;
    QByteArray m_jsonBody; // a JSON answer where a stream was asked for (bounded)
    qint64 m_received = 0;
    int m_attempt = 0;
    bool m_answerComplete = false;
};

} // namespace harness
