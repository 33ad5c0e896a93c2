// McpExchange: what the harness and its MCP server (`harness mcp`, docs/mcp.md) share about a run. The
// run's context document — contract, plan, phase and the latest verifications — is built from the log by
// runContext(). Started on the host, the server reads the log itself; inside an external agent's sandbox
// there is no store, so the ACP executor writes the document into the run's exchange folder (beside the
// agent's home, read-only inside the sandbox) before every prompt turn, and after the turn records the
// rule suggestions the server left in its suggestions/ (rule_suggested events). suggestions/ is the only
// part the agent can write: everything read back from it is read without following a link, bounded and
// validated.
#pragma once

#include "rulesuggestion.h"

#include "core/event.h"
#include "core/task.h"

#include <QJsonObject>
#include <QList>

namespace harness {

class McpExchange
{
public:
    // <agent home>.mcp: harness-agent-homes/<run>.mcp, removed with the home
    static QString folderFor(const QString &agentHome);
    static QString suggestionsFolder(const QString &folder)
    {
        return folder + QStringLiteral("/suggestions");
    }

    // {run, task, title, contract, phase, iteration, base_commit, plan, plan_approved, accepted,
    //  verifications: [verify_finished payloads, oldest first, at most kMaxVerifications]}
    static QJsonObject runContext(const Task &task, const QList<Event> &events);

    // The executor's side: the document for the next turn (replaced atomically).
    static Status writeContext(const QString &folder, const QJsonObject &context);
    // The server's side.
    static Result<QJsonObject> readContext(const QString &folder);

    // The server's side: a checked suggestion as a file of suggestions/; returns its id.
    static Result<QString> leaveSuggestion(const QString &folder, const RuleSuggestion &suggestion);
    // The executor's side: every entry of suggestions/ is removed; the regular files among them (at most
    // `max`, each at most kMaxSuggestionBytes) are read as suggestions, the rest are errors saying why.
    static QList<Result<RuleSuggestion>> takeSuggestions(const QString &folder,
                                                         int max = kMaxSuggestionsPerTurn);

    static constexpr int kMaxVerifications = 10;
    static constexpr qint64 kMaxContextBytes = 8 * 1024 * 1024;
    static constexpr qint64 kMaxSuggestionBytes = 64 * 1024;
    static constexpr int kMaxSuggestionsPerTurn = 20;
};

} // namespace harness
