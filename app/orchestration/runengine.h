// RunEngine: drives one run through Plan -> approval -> Build -> Verify -> Fix -> review. Each call to
// step() reads the run's log (RunJournal), picks the phase step the state calls for (SetupStep,
// PlanningStep, ApprovalStep, BuildingStep, VerifyingStep) and lets it do one thing, recorded before
// the next; so a run killed at any moment continues from its log with no side-effecting step done
// twice. The agent's work is done by the run's Executor (docs/architecture.md, "The run").
// All methods BLOCK (model calls, tools, gates): use the engine on a worker thread.
#pragma once

#include "budgetguard.h"
#include "executor.h"
#include "runjournal.h"
#include "runservices.h"
#include "runstate.h"
#include "runtools.h"

#include "core/task.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace harness {

class Project;
class PhaseStep;
struct ProjectPolicy;

class RunEngine
{
public:
    using Outcome = StepOutcome;

    RunEngine(Project &project, QString runId, RunServices services);
    ~RunEngine();

    // Records run_requested for a new run of the task (its worktree is made by the first step). Blocking.
    static Result<Run> createRun(Project &project, const QString &taskId, const ProjectPolicy &policy,
                                 const QString &actor);

    // Reads the run's events recorded since the last sync (by this or any other process) into the state.
    Status sync() { return m_journal.sync(); }
    // Performs the next step the state calls for. Waiting: a human decision is needed (plan approval
    // or review); Paused: the run is paused; Finished: the run reached a terminal phase.
    Result<Outcome> step(const std::atomic_bool *cancel = nullptr);
    // Steps until the run waits, pauses, finishes, fails to step, or cancel is set.
    Result<Outcome> drive(const std::atomic_bool *cancel = nullptr);

    const RunState &state() const { return m_journal.state(); }
    const Task &task() const { return m_journal.task(); }
    // Called for every event as the engine sees it (its own and others'), on the engine's thread.
    void setEventObserver(std::function<void(const Event &)> observer)
    {
        m_journal.setObserver(std::move(observer));
    }

private:
    Result<Outcome> dispatch(const std::atomic_bool *cancel);
    Status ensureExecutor();
    Status updateTaskState();

    Project &m_project;
    RunServices m_services;
    RunJournal m_journal;
    RunTools m_tools;
    BudgetGuard m_budget;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<PhaseStep> m_setup, m_planning, m_approval, m_building, m_verifying;
    std::optional<TaskState> m_taskStateWritten; // what updateTaskState() last saw or wrote
};

} // namespace harness
