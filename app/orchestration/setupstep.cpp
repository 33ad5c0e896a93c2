// SetupStep: a run that cannot start here (no sandbox) or whose configuration does not load stops
// saying why; else the worktree first, then phase_started(plan).
#include "setupstep.h"
#include "project.h"
#include "projectconfigcheck.h"

#include "core/events/runevents.h"
#include "core/gitrunner.h"
#include "runtime/worktreemanager.h"
#include "store/store.h"

namespace harness {

StepResult SetupStep::step(StepContext &ctx)
{
    RunJournal &journal = ctx.journal;
    // A run never goes on without its sandbox: it stops, saying why, before any model call.
    if (const QString why = ctx.services.whyNoRunCanStart(); !why.isEmpty())
        return journal.end(kinds::Failed, why);
    if (!ctx.state().worktreePath.isEmpty()) {
        // The run's own copy of the configuration (its base commit's) must load before it plans.
        QString brokenFile;
        if (auto config = ProjectConfigCheck::check(ctx.state().worktreePath, &brokenFile); !config) {
            RunEndedPayload failed {ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile)};
            failed.configFile = brokenFile;
            return journal.commit(QList<Event> {makeEvent(journal.runId(), kinds::Failed, failed)},
                                  StepOutcome::Finished);
        }
        // The run's sandbox and tools are made with its worktree, once: asking git where the hooks
        // live is the run's cost, not its first build iteration's.
        ctx.tools.sandbox();
        return journal.commit(PhaseStartedPayload::plan(ctx.state().planRound + 1));
    }

    const Run &run = journal.run();
    const auto worktrees = ctx.worktrees();
    Result<WorktreeInfo> info = Result<WorktreeInfo>::failure(QStringLiteral("not made"));
    if (auto existing = worktrees->list()) {
        for (const auto &w : *existing)
            if (w.branch == WorktreeManager::branchName(run.taskId, run.id))
                info = w;
    }
    if (info && info->baseCommit.isEmpty()) {
        // Found again after a restart: the base is where the run branch forked from the target.
        GitRunner git(ctx.project.root());
        auto base = git.run({QStringLiteral("merge-base"), info->branch, run.baseRef});
        if (base)
            info->baseCommit = base->trimmed();
    }
    if (!info)
        info = worktrees->create(run.taskId, run.id, run.baseRef);
    if (!info)
        return journal.end(kinds::Failed,
                           QStringLiteral("could not make the run's worktree: %1").arg(info.errorText()));
    Run updated = run;
    updated.branch = info->branch;
    updated.worktreePath = info->path;
    if (auto s = journal.store().updateRun(updated); !s)
        return s.error();
    journal.setRun(updated);
    return journal.commit(RunCreatedPayload {run.taskId, info->baseCommit, info->path, info->branch,
                                             run.targetBranch, ctx.services.policy.network.description(),
                                             ctx.services.executor.toJson()});
}

} // namespace harness
