// Run life payloads: JSON round trips.
#include "runevents.h"

namespace harness {

QJsonObject RunRequestedPayload::toJson() const
{
    return withVersion({{QStringLiteral("task"), task}, {QStringLiteral("target"), target}}, kVersion);
}

Result<RunRequestedPayload> RunRequestedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunRequestedPayload>(json, kind);
    RunRequestedPayload p;
    p.task = r.string(QStringLiteral("task"));
    p.target = r.optionalString(QStringLiteral("target"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunCreatedPayload::toJson() const
{
    QJsonObject o {
            {QStringLiteral("task"), task},         {QStringLiteral("base_commit"), baseCommit},
            {QStringLiteral("worktree"), worktree}, {QStringLiteral("branch"), branch},
            {QStringLiteral("target"), target},     {QStringLiteral("sandbox_network"), sandboxNetwork}};
    if (!executor.isUndefined() && !executor.isNull())
        o.insert(QStringLiteral("executor"), executor);
    return withVersion(o, kVersion);
}

Result<RunCreatedPayload> RunCreatedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunCreatedPayload>(json, kind);
    RunCreatedPayload p;
    p.task = r.optionalString(QStringLiteral("task"));
    p.baseCommit = r.optionalString(QStringLiteral("base_commit"));
    p.worktree = r.optionalString(QStringLiteral("worktree"));
    p.branch = r.optionalString(QStringLiteral("branch"));
    p.target = r.optionalString(QStringLiteral("target"));
    p.sandboxNetwork = r.optionalString(QStringLiteral("sandbox_network"));
    p.executor = json.value(QStringLiteral("executor"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunQueuedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("priority"), priority}, {QStringLiteral("remote"), remote}};
    if (!autoApprove.isEmpty())
        o.insert(QStringLiteral("auto_approve"), autoApprove);
    return withVersion(o, kVersion);
}

Result<RunQueuedPayload> RunQueuedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunQueuedPayload>(json, kind);
    RunQueuedPayload p;
    p.priority = int(r.integer(QStringLiteral("priority"), false, 0));
    p.remote = r.optionalString(QStringLiteral("remote"));
    p.autoApprove = r.optionalString(QStringLiteral("auto_approve"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunReprioritizedPayload::toJson() const
{
    return withVersion({{QStringLiteral("priority"), priority}, {QStringLiteral("previous"), previous}},
                       kVersion);
}

Result<RunReprioritizedPayload> RunReprioritizedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunReprioritizedPayload>(json, kind);
    RunReprioritizedPayload p;
    p.priority = int(r.integer(QStringLiteral("priority"), true, 0));
    p.previous = int(r.integer(QStringLiteral("previous"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunClaimedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("runner"), runner},
                   {QStringLiteral("host"), host},
                   {QStringLiteral("token"), token},
                   {QStringLiteral("worktree"), worktree}};
    if (!previousRunner.isEmpty())
        o.insert(QStringLiteral("previous_runner"), previousRunner);
    if (!commit.isEmpty())
        o.insert(QStringLiteral("commit"), commit);
    if (!snapshot.isEmpty())
        o.insert(QStringLiteral("snapshot"), snapshot);
    return withVersion(o, kVersion);
}

Result<RunClaimedPayload> RunClaimedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunClaimedPayload>(json, kind);
    RunClaimedPayload p;
    p.runner = r.string(QStringLiteral("runner"));
    p.host = r.optionalString(QStringLiteral("host"));
    p.token = r.integer(QStringLiteral("token"), false, 0);
    p.previousRunner = r.optionalString(QStringLiteral("previous_runner"));
    p.worktree = r.optionalString(QStringLiteral("worktree"));
    p.commit = r.optionalString(QStringLiteral("commit"));
    p.snapshot = r.optionalString(QStringLiteral("snapshot"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PhaseStartedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("phase"), phase}};
    if (round > 0)
        o.insert(QStringLiteral("round"), round);
    if (iteration > 0)
        o.insert(QStringLiteral("iteration"), iteration);
    return withVersion(o, kVersion);
}

Result<PhaseStartedPayload> PhaseStartedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PhaseStartedPayload>(json, kind);
    PhaseStartedPayload p;
    p.phase = r.string(QStringLiteral("phase")).toLower();
    p.round = int(r.integer(QStringLiteral("round"), false, 0));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunControlPayload::toJson() const
{
    return withVersion({}, kVersion);
}

Result<RunControlPayload> RunControlPayload::fromJson(const QJsonObject &, QStringView)
{
    return RunControlPayload {};
}

QJsonObject RunEndedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("reason"), reason}};
    if (!worktree.isEmpty())
        o.insert(QStringLiteral("worktree"), worktree);
    if (!configFile.isEmpty())
        o.insert(QStringLiteral("config_file"), configFile);
    return withVersion(o, kVersion);
}

Result<RunEndedPayload> RunEndedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunEndedPayload>(json, kind);
    RunEndedPayload p;
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.worktree = r.optionalString(QStringLiteral("worktree"));
    p.configFile = r.optionalString(QStringLiteral("config_file"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RunErrorPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("message"), message}};
    if (!phase.isEmpty())
        o.insert(QStringLiteral("phase"), phase);
    if (!errorKind.isEmpty())
        o.insert(QStringLiteral("kind"), errorKind);
    return withVersion(o, kVersion);
}

Result<RunErrorPayload> RunErrorPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RunErrorPayload>(json, kind);
    RunErrorPayload p;
    p.message = r.optionalString(QStringLiteral("message"));
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.errorKind = r.optionalString(QStringLiteral("kind"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject TaskAddedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("task"), task}};
    if (demo)
        o.insert(QStringLiteral("demo"), true);
    return withVersion(o, kVersion);
}

Result<TaskAddedPayload> TaskAddedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<TaskAddedPayload>(json, kind);
    TaskAddedPayload p;
    p.task = r.object(QStringLiteral("task"));
    p.demo = r.boolean(QStringLiteral("demo"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject DependencyAddedPayload::toJson() const
{
    return withVersion({{QStringLiteral("task"), task}, {QStringLiteral("depends_on"), dependsOn}}, kVersion);
}

Result<DependencyAddedPayload> DependencyAddedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<DependencyAddedPayload>(json, kind);
    DependencyAddedPayload p;
    p.task = r.string(QStringLiteral("task"));
    p.dependsOn = r.string(QStringLiteral("depends_on"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject SubtasksAcceptedPayload::toJson() const
{
    return withVersion({{QStringLiteral("tasks"), QJsonArray::fromStringList(tasks)},
                        {QStringLiteral("parent"), parent}},
                       kVersion);
}

Result<SubtasksAcceptedPayload> SubtasksAcceptedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<SubtasksAcceptedPayload>(json, kind);
    SubtasksAcceptedPayload p;
    p.tasks = r.stringList(QStringLiteral("tasks"));
    p.parent = r.optionalString(QStringLiteral("parent"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
