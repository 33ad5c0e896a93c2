// RunState: the fold. Each event kind moves the state through its typed payload; unknown kinds are
// ignored so that newer writers do not break older readers, and a payload that does not read is
// counted, not guessed at.
#include "runstate.h"

#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "core/events/toolevents.h"
#include "core/events/verifyevents.h"

namespace harness {

namespace {

void startIteration(RunState &s, int iteration)
{
    s.iteration = iteration;
    s.iterationTurns = 0;
    s.iterationAgentDone = false;
    s.unansweredToolCalls.clear();
    s.startedToolCalls.clear();
    s.answeredToolCalls.clear();
    s.iterationCheckpointed = false;
    s.gatesDone.clear();
    s.verifyDone = false;
    s.verifyPassed = false;
    s.verifyHumanOnly = false;
    s.awaitingHuman.clear();
}

QString stepOf(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Planning:
        return QStringLiteral("plan");
    case RunPhase::AwaitingApproval:
        return QStringLiteral("approve");
    case RunPhase::Building:
        return QStringLiteral("build");
    case RunPhase::Verifying:
        return QStringLiteral("verify");
    case RunPhase::Fixing:
        return QStringLiteral("fix");
    case RunPhase::Review:
        return QStringLiteral("review");
    default:
        return {};
    }
}

// Reads the event's payload as P and hands it to apply; a payload that does not read is noted.
template<typename P, typename F>
void with(RunState &s, const Event &e, F &&apply)
{
    auto p = P::fromJson(e.payload, e.kind);
    if (!p) {
        if (s.malformedEvents++ == 0)
            s.firstMalformed = QStringLiteral("event %1 (%2): %3").arg(e.seq).arg(e.kind, p.errorText());
        return;
    }
    apply(*p);
}

} // namespace

