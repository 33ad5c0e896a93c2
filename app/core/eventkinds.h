// Every event kind of the one log, named once (stable API: lower_snake). The payload of each kind is a
// typed struct in core/events/; docs/architecture.md has the table of kinds and fields.
#pragma once

#include <QLatin1StringView>
#include <QStringView>

namespace harness::kinds {

// A run's life.
inline constexpr QLatin1StringView RunRequested {"run_requested"};
inline constexpr QLatin1StringView RunCreated {"run_created"};
inline constexpr QLatin1StringView PhaseStarted {"phase_started"};
inline constexpr QLatin1StringView Paused {"paused"};
inline constexpr QLatin1StringView Resumed {"resumed"};
inline constexpr QLatin1StringView RunError {"run_error"};
inline constexpr QLatin1StringView Escalated {"escalated"};
inline constexpr QLatin1StringView Failed {"failed"};
inline constexpr QLatin1StringView Aborted {"aborted"};
// Teams: a person queued the run for `harness runner` daemons; a runner took it under its lease; a person
// changed a queued run's priority, or the queue's limits (store-wide).
inline constexpr QLatin1StringView RunQueued {"run_queued"};
inline constexpr QLatin1StringView RunClaimed {"run_claimed"};
inline constexpr QLatin1StringView RunReprioritized {"run_reprioritized"};
inline constexpr QLatin1StringView QueueLimitsChanged {"queue_limits_changed"};

// Planning and approval.
inline constexpr QLatin1StringView ContextAssembled {"context_assembled"};
inline constexpr QLatin1StringView PlanProposed {"plan_proposed"};
inline constexpr QLatin1StringView PlanInvalid {"plan_invalid"};
inline constexpr QLatin1StringView SubtasksProposed {"subtasks_proposed"};
inline constexpr QLatin1StringView SubtasksAccepted {"subtasks_accepted"};
inline constexpr QLatin1StringView ApprovalRequested {"approval_requested"};
inline constexpr QLatin1StringView PlanEdited {"plan_edited"};
inline constexpr QLatin1StringView PlanApproved {"plan_approved"};
inline constexpr QLatin1StringView PlanChangesRequested {"plan_changes_requested"};
inline constexpr QLatin1StringView PlanRejected {"plan_rejected"};

// The agent: model calls and their answers, the budget.
inline constexpr QLatin1StringView ModelCall {"model_call"};
inline constexpr QLatin1StringView ModelError {"model_error"};
inline constexpr QLatin1StringView AgentResponse {"agent_response"};
inline constexpr QLatin1StringView BudgetDegraded {"budget_degraded"};
inline constexpr QLatin1StringView BudgetExhausted {"budget_exhausted"};

// Tools, permissions and the sandbox (written by the runtime layer and the engine).
inline constexpr QLatin1StringView ToolCallStarted {"tool_call_started"};
inline constexpr QLatin1StringView ToolResult {"tool_result"};
inline constexpr QLatin1StringView ToolInterrupted {"tool_call_interrupted"};
inline constexpr QLatin1StringView ToolCall {"tool_call"};
inline constexpr QLatin1StringView PermissionAllowed {"permission_allowed"};
inline constexpr QLatin1StringView PermissionDenied {"permission_denied"};
inline constexpr QLatin1StringView PermissionAsk {"permission_ask"};
inline constexpr QLatin1StringView PermissionGranted {"permission_granted"};
inline constexpr QLatin1StringView PermissionRefused {"permission_refused"};
inline constexpr QLatin1StringView SandboxUnavailable {"sandbox_unavailable"};
inline constexpr QLatin1StringView SandboxBypassed {"sandbox_bypassed"};
inline constexpr QLatin1StringView NetworkDenied {"network_denied"}; // the sandbox's proxy refused a host
// An external agent's own process tried to write where its sandbox is read-only (the kernel refused it;
// the sandbox's write audit saw the attempt).
inline constexpr QLatin1StringView SandboxWriteRefused {"sandbox_write_refused"};
// The built-in agent's third-party MCP servers: one started (command, tools), a tool it listed refused by
// the harness's checks, its tool list changed (notifications/tools/list_changed).
inline constexpr QLatin1StringView McpServerStarted {"mcp_server_started"};
inline constexpr QLatin1StringView McpToolRefused {"mcp_tool_refused"};
inline constexpr QLatin1StringView McpToolsChanged {"mcp_tools_changed"};
// The harness refused the agent's tree (a repository of its own making inside it); the run stops.
inline constexpr QLatin1StringView SecurityViolation {"security_violation"};

// Checkpoints and verification.
inline constexpr QLatin1StringView Checkpoint {"checkpoint"};
inline constexpr QLatin1StringView GateStarted {"gate_started"};
inline constexpr QLatin1StringView GateResult {"gate_result"};
inline constexpr QLatin1StringView VerifyFinished {"verify_finished"};
inline constexpr QLatin1StringView FixRequested {"fix_requested"};
// A human accepted a finding only a human can settle (out of scope, test configuration): it stops blocking.
inline constexpr QLatin1StringView FindingAccepted {"finding_accepted"};

// Review and the end of a run.
inline constexpr QLatin1StringView ReviewReady {"review_ready"};
inline constexpr QLatin1StringView ReviewComment {"review_comment"};
inline constexpr QLatin1StringView ReviewFeedback {"review_feedback"};
inline constexpr QLatin1StringView MergeConflict {"merge_conflict"};
inline constexpr QLatin1StringView Merged {"merged"};
inline constexpr QLatin1StringView Discarded {"discarded"};
// A runner's run whose branch stays on the team's remote for the forge's pull request (team.merge
// "pull_request"): the harness merges nothing; the run ends here.
inline constexpr QLatin1StringView LeftForPullRequest {"left_for_pull_request"};

// Store-wide events (no run): changes people make to the task graph and the project's files.
inline constexpr QLatin1StringView TaskAdded {"task_added"};
inline constexpr QLatin1StringView DependencyAdded {"dependency_added"};
inline constexpr QLatin1StringView RulesChanged {"rules_changed"};
// An agent suggested a rule for .harness/rules.json (`harness mcp`, propose_rule); a human accepts it or not.
inline constexpr QLatin1StringView RuleSuggested {"rule_suggested"};
// A human accepted (added to the rule editor) or dismissed a rule_suggested suggestion.
inline constexpr QLatin1StringView RuleSuggestionDecided {"rule_suggestion_decided"};

// The kinds that end a run (the run's phase becomes terminal).
inline bool endsRun(QStringView kind)
{
    return kind == Merged || kind == Discarded || kind == Escalated || kind == Failed || kind == Aborted ||
            kind == BudgetExhausted || kind == LeftForPullRequest;
}

} // namespace harness::kinds
