// RunTools: the sandbox and the permission profile follow the contract's scope and the project's policy.
#include "runtools.h"
#include "mcptoolset.h"
#include "storeapprovalrequester.h"

#include "knowledge/repomap.h"
#include "runtime/treelisting.h"
#include "verify/sandboxcommandrunner.h"

#include <QDir>

namespace harness {

RunTools::RunTools(RunJournal &journal, const RunServices &services)
    : m_journal(journal), m_services(services)
{ }

RunTools::~RunTools() = default;

void RunTools::make()
{
    if (m_tools)
        return;
    const RunState &state = m_journal.state();
    SandboxConfig config;
    config.worktreeRoot = state.worktreePath;
    config.bwrapPath = m_services.bwrapPath;
    config.allowUnsandboxed = m_services.policy.allowUnsandboxed;
    config.runId = m_journal.runId();
    config.events = &m_journal.sink();
    m_sandbox = m_services.makeSandbox ? m_services.makeSandbox(config) : std::make_unique<Sandbox>(config);
    PermissionProfile profile = PermissionProfile::defaultFor(state.worktreePath);
    profile.network = m_services.policy.network;
    // The contract's scope is what the agent may touch.
    if (!m_journal.task().contract.scope.isEmpty())
        profile.writable = m_journal.task().contract.scope;
    ApprovalRequester *approvals = m_services.permissionApprovals;
    if (!approvals) {
        m_permissionRequester = std::make_unique<StoreApprovalRequester>(m_journal.store());
        approvals = m_permissionRequester.get();
    }
    m_tools = std::make_unique<ToolExecutor>(state.worktreePath, profile, m_sandbox.get(), &m_journal.sink(),
                                             m_journal.runId(), approvals);
    // Both the flag and this predicate must allow a writing tool: the approval binds to the plan hash.
    m_tools->setWriteGate([this] { return m_journal.state().writeAllowed(); });
}

Sandbox &RunTools::sandbox()
{
    make();
    return *m_sandbox;
}

TreeListing &RunTools::listing()
{
    if (!m_listing)
        m_listing = std::make_unique<TreeListing>(
                m_journal.state().worktreePath, [](const QString &root, bool *fromGit, QString *error) {
                    return RepoMap::listFiles(root, RepoMapOptions().gitTimeoutMs, fromGit, error);
                });
    return *m_listing;
}

ToolExecutor &RunTools::tools()
{
    make();
    return *m_tools;
}

std::unique_ptr<CommandRunner> RunTools::commandRunner()
{
    make();
    if (m_services.makeCommandRunner)
        return m_services.makeCommandRunner(m_sandbox->config());
    return std::make_unique<SandboxCommandRunner>(m_sandbox->config());
}

std::unique_ptr<CommandRunner> RunTools::commandRunnerFor(const QString &root)
{
    make();
    SandboxConfig config = m_sandbox->config();
    config.worktreeRoot = root;
    config.hooksResolvedFor = QDir(root).canonicalPath(); // a scratch copy has no git of its own
    if (m_services.makeCommandRunner)
        return m_services.makeCommandRunner(config);
    return std::make_unique<SandboxCommandRunner>(config);
}

ApprovalRequester &RunTools::approvals()
{
    make();
    return m_services.permissionApprovals ? *m_services.permissionApprovals
                                          : static_cast<ApprovalRequester &>(*m_permissionRequester);
}

ToolResult RunTools::execute(const QString &name, const QJsonObject &arguments,
                             const std::atomic_bool *cancel)
{
    make();
    if (m_mcp && McpToolSet::owns(name))
        return m_mcp->call(name, arguments, cancel);
    // The write gate is enforced inside the tools: nothing writes or executes without the approval of
    // exactly the current plan.
    m_tools->setWriteAllowed(m_journal.state().writeAllowed());
    m_tools->setCancelFlag(cancel);
    ToolResult result = m_tools->execute(name, arguments);
    m_tools->setCancelFlag(nullptr);
    return result;
}

} // namespace harness
