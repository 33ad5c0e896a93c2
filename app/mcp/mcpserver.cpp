// McpServer implementation: the bounded line framing, the JSON-RPC checks and the four methods.
#include "mcp/mcpserver.h"
#include "mcp/mcpschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <unistd.h>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

QByteArray errorLine(const QJsonValue &id, int code, const QString &message)
{
    return JsonRpcMessage::error(id, code, message).toLine();
}

const QJsonValue kNullId(QJsonValue::Null);

// A client's name as it may appear in an actor: letters, digits and - _ . only, at most 64.
QString cleanName(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        if (out.size() >= 64)
            break;
        if (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.')
            out += c;
    }
    return out;
}

bool writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        left -= n;
    }
    return true;
}

} // namespace

McpToolResult McpToolResult::ok(QString text, QJsonObject structured)
{
    return {std::move(text), std::move(structured), false};
}

McpToolResult McpToolResult::error(QString text, QJsonObject structured)
{
    return {std::move(text), std::move(structured), true};
}

QJsonObject McpToolResult::toJson() const
{
    QJsonObject o {{k("content"), QJsonArray {QJsonObject {{k("type"), k("text")}, {k("text"), text}}}},
                   {k("isError"), isError}};
    if (!structured.isEmpty())
        o.insert(k("structuredContent"), structured);
    return o;
}

McpServer::McpServer(McpServerInfo info, QList<McpTool> tools, qsizetype maxLineBytes)
    : m_info(std::move(info)), m_tools(std::move(tools)), m_maxLineBytes(qMax<qsizetype>(256, maxLineBytes))
{ }

QStringList McpServer::supportedVersions()
{
    return {k("2025-11-25"), k("2025-06-18"), k("2025-03-26"), k("2024-11-05")};
}

QByteArray McpServer::feed(QByteArrayView bytes)
{
    QByteArray out;
    const char *data = bytes.data();
    qsizetype size = bytes.size();
    while (size > 0) {
        const void *found = std::memchr(data, '\n', size_t(size));
        const qsizetype length = found ? static_cast<const char *>(found) - data : size;
        if (m_skipping) {
            // The rest of a line over the limit: dropped, never buffered.
        } else if (m_partial.size() + length > m_maxLineBytes) {
            ++m_lines;
            out += errorLine(kNullId, JsonRpcMessage::kInvalidRequest,
                             QStringLiteral("the message on line %1 is longer than %2 bytes; it was skipped")
                                     .arg(m_lines)
                                     .arg(m_maxLineBytes));
            m_partial.clear();
            m_skipping = true;
        } else if (!found) {
            m_partial.append(data, length);
        } else if (m_partial.isEmpty()) {
            out += handleLine(QByteArrayView(data, length));
        } else {
            m_partial.append(data, length);
            const QByteArray line = std::exchange(m_partial, QByteArray());
            out += handleLine(line);
        }
        if (!found)
            break;
        m_skipping = false;
        data += length + 1;
        size -= length + 1;
    }
    return out;
}

QByteArray McpServer::finish()
{
    m_skipping = false;
    const QByteArray line = std::exchange(m_partial, QByteArray());
    return line.trimmed().isEmpty() ? QByteArray() : handleLine(line);
}

QByteArray McpServer::handleLine(QByteArrayView line)
{
    ++m_lines;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorLine(kNullId, JsonRpcMessage::kParseError,
                         QStringLiteral("Parse error: %1 at offset %2 of line %3")
                                 .arg(parseError.errorString())
                                 .arg(parseError.offset)
                                 .arg(m_lines));
    if (document.isArray())
        return errorLine(kNullId, JsonRpcMessage::kInvalidRequest,
                         k("Invalid Request: JSON-RPC batches are not supported; send one message per line"));
    if (!document.isObject())
        return errorLine(kNullId, JsonRpcMessage::kInvalidRequest,
                         k("Invalid Request: a message must be a JSON object"));
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(k("id"));
    const bool request =
            object.contains(k("method")) && object.contains(k("id")) && JsonRpcMessage::validId(id);
    const QJsonValue params = object.value(k("params"));
    if (request && object.value(k("jsonrpc")) == QJsonValue(k("2.0")) &&
        object.value(k("method")).isString() && !params.isUndefined() && !params.isNull() &&
        !params.isObject())
        return errorLine(id, JsonRpcMessage::kInvalidParams, k("Invalid params: params must be an object"));
    Result<JsonRpcMessage> message = JsonRpcMessage::fromJson(object);
    if (!message)
        return errorLine(JsonRpcMessage::validId(id) ? id : kNullId, JsonRpcMessage::kInvalidRequest,
                         QStringLiteral("Invalid Request: %1").arg(message.errorText()));
    switch (message->kind) {
    case JsonRpcMessage::Kind::Request:
        return dispatch(*message);
    case JsonRpcMessage::Kind::Notification: // initialized, cancelled, ...: nothing to answer
    case JsonRpcMessage::Kind::Result: // the server sends no requests: nothing to match
    case JsonRpcMessage::Kind::Error:
        return {};
    }
    return {};
}

