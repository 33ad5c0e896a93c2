// ModelServer implementation: a minimal HTTP/1.1 server (one request per connection, Connection: close)
// whose replies follow the OpenAI and Anthropic streaming formats of harness-mechanisms.md section 9.
#include "modelserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <sys/socket.h>

struct ModelServer::Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray input;
    bool answered = false;
    ScriptedReply reply;
    int next = 0;
    QTimer timer;
};

QJsonObject ReceivedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ModelServer::ModelServer(QObject *parent) : QObject(parent)
{
    m_fallback = jsonError(500, R"({"error":{"message":"the test script has no reply left"}})");
    connect(&m_server, &QTcpServer::newConnection, this, &ModelServer::onNewConnection);
}

ModelServer::~ModelServer()
{
    for (Connection *c : std::as_const(m_connections)) {
        c->socket->disconnect(this);
        c->socket->abort();
        delete c->socket;
        delete c;
    }
}

bool ModelServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString ModelServer::baseUrl(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
}

void ModelServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *c = new Connection;
        c->socket = socket;
        c->timer.setSingleShot(true);
        connect(&c->timer, &QTimer::timeout, this, [this, socket] { step(socket); });
        m_connections.insert(socket, c);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { finishConnection(socket); });
    }
}

void ModelServer::finishConnection(QTcpSocket *socket)
{
    Connection *c = m_connections.take(socket);
    if (!c)
        return;
    c->timer.stop();
    socket->disconnect(this);
    socket->deleteLater();
    delete c;
}

void ModelServer::onReadyRead(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c || c->answered)
        return;
    c->input += socket->readAll();
    const qsizetype headEnd = c->input.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    ReceivedRequest request;
    const QList<QByteArray> lines = c->input.left(headEnd).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (c->input.size() - headEnd - 4 < length)
        return;
    request.body = c->input.mid(headEnd + 4, length);
    m_requests.append(request);
    c->answered = true;
    c->reply = m_queue.isEmpty() ? m_fallback : m_queue.takeFirst();
    respond(*c);
}

void ModelServer::respond(Connection &c)
{
    const ScriptedReply &r = c.reply;
    QByteArray head =
            "HTTP/1.1 " + QByteArray::number(r.status) + (r.status == 200 ? " OK" : " Status") + "\r\n";
    head += "Content-Type: " + r.contentType + "\r\n";
    for (const auto &[name, value] : r.headers)
        head += name + ": " + value + "\r\n";
    if (r.chunkedEncoding) {
        head += "Transfer-Encoding: chunked\r\n";
    } else if (r.end == ScriptedReply::End::Close) {
        qsizetype total = 0;
        for (const QByteArray &chunk : r.chunks)
            total += chunk.size();
        head += "Content-Length: " + QByteArray::number(total) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    c.socket->write(head);
    c.next = 0;
    step(c.socket);
}

void ModelServer::writeChunk(Connection &c, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (c.reply.chunkedEncoding)
        c.socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
    else
        c.socket->write(bytes);
}

void ModelServer::step(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c)
        return;
    const ScriptedReply &r = c->reply;
    // Without a delay, everything goes out at once; with one, one chunk per tick.
    while (c->next < r.chunks.size()) {
        writeChunk(*c, r.chunks.at(c->next++));
        if (r.chunkDelayMs > 0) {
            c->timer.start(r.chunkDelayMs);
            return;
        }
    }
    switch (r.end) {
    case ScriptedReply::End::Close:
        if (r.chunkedEncoding)
            socket->write("0\r\n\r\n");
        socket->disconnectFromHost();
        break;
    case ScriptedReply::End::Reset: {
        socket->flush();
        socket->waitForBytesWritten(200);
        // SO_LINGER with a zero timeout makes close() send RST: a real connection reset.
        struct linger lingerOption
        {
            1, 0
        };
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption,
                     sizeof lingerOption);
        socket->abort();
        break;
    }
    case ScriptedReply::End::Hang:
        break;
    case ScriptedReply::End::Endless:
        writeChunk(*c, r.repeat);
        c->timer.start(qMax(1, r.chunkDelayMs));
        break;
    }
}

