// Executor: the seam between a run's phases and whatever does the agent's work. The phases own the
// loop — context, budget, plan validation and approval, checkpoints, gates, escalation — and ask the
// executor for turns: a plan answer, or the next piece of build/fix work. The built-in executor
// (BuiltinExecutor: a model provider and the harness's tools) is one; an external agent driven over the
// Agent Client Protocol is another, added without touching the phases (docs/architecture.md,
// "Executors").
//
// Rules every executor keeps:
// - Everything it does is recorded through ExecutorEnvironment::journal, whose appends are one commit
//   each and folded at once; the run's state (RunState) is the only truth. Its answers are
//   agent_response events (tool_calls only for calls it asks the HARNESS to run), its usage model_call
//   events (the budget is the fold of those), and what its own tools did tool_call events.
// - It reaches the worktree only through ExecutorEnvironment::tools (RunTools): permissions, the
//   sandbox, and the write gate bound to the approved plan's hash apply to it as to the built-in agent.
//   A permission an external agent asks for goes to the same approval queue (RunTools::approvals()).
// - It holds nothing the log does not: after a restart a new executor continues from
//   journal.phaseEvents() (the built-in one rebuilds its conversation from them; an external one starts a
//   new session from ExecutorTurn::prompt and those events, or loads a session it recorded).
// - It stops at the next safe point when ExecutorTurn::cancel is set and returns Paused.
// All methods BLOCK: they run on the run's worker thread.
#pragma once

#include "core/finding.h"
#include "core/plan.h"
#include "core/result.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace harness {

class RunJournal;
class RunTools;
struct RunServices;
struct RunState;

// What a phase asks of the executor for one turn.
struct ExecutorTurn
{
    enum class Kind {
        Plan, // answer with a plan (the phase validates it; an invalid one comes back as plan_invalid)
        Build, // carry out the approved plan
        Fix, // make the failing findings pass
        Feedback // act on the human's review comments
    };
    Kind kind = Kind::Plan;
    QString phase; // as recorded: plan, build or fix
    int number = 0; // plan: the plan round; build, fix, feedback: the iteration
    // The context recorded for this round or iteration (context_assembled): contract, map, files, rules,
    // findings, feedback, older iterations summarised. All a fresh conversation needs.
    QString prompt;
    // The model the project's routing picks for this phase, degraded when the budget runs low. An
    // external agent may ignore it.
    QString model;
    std::optional<Plan> plan; // build, fix, feedback: the approved plan
    QList<Finding> findings; // fix: the failing findings, trimmed to what matters
    QString feedback; // plan: the human's feedback on the last plan; feedback: the review comments
    const std::atomic_bool *cancel = nullptr; // set when the run pauses or aborts
};

// What the executor did.
struct ExecutorReply
{
    enum class Status {
        Progressed, // recorded work; the phase looks at the state again
        Paused, // stopped because cancel was set, with nothing half-recorded
        Failed // the agent cannot go on (model unreachable, process gone): the phase records why, escalates
    };
    Status status = Status::Progressed;
    QString answer; // plan: the answer, already recorded as agent_response; the phase reads the plan in it
    QString actor; // plan: who answered ("agent:<model>")
    QString error; // failed: what happened (recorded as run_error)
    QString errorKind; // failed: a machine-readable class, when known ("rate_limited", ...)
    QString reason; // failed: why the run escalates, for the human

    static ExecutorReply progressed() { return {}; }
    static ExecutorReply paused() { return {Status::Paused, {}, {}, {}, {}, {}}; }
    static ExecutorReply answered(QString answer, QString actor)
    {
        return {Status::Progressed, std::move(answer), std::move(actor), {}, {}, {}};
    }
    static ExecutorReply failed(QString error, QString errorKind, QString reason)
    {
        return {Status::Failed, {}, {}, std::move(error), std::move(errorKind), std::move(reason)};
    }
};

class Executor
{
public:
    virtual ~Executor() = default;

    // For logs: "builtin:<provider>", "acp:<command>".
    virtual QString name() const = 0;
    // One plan answer for the round. Records the answer (agent_response, with its model_call) in one
    // commit before returning it. An error is a failure to record (the store), not the agent's.
    virtual Result<ExecutorReply> plan(const ExecutorTurn &turn) = 0;
    // The next piece of the iteration's work: the built-in agent does one model turn or answers one tool
    // call per call; an external agent may run a whole prompt turn. The iteration is done when the last
    // agent_response asks the harness for no tool call (RunState::iterationAgentDone).
    virtual Result<ExecutorReply> build(const ExecutorTurn &turn) = 0;
    // True while a turn is under way (the built-in agent: tool calls of its last answer are unanswered):
    // the phase checks turn limits and the budget only between turns.
    virtual bool turnInProgress(const RunState &state) const = 0;
};

// What an executor is made with: the run's journal (state, phase events, atomic appends), its tool layer
// and its services.
struct ExecutorEnvironment
{
    RunJournal &journal;
    RunTools &tools;
    const RunServices &services;
};

using ExecutorFactory = std::function<Result<std::unique_ptr<Executor>>(const ExecutorEnvironment &)>;

} // namespace harness
