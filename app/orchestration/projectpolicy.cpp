// ProjectPolicy JSON with field-naming validation.
#include "projectpolicy.h"
#include "core/jsonreader.h"
#include "rules/jsontextlocator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace harness {

QJsonObject ProjectPolicy::toJson() const
{
    QJsonObject out {{QStringLiteral("auto_approve"),
                      QJsonObject {{QStringLiteral("enabled"), autoApprove.enabled},
                                   {QStringLiteral("paths"), QJsonArray::fromStringList(autoApprove.paths)},
                                   {QStringLiteral("max_steps"), autoApprove.maxSteps},
                                   {QStringLiteral("max_files"), autoApprove.maxFiles}}},
                     {QStringLiteral("max_plan_rounds"), maxPlanRounds},
                     {QStringLiteral("max_turns_per_iteration"), maxTurnsPerIteration},
                     {QStringLiteral("allow_unsandboxed"), allowUnsandboxed},
                     {QStringLiteral("network"), network.toJson()},
                     {QStringLiteral("target_branch"), targetBranch},
                     {QStringLiteral("provider"), provider},
                     {QStringLiteral("transcript"), transcript},
                     {QStringLiteral("models"), models},
                     {QStringLiteral("provider_config"), providerConfig},
                     {QStringLiteral("fallback_model"), fallbackModel},
                     {QStringLiteral("degrade_at"), degradeAt},
                     {QStringLiteral("prices"), prices},
                     {QStringLiteral("executor"), executor.toJson()}};
    if (!mcpServers.isEmpty())
        out.insert(QStringLiteral("mcp_servers"), McpServerConfig::listToJson(mcpServers));
    if (team != TeamPolicy {})
        out.insert(QStringLiteral("team"), team.toJson());
    return out;
}

Result<ProjectPolicy> ProjectPolicy::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("policy"));
    ProjectPolicy p;
    const QJsonObject aa = r.object(QStringLiteral("auto_approve"), false);
    JsonReader ar(aa, r.fieldPath(QStringLiteral("auto_approve")));
    p.autoApprove.enabled = ar.boolean(QStringLiteral("enabled"), false);
    p.autoApprove.paths = ar.stringList(QStringLiteral("paths"));
    p.autoApprove.maxSteps = int(ar.integer(QStringLiteral("max_steps"), false, 5));
    p.autoApprove.maxFiles = int(ar.integer(QStringLiteral("max_files"), false, 5));
    r.adopt(ar.error());
    p.maxPlanRounds = int(r.integer(QStringLiteral("max_plan_rounds"), false, 5));
    p.maxTurnsPerIteration = int(r.integer(QStringLiteral("max_turns_per_iteration"), false, 40));
    p.allowUnsandboxed = r.boolean(QStringLiteral("allow_unsandboxed"), false);
    auto network = NetworkPolicy::fromJson(json.value(QStringLiteral("network")),
                                           r.fieldPath(QStringLiteral("network")));
    if (network)
        p.network = *network;
    else
        r.adopt(network.error());
    p.targetBranch = r.optionalString(QStringLiteral("target_branch"));
    p.provider = r.optionalString(QStringLiteral("provider"), QStringLiteral("replay"));
    p.transcript = r.optionalString(QStringLiteral("transcript"));
    p.models = r.object(QStringLiteral("models"), false);
    p.providerConfig = r.object(QStringLiteral("provider_config"), false);
    p.fallbackModel = r.optionalString(QStringLiteral("fallback_model"));
    p.degradeAt = r.number(QStringLiteral("degrade_at"), false, 0.8);
    if (p.degradeAt <= 0 || p.degradeAt > 1)
        r.fail(QStringLiteral("degrade_at"), QStringLiteral("must be a fraction above 0 and at most 1"));
    p.prices = r.object(QStringLiteral("prices"), false);
    auto executor = ExecutorChoice::fromJson(json.value(QStringLiteral("executor")),
                                             r.fieldPath(QStringLiteral("executor")));
    if (executor)
        p.executor = *executor;
    else
        r.adopt(executor.error());
    auto mcpServers = McpServerConfig::listFromJson(json.value(QStringLiteral("mcp_servers")),
                                                    r.fieldPath(QStringLiteral("mcp_servers")));
    if (mcpServers)
        p.mcpServers = *mcpServers;
    else
        r.adopt(mcpServers.error());
    auto team = TeamPolicy::fromJson(json.value(QStringLiteral("team")), r.fieldPath(QStringLiteral("team")));
    if (team)
        p.team = *team;
    else
        r.adopt(team.error());
    if (p.provider != QLatin1String("replay") && p.providerConfig.isEmpty())
        r.fail(QStringLiteral("provider_config"),
               QStringLiteral(
                       "is required when provider is \"%1\" (kind, base_url, api_key_env, default_model)")
                       .arg(p.provider));
    if (p.maxPlanRounds < 1 || p.maxPlanRounds > 50)
        r.fail(QStringLiteral("max_plan_rounds"), QStringLiteral("must be between 1 and 50"));
    if (p.maxTurnsPerIteration < 1 || p.maxTurnsPerIteration > 1000)
        r.fail(QStringLiteral("max_turns_per_iteration"), QStringLiteral("must be between 1 and 1000"));
    if (!r.ok())
        return r.error();
    return p;
}

Result<ProjectPolicy> ProjectPolicy::fromJsonText(const QByteArray &text, const QString &fileName)
{
    const JsonTextLocator locator(text);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
    if (err.error != QJsonParseError::NoError) {
        const TextPosition pos = locator.positionOfOffset(err.offset);
        return Result<ProjectPolicy>::failure(
                QStringLiteral("%1:%2:%3: not valid JSON (%4); fix the syntax at this position")
                        .arg(fileName)
                        .arg(pos.line)
                        .arg(pos.column)
                        .arg(err.errorString()));
    }
    if (!doc.isObject())
        return Result<ProjectPolicy>::failure(
                QStringLiteral("%1:1:1: the top level must be an object").arg(fileName));
    auto policy = fromJson(doc.object());
    if (!policy) {
        // fromJson names fields from its root "policy"; the file's paths start below it.
        QString field = policy.error().field;
        if (field.startsWith(QLatin1String("policy.")))
            field = field.mid(7);
        return Result<ProjectPolicy>::failure(locator.describe(fileName, field, policy.error().message));
    }
    return policy;
}

Result<ProjectPolicy> ProjectPolicy::load(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return ProjectPolicy {};
    if (!f.open(QIODevice::ReadOnly))
        return Result<ProjectPolicy>::failure(
                QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return fromJsonText(f.readAll(), path);
}

} // namespace harness