QByteArray ModelServer::sseData(const QJsonObject &data)
{
    return "data: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray ModelServer::sseEvent(const QByteArray &event, const QJsonObject &data)
{
    return "event: " + event + "\n" + sseData(data);
}

QList<QByteArray> ModelServer::openAiEvents(const QString &model, const QStringList &textPieces,
                                            const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                            qint64 outputTokens, const QString &finishReason)
{
    const QJsonObject base {{QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
                            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                            {QStringLiteral("created"), 1767225600},
                            {QStringLiteral("model"), model}};
    auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish = QJsonValue::Null) {
        QJsonObject o = base;
        o.insert(QStringLiteral("choices"),
                 QJsonArray {QJsonObject {{QStringLiteral("index"), 0},
                                          {QStringLiteral("delta"), delta},
                                          {QStringLiteral("finish_reason"), finish}}});
        return sseData(o);
    };
    QList<QByteArray> out;
    out << chunk(QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QString()}});
    for (const QString &piece : textPieces)
        out << chunk(QJsonObject {{QStringLiteral("content"), piece}});
    for (int i = 0; i < calls.size(); ++i) {
        const ScriptedToolCall &call = calls.at(i);
        out << chunk(QJsonObject {
                {QStringLiteral("tool_calls"),
                 QJsonArray {QJsonObject {{QStringLiteral("index"), i},
                                          {QStringLiteral("id"), call.id},
                                          {QStringLiteral("type"), QStringLiteral("function")},
                                          {QStringLiteral("function"),
                                           QJsonObject {{QStringLiteral("name"), call.name},
                                                        {QStringLiteral("arguments"), QString()}}}}}}});
        for (const QString &fragment : call.argumentFragments)
            out << chunk(QJsonObject {
                    {QStringLiteral("tool_calls"),
                     QJsonArray {QJsonObject {{QStringLiteral("index"), i},
                                              {QStringLiteral("function"),
                                               QJsonObject {{QStringLiteral("arguments"), fragment}}}}}}});
    }
    const QString finish = !finishReason.isEmpty() ? finishReason
            : calls.isEmpty()                      ? QStringLiteral("stop")
                                                   : QStringLiteral("tool_calls");
    out << chunk(QJsonObject {}, finish);
    QJsonObject usage = base;
    usage.insert(QStringLiteral("choices"), QJsonArray {});
    usage.insert(QStringLiteral("usage"),
                 QJsonObject {{QStringLiteral("prompt_tokens"), inputTokens},
                              {QStringLiteral("completion_tokens"), outputTokens},
                              {QStringLiteral("total_tokens"), inputTokens + outputTokens}});
    out << sseData(usage);
    out << QByteArray("data: [DONE]\n\n");
    return out;
}

QList<QByteArray> ModelServer::anthropicEvents(const QString &model, const QStringList &textPieces,
                                               const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                               qint64 outputTokens, const QString &stopReason)
{
    auto ev = [](const char *type, QJsonObject data) {
        data.insert(QStringLiteral("type"), QString::fromLatin1(type));
        return sseEvent(type, data);
    };
    QList<QByteArray> out;
    out << ev("message_start",
              {{QStringLiteral("message"),
                QJsonObject {{QStringLiteral("id"), QStringLiteral("msg_01")},
                             {QStringLiteral("type"), QStringLiteral("message")},
                             {QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("model"), model},
                             {QStringLiteral("content"), QJsonArray {}},
                             {QStringLiteral("stop_reason"), QJsonValue::Null},
                             {QStringLiteral("usage"),
                              QJsonObject {{QStringLiteral("input_tokens"), inputTokens},
                                           {QStringLiteral("output_tokens"), 1}}}}}});
    out << ev("ping", {});
    int index = 0;
    if (!textPieces.isEmpty()) {
        out << ev("content_block_start",
                  {{QStringLiteral("index"), index},
                   {QStringLiteral("content_block"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                 {QStringLiteral("text"), QString()}}}});
        for (const QString &piece : textPieces)
            out << ev("content_block_delta",
                      {{QStringLiteral("index"), index},
                       {QStringLiteral("delta"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("text_delta")},
                                     {QStringLiteral("text"), piece}}}});
        out << ev("content_block_stop", {{QStringLiteral("index"), index}});
        ++index;
    }
    for (const ScriptedToolCall &call : calls) {
        out << ev("content_block_start",
                  {{QStringLiteral("index"), index},
                   {QStringLiteral("content_block"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
                                 {QStringLiteral("id"), call.id},
                                 {QStringLiteral("name"), call.name},
                                 {QStringLiteral("input"), QJsonObject {}}}}});
        for (const QString &fragment : call.argumentFragments)
            out << ev("content_block_delta",
                      {{QStringLiteral("index"), index},
                       {QStringLiteral("delta"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                     {QStringLiteral("partial_json"), fragment}}}});
        out << ev("content_block_stop", {{QStringLiteral("index"), index}});
        ++index;
    }
    const QString stop = !stopReason.isEmpty() ? stopReason
            : calls.isEmpty()                  ? QStringLiteral("end_turn")
                                               : QStringLiteral("tool_use");
    out << ev("message_delta",
              {{QStringLiteral("delta"),
                QJsonObject {{QStringLiteral("stop_reason"), stop},
                             {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
               {QStringLiteral("usage"), QJsonObject {{QStringLiteral("output_tokens"), outputTokens}}}});
    out << ev("message_stop", {});
    return out;
}

ScriptedReply ModelServer::stream(QList<QByteArray> events, int chunkDelayMs)
{
    ScriptedReply r;
    r.chunks = std::move(events);
    r.chunkDelayMs = chunkDelayMs;
    return r;
}

ScriptedReply ModelServer::jsonError(int status, const QByteArray &body,
                                     QList<QPair<QByteArray, QByteArray>> headers)
{
    ScriptedReply r;
    r.status = status;
    r.headers = std::move(headers);
    r.chunks = {body};
    r.chunkedEncoding = false;
    r.contentType = "application/json";
    return r;
}

QList<QByteArray> ModelServer::rechunk(const QList<QByteArray> &chunks, int size)
{
    const QByteArray all = chunks.join();
    QList<QByteArray> out;
    for (qsizetype i = 0; i < all.size(); i += size)
        out << all.mid(i, size);
    return out;
}
