// ModelServer: a protocol-faithful model server for tests and benchmarks, on 127.0.0.1. It speaks HTTP/1.1,
// records each request, and answers from a script: OpenAI Chat Completions, OpenAI Responses, Anthropic
// Messages or Gemini generateContent event streams, HTTP errors with headers (Retry-After), connection
// resets, slow drips, garbage, endless streams; or from a responder function that reads each request.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <functional>
#include <optional>

class QTcpSocket;

struct ScriptedToolCall
{
    QString id;
    QString name;
    QStringList argumentFragments; // joined, they form the JSON arguments
};

struct ScriptedReply
{
    enum class End {
        Close, // finish the body properly and close the connection
        Reset, // send the chunks, then reset the connection (no terminating chunk)
        Hang, // send the chunks, then keep the connection open and silent
        Endless, // send the chunks, then `repeat` every chunkDelayMs until the client goes away
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QList<QByteArray> chunks;
    int chunkDelayMs = 0;
    End end = End::Close;
    QByteArray repeat;
    bool chunkedEncoding = true;
    QByteArray contentType = "text/event-stream";
};

struct ReceivedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QJsonObject json() const;
};

class ModelServer : public QObject
{
    Q_OBJECT
public:
    explicit ModelServer(QObject *parent = nullptr);
    ~ModelServer() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl(const QString &path = {}) const;

    void enqueue(ScriptedReply reply) { m_queue.append(std::move(reply)); }
    // Asked first for every request; a reply it returns wins over the queue.
    using Responder = std::function<std::optional<ScriptedReply>(const ReceivedRequest &)>;
    void setResponder(Responder responder) { m_responder = std::move(responder); }
    // Answers every request once the queue is empty (default: a 500 saying the script ran out).
    void setFallback(ScriptedReply reply) { m_fallback = std::move(reply); }
    QList<ReceivedRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    int openConnections() const { return int(m_connections.size()); }
    void clearRequests() { m_requests.clear(); }

    // Event bodies, one SSE event per list element, as the real services send them.
    static QList<QByteArray> openAiEvents(const QString &model, const QStringList &textPieces,
                                          const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                          qint64 outputTokens, const QString &finishReason = {});
    static QList<QByteArray> anthropicEvents(const QString &model, const QStringList &textPieces,
                                             const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                             qint64 outputTokens, const QString &stopReason = {});
    // OpenAI Responses API stream (response.created ... response.completed), as Codex reads it.
    static QList<QByteArray> responsesEvents(const QString &model, const QStringList &textPieces,
                                             const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                             qint64 outputTokens);
    // Gemini streamGenerateContent?alt=sse chunks (GenerateContentResponse objects).
    static QList<QByteArray> geminiEvents(const QString &model, const QStringList &textPieces,
                                          const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                          qint64 outputTokens);
    // The same answers as one JSON body, for clients that ask without "stream".
    static QJsonObject anthropicMessage(const QString &model, const QString &text,
                                        const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                        qint64 outputTokens);
    static QJsonObject geminiResponse(const QString &model, const QString &text,
                                      const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                      qint64 outputTokens);
    static QJsonObject openAiCompletion(const QString &model, const QString &text, qint64 inputTokens,
                                        qint64 outputTokens);
    static ScriptedReply stream(QList<QByteArray> events, int chunkDelayMs = 0);
    static ScriptedReply json(const QJsonObject &body);
    static ScriptedReply jsonError(int status, const QByteArray &body,
                                   QList<QPair<QByteArray, QByteArray>> headers = {});
    // Cuts the body into pieces of `size` bytes, so events and lines straddle network reads.
    static QList<QByteArray> rechunk(const QList<QByteArray> &chunks, int size);
    static QByteArray sseEvent(const QByteArray &event, const QJsonObject &data);
    static QByteArray sseData(const QJsonObject &data);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(Connection &c);
    void step(QTcpSocket *socket);
    void writeChunk(Connection &c, const QByteArray &bytes);
    void finishConnection(QTcpSocket *socket);

    QTcpServer m_server;
    QList<ScriptedReply> m_queue;
    ScriptedReply m_fallback;
    Responder m_responder;
    QList<ReceivedRequest> m_requests;
    QHash<QTcpSocket *, Connection *> m_connections;
};