void RunState::apply(const Event &e)
{
    const QString &k = e.kind;
    lastSeq = e.seq;
    if (runId.isEmpty())
        runId = e.runId;
    if (!started.isValid())
        started = e.time;
    lastTime = e.time;

    if (k == kinds::RunCreated) {
        with<RunCreatedPayload>(*this, e, [this](const RunCreatedPayload &p) {
            taskId = p.task;
            baseCommit = p.baseCommit;
            worktreePath = p.worktree;
            branch = p.branch;
            targetBranch = p.target;
            executor = p.executor;
            lastCheckpoint = baseCommit;
            phase = RunPhase::Created;
        });
    } else if (k == kinds::RunQueued) {
        queued = true;
        if (auto p = RunQueuedPayload::fromJson(e.payload, e.kind))
            remote = p->remote;
    } else if (k == kinds::RunClaimed) {
        with<RunClaimedPayload>(*this, e, [this, &e](const RunClaimedPayload &p) {
            if (!firstClaimed.isValid())
                firstClaimed = e.time;
            runner = p.runner;
            runnerHost = p.host;
            // The run's code was restored on the claiming runner's machine: its worktree is there now.
            if (!p.worktree.isEmpty())
                worktreePath = p.worktree;
        });
    } else if (k == kinds::PhaseStarted) {
        with<PhaseStartedPayload>(*this, e, [this](const PhaseStartedPayload &p) {
            if (p.phase == phases::Plan) {
                phase = RunPhase::Planning;
                invalidPlansThisRound = 0;
                planPending = false;
            } else if (p.phase == phases::Build || p.phase == phases::Fix) {
                phase = p.phase == phases::Build ? RunPhase::Building : RunPhase::Fixing;
                startIteration(*this, p.iteration > 0 ? p.iteration : iteration + 1);
                reviewFeedbackIteration = reviewFeedbackPending && phase == RunPhase::Fixing;
                reviewFeedbackPending = false;
            } else if (p.phase == phases::Verify) {
                phase = RunPhase::Verifying;
                gatesDone.clear();
                verifyDone = false;
                verifyHumanOnly = false;
                awaitingHuman.clear();
            } else if (p.phase == phases::Review) {
                phase = RunPhase::Review;
            }
        });
    } else if (k == kinds::AgentResponse) {
        with<AgentResponsePayload>(*this, e, [this](const AgentResponsePayload &p) {
            ++modelTurns;
            if (phase == RunPhase::Building || phase == RunPhase::Fixing) {
                ++iterationTurns;
                unansweredToolCalls.clear();
                for (const auto &c : p.toolCalls)
                    unansweredToolCalls.append({c.id, c.name, c.arguments, iterationTurns});
                iterationAgentDone = p.toolCalls.isEmpty();
            }
        });
    } else if (k == kinds::PlanProposed) {
        with<PlanProposedPayload>(*this, e, [this](const PlanProposedPayload &p) {
            plan = p.plan;
            planHash = p.plan.hash();
            ++planRound;
            planPending = true;
            planFeedback.clear();
            approvedPlanHash.clear();
        });
    } else if (k == kinds::PlanEdited) {
        with<PlanEditedPayload>(*this, e, [this](const PlanEditedPayload &p) {
            plan = p.plan;
            planHash = p.plan.hash();
        });
    } else if (k == kinds::PlanInvalid) {
        with<PlanInvalidPayload>(*this, e, [this](const PlanInvalidPayload &p) {
            ++invalidPlansThisRound;
            lastPlanError = p.error;
        });
    } else if (k == kinds::ApprovalRequested) {
        with<ApprovalRequestedPayload>(*this, e, [this](const ApprovalRequestedPayload &p) {
            if (p.isPlan()) {
                pendingApprovalId = p.approval;
                phase = RunPhase::AwaitingApproval;
            }
        });
    } else if (k == kinds::PlanApproved) {
        with<PlanApprovedPayload>(*this, e, [this](const PlanApprovedPayload &p) {
            // The approval binds to the hash it names; it counts only if that is the current plan.
            if (p.planHash == planHash)
                approvedPlanHash = p.planHash;
            pendingApprovalId.clear();
            planPending = false;
        });
    } else if (PlanDecisionPayload::accepts(k)) {
        with<PlanDecisionPayload>(*this, e, [this](const PlanDecisionPayload &p) {
            planFeedback = p.feedback;
            pendingApprovalId.clear();
            planPending = false;
            approvedPlanHash.clear();
            phase = RunPhase::Planning;
        });
    } else if (k == kinds::ToolCallStarted) {
        with<ToolCallStartedPayload>(
                *this, e, [this](const ToolCallStartedPayload &p) { startedToolCalls.insert(p.callId); });
    } else if (k == kinds::ToolResult || k == kinds::ToolInterrupted) {
        const auto answered = [this](const QString &id) {
            answeredToolCalls.insert(id);
            for (qsizetype i = 0; i < unansweredToolCalls.size(); ++i)
                if (unansweredToolCalls.at(i).callId == id) {
                    unansweredToolCalls.removeAt(i);
                    break;
                }
        };
        if (k == kinds::ToolResult)
            with<ToolResultPayload>(*this, e, [&](const ToolResultPayload &p) { answered(p.callId); });
        else
            with<ToolInterruptedPayload>(*this, e,
                                         [&](const ToolInterruptedPayload &p) { answered(p.callId); });
    } else if (k == kinds::Checkpoint) {
        with<CheckpointPayload>(*this, e, [this](const CheckpointPayload &p) {
            lastCheckpoint = p.commit;
            if (!checkpoints.contains(lastCheckpoint))
                checkpoints << lastCheckpoint;
            iterationCheckpointed = true;
        });
    } else if (k == kinds::GateResult) {
        with<GateResultPayload>(*this, e, [this](const GateResultPayload &p) { gatesDone.insert(p.gate); });
    } else if (k == kinds::VerifyFinished) {
        with<VerifyFinishedPayload>(*this, e, [this](const VerifyFinishedPayload &p) {
            verifyDone = true;
            verifyPassed = p.passed;
            latestFindings = p.findings;
            awaitingHuman = p.awaitingHuman;
            verifyHumanOnly = p.humanOnly;
        });
    } else if (k == kinds::FindingAccepted) {
        with<FindingAcceptedPayload>(*this, e, [this](const FindingAcceptedPayload &p) {
            acceptedFindings.insert(p.finding, p.reason);
            awaitingHuman.removeIf([&p](const Finding &f) { return f.id() == p.finding; });
        });
    } else if (k == kinds::ReviewFeedback) {
        with<ReviewFeedbackPayload>(*this, e, [this](const ReviewFeedbackPayload &p) {
            fixFeedback = p.feedback;
            reviewFeedbackPending = true;
        });
    } else if (k == kinds::ModelCall) {
        with<ModelCallPayload>(*this, e, [this](const ModelCallPayload &p) {
            tokensIn += p.inputTokens;
            tokensOut += p.outputTokens;
            cost += p.cost;
        });
    } else if (k == kinds::BudgetDegraded) {
        degraded = true;
    } else if (k == kinds::MergeConflict) {
        with<MergeConflictPayload>(*this, e,
                                   [this](const MergeConflictPayload &p) { mergeConflicts = p.files; });
    } else if (k == kinds::Merged) {
        with<MergedPayload>(*this, e, [this](const MergedPayload &p) {
            mergeCommit = p.commit;
            mergeConflicts.clear();
            phase = RunPhase::Merged;
        });
    } else if (k == kinds::Discarded) {
        phase = RunPhase::Discarded;
    } else if (k == kinds::LeftForPullRequest) {
        with<LeftForPullRequestPayload>(*this, e, [this](const LeftForPullRequestPayload &p) {
            remote = p.remote;
            phase = RunPhase::PullRequest;
        });
    } else if (k == kinds::BudgetExhausted) {
        with<BudgetExhaustedPayload>(*this, e, [this](const BudgetExhaustedPayload &p) {
            endReason = p.reason;
            phase = RunPhase::Escalated;
        });
    } else if (RunEndedPayload::accepts(k)) {
        with<RunEndedPayload>(*this, e, [this, &k](const RunEndedPayload &p) {
            endReason = p.reason;
            phase = k == kinds::Escalated ? RunPhase::Escalated
                    : k == kinds::Failed  ? RunPhase::Failed
                                          : RunPhase::Aborted;
            if (phase == RunPhase::Aborted)
                paused = false;
        });
    } else if (k == kinds::Paused) {
        paused = true;
    } else if (k == kinds::Resumed) {
        paused = false;
    }
    if (!isTerminal(phase) && phase != RunPhase::Created)
        activePhase = phase;
}

RunState RunState::fold(const QList<Event> &events)
{
    RunState s;
    for (const auto &e : events)
        s.apply(e);
    return s;
}

RunSummary RunState::summary() const
{
    RunSummary out;
    out.phase = phase;
    out.step = stepOf(activePhase);
    out.iteration = out.step.isEmpty() ? iteration : qMax(1, iteration);
    out.tokens = tokensIn + tokensOut;
    out.cost = cost;
    out.paused = paused;
    out.finished = isTerminal(phase);
    if (out.finished)
        out.outcome = runPhaseName(phase);
    out.endReason = endReason;
    out.runner = runner;
    out.runnerHost = runnerHost;
    out.queued = queued;
    out.lastSeq = lastSeq;
    out.started = started;
    out.lastTime = lastTime;
    return out;
}

} // namespace harness
