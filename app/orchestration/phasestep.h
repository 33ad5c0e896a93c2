// PhaseStep: one phase of the run as a step function. Each step reads the run's state, does one thing,
// and records it before returning, so a run killed at any moment continues from its log with nothing
// side-effecting done twice. The engine picks the step from the state; a step never remembers anything
// between calls that the log does not.
#pragma once

#include "budgetguard.h"
#include "executor.h"
#include "runjournal.h"
#include "runservices.h"
#include "runtools.h"

#include <atomic>
#include <memory>

namespace harness {

class Project;
class WorktreeManager;

// What a step works with: the run's journal and services, its tool layer, its executor (made before a
// step that needs one) and the budget.
struct StepContext
{
    Project &project;
    RunJournal &journal;
    const RunServices &services;
    RunTools &tools;
    BudgetGuard &budget;
    Executor *executor = nullptr;
    const std::atomic_bool *cancel = nullptr;

    const RunState &state() const { return journal.state(); }
    const Task &task() const { return journal.task(); }
    bool cancelled() const { return cancel && cancel->load(); }
    // The repository's worktree layer (services.makeWorktrees, or git worktrees beside it).
    std::unique_ptr<WorktreeManager> worktrees() const;
    // Records a failed executor reply (run_error) and escalates with its reason.
    StepResult escalate(const ExecutorReply &reply, const QString &phase);
};

class PhaseStep
{
public:
    virtual ~PhaseStep() = default;
    virtual StepResult step(StepContext &ctx) = 0;
};

} // namespace harness
