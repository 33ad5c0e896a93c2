// JsonRpcMessage: one JSON-RPC 2.0 message (request, notification, result or error response) as the Agent
// Client Protocol exchanges them, one per line; fromJson() checks the shape JSON-RPC 2.0 section 4-5
// requires.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace harness {

struct JsonRpcMessage
{
    enum class Kind { Request, Notification, Result, Error };

    Kind kind = Kind::Notification;
    QJsonValue id; // an integer or a string; undefined for a notification
    QString method;
    QJsonObject params;
    QJsonValue result;
    int errorCode = 0;
    QString errorMessage;
    QJsonValue errorData;

    static JsonRpcMessage request(qint64 id, const QString &method, const QJsonObject &params);
    static JsonRpcMessage notification(const QString &method, const QJsonObject &params);
    static JsonRpcMessage response(const QJsonValue &id, const QJsonValue &result);
    static JsonRpcMessage error(const QJsonValue &id, int code, const QString &message,
                                const QJsonValue &data = QJsonValue::Undefined);
    // Validates a parsed line: "jsonrpc": "2.0", an id that is an integer or a string, a method that is
    // a non-empty string, params an object, a response with exactly one of result and error.
    static Result<JsonRpcMessage> fromJson(const QJsonObject &object);
    // An id is an integer (exactly representable in a double) or a string.
    static bool validId(const QJsonValue &id);

    QJsonObject toJson() const;
    QByteArray toLine() const; // compact JSON and a newline
    QString idText() const; // the id for messages: 7 or "abc"
    bool isResponse() const { return kind == Kind::Result || kind == Kind::Error; }

    // JSON-RPC 2.0 error codes.
    static constexpr int kParseError = -32700;
    static constexpr int kInvalidRequest = -32600;
    static constexpr int kMethodNotFound = -32601;
    static constexpr int kInvalidParams = -32602;
    static constexpr int kInternalError = -32603;
    // ACP: the request was cancelled (session/cancel) before it was answered.
    static constexpr int kRequestCancelled = -32800;
    // ACP: a file or other resource the request names does not exist ("Resource not found").
    static constexpr int kResourceNotFound = -32002;
};

} // namespace harness
