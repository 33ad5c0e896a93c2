// AcpAgentProfile implementation: per-agent command lines and environment for a model endpoint.
#include "agents/acp/acpagentprofile.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace harness {

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

QStringList AcpAgentProfile::knownIds()
{
    return {s("claude"), s("codex"), s("gemini"), s("opencode")};
}

Result<AcpAgentProfile> AcpAgentProfile::byId(const QString &id)
{
    if (id == s("claude"))
        return AcpAgentProfile {id, s("Claude Code"), s("anthropic"), {}, {}};
    if (id == s("codex"))
        return AcpAgentProfile {id, s("Codex"), s("openai-responses"), s("openai-api-key"), s("auto")};
    if (id == s("gemini"))
        return AcpAgentProfile {id, s("Gemini CLI"), s("gemini"), s("gemini-api-key"), {}};
    if (id == s("opencode"))
        return AcpAgentProfile {id, s("opencode"), s("anthropic"), {}, {}};
    return Result<AcpAgentProfile>::failure(QStringLiteral("unknown agent \"%1\"; known agents: %2")
                                                    .arg(id, knownIds().join(QStringLiteral(", "))));
}

JsonRpcCommand AcpAgentProfile::command(const QString &binDir, const AcpAgentEndpoint &endpoint,
                                        const QString &home) const
{
    JsonRpcCommand c;
    QProcessEnvironment env;
    env.insert(s("PATH"), qEnvironmentVariable("PATH"));
    env.insert(s("HOME"), home);
    env.insert(s("XDG_CONFIG_HOME"), home + s("/.config"));
    env.insert(s("XDG_DATA_HOME"), home + s("/.local/share"));
    env.insert(s("XDG_CACHE_HOME"), home + s("/.cache"));
    env.insert(s("XDG_STATE_HOME"), home + s("/.local/state"));
    env.insert(s("LANG"), s("C.UTF-8"));
    env.insert(s("NO_UPDATE_NOTIFIER"), s("1"));
    if (id == s("claude")) {
        c.program = binDir + s("/claude-agent-acp");
        env.insert(s("ANTHROPIC_BASE_URL"), endpoint.baseUrl);
        env.insert(s("ANTHROPIC_API_KEY"), endpoint.apiKey);
        if (!endpoint.model.isEmpty())
            env.insert(s("ANTHROPIC_MODEL"), endpoint.model);
        env.insert(s("IS_SANDBOX"), s("1")); // Claude Code refuses to run as root otherwise
        env.insert(s("DISABLE_AUTOUPDATER"), s("1"));
        env.insert(s("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"), s("1"));
    } else if (id == s("codex")) {
        // codex-acp ignores OPENAI_BASE_URL: the endpoint is a provider of its own configuration.
        c.program = binDir + s("/codex-acp");
        c.arguments = {s("-c"),
                       QStringLiteral("model_providers.harness={name=\"harness\",base_url=\"%1/"
                                      "v1\",env_key=\"OPENAI_API_KEY\","
                                      "wire_api=\"responses\"}")
                               .arg(endpoint.baseUrl),
                       s("-c"), s("model_provider=\"harness\"")};
        if (!endpoint.model.isEmpty())
            c.arguments << s("-c") << QStringLiteral("model=\"%1\"").arg(endpoint.model);
        env.insert(s("OPENAI_API_KEY"), endpoint.apiKey);
    } else if (id == s("gemini")) {
        c.program = binDir + s("/gemini");
        c.arguments = {s("--experimental-acp")};
        if (!endpoint.model.isEmpty())
            c.arguments << s("--model") << endpoint.model;
        env.insert(s("GEMINI_API_KEY"), endpoint.apiKey);
        env.insert(s("GOOGLE_GEMINI_BASE_URL"), endpoint.baseUrl);
        env.insert(s("GEMINI_CLI_TRUST_WORKSPACE"), s("true"));
    } else if (id == s("opencode")) {
        c.program = binDir + s("/opencode");
        c.arguments = {s("acp")};
        const QString model =
                QStringLiteral("anthropic/%1")
                        .arg(endpoint.model.isEmpty() ? s("claude-sonnet-4-5") : endpoint.model);
        const QJsonObject config {
                {s("model"), model},
                {s("small_model"), model}, // its session titles go to the same endpoint
                {s("autoupdate"), false},
                {s("share"), s("disabled")},
                // Its default lets every edit and command through unasked; asking routes each one through
                // session/request_permission, so the harness's permission controller decides and records it.
                {s("permission"),
                 QJsonObject {{s("edit"), s("ask")}, {s("bash"), s("ask")}, {s("webfetch"), s("ask")}}},
                {s("provider"),
                 QJsonObject {{s("anthropic"),
                               QJsonObject {{s("options"),
                                             QJsonObject {{s("baseURL"), endpoint.baseUrl + s("/v1")},
                                                          {s("apiKey"), endpoint.apiKey}}}}}}}};
        env.insert(s("OPENCODE_CONFIG_CONTENT"),
                   QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
        env.insert(s("OPENCODE_DISABLE_MODELS_FETCH"), s("1"));
        env.insert(s("OPENCODE_DISABLE_AUTOUPDATE"), s("1"));
        env.insert(s("OPENCODE_DISABLE_LSP_DOWNLOAD"), s("1"));
        env.insert(s("OPENCODE_DISABLE_SHARE"), s("1"));
    }
    c.environment = env;
    return c;
}

} // namespace harness
