// McpServer: a Model Context Protocol server over stdio (docs/mcp.md). MCP's stdio transport is
// newline-delimited JSON-RPC 2.0, one message per line and nothing else on stdout. The server answers
// initialize (protocol version negotiation), ping, tools/list and tools/call, and takes notifications
// without answering. Every line is hostile input, and none ends the session: a line over the size limit is
// skipped to its end (never buffered whole) and answered -32600, a line that is not JSON -32700, a message
// that is not a JSON-RPC request -32600, an unknown method -32601, bad params or an unknown tool -32602.
// A tool's own failure is a result with isError, as MCP asks, and so are arguments its input schema
// refuses (the model can correct them). Messages are read and written by the ACP client's JsonRpcMessage
// (agents/acp): the same strict shape checks both ways. Tools run one at a time, on the calling thread.
#pragma once

#include "agents/acp/jsonrpcmessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>

namespace harness {

struct McpToolResult
{
    QString text; // the content's one text block
    QJsonObject structured; // structuredContent; empty: none
    bool isError = false;

    static McpToolResult ok(QString text, QJsonObject structured = {});
    static McpToolResult error(QString text, QJsonObject structured = {});
    QJsonObject toJson() const;
};

struct McpTool
{
    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema; // JSON Schema of the arguments (the subset McpSchema checks)
    bool readOnly = true; // annotations.readOnlyHint
    std::function<McpToolResult(const QJsonObject &arguments)> call;
};

struct McpServerInfo
{
    QString name;
    QString title;
    QString version;
    QString instructions; // initialize's instructions for the model
};

class McpServer
{
public:
    McpServer(McpServerInfo info, QList<McpTool> tools, qsizetype maxLineBytes = kMaxLineBytes);

    // Reads bytes of the input stream; returns the lines to write back (answers in order).
    QByteArray feed(QByteArrayView bytes);
    // The input ended: a last line without its newline is still read.
    QByteArray finish();
    // One line without its newline: the answer line, or nothing (a notification, a response, a blank).
    QByteArray handleLine(QByteArrayView line);
    // Reads inFd to its end, writing answers to outFd. Returns 0, or 1 when outFd cannot be written
    // (the client went away).
    int serve(int inFd, int outFd);

    bool initialized() const { return m_initialized; }
    QString protocolVersion() const { return m_protocolVersion; }
    QString clientName() const { return m_clientName; }

    // Newest first; the first is answered to a client asking for a version not in the list.
    static QStringList supportedVersions();
    static constexpr qsizetype kMaxLineBytes = 4 * 1024 * 1024;

private:
    QByteArray dispatch(const JsonRpcMessage &request);
    JsonRpcMessage initialize(const JsonRpcMessage &request);
    JsonRpcMessage listTools(const JsonRpcMessage &request) const;
    JsonRpcMessage callTool(const JsonRpcMessage &request);

    McpServerInfo m_info;
    QList<McpTool> m_tools;
    qsizetype m_maxLineBytes;
    QByteArray m_partial;
    bool m_skipping = false; // inside a line over the limit: dropped up to its newline
    qint64 m_lines = 0;
    bool m_initialized = false;
    QString m_protocolVersion;
    QString m_clientName;
};

} // namespace harness
