// VerifyingStep: run the gates once per iteration (again after a pause), then decide.
#include "verifyingstep.h"
#include "securityviolation.h"

#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "core/events/verifyevents.h"
#include "knowledge/findingtrimmer.h"
#include "verify/acceptancegate.h"
#include "verify/gateconfig.h"
#include "verify/gatepipeline.h"
#include "verify/scopegate.h"

#include <QDir>

namespace harness {

VerifyingStep::GateVerdict VerifyingStep::judge(const GateResult &r, const QMap<QString, QString> &accepted)
{
    GateVerdict v;
    bool anyError = false;
    for (const Finding &f : r.findings) {
        const bool isAccepted = f.needsHuman && accepted.contains(f.id());
        if (!isAccepted)
            v.open << f;
        if (f.severity != Severity::Error)
            continue;
        anyError = true;
        if (isAccepted)
            continue;
        if (f.needsHuman)
            v.awaitingHuman << f;
        else
            v.agentBlocks = true;
    }
    if (r.passed()) {
        v.passes = true;
        v.awaitingHuman.clear();
        return v;
    }
    // Failing without an error finding (an exit code) or not running at all is the agent's to fix; a gate
    // whose error findings are all accepted passes.
    if (r.status != GateStatus::Failed || !anyError)
        v.agentBlocks = true;
    v.passes = !v.agentBlocks && v.awaitingHuman.isEmpty();
    return v;
}

StepResult VerifyingStep::verify(StepContext &ctx)
{
    const RunState &state = ctx.state();
    auto config = GateConfig::load(QDir(state.worktreePath).filePath(QStringLiteral(".harness/gates.json")));
    QList<GateResult> results;
    if (!config) {
        GateResult r;
        r.gate = QStringLiteral("gates.json");
        r.status = GateStatus::Error;
        r.log = config.errorText();
        r.findings.append({QStringLiteral(".harness/gates.json"), 0, 0, Severity::Error,
                           QStringLiteral("gates-config"), config.errorText(), QStringLiteral("harness")});
        results << r;
        // The acceptance criteria are checked all the same.
        config = GateConfig {};
    }
    config->gates += AcceptanceGate::fromContract(ctx.task().contract);
    if (auto scope = ScopeGate::fromContract(ctx.task().contract))
        config->gates += *scope;
    GateContext gates;
    gates.worktree = state.worktreePath;
    gates.baseRevision = state.baseCommit;
    gates.events = &ctx.journal.sink();
    gates.runId = ctx.journal.runId();
    gates.cancel = ctx.cancel;
    const std::unique_ptr<CommandRunner> runner = ctx.tools.commandRunner();
    gates.runner = runner.get();
    gates.runnerFor = [&ctx](const QString &root) {
        return ctx.tools.commandRunnerFor(root);
    };
    if (state.plan) {
        gates.plan = state.plan->testsToAdd;
        for (const PlanStep &s : state.plan->steps)
            gates.plan << s.description;
    }
    results += GatePipeline(*config).run(gates);
    for (const auto &r : std::as_const(results))
        if (SecurityViolation::isRefusal(r)) // the gate recorded the finding; the run stops for a human
            return ctx.journal.commit(SecurityViolation::stopRun(ctx.journal.runId(), state.worktreePath,
                                                                 QStringLiteral("verify"), r.log, false),
                                      StepOutcome::Finished);
    if (ctx.cancelled())
        return StepOutcome::Paused; // the gates run again when the run resumes
    // A gate that cannot run here (no sandbox, its program not installed) stops the run: no fix can help.
    if (const QString why = GatePipeline::whyNotRunnable(results); !why.isEmpty())
        return ctx.journal.end(kinds::Failed, why);

    VerifyFinishedPayload verdict;
    verdict.iteration = state.iteration;
    verdict.passed = true;
    QList<Finding> findings;
    bool onlyHumanBlocks = true; // every gate that fails does so only for findings that need a human
    for (const auto &r : std::as_const(results)) {
        const GateVerdict v = judge(r, state.acceptedFindings);
        verdict.passed = verdict.passed && v.passes;
        onlyHumanBlocks = onlyHumanBlocks && (v.passes || !v.agentBlocks);
        // a gate whose findings were all accepted reads as passed in the verdict
        const GateStatus shown = v.passes && !r.passed() ? GateStatus::Passed : r.status;
        verdict.gates.append({r.gate, gateStatusName(shown), r.durationMs, r.findings.size()});
        findings += v.open;
        verdict.awaitingHuman += v.awaitingHuman;
    }
    verdict.humanOnly = !verdict.passed && onlyHumanBlocks && !verdict.awaitingHuman.isEmpty();
    verdict.findings = FindingTrimmer::trim(findings, kFindingsForTheAgent).kept;
    verdict.findingCount = findings.size();
    // The verdict and what follows from it in one commit: folded into a copy of the state, it decides.
    const Event recorded = makeEvent(ctx.journal.runId(), verdict);
    RunState judged = state;
    judged.apply(recorded);
    Decision next = decision(judged, ctx.task(), ctx.journal.runId());
    next.events.prepend(recorded);
    return ctx.journal.commit(next.events, next.outcome);
}

VerifyingStep::Decision VerifyingStep::decision(const RunState &state, const Task &task, const QString &runId)
{
    // Passed, or only findings a human has to settle are open: review, where the merge waits for them.
    if (state.verifyPassed || state.verifyHumanOnly)
        return {{makeEvent(runId, PhaseStartedPayload::of(phases::Review, state.iteration)),
                 makeEvent(runId,
                           ReviewReadyPayload {state.lastCheckpoint, state.baseCommit, state.branch,
                                               state.targetBranch})},
                StepOutcome::Waiting};
    if (state.iteration >= task.contract.budget.maxIterations) {
        QStringList failing;
        for (const auto &f : std::as_const(state.latestFindings))
            if (!failing.contains(f.source))
                failing << f.source;
        const QString reason =
                QStringLiteral("the gates still fail after %1 iterations (%2); a human has to look")
                        .arg(state.iteration)
                        .arg(failing.join(QStringLiteral(", ")));
        return {{makeEvent(runId, kinds::Escalated, RunEndedPayload {reason, {}})}, StepOutcome::Finished};
    }
    // The findings go to the iteration that fixes them.
    return {{makeEvent(runId, PhaseStartedPayload::of(phases::Fix, state.iteration + 1)),
             makeEvent(runId, FixRequestedPayload {state.iteration + 1, state.latestFindings})},
            StepOutcome::Progressed};
}

StepResult VerifyingStep::decide(StepContext &ctx)
{
    // A verdict recorded without its decision (by an earlier version of the harness).
    const Decision next = decision(ctx.state(), ctx.task(), ctx.journal.runId());
    return ctx.journal.commit(next.events, next.outcome);
}

StepResult VerifyingStep::step(StepContext &ctx)
{
    return ctx.state().verifyDone ? decide(ctx) : verify(ctx);
}

} // namespace harness
