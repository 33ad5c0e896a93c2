// ExecutorChoice: the JSON forms of the executor and their validation.
#include "executorchoice.h"

#include <QJsonArray>
#include <QJsonObject>

namespace harness {

namespace {
QString k(const char *text)
{
    return QString::fromLatin1(text);
}
} // namespace

QStringList ExecutorChoice::presetNames()
{
    return {k("claude-code"), k("codex"), k("gemini"), k("opencode")};
}

QString ExecutorChoice::profileId() const
{
    return preset == k("claude-code") ? k("claude") : preset;
}

QString ExecutorChoice::name() const
{
    if (!preset.isEmpty())
        return preset;
    if (!command.isEmpty())
        return k("acp:") + command.first();
    return k("builtin");
}

QJsonValue ExecutorChoice::toJson() const
{
    if (!preset.isEmpty())
        return QJsonObject {{k("acp"), preset}};
    if (!command.isEmpty())
        return QJsonObject {{k("acp"), QJsonObject {{k("command"), QJsonArray::fromStringList(command)}}}};
    return k("builtin");
}

Result<ExecutorChoice> ExecutorChoice::fromName(const QString &name)
{
    if (name == k("builtin"))
        return ExecutorChoice {};
    if (presetNames().contains(name))
        return ExecutorChoice {name, {}};
    return Result<ExecutorChoice>::failure(QStringLiteral("unknown agent \"%1\"; known agents: builtin, %2")
                                                   .arg(name, presetNames().join(QStringLiteral(", "))));
}

Result<ExecutorChoice> ExecutorChoice::fromJson(const QJsonValue &json, const QString &field)
{
    using R = Result<ExecutorChoice>;
    if (json.isUndefined() || json.isNull() || json == QJsonValue(k("builtin")))
        return ExecutorChoice {};
    const QString shapes = QStringLiteral(
            "must be \"builtin\", {\"acp\": \"claude-code\"|\"codex\"|\"gemini\"|\"opencode\"} or "
            "{\"acp\": {\"command\": [program, arguments...]}}");
    if (!json.isObject())
        return R::failure(shapes, field);
    const QJsonObject o = json.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != k("acp"))
            return R::failure(QStringLiteral("unknown key \"%1\"; ").arg(it.key()) + shapes, field);
    const QJsonValue acp = o.value(k("acp"));
    const QString acpField = field + k(".acp");
    if (acp.isString()) {
        if (!presetNames().contains(acp.toString()))
            return R::failure(QStringLiteral("unknown agent \"%1\"; known agents: %2")
                                      .arg(acp.toString(), presetNames().join(QStringLiteral(", "))),
                              acpField);
        return ExecutorChoice {acp.toString(), {}};
    }
    if (!acp.isObject())
        return R::failure(shapes, acp.isUndefined() ? field : acpField);
    const QJsonObject custom = acp.toObject();
    const QString commandField = acpField + k(".command");
    for (auto it = custom.begin(); it != custom.end(); ++it)
        if (it.key() != k("command"))
            return R::failure(QStringLiteral("unknown key \"%1\"; a custom agent is {\"command\": [...]}")
                                      .arg(it.key()),
                              acpField);
    if (!custom.value(k("command")).isArray())
        return R::failure(QStringLiteral("is required: the agent's program and its arguments"), commandField);
    ExecutorChoice choice;
    for (const QJsonValue &part : custom.value(k("command")).toArray()) {
        if (!part.isString() || part.toString().isEmpty())
            return R::failure(QStringLiteral("every element must be a non-empty string"), commandField);
        choice.command << part.toString();
    }
    if (choice.command.isEmpty())
        return R::failure(QStringLiteral("must name the agent's program"), commandField);
    return choice;
}

} // namespace harness
