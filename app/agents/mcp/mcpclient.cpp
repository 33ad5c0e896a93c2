// McpClient: blocking calls over JsonRpcPeer, and the checks on every answer of the server.
#include "agents/mcp/mcpclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <optional>

namespace harness {

namespace {

QString k(const char *s)
{
    return QString::fromLatin1(s);
}

const QStringList &supportedVersions()
{
    static const QStringList versions {k("2025-06-18"), k("2025-11-25"), k("2025-03-26"), k("2024-11-05")};
    return versions;
}

} // namespace

McpClient::McpClient(QString serverName, Limits limits) : m_name(std::move(serverName)), m_limits(limits) { }

McpClient::~McpClient()
{
    close();
}

bool McpClient::validToolName(const QString &name, int maxChars)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return !name.isEmpty() && name.size() <= maxChars && re.match(name).hasMatch();
}

QString McpClient::shown(const QString &text, int maxChars)
{
    QString out = text.left(maxChars);
    for (QChar &c : out)
        if (!c.isPrint() || c.isSurrogate())
            c = QLatin1Char('?');
    if (text.size() > maxChars)
        out += QStringLiteral("... (%1 characters)").arg(text.size());
    return out;
}

QString McpClient::failureText(const QString &what, const QString &why) const
{
    QString text = QStringLiteral("the MCP server \"%1\" %2: %3").arg(m_name, what, why);
    const QString tail = stderrTail();
    if (!isRunning() && !tail.isEmpty())
        text += QStringLiteral(" (its last output: %1)").arg(shown(tail.right(600), 600));
    return text;
}

QString McpClient::stderrTail() const
{
    return m_peer ? m_peer->stderrTail() : QString();
}

QStringList McpClient::refused() const
{
    QStringList out;
    for (const McpRefusedTool &r : m_refused)
        out << r.reason;
    return out;
}

bool McpClient::isRunning() const
{
    return m_peer && m_peer->isRunning() && !m_peer->hasFailed();
}

void McpClient::close()
{
    if (!m_peer)
        return;
    m_peer->close(1000);
    // Let the peer see its process end (close() ends the whole process group).
    QEventLoop loop;
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(m_peer.get(), &JsonRpcPeer::finished, &loop, &QEventLoop::quit);
    if (m_peer->isRunning()) {
        limit.start(3000);
        loop.exec();
    }
    m_peer.reset();
}

Result<QJsonValue> McpClient::requestAndWait(const QString &method, const QJsonObject &params, int timeoutMs,
                                             const std::atomic_bool *cancel)
{
    if (!m_peer)
        return Result<QJsonValue>::failure(
                QStringLiteral("the MCP server \"%1\" is not running").arg(m_name));
    std::optional<Result<QJsonValue>> answer;
    // The time limit is kept here, on a monotonic clock (a timer may fire a little early); the peer's own
    // limit is only a backstop.
    QElapsedTimer clock;
    clock.start();
    const auto expired = [&] {
        return timeoutMs > 0 && clock.elapsed() >= timeoutMs;
    };
    m_peer->request(
            method, params, [&answer](const Result<QJsonValue> &r) { answer = r; },
            timeoutMs > 0 ? timeoutMs + 5000 : timeoutMs);
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(20);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (answer || (cancel && cancel->load()) || expired())
            loop.quit();
    });
    tick.start();
    if (!answer && !(cancel && cancel->load()))
        loop.exec();
    if (!answer) {
        close(); // a request still running after its time, or cancelled, is not left running
        if (cancel && cancel->load())
            return Result<QJsonValue>::failure(
                    QStringLiteral("cancelled: the MCP server \"%1\" was stopped during %2")
                            .arg(m_name, method));
        return Result<QJsonValue>::failure(
                QStringLiteral("no answer within %1 ms; the server was stopped").arg(timeoutMs));
    }
    return *answer;
}

