// ExecutorChoice: which executor does a run's agent work — the built-in agent, or an external agent over
// the Agent Client Protocol (a known preset or a command of the project's own). policy.json's
// "executor": "builtin" | {"acp": "claude-code"|"codex"|"gemini"|"opencode"} | {"acp": {"command": [...]}};
// `harness run --agent NAME` chooses for one run; run_created records the choice, and resume uses that.
#pragma once

#include "core/result.h"

#include <QJsonValue>
#include <QStringList>

namespace harness {

struct ExecutorChoice
{
    QString preset; // claude-code, codex, gemini, opencode; empty with a command or for the built-in agent
    QStringList command; // a custom ACP agent's command line

    bool isBuiltin() const { return preset.isEmpty() && command.isEmpty(); }
    // The AcpAgentProfile id of a preset ("claude" for "claude-code").
    QString profileId() const;
    // For logs and the command line: "builtin", "claude-code", "acp:/path/agent".
    QString name() const;
    QJsonValue toJson() const; // "builtin" or {"acp": ...}
    // field names the JSON's place in errors ("executor", "executor.acp.command").
    static Result<ExecutorChoice> fromJson(const QJsonValue &json,
                                           const QString &field = QStringLiteral("executor"));
    // `--agent NAME`: a preset name or "builtin"; an error for anything else.
    static Result<ExecutorChoice> fromName(const QString &name);
    static QStringList presetNames();
    bool operator==(const ExecutorChoice &) const = default;
};

} // namespace harness
