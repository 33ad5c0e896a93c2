// Validation and serialisation of the requests an ACP agent makes of its client.
#include "agents/acp/acpagentrequests.h"

#include <QDir>
#include <QJsonArray>

namespace harness {

namespace {

QString k(const char *name)
{
    return QString::fromLatin1(name);
}

Result<QString> requiredString(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(k(name));
    if (!v.isString() || v.toString().isEmpty())
        return Result<QString>::failure(QStringLiteral("missing or not a string"), k(name));
    return v.toString();
}

Result<QString> absolutePath(const QJsonObject &o, const char *name)
{
    Result<QString> path = requiredString(o, name);
    if (path && !QDir::isAbsolutePath(*path))
        return Result<QString>::failure(QStringLiteral("the path must be absolute: %1").arg(*path), k(name));
    if (path && path->contains(QChar(0)))
        return Result<QString>::failure(QStringLiteral("the path contains a NUL character"), k(name));
    return path;
}

} // namespace

Result<AcpPermissionRequest> AcpPermissionRequest::fromJson(const QJsonObject &params)
{
    using R = Result<AcpPermissionRequest>;
    AcpPermissionRequest r;
    Result<QString> session = requiredString(params, "sessionId");
    if (!session)
        return session.error();
    r.sessionId = *session;
    Result<AcpToolCall> call = AcpToolCall::fromJson(params.value(k("toolCall")).toObject());
    if (!call)
        return R::failure(call.errorText(), k("toolCall"));
    r.toolCall = std::move(call).value();
    for (const QJsonValue &v : params.value(k("options")).toArray()) {
        const QJsonObject o = v.toObject();
        AcpPermissionOption option {o.value(k("optionId")).toString(), o.value(k("name")).toString(),
                                    o.value(k("kind")).toString()};
        if (option.optionId.isEmpty())
            return R::failure(QStringLiteral("a permission option has no id"), k("options"));
        r.options << option;
    }
    if (r.options.isEmpty())
        return R::failure(QStringLiteral("a permission request offers no options"), k("options"));
    return r;
}

QString AcpPermissionRequest::optionOfKind(const QString &kind) const
{
    for (const AcpPermissionOption &o : options)
        if (o.kind == kind)
            return o.optionId;
    return {};
}

QJsonObject AcpPermissionOutcome::toJson() const
{
    if (cancelled)
        return {{k("outcome"), QJsonObject {{k("outcome"), k("cancelled")}}}};
    return {{k("outcome"), QJsonObject {{k("outcome"), k("selected")}, {k("optionId"), optionId}}}};
}

Result<AcpReadTextFileRequest> AcpReadTextFileRequest::fromJson(const QJsonObject &params)
{
    AcpReadTextFileRequest r;
    Result<QString> session = requiredString(params, "sessionId");
    if (!session)
        return session.error();
    Result<QString> path = absolutePath(params, "path");
    if (!path)
        return path.error();
    r.sessionId = *session;
    r.path = *path;
    r.line = qMax(0, params.value(k("line")).toInt());
    r.limit = qMax(0, params.value(k("limit")).toInt());
    return r;
}

Result<AcpWriteTextFileRequest> AcpWriteTextFileRequest::fromJson(const QJsonObject &params)
{
    AcpWriteTextFileRequest r;
    Result<QString> session = requiredString(params, "sessionId");
    if (!session)
        return session.error();
    Result<QString> path = absolutePath(params, "path");
    if (!path)
        return path.error();
    if (!params.value(k("content")).isString())
        return Result<AcpWriteTextFileRequest>::failure(QStringLiteral("missing or not a string"),
                                                        k("content"));
    r.sessionId = *session;
    r.path = *path;
    r.content = params.value(k("content")).toString();
    return r;
}

Result<AcpCreateTerminalRequest> AcpCreateTerminalRequest::fromJson(const QJsonObject &params)
{
    using R = Result<AcpCreateTerminalRequest>;
    AcpCreateTerminalRequest r;
    Result<QString> session = requiredString(params, "sessionId");
    if (!session)
        return session.error();
    Result<QString> command = requiredString(params, "command");
    if (!command)
        return command.error();
    r.sessionId = *session;
    r.command = *command;
    for (const QJsonValue &a : params.value(k("args")).toArray()) {
        if (!a.isString())
            return R::failure(QStringLiteral("every argument must be a string"), k("args"));
        r.args << a.toString();
    }
    for (const QJsonValue &e : params.value(k("env")).toArray()) {
        const QString name = e.toObject().value(k("name")).toString();
        if (name.isEmpty() || name.contains(QLatin1Char('=')))
            return R::failure(QStringLiteral("an environment variable has no valid name"), k("env"));
        r.env.append({name, e.toObject().value(k("value")).toString()});
    }
    if (params.contains(k("cwd")) && !params.value(k("cwd")).isNull()) {
        Result<QString> cwd = absolutePath(params, "cwd");
        if (!cwd)
            return cwd.error();
        r.cwd = *cwd;
    }
    if (params.value(k("outputByteLimit")).isDouble())
        r.outputByteLimit = qint64(params.value(k("outputByteLimit")).toDouble());
    return r;
}

Result<AcpTerminalRequest> AcpTerminalRequest::fromJson(const QJsonObject &params)
{
    AcpTerminalRequest r;
    Result<QString> session = requiredString(params, "sessionId");
    if (!session)
        return session.error();
    Result<QString> terminal = requiredString(params, "terminalId");
    if (!terminal)
        return terminal.error();
    r.sessionId = *session;
    r.terminalId = *terminal;
    return r;
}

QJsonObject AcpTerminalExit::toJson() const
{
    return {{k("exitCode"), exitCode >= 0 ? QJsonValue(exitCode) : QJsonValue(QJsonValue::Null)},
            {k("signal"), signal.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(signal)}};
}

QJsonObject AcpTerminalOutput::toJson() const
{
    QJsonObject o {{k("output"), output}, {k("truncated"), truncated}};
    if (exit.exited)
        o.insert(k("exitStatus"), exit.toJson());
    return o;
}

} // namespace harness