Status McpClient::start(const JsonRpcCommand &command, const std::atomic_bool *cancel)
{
    close();
    m_refused.clear();
    JsonRpcPeer::Limits limits;
    limits.maxLineBytes = m_limits.maxLineBytes;
    limits.maxPendingIncoming = 8;
    limits.defaultTimeoutMs = m_limits.startTimeoutMs;
    m_peer = std::make_unique<JsonRpcPeer>(limits);
    JsonRpcPeer *peer = m_peer.get();
    // The server may ask us things; we offer nothing but ping.
    QObject::connect(peer, &JsonRpcPeer::requestReceived, peer, [peer](const JsonRpcMessage &m) {
        if (m.method == QLatin1String("ping"))
            peer->respond(m.id, QJsonObject {});
        else
            peer->respondError(m.id, JsonRpcMessage::kMethodNotFound,
                               QStringLiteral("this client offers no %1").arg(shown(m.method, 60)));
    });
    // The only notification that matters: its tools changed; they are listed again by the owner.
    m_toolsChanged = false;
    QObject::connect(peer, &JsonRpcPeer::notificationReceived, peer, [this](const JsonRpcMessage &m) {
        if (m.method == QLatin1String("notifications/tools/list_changed"))
            m_toolsChanged = true;
    });
    peer->start(command);
    const QJsonObject params {
            {k("protocolVersion"), k(kProtocolVersion)},
            {k("capabilities"), QJsonObject {}},
            {k("clientInfo"), QJsonObject {{k("name"), k("harness-workbench")}, {k("version"), k("1")}}}};
    auto init = requestAndWait(k("initialize"), params, m_limits.startTimeoutMs, cancel);
    if (!init)
        return Status::failure(failureText(QStringLiteral("did not initialise"), init.errorText()));
    if (!init->isObject())
        return Status::failure(failureText(QStringLiteral("did not initialise"),
                                           QStringLiteral("its initialize result is not an object")));
    const QJsonObject result = init->toObject();
    const QJsonValue version = result.value(k("protocolVersion"));
    if (!version.isString() || !supportedVersions().contains(version.toString()))
        return Status::failure(
                failureText(QStringLiteral("did not initialise"),
                            QStringLiteral("it answered protocol version %1; this client speaks %2")
                                    .arg(version.isString() ? shown(version.toString(), 40) : k("(none)"),
                                         supportedVersions().join(QStringLiteral(", ")))));
    if (!result.value(k("capabilities")).isObject() ||
        !result.value(k("capabilities")).toObject().value(k("tools")).isObject())
        return Status::failure(failureText(QStringLiteral("did not initialise"),
                                           QStringLiteral("it offers no tools (no \"tools\" capability)")));
    m_protocolVersion = version.toString();
    const QJsonObject info = result.value(k("serverInfo")).toObject();
    m_serverInfo = shown(QStringLiteral("%1 %2")
                                 .arg(info.value(k("name")).toString(), info.value(k("version")).toString())
                                 .trimmed(),
                         120);
    m_peer->notify(k("notifications/initialized"), {});
    return success();
}

Result<McpRemoteTool> McpClient::readTool(const QJsonValue &value, const QSet<QString> &seen) const
{
    using R = Result<McpRemoteTool>;
    if (!value.isObject())
        return R::failure(QStringLiteral("a tools/list entry that is not an object"));
    const QJsonObject o = value.toObject();
    const QJsonValue name = o.value(k("name"));
    if (!name.isString())
        return R::failure(QStringLiteral("a tool without a name"));
    McpRemoteTool tool;
    tool.name = name.toString();
    const QString quoted = QLatin1Char('"') + shown(tool.name) + QLatin1Char('"');
    if (!validToolName(tool.name, m_limits.maxToolNameChars))
        return R::failure(QStringLiteral("tool %1: its name must be 1 to %2 characters of A-Z, a-z, 0-9, _ "
                                         "and -")
                                  .arg(quoted)
                                  .arg(m_limits.maxToolNameChars));
    if (seen.contains(tool.name))
        return R::failure(QStringLiteral("tool %1: listed twice").arg(quoted));
    const QJsonValue schema = o.value(k("inputSchema"));
    if (!schema.isObject() || schema.toObject().value(k("type")) != QJsonValue(k("object")))
        return R::failure(QStringLiteral("tool %1: its inputSchema is not a JSON Schema of type \"object\"")
                                  .arg(quoted));
    const qsizetype size = QJsonDocument(schema.toObject()).toJson(QJsonDocument::Compact).size();
    if (size > m_limits.maxSchemaBytes)
        return R::failure(QStringLiteral("tool %1: its inputSchema is %2 bytes, over the %3-byte limit")
                                  .arg(quoted)
                                  .arg(size)
                                  .arg(m_limits.maxSchemaBytes));
    tool.inputSchema = schema.toObject();
    const QString description = o.value(k("description")).toString();
    tool.description = description.left(m_limits.maxDescriptionChars);
    return tool;
}

