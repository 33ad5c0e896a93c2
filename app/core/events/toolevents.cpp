// Tool, permission and sandbox payloads: JSON round trips.
#include "toolevents.h"

namespace harness {

QJsonObject ToolCallStartedPayload::toJson() const
{
    return withVersion({{QStringLiteral("call_id"), callId},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("turn"), turn},
                        {QStringLiteral("before"), before}},
                       kVersion);
}

Result<ToolCallStartedPayload> ToolCallStartedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ToolCallStartedPayload>(json, kind);
    ToolCallStartedPayload p;
    p.callId = r.optionalString(QStringLiteral("call_id"));
    p.name = r.optionalString(QStringLiteral("name"));
    p.turn = int(r.integer(QStringLiteral("turn"), false, 0));
    p.before = r.object(QStringLiteral("before"), false);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ToolResultPayload::answer() const
{
    return ok ? content : QJsonObject {{QStringLiteral("error"), error}};
}

QJsonObject ToolResultPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("call_id"), callId},
                   {QStringLiteral("name"), name},
                   {QStringLiteral("ok"), ok},
                   {QStringLiteral("content"), content}};
    if (!recovered)
        o.insert(QStringLiteral("error"), error);
    if (afterRestart)
        o.insert(QStringLiteral("after_restart"), true);
    if (recovered)
        o.insert(QStringLiteral("recovered"), true);
    return withVersion(o, kVersion);
}

Result<ToolResultPayload> ToolResultPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ToolResultPayload>(json, kind);
    ToolResultPayload p;
    p.callId = r.optionalString(QStringLiteral("call_id"));
    p.name = r.optionalString(QStringLiteral("name"));
    p.ok = r.boolean(QStringLiteral("ok"), true);
    p.content = r.object(QStringLiteral("content"), false);
    p.error = r.optionalString(QStringLiteral("error"));
    p.afterRestart = r.boolean(QStringLiteral("after_restart"));
    p.recovered = r.boolean(QStringLiteral("recovered"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ToolInterruptedPayload::toJson() const
{
    return withVersion({{QStringLiteral("call_id"), callId},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("message"), message}},
                       kVersion);
}

Result<ToolInterruptedPayload> ToolInterruptedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ToolInterruptedPayload>(json, kind);
    ToolInterruptedPayload p;
    p.callId = r.optionalString(QStringLiteral("call_id"));
    p.name = r.optionalString(QStringLiteral("name"));
    p.message = r.optionalString(QStringLiteral("message"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ToolCallPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("tool"), tool},
                   {QStringLiteral("arguments"), arguments},
                   {QStringLiteral("ok"), ok},
                   {QStringLiteral("duration_ms"), durationMs}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    for (auto it = command.begin(); it != command.end(); ++it)
        o.insert(it.key(), it.value());
    return withVersion(o, kVersion);
}

Result<ToolCallPayload> ToolCallPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ToolCallPayload>(json, kind);
    ToolCallPayload p;
    p.tool = r.optionalString(QStringLiteral("tool"));
    p.arguments = r.object(QStringLiteral("arguments"), false);
    p.ok = r.boolean(QStringLiteral("ok"));
    p.durationMs = r.integer(QStringLiteral("duration_ms"), false, 0);
    p.error = r.optionalString(QStringLiteral("error"));
    for (const char *key : {"exit_code", "timed_out", "output_truncated", "sandboxed"})
        if (json.contains(QLatin1String(key)))
            p.command.insert(QLatin1String(key), json.value(QLatin1String(key)));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PermissionPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("tool"), tool},
                   {QStringLiteral("kind"), requestKind},
                   {QStringLiteral("subject"), subject},
                   {QStringLiteral("reason"), reason}};
    if (!resolved.isEmpty())
        o.insert(QStringLiteral("resolved"), resolved);
    if (!answer.isEmpty())
        o.insert(QStringLiteral("answer"), answer);
    return withVersion(o, kVersion);
}