QByteArray McpServer::dispatch(const JsonRpcMessage &request)
{
    const QString &method = request.method;
    if (method == QLatin1String("initialize"))
        return initialize(request).toLine();
    if (method == QLatin1String("ping"))
        return JsonRpcMessage::response(request.id, QJsonObject()).toLine();
    const bool known = method == QLatin1String("tools/list") || method == QLatin1String("tools/call");
    if (!known)
        return errorLine(request.id, JsonRpcMessage::kMethodNotFound,
                         QStringLiteral("Method not found: %1").arg(method.left(200)));
    if (!m_initialized)
        return errorLine(request.id, JsonRpcMessage::kInvalidRequest,
                         k("Invalid Request: the session is not initialized; send initialize first"));
    if (method == QLatin1String("tools/list"))
        return listTools(request).toLine();
    return callTool(request).toLine();
}

JsonRpcMessage McpServer::initialize(const JsonRpcMessage &request)
{
    const QJsonValue requested = request.params.value(k("protocolVersion"));
    if (!requested.isString())
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidParams,
                                     k("Invalid params: initialize needs params.protocolVersion, a string"));
    if (m_initialized)
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidRequest,
                                     k("Invalid Request: the session is already initialized"));
    const QStringList supported = supportedVersions();
    m_protocolVersion = supported.contains(requested.toString()) ? requested.toString() : supported.first();
    m_clientName = cleanName(request.params.value(k("clientInfo")).toObject().value(k("name")).toString());
    m_initialized = true;
    QJsonObject server {{k("name"), m_info.name}, {k("version"), m_info.version}};
    if (!m_info.title.isEmpty())
        server.insert(k("title"), m_info.title);
    QJsonObject result {
            {k("protocolVersion"), m_protocolVersion},
            {k("capabilities"), QJsonObject {{k("tools"), QJsonObject {{k("listChanged"), false}}}}},
            {k("serverInfo"), server}};
    if (!m_info.instructions.isEmpty())
        result.insert(k("instructions"), m_info.instructions);
    return JsonRpcMessage::response(request.id, result);
}

JsonRpcMessage McpServer::listTools(const JsonRpcMessage &request) const
{
    const QJsonValue cursor = request.params.value(k("cursor"));
    if (!cursor.isUndefined() && !cursor.isNull() && !cursor.isString())
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidParams,
                                     k("Invalid params: params.cursor must be a string"));
    QJsonArray tools;
    for (const McpTool &t : m_tools) {
        const QJsonObject annotations {{k("title"), t.title},
                                       {k("readOnlyHint"), t.readOnly},
                                       {k("destructiveHint"), false},
                                       {k("idempotentHint"), t.readOnly},
                                       {k("openWorldHint"), false}};
        tools.append(QJsonObject {{k("name"), t.name},
                                  {k("title"), t.title},
                                  {k("description"), t.description},
                                  {k("inputSchema"), t.inputSchema},
                                  {k("annotations"), annotations}});
    }
    return JsonRpcMessage::response(request.id, QJsonObject {{k("tools"), tools}});
}

JsonRpcMessage McpServer::callTool(const JsonRpcMessage &request)
{
    const QJsonValue name = request.params.value(k("name"));
    if (!name.isString())
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidParams,
                                     k("Invalid params: tools/call needs params.name, a string"));
    const McpTool *tool = nullptr;
    for (const McpTool &t : m_tools)
        if (t.name == name.toString())
            tool = &t;
    if (!tool)
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidParams,
                                     QStringLiteral("Unknown tool: %1").arg(name.toString().left(200)));
    const QJsonValue arguments = request.params.value(k("arguments"));
    if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
        return JsonRpcMessage::error(request.id, JsonRpcMessage::kInvalidParams,
                                     k("Invalid params: params.arguments must be an object"));
    const QJsonObject args = arguments.toObject();
    McpToolResult result;
    if (const QString problem = McpSchema::check(tool->inputSchema, args); !problem.isEmpty()) {
        result = McpToolResult::error(QStringLiteral("%1: invalid arguments: %2").arg(tool->name, problem));
    } else {
        try {
            result = tool->call(args);
        } catch (const std::exception &e) {
            result = McpToolResult::error(
                    QStringLiteral("%1 failed: %2").arg(tool->name, QString::fromUtf8(e.what())));
        }
    }
    return JsonRpcMessage::response(request.id, result.toJson());
}

int McpServer::serve(int inFd, int outFd)
{
    // A client that goes away makes write() fail with EPIPE instead of ending the process.
    std::signal(SIGPIPE, SIG_IGN);
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::read(inFd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (!writeAll(outFd, feed(QByteArrayView(buffer.constData(), n))))
            return 1;
    }
    return writeAll(outFd, finish()) ? 0 : 1;
}

} // namespace harness