Result<QList<McpRemoteTool>> McpClient::listTools(const std::atomic_bool *cancel)
{
    using R = Result<QList<McpRemoteTool>>;
    m_refused.clear();
    m_toolsChanged = false;
    QList<McpRemoteTool> tools;
    QSet<QString> seen, cursors;
    QString cursor;
    for (int page = 0;; ++page) {
        if (page >= m_limits.maxPages)
            return R::failure(failureText(QStringLiteral("listed its tools in too many pages"),
                                          QStringLiteral("more than %1").arg(m_limits.maxPages)));
        QJsonObject params;
        if (!cursor.isEmpty())
            params.insert(k("cursor"), cursor);
        auto answer = requestAndWait(k("tools/list"), params, m_limits.listTimeoutMs, cancel);
        if (!answer)
            return R::failure(failureText(QStringLiteral("did not list its tools"), answer.errorText()));
        const QJsonObject result = answer->toObject();
        if (!answer->isObject() || !result.value(k("tools")).isArray())
            return R::failure(failureText(QStringLiteral("did not list its tools"),
                                          QStringLiteral("the tools/list result has no \"tools\" array")));
        for (const QJsonValue &entry : result.value(k("tools")).toArray()) {
            auto tool = readTool(entry, seen);
            if (!tool) {
                const QJsonValue name = entry.toObject().value(k("name"));
                m_refused << McpRefusedTool {name.isString() ? shown(name.toString()) : QString(),
                                             tool.errorText()};
                continue;
            }
            seen.insert(tool->name);
            if (tools.size() >= m_limits.maxTools) {
                m_refused << McpRefusedTool {
                        shown(tool->name),
                        QStringLiteral("tool \"%1\": more than %2 tools; the rest are not offered")
                                .arg(shown(tool->name))
                                .arg(m_limits.maxTools)};
                continue;
            }
            tools << *tool;
        }
        const QJsonValue next = result.value(k("nextCursor"));
        if (next.isUndefined() || next.isNull())
            break;
        if (!next.isString() || next.toString().isEmpty() || next.toString().size() > 1024 ||
            cursors.contains(next.toString()))
            return R::failure(failureText(QStringLiteral("did not list its tools"),
                                          QStringLiteral("its nextCursor is not a new string of at most 1024 "
                                                         "characters")));
        cursor = next.toString();
        cursors.insert(cursor);
    }
    return tools;
}

Result<McpCallResult> McpClient::callTool(const QString &tool, const QJsonObject &arguments, int timeoutMs,
                                          const std::atomic_bool *cancel)
{
    using R = Result<McpCallResult>;
    const QString what = QStringLiteral("failed the call of %1").arg(tool);
    if (!isRunning())
        return R::failure(
                failureText(what, m_failure.isEmpty() ? QStringLiteral("it is not running") : m_failure));
    auto answer = requestAndWait(k("tools/call"), {{k("name"), tool}, {k("arguments"), arguments}}, timeoutMs,
                                 cancel);
    if (!answer) {
        return R::failure(failureText(what, shown(answer.errorText(), 600)));
    }
    if (!answer->isObject())
        return R::failure(failureText(what, QStringLiteral("its result is not an object")));
    const QJsonObject result = answer->toObject();
    const QJsonValue content = result.value(k("content"));
    if (!content.isArray())
        return R::failure(failureText(what, QStringLiteral("its result has no \"content\" array")));
    McpCallResult out;
    out.isError = result.value(k("isError")).toBool(false);
    QStringList parts;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject b = block.toObject();
        const QString type = b.value(k("type")).toString();
        if (type == QLatin1String("text"))
            parts << b.value(k("text")).toString();
        else
            parts << QStringLiteral("[%1 content not shown]")
                             .arg(shown(type.isEmpty() ? k("unknown") : type, 40));
    }
    if (parts.isEmpty() && result.value(k("structuredContent")).isObject())
        parts << QString::fromUtf8(QJsonDocument(result.value(k("structuredContent")).toObject())
                                           .toJson(QJsonDocument::Compact));
    out.text = parts.join(QLatin1Char('\n'));
    if (out.text.size() > m_limits.maxResultChars) {
        const qsizetype whole = out.text.size();
        out.text = out.text.left(m_limits.maxResultChars) +
                QStringLiteral("\n[cut: the result had %1 characters]").arg(whole);
        out.truncated = true;
    }
    return out;
}

} // namespace harness