Result<PermissionPayload> PermissionPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PermissionPayload>(json, kind);
    PermissionPayload p;
    p.tool = r.optionalString(QStringLiteral("tool"));
    p.requestKind = r.optionalString(QStringLiteral("kind"));
    p.subject = r.optionalString(QStringLiteral("subject"));
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.resolved = r.optionalString(QStringLiteral("resolved"));
    p.answer = r.optionalString(QStringLiteral("answer"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PermissionAnswerPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("approval"), approval}, {QStringLiteral("subject"), subject}};
    if (!feedback.isEmpty())
        o.insert(QStringLiteral("feedback"), feedback);
    return withVersion(o, kVersion);
}

Result<PermissionAnswerPayload> PermissionAnswerPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PermissionAnswerPayload>(json, kind);
    PermissionAnswerPayload p;
    p.approval = r.optionalString(QStringLiteral("approval"));
    p.subject = r.object(QStringLiteral("subject"), false);
    p.feedback = r.optionalString(QStringLiteral("feedback"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject SandboxPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("reason"), reason}};
    if (!command.isEmpty())
        o.insert(QStringLiteral("command"), command);
    return withVersion(o, kVersion);
}

Result<SandboxPayload> SandboxPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<SandboxPayload>(json, kind);
    SandboxPayload p;
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.command = r.optionalString(QStringLiteral("command"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject SecurityViolationPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("worktree"), worktree},
                   {QStringLiteral("found"), found},
                   {QStringLiteral("reason"), reason}};
    if (!step.isEmpty())
        o.insert(QStringLiteral("step"), step);
    if (!gate.isEmpty())
        o.insert(QStringLiteral("gate"), gate);
    return withVersion(o, kVersion);
}

Result<SecurityViolationPayload> SecurityViolationPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<SecurityViolationPayload>(json, kind);
    SecurityViolationPayload p;
    p.worktree = r.optionalString(QStringLiteral("worktree"));
    p.found = json.value(QStringLiteral("found")).toArray();
    p.step = r.optionalString(QStringLiteral("step"));
    p.gate = r.optionalString(QStringLiteral("gate"));
    p.reason = r.optionalString(QStringLiteral("reason"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject NetworkDeniedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("host"), host},
                   {QStringLiteral("port"), port},
                   {QStringLiteral("reason"), reason},
                   {QStringLiteral("network"), network}};
    if (furtherNotRecorded)
        o.insert(QStringLiteral("further_denials_not_recorded"), true);
    return withVersion(o, kVersion);
}

Result<NetworkDeniedPayload> NetworkDeniedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<NetworkDeniedPayload>(json, kind);
    NetworkDeniedPayload p;
    p.host = r.optionalString(QStringLiteral("host"));
    p.port = int(r.integer(QStringLiteral("port"), false, 0));
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.network = r.optionalString(QStringLiteral("network"));
    p.furtherNotRecorded = r.boolean(QStringLiteral("further_denials_not_recorded"), false);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject SandboxWriteRefusedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("path"), path},
                   {QStringLiteral("syscall"), syscall},
                   {QStringLiteral("pid"), pid},
                   {QStringLiteral("comm"), comm},
                   {QStringLiteral("reason"), reason}};
    if (furtherNotRecorded)
        o.insert(QStringLiteral("further_refusals_not_recorded"), true);
    return withVersion(o, kVersion);
}

Result<SandboxWriteRefusedPayload> SandboxWriteRefusedPayload::fromJson(const QJsonObject &json,
                                                                        QStringView kind)
{
    JsonReader r = payloadReader<SandboxWriteRefusedPayload>(json, kind);
    SandboxWriteRefusedPayload p;
    p.path = r.string(QStringLiteral("path"));
    p.syscall = r.optionalString(QStringLiteral("syscall"));
    p.pid = r.integer(QStringLiteral("pid"), false, 0);
    p.comm = r.optionalString(QStringLiteral("comm"));
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.furtherNotRecorded = r.boolean(QStringLiteral("further_refusals_not_recorded"), false);
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
