// ModelServer implementation: a minimal HTTP/1.1 server (one request per connection, Connection: close)
// whose replies follow the public streaming formats of OpenAI (Chat Completions, Responses), Anthropic
// (Messages) and Google (Gemini generateContent), as their API references describe them.
#include "common/modelserver.h"

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
    if (request.headers.value("transfer-encoding").toLower().contains("chunked")) {
        // A chunked request body (some HTTP clients stream JSON bodies): wait for the last chunk.
        QByteArray body;
        qsizetype pos = headEnd + 4;
        for (;;) {
            const qsizetype lineEnd = c->input.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qsizetype size =
                    c->input.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok)
                break;
            if (size == 0) {
                if (c->input.indexOf("\r\n", lineEnd + 2) < 0)
                    return;
                break;
            }
            if (c->input.size() < lineEnd + 2 + size + 2)
                return;
            body += c->input.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        request.body = body;
    } else {
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (c->input.size() - headEnd - 4 < length)
            return;
        request.body = c->input.mid(headEnd + 4, length);
    }
    m_requests.append(request);
    c->answered = true;
    std::optional<ScriptedReply> answer;
    if (m_responder)
        answer = m_responder(request);
    if (answer)
        c->reply = std::move(*answer);
    else
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

ScriptedReply ModelServer::json(const QJsonObject &body)
{
    ScriptedReply r;
    r.chunks = {QJsonDocument(body).toJson(QJsonDocument::Compact)};
    r.chunkedEncoding = false;
    r.contentType = "application/json";
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

QList<QByteArray> ModelServer::responsesEvents(const QString &model, const QStringList &textPieces,
                                               const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                               qint64 outputTokens)
{
    // One SSE event per step of the Responses API stream: the item is announced, its text or arguments
    // arrive as deltas, the finished item is repeated whole, and response.completed carries the usage.
    int sequence = 0;
    auto ev = [&sequence](const char *type, QJsonObject data) {
        data.insert(QStringLiteral("type"), QString::fromLatin1(type));
        data.insert(QStringLiteral("sequence_number"), sequence++);
        return sseEvent(type, data);
    };
    const QString responseId = QStringLiteral("resp_1");
    QJsonObject response {{QStringLiteral("id"), responseId},
                          {QStringLiteral("object"), QStringLiteral("response")},
                          {QStringLiteral("created_at"), 1767225600},
                          {QStringLiteral("model"), model},
                          {QStringLiteral("status"), QStringLiteral("in_progress")},
                          {QStringLiteral("output"), QJsonArray {}}};
    QList<QByteArray> out;
    out << ev("response.created", {{QStringLiteral("response"), response}});
    out << ev("response.in_progress", {{QStringLiteral("response"), response}});
    QJsonArray output;
    int index = 0;
    if (!textPieces.isEmpty()) {
        const QString itemId = QStringLiteral("msg_1");
        QJsonObject item {{QStringLiteral("type"), QStringLiteral("message")},
                          {QStringLiteral("id"), itemId},
                          {QStringLiteral("role"), QStringLiteral("assistant")},
                          {QStringLiteral("status"), QStringLiteral("in_progress")},
                          {QStringLiteral("content"), QJsonArray {}}};
        out << ev("response.output_item.added",
                  {{QStringLiteral("output_index"), index}, {QStringLiteral("item"), item}});
        const QJsonObject emptyPart {{QStringLiteral("type"), QStringLiteral("output_text")},
                                     {QStringLiteral("text"), QString()},
                                     {QStringLiteral("annotations"), QJsonArray {}}};
        out << ev("response.content_part.added",
                  {{QStringLiteral("item_id"), itemId},
                   {QStringLiteral("output_index"), index},
                   {QStringLiteral("content_index"), 0},
                   {QStringLiteral("part"), emptyPart}});
        for (const QString &piece : textPieces)
            out << ev("response.output_text.delta",
                      {{QStringLiteral("item_id"), itemId},
                       {QStringLiteral("output_index"), index},
                       {QStringLiteral("content_index"), 0},
                       {QStringLiteral("delta"), piece}});
        const QString text = textPieces.join(QString());
        out << ev("response.output_text.done",
                  {{QStringLiteral("item_id"), itemId},
                   {QStringLiteral("output_index"), index},
                   {QStringLiteral("content_index"), 0},
                   {QStringLiteral("text"), text}});
        QJsonObject part = emptyPart;
        part.insert(QStringLiteral("text"), text);
        out << ev("response.content_part.done",
                  {{QStringLiteral("item_id"), itemId},
                   {QStringLiteral("output_index"), index},
                   {QStringLiteral("content_index"), 0},
                   {QStringLiteral("part"), part}});
        item.insert(QStringLiteral("status"), QStringLiteral("completed"));
        item.insert(QStringLiteral("content"), QJsonArray {part});
        out << ev("response.output_item.done",
                  {{QStringLiteral("output_index"), index}, {QStringLiteral("item"), item}});
        output.append(item);
        ++index;
    }
    for (const ScriptedToolCall &call : calls) {
        const QString itemId = QStringLiteral("fc_%1").arg(index);
        QJsonObject item {{QStringLiteral("type"), QStringLiteral("function_call")},
                          {QStringLiteral("id"), itemId},
                          {QStringLiteral("call_id"), call.id},
                          {QStringLiteral("name"), call.name},
                          {QStringLiteral("arguments"), QString()},
                          {QStringLiteral("status"), QStringLiteral("in_progress")}};
        out << ev("response.output_item.added",
                  {{QStringLiteral("output_index"), index}, {QStringLiteral("item"), item}});
        for (const QString &fragment : call.argumentFragments)
            out << ev("response.function_call_arguments.delta",
                      {{QStringLiteral("item_id"), itemId},
                       {QStringLiteral("output_index"), index},
                       {QStringLiteral("delta"), fragment}});
        const QString arguments = call.argumentFragments.join(QString());
        out << ev("response.function_call_arguments.done",
                  {{QStringLiteral("item_id"), itemId},
                   {QStringLiteral("output_index"), index},
                   {QStringLiteral("arguments"), arguments}});
        item.insert(QStringLiteral("arguments"), arguments);
        item.insert(QStringLiteral("status"), QStringLiteral("completed"));
        out << ev("response.output_item.done",
                  {{QStringLiteral("output_index"), index}, {QStringLiteral("item"), item}});
        output.append(item);
        ++index;
    }
    response.insert(QStringLiteral("status"), QStringLiteral("completed"));
    response.insert(QStringLiteral("output"), output);
    response.insert(QStringLiteral("usage"),
                    QJsonObject {{QStringLiteral("input_tokens"), inputTokens},
                                 {QStringLiteral("input_tokens_details"),
                                  QJsonObject {{QStringLiteral("cached_tokens"), 0}}},
                                 {QStringLiteral("output_tokens"), outputTokens},
                                 {QStringLiteral("output_tokens_details"),
                                  QJsonObject {{QStringLiteral("reasoning_tokens"), 0}}},
                                 {QStringLiteral("total_tokens"), inputTokens + outputTokens}});
    out << ev("response.completed", {{QStringLiteral("response"), response}});
    return out;
}

QJsonObject ModelServer::geminiResponse(const QString &model, const QString &text,
                                        const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                        qint64 outputTokens)
{
    QJsonArray parts;
    if (!text.isEmpty())
        parts.append(QJsonObject {{QStringLiteral("text"), text}});
    for (const ScriptedToolCall &call : calls)
        parts.append(QJsonObject {
                {QStringLiteral("functionCall"),
                 QJsonObject {{QStringLiteral("id"), call.id},
                              {QStringLiteral("name"), call.name},
                              {QStringLiteral("args"),
                               QJsonDocument::fromJson(call.argumentFragments.join(QString()).toUtf8())
                                       .object()}}}});
    return {{QStringLiteral("candidates"),
             QJsonArray {QJsonObject {{QStringLiteral("content"),
                                       QJsonObject {{QStringLiteral("role"), QStringLiteral("model")},
                                                    {QStringLiteral("parts"), parts}}},
                                      {QStringLiteral("finishReason"), QStringLiteral("STOP")},
                                      {QStringLiteral("index"), 0}}}},
            {QStringLiteral("usageMetadata"),
             QJsonObject {{QStringLiteral("promptTokenCount"), inputTokens},
                          {QStringLiteral("candidatesTokenCount"), outputTokens},
                          {QStringLiteral("totalTokenCount"), inputTokens + outputTokens}}},
            {QStringLiteral("modelVersion"), model},
            {QStringLiteral("responseId"), QStringLiteral("gemini-resp-1")}};
}

QList<QByteArray> ModelServer::geminiEvents(const QString &model, const QStringList &textPieces,
                                            const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                            qint64 outputTokens)
{
    // Text arrives piece by piece without a finishReason; the last chunk carries the calls, STOP and usage.
    QList<QByteArray> out;
    for (qsizetype i = 0; i + 1 < textPieces.size() || (i + 1 == textPieces.size() && !calls.isEmpty());
         ++i) {
        QJsonObject chunk = geminiResponse(model, textPieces.at(i), {}, inputTokens, 0);
        QJsonArray candidates = chunk.value(QStringLiteral("candidates")).toArray();
        QJsonObject candidate = candidates.at(0).toObject();
        candidate.remove(QStringLiteral("finishReason"));
        candidates[0] = candidate;
        chunk.insert(QStringLiteral("candidates"), candidates);
        chunk.remove(QStringLiteral("usageMetadata"));
        out << sseData(chunk);
    }
    const QString lastText = (calls.isEmpty() && !textPieces.isEmpty()) ? textPieces.last() : QString();
    out << sseData(geminiResponse(model, lastText, calls, inputTokens, outputTokens));
    return out;
}

QJsonObject ModelServer::anthropicMessage(const QString &model, const QString &text,
                                          const QList<ScriptedToolCall> &calls, qint64 inputTokens,
                                          qint64 outputTokens)
{
    QJsonArray content;
    if (!text.isEmpty())
        content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("text"), text}});
    for (const ScriptedToolCall &call : calls)
        content.append(QJsonObject {
                {QStringLiteral("type"), QStringLiteral("tool_use")},
                {QStringLiteral("id"), call.id},
                {QStringLiteral("name"), call.name},
                {QStringLiteral("input"),
                 QJsonDocument::fromJson(call.argumentFragments.join(QString()).toUtf8()).object()}});
    return {{QStringLiteral("id"), QStringLiteral("msg_01")},
            {QStringLiteral("type"), QStringLiteral("message")},
            {QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("model"), model},
            {QStringLiteral("content"), content},
            {QStringLiteral("stop_reason"),
             calls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use")},
            {QStringLiteral("stop_sequence"), QJsonValue::Null},
            {QStringLiteral("usage"),
             QJsonObject {{QStringLiteral("input_tokens"), inputTokens},
                          {QStringLiteral("output_tokens"), outputTokens}}}};
}

QJsonObject ModelServer::openAiCompletion(const QString &model, const QString &text, qint64 inputTokens,
                                          qint64 outputTokens)
{
    return {{QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
            {QStringLiteral("object"), QStringLiteral("chat.completion")},
            {QStringLiteral("created"), 1767225600},
            {QStringLiteral("model"), model},
            {QStringLiteral("choices"),
             QJsonArray {QJsonObject {{QStringLiteral("index"), 0},
                                      {QStringLiteral("message"),
                                       QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                                                    {QStringLiteral("content"), text}}},
                                      {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
            {QStringLiteral("usage"),
             QJsonObject {{QStringLiteral("prompt_tokens"), inputTokens},
                          {QStringLiteral("completion_tokens"), outputTokens},
                          {QStringLiteral("total_tokens"), inputTokens + outputTokens}}}};
}
