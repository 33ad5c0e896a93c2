// JsonRpcMessage implementation: construction, strict validation and serialisation of one message.
#include "agents/acp/jsonrpcmessage.h"

#include <QJsonDocument>
#include <cmath>

namespace harness {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

// JSON-RPC allows a null id only in an error response to a message whose id could not be read.
bool JsonRpcMessage::validId(const QJsonValue &id)
{
    if (id.isString())
        return true;
    if (!id.isDouble())
        return false;
    const double d = id.toDouble();
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740991.0;
}

JsonRpcMessage JsonRpcMessage::request(qint64 id, const QString &method, const QJsonObject &params)
{
    JsonRpcMessage m;
    m.kind = Kind::Request;
    m.id = QJsonValue(id);
    m.method = method;
    m.params = params;
    return m;
}

JsonRpcMessage JsonRpcMessage::notification(const QString &method, const QJsonObject &params)
{
    JsonRpcMessage m;
    m.kind = Kind::Notification;
    m.method = method;
    m.params = params;
    return m;
}

JsonRpcMessage JsonRpcMessage::response(const QJsonValue &id, const QJsonValue &result)
{
    JsonRpcMessage m;
    m.kind = Kind::Result;
    m.id = id;
    m.result = result.isUndefined() ? QJsonValue(QJsonValue::Null) : result;
    return m;
}

JsonRpcMessage JsonRpcMessage::error(const QJsonValue &id, int code, const QString &message,
                                     const QJsonValue &data)
{
    JsonRpcMessage m;
    m.kind = Kind::Error;
    m.id = id;
    m.errorCode = code;
    m.errorMessage = message;
    m.errorData = data;
    return m;
}

Result<JsonRpcMessage> JsonRpcMessage::fromJson(const QJsonObject &o)
{
    using R = Result<JsonRpcMessage>;
    const QJsonValue version = o.value(key("jsonrpc"));
    if (!version.isString() || version.toString() != key("2.0"))
        return R::failure(QStringLiteral("the message is not JSON-RPC 2.0 (\"jsonrpc\" must be \"2.0\")"),
                          key("jsonrpc"));
    JsonRpcMessage m;
    const bool hasId = o.contains(key("id"));
    m.id = o.value(key("id"));
    if (o.contains(key("method"))) {
        const QJsonValue method = o.value(key("method"));
        if (!method.isString() || method.toString().isEmpty())
            return R::failure(QStringLiteral("the method must be a non-empty string"), key("method"));
        m.method = method.toString();
        if (o.contains(key("result")) || o.contains(key("error")))
            return R::failure(QStringLiteral("a request cannot carry a result or an error"), m.method);
        const QJsonValue params = o.value(key("params"));
        if (!params.isUndefined() && !params.isNull() && !params.isObject())
            return R::failure(QStringLiteral("params must be an object"), m.method);
        m.params = params.toObject();
        if (hasId && !validId(m.id))
            return R::failure(QStringLiteral("a request id must be an integer or a string"), m.method);
        m.kind = hasId ? Kind::Request : Kind::Notification;
        return m;
    }
    if (!hasId)
        return R::failure(QStringLiteral("the message has neither a method nor an id"));
    const bool hasResult = o.contains(key("result"));
    const bool hasError = o.contains(key("error"));
    if (hasResult == hasError)
        return R::failure(QStringLiteral("a response must carry exactly one of result and error"), key("id"));
    if (hasResult) {
        if (!validId(m.id))
            return R::failure(QStringLiteral("a response id must be an integer or a string"), key("id"));
        m.kind = Kind::Result;
        m.result = o.value(key("result"));
        return m;
    }
    if (!m.id.isNull() && !validId(m.id))
        return R::failure(QStringLiteral("a response id must be an integer or a string"), key("id"));
    const QJsonValue error = o.value(key("error"));
    const QJsonValue code = error.toObject().value(key("code"));
    const QJsonValue message = error.toObject().value(key("message"));
    if (!error.isObject() || !code.isDouble() || code.toDouble() != std::floor(code.toDouble()) ||
        !message.isString())
        return R::failure(
                QStringLiteral("an error must be an object with an integer code and a string message"),
                key("error"));
    m.kind = Kind::Error;
    m.errorCode = code.toInt();
    m.errorMessage = message.toString();
    m.errorData = error.toObject().value(key("data"));
    return m;
}

QJsonObject JsonRpcMessage::toJson() const
{
    QJsonObject o {{key("jsonrpc"), key("2.0")}};
    switch (kind) {
    case Kind::Request:
        o.insert(key("id"), id);
        Q_FALLTHROUGH();
    case Kind::Notification:
        o.insert(key("method"), method);
        o.insert(key("params"), params);
        break;
    case Kind::Result:
        o.insert(key("id"), id);
        o.insert(key("result"), result);
        break;
    case Kind::Error: {
        o.insert(key("id"), id);
        QJsonObject e {{key("code"), errorCode}, {key("message"), errorMessage}};
        if (!errorData.isUndefined())
            e.insert(key("data"), errorData);
        o.insert(key("error"), e);
        break;
    }
    }
    return o;
}

QByteArray JsonRpcMessage::toLine() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact) + '\n';
}

QString JsonRpcMessage::idText() const
{
    if (id.isString())
        return QLatin1Char('"') + id.toString() + QLatin1Char('"');
    if (id.isDouble())
        return QString::number(qint64(id.toDouble()));
    return QStringLiteral("null");
}

} // namespace harness
