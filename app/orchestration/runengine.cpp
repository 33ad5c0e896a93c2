// RunEngine: the step to take is always derived from the folded state, never from memory of what this
// process did, which is what makes resume exact.
#include "runengine.h"
#include "approvalstep.h"
#include "buildingstep.h"
#include "builtinexecutor.h"
#include "planningstep.h"
#include "project.h"
#include "projectconfigcheck.h"
#include "runcontrol.h"
#include "setupstep.h"
#include "verifyingstep.h"

#include "core/events/runevents.h"
#include "store/store.h"

namespace harness {

namespace {

TaskState taskStateFor(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Created:
    case RunPhase::Planning:
    case RunPhase::Building:
    case RunPhase::Verifying:
    case RunPhase::Fixing:
        return TaskState::Running;
    case RunPhase::AwaitingApproval:
        return TaskState::AwaitingApproval;
    case RunPhase::Review:
    case RunPhase::PullRequest: // the forge decides: the task stays in review until a run merges it
        return TaskState::Review;
    case RunPhase::Merged:
        return TaskState::Merged;
    case RunPhase::Discarded:
        return TaskState::Discarded;
    case RunPhase::Escalated:
        return TaskState::Escalated;
    case RunPhase::Failed:
        return TaskState::Failed;
    case RunPhase::Aborted:
        return TaskState::Aborted;
    }
    return TaskState::Running;
}

} // namespace

RunEngine::RunEngine(Project &project, QString runId, RunServices services)
    : m_project(project), m_services(std::move(services)), m_journal(project.store(), std::move(runId)),
      m_tools(m_journal, m_services), m_budget(m_journal, m_services), m_setup(std::make_unique<SetupStep>()),
      m_planning(std::make_unique<PlanningStep>()), m_approval(std::make_unique<ApprovalStep>()),
      m_building(std::make_unique<BuildingStep>()), m_verifying(std::make_unique<VerifyingStep>())
{ }

RunEngine::~RunEngine() = default;

Result<Run> RunEngine::createRun(Project &project, const QString &taskId, const ProjectPolicy &policy,
                                 const QString &actor)
{
    Store &store = project.store();
    auto task = store.task(taskId);
    if (!task)
        return Result<Run>::failure(
                QStringLiteral("there is no task %1; \"harness task list\" shows them").arg(taskId));
    if (task->state == TaskState::Merged)
        return Result<Run>::failure(QStringLiteral("task %1 is already merged").arg(taskId));
    auto runs = store.runs(taskId);
    if (!runs)
        return runs.error();
    for (const auto &r : *runs) {
        auto events = store.events(r.id);
        if (!events)
            continue;
        const RunState live = RunState::fold(*events);
        if (live.queued && !isTerminal(live.phase))
            return Result<Run>::failure(
                    QStringLiteral("task %1 already has a run, %2, queued for the runners: it is driven "
                                   "there (\"harness queue\" shows it; \"harness abort %2\" stops it)")
                            .arg(taskId, r.id));
        if (!isTerminal(live.phase))
            return Result<Run>::failure(QStringLiteral("task %1 already has a live run, %2; resume it "
                                                       "(\"harness resume %2\") or abort it")
                                                .arg(taskId, r.id));
    }
    auto all = store.tasks();
    if (all) {
        for (const auto &dep : std::as_const(task->dependsOn)) {
            for (const auto &t : *all)
                if (t.id == dep && t.state != TaskState::Merged)
                    return Result<Run>::failure(
                            QStringLiteral("task %1 depends on %2, which is not merged yet")
                                    .arg(taskId, dep));
        }
    }
    // A broken rules, gates or policy file stops here, before anything is made.
    QString brokenFile;
    if (auto config = ProjectConfigCheck::check(project.root(), &brokenFile); !config)
        return Result<Run>::failure(ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile));
    QString target = policy.targetBranch;
    if (target.isEmpty()) {
        auto current = project.currentBranch();
        if (!current)
            return current.error();
        target = *current;
    }
    Run run;
    run.taskId = taskId;
    run.baseRef = target;
    run.targetBranch = target;
    auto added = store.addRun(run);
    if (!added)
        return added.error();
    auto created = store.append(makeEvent(added->id, RunRequestedPayload {taskId, target}, actor));
    if (!created)
        return created.error();
    return *added;
}

Status RunEngine::updateTaskState()
{
    Store &store = m_journal.store();
    const RunState &state = m_journal.state();
    const TaskState wanted = taskStateFor(state.phase);
    if (isTerminal(state.phase))
        return RunControl::settleEndedRun(store, m_journal.runId(), wanted, QStringLiteral("harness"));
    // Only this engine moves a running task between non-terminal states: the store is read (and
    // written) only when the phase asks for another state than the one last seen.
    if (m_taskStateWritten == wanted)
        return success();
    auto current = store.task(m_journal.task().id);
    if (!current)
        return current.error();
    m_taskStateWritten = wanted;
    if (current->state == wanted)
        return success();
    current->state = wanted;
    m_journal.setTask(*current);
    return store.updateTask(*current);
}

Result<RunEngine::Outcome> RunEngine::drive(const std::atomic_bool *cancel)
{
    for (;;) {
        if (cancel && cancel->load())
            return Outcome::Paused;
        auto outcome = step(cancel);
        if (!outcome)
            return outcome;
        if (*outcome != Outcome::Progressed)
            return outcome;
    }
}

Status RunEngine::ensureExecutor()
{
    if (m_executor)
        return success();
    const ExecutorEnvironment environment {m_journal, m_tools, m_services};
    auto made = m_services.makeExecutor ? m_services.makeExecutor(environment)
                                        : BuiltinExecutor::make(environment);
    if (!made)
        return made.error();
    m_executor = std::move(*made);
    return success();
}

Result<RunEngine::Outcome> RunEngine::dispatch(const std::atomic_bool *cancel)
{
    const RunState &state = m_journal.state();
    if (isTerminal(state.phase))
        return Outcome::Finished;
    if (state.paused)
        return Outcome::Paused;
    StepContext ctx {m_project, m_journal, m_services, m_tools, m_budget, nullptr, cancel};
    switch (state.phase) {
    case RunPhase::Created:
        return m_setup->step(ctx);
    case RunPhase::Planning:
    case RunPhase::AwaitingApproval:
        // The approval of exactly the current plan (by a human or the policy) opens Build.
        if (state.writeAllowed())
            return BuildingStep::start(ctx);
        if (state.phase == RunPhase::AwaitingApproval)
            return m_approval->step(ctx);
        break;
    case RunPhase::Building:
    case RunPhase::Fixing:
        break;
    case RunPhase::Verifying:
        return m_verifying->step(ctx);
    case RunPhase::Review:
        return Outcome::Waiting;
    default:
        return Outcome::Finished;
    }
    // Planning, building and fixing ask the executor for the agent's work.
    if (auto s = ensureExecutor(); !s)
        return s.error();
    ctx.executor = m_executor.get();
    return state.phase == RunPhase::Planning ? m_planning->step(ctx) : m_building->step(ctx);
}

Result<RunEngine::Outcome> RunEngine::step(const std::atomic_bool *cancel)
{
    if (auto s = m_journal.sync(); !s)
        return s.error();
    Result<Outcome> outcome = dispatch(cancel);
    if (auto s = updateTaskState(); !s)
        return s.error();
    if (outcome && *outcome == Outcome::Progressed && isTerminal(m_journal.state().phase))
        return Outcome::Finished;
    return outcome;
}

} // namespace harness
