// The event kinds the orchestration layer writes and folds (stable API: lower_snake). Kinds written by
// the lower layers (tool_call, gate_result, model_call, permission_*) are named where they are made.
#pragma once

#include <QLatin1StringView>

namespace harness::kinds {

inline constexpr QLatin1StringView RunCreated {"run_created"};
inline constexpr QLatin1StringView PhaseStarted {"phase_started"};
inline constexpr QLatin1StringView ContextAssembled {"context_assembled"};
inline constexpr QLatin1StringView AgentResponse {"agent_response"};
inline constexpr QLatin1StringView PlanProposed {"plan_proposed"};
inline constexpr QLatin1StringView PlanInvalid {"plan_invalid"};
inline constexpr QLatin1StringView ApprovalRequested {"approval_requested"};
inline constexpr QLatin1StringView PlanEdited {"plan_edited"};
inline constexpr QLatin1StringView PlanApproved {"plan_approved"};
inline constexpr QLatin1StringView PlanChangesRequested {"plan_changes_requested"};
inline constexpr QLatin1StringView PlanRejected {"plan_rejected"};
inline constexpr QLatin1StringView ToolCallStarted {"tool_call_started"};
inline constexpr QLatin1StringView ToolResult {"tool_result"};
inline constexpr QLatin1StringView ToolInterrupted {"tool_call_interrupted"};
inline constexpr QLatin1StringView Checkpoint {"checkpoint"};
inline constexpr QLatin1StringView GateResult {"gate_result"};
inline constexpr QLatin1StringView VerifyFinished {"verify_finished"};
inline constexpr QLatin1StringView FixRequested {"fix_requested"};
inline constexpr QLatin1StringView ReviewReady {"review_ready"};
inline constexpr QLatin1StringView ReviewComment {"review_comment"};
inline constexpr QLatin1StringView ReviewFeedback {"review_feedback"};
inline constexpr QLatin1StringView MergeConflict {"merge_conflict"};
inline constexpr QLatin1StringView Merged {"merged"};
inline constexpr QLatin1StringView Discarded {"discarded"};
inline constexpr QLatin1StringView Escalated {"escalated"};
inline constexpr QLatin1StringView Failed {"failed"};
inline constexpr QLatin1StringView Aborted {"aborted"};
inline constexpr QLatin1StringView Paused {"paused"};
inline constexpr QLatin1StringView Resumed {"resumed"};
inline constexpr QLatin1StringView ModelCall {"model_call"};
inline constexpr QLatin1StringView BudgetExhausted {"budget_exhausted"};
inline constexpr QLatin1StringView BudgetDegraded {"budget_degraded"};
inline constexpr QLatin1StringView SubtasksProposed {"subtasks_proposed"};
inline constexpr QLatin1StringView RunError {"run_error"};
// Store-wide (no run): changes people make to the task graph and the project's files.
inline constexpr QLatin1StringView TaskAdded {"task_added"};
inline constexpr QLatin1StringView DependencyAdded {"dependency_added"};
inline constexpr QLatin1StringView RulesChanged {"rules_changed"};
inline constexpr QLatin1StringView PolicyChanged {"policy_changed"};
inline constexpr QLatin1StringView RepositoryInitialized {"repository_initialized"};

} // namespace harness::kinds
