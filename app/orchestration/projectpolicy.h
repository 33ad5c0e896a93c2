// ProjectPolicy: `.harness/policy.json` — how runs of this project behave: plan auto-approval, fix
// iterations, the sandbox opt-out, the model per phase and the provider. Absent file = defaults.
#pragma once

#include "core/result.h"
#include "executorchoice.h"
#include "mcpserverconfig.h"
#include "runtime/networkpolicy.h"
#include "teampolicy.h"

#include <QJsonObject>
#include <QStringList>

namespace harness {

struct AutoApprovePolicy
{
    bool enabled = false;
    QStringList paths; // every file the plan touches must match one of these globs
    int maxSteps = 5;
    int maxFiles = 5;
};

struct ProjectPolicy
{
    AutoApprovePolicy autoApprove;
    int maxPlanRounds = 5; // plans proposed before the run escalates
    int maxTurnsPerIteration = 40; // model turns in one build/fix iteration
    bool allowUnsandboxed = false; // explicit opt-in; every run then warns
    NetworkPolicy network; // what the agent's sandboxed commands may reach (false/true/{mode, allow})
    QString targetBranch; // empty: the branch checked out when the run starts
    QString provider = QStringLiteral("replay");
    QString transcript; // replay transcript, relative to the repository
    QJsonObject models; // phase -> model id ("plan", "build", "fix", "summarise", "default")
    QString fallbackModel; // the cheaper model used once degradeAt of the budget is spent
    double degradeAt = 0.8; // fraction of the token or money budget
    QJsonObject providerConfig; // for provider "openai"/"anthropic": the agents' ProviderConfig JSON
    QJsonObject prices; // the agents' PriceTable JSON ($ per million tokens per model)
    ExecutorChoice executor; // who does the agent's work: the built-in agent or an external one (ACP)
    QList<McpServerConfig> mcpServers; // third-party MCP servers (stdio) the built-in agent may use
    TeamPolicy team; // where Start sends a run, the runners' remote, what Merge does with their branch

    QJsonObject toJson() const;
    static Result<ProjectPolicy> fromJson(const QJsonObject &json);
    // The file's text; errors name fileName:line:column and the field ("policy.json:4:17: degrade_at: …").
    static Result<ProjectPolicy> fromJsonText(const QByteArray &text,
                                              const QString &fileName = QStringLiteral("policy.json"));
    static Result<ProjectPolicy> load(const QString &path); // a missing file gives the defaults
};

} // namespace harness
