// HarnessSensors: what the MCP server's tools read and run (docs/mcp.md) — on one worktree and, when one
// is known, one run. Two places it runs:
//  - on the host (the default): the run is read from the repository's store (the main checkout's store
//    for a run's worktree) and a suggested rule is recorded there; gate commands run in the bubblewrap
//    sandbox, as the verify step runs them.
//  - contained (`--contained`: started by an external agent inside its sandbox, AcpMcpLink): there is no
//    store and bubblewrap cannot nest, so gate commands run in the agent's own sandbox as they are, the
//    run's context is read from the exchange folder and suggestions are left there (McpExchange).
// Paths a client names are resolved below the worktree without following a link (WorktreeReader); the
// project's rules.json and gates.json are read the same way. Everything BLOCKS on the calling thread.
#pragma once

#include "orchestration/rulesuggestion.h"
#include "rules/ruleengine.h"
#include "verify/gateconfig.h"

#include "core/gateresult.h"

#include <memory>

namespace harness {

class Project;

struct McpOptions
{
    QString repoPath; // --repo, else the current folder
    QString storeSpec; // --store (host)
    QString runId; // --run; empty: the run whose worktree this is, if any (host)
    QString worktree; // --worktree; empty: the run's worktree, else the repository's top level
    bool contained = false; // --contained
    QString exchange; // --exchange: the exchange folder (contained)
};

class HarnessSensors
{
public:
    ~HarnessSensors();
    static Result<std::unique_ptr<HarnessSensors>> open(const McpOptions &options);

    QString worktree() const { return m_worktree; }
    QString runId() const { return m_runId; }
    bool contained() const { return m_contained; }
    // Why there is no run (empty when there is one).
    QString noRunReason() const { return m_noRun; }

    // The run's context document (McpExchange::runContext): contract, plan, phase, verifications.
    Result<QJsonObject> context();
    // The files below the worktree that `paths` name (a folder names the regular files below it). The
    // error names the path: one that leaves the worktree (`..`, an absolute path elsewhere), is or lies
    // behind a symbolic link, or does not exist.
    Result<QStringList> resolvePaths(const QStringList &paths) const;
    // The constraint rules over the given files (relative, as resolvePaths gives them), or the whole tree.
    Result<CheckReport> checkRules(const std::optional<QStringList> &files) const;
    Result<GateConfig> gates() const;
    GateResult runGate(const Gate &gate);
    // Checks the suggestion against the project's rules and records it (host: a rule_suggested event in
    // `actor`'s name; contained: left in the exchange folder for the executor). Returns its id.
    Result<QString> suggestRule(RuleSuggestion suggestion, const QString &actor);

private:
    HarnessSensors() = default;
    Result<Project *> project();
    Result<QByteArray> readProjectFile(const QString &relative) const;

    QString m_worktree;
    QString m_runId;
    QString m_noRun;
    bool m_contained = false;
    QString m_exchange;
    QString m_mainRoot; // the checkout whose store holds the run (host)
    QString m_storeSpec;
    std::shared_ptr<Project> m_project;
};

} // namespace harness
