// AcpAgentProfile: how to start one of the known external agents (Claude Code, Codex, Gemini CLI, opencode)
// over ACP against a given model endpoint, with a home of its own and only the model key in its
// environment: the command line, environment, authentication method and session mode that docs/agents.md
// measured. The executor puts the command inside the sandbox; tests run it as it is.
#pragma once

#include "agents/acp/jsonrpcpeer.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

namespace harness {

struct AcpAgentEndpoint
{
    QString baseUrl; // the model endpoint's root, e.g. http://127.0.0.1:8080 (no /v1)
    QString apiKey;
    QString model; // empty: the agent's own default
};

struct AcpAgentProfile
{
    QString id; // claude, codex, gemini, opencode
    QString displayName;
    QString wire; // the model API it speaks: anthropic, openai-responses, gemini
    QString authMethod; // ACP authenticate method to call after initialize, or empty
    QString sessionMode; // session/set_mode after session/new, or empty

    static QStringList knownIds();
    static Result<AcpAgentProfile> byId(const QString &id);

    // The agent installed in binDir (packaging/install-agents.sh's node_modules/.bin) talking to `endpoint`.
    // Nothing of the caller's environment is passed on but PATH; `home` becomes HOME and the XDG folders.
    JsonRpcCommand command(const QString &binDir, const AcpAgentEndpoint &endpoint,
                           const QString &home) const;
};

} // namespace harness
