// McpClient: the client side of one Model Context Protocol server over stdio (docs/mcp.md, "MCP servers for
// the built-in agent"): initialize (protocol 2025-06-18), notifications/initialized, tools/list (following
// nextCursor) and tools/call. Everything the server sends is hostile input: the transport is JsonRpcPeer
// (the strict line reader, a line limit, request timeouts, flood limits, its own process group), and every
// answer is checked here — a tool whose name is not [A-Za-z0-9_-], whose input schema is not an object
// schema or is too large, duplicates and tools past the limit are refused (refused() says why, each), and a
// result is cut to the tool-output bound. notifications/tools/list_changed from the server is noted
// (toolsChanged()) for the owner to list the tools again. The methods BLOCK (a local event loop) and run on
// the thread that made the client; cancel stops a wait at once and ends the server.
#pragma once

#include "agents/acp/jsonrpcpeer.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <atomic>
#include <memory>

namespace harness {

struct McpRemoteTool
{
    QString name;
    QString description; // cut to Limits::maxDescriptionChars
    QJsonObject inputSchema; // a JSON Schema with "type": "object"
};

// A tool the server listed that is not offered, and why.
struct McpRefusedTool
{
    QString tool; // its name as listed, shown (cut, control characters replaced); empty without one
    QString reason; // the whole sentence, as refused() has it
};

struct McpCallResult
{
    bool isError = false; // the tool's own failure (its text says why)
    QString text; // the text blocks, joined; other blocks named; cut to Limits::maxResultChars
    bool truncated = false;
};

class McpClient
{
public:
    struct Limits
    {
        qsizetype maxLineBytes = 4 * 1024 * 1024;
        int startTimeoutMs = 20000; // process start and initialize
        int listTimeoutMs = 20000; // each tools/list page
        int maxTools = 64;
        int maxToolNameChars = 64;
        qsizetype maxSchemaBytes = 16 * 1024; // one tool's input schema, compact JSON
        int maxDescriptionChars = 1024;
        int maxPages = 16;
        int maxResultChars = 64 * 1024;
    };

    static constexpr const char *kProtocolVersion = "2025-06-18";

    explicit McpClient(QString serverName, Limits limits);
    explicit McpClient(QString serverName) : McpClient(std::move(serverName), Limits {}) { }
    ~McpClient();
    McpClient(const McpClient &) = delete;
    McpClient &operator=(const McpClient &) = delete;

    // Starts the process, then initialize and notifications/initialized. The error says what went wrong
    // and includes the end of the server's stderr when it exited.
    Status start(const JsonRpcCommand &command, const std::atomic_bool *cancel);
    // Every page of tools/list; refused tools are left out and explained in refused().
    Result<QList<McpRemoteTool>> listTools(const std::atomic_bool *cancel);
    // tools/call. A JSON-RPC error, a malformed result, the timeout (the server is then ended) and a
    // cancel (ended too) are errors; the tool's own failure is a result with isError.
    Result<McpCallResult> callTool(const QString &tool, const QJsonObject &arguments, int timeoutMs,
                                   const std::atomic_bool *cancel);
    void close();

    bool isRunning() const;
    QString serverName() const { return m_name; }
    QString serverInfo() const { return m_serverInfo; } // "name version" as it says, cut
    QString protocolVersion() const { return m_protocolVersion; }
    QStringList refused() const;
    QList<McpRefusedTool> refusedTools() const { return m_refused; }
    // The server sent notifications/tools/list_changed since the last listTools().
    bool toolsChanged() const { return m_toolsChanged; }
    QString stderrTail() const;

    static bool validToolName(const QString &name, int maxChars);
    // A server-given string shown in a message: cut, control characters replaced.
    static QString shown(const QString &text, int maxChars = 80);

private:
    Result<QJsonValue> requestAndWait(const QString &method, const QJsonObject &params, int timeoutMs,
                                      const std::atomic_bool *cancel);
    Result<McpRemoteTool> readTool(const QJsonValue &value, const QSet<QString> &seen) const;
    QString failureText(const QString &what, const QString &why) const;

    QString m_name;
    Limits m_limits;
    std::unique_ptr<JsonRpcPeer> m_peer;
    QString m_failure;
    QString m_serverInfo;
    QString m_protocolVersion;
    QList<McpRefusedTool> m_refused;
    bool m_toolsChanged = false;
};

} // namespace harness
