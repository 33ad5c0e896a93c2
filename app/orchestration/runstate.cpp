// RunState: the fold. Each event kind moves the state; unknown kinds are ignored so that newer
// writers do not break older readers.
#include "runstate.h"
#include "eventkinds.h"

#include <QJsonArray>

namespace harness {

QString runPhaseName(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Created:
        return QStringLiteral("created");
    case RunPhase::Planning:
        return QStringLiteral("planning");
    case RunPhase::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    case RunPhase::Building:
        return QStringLiteral("building");
    case RunPhase::Verifying:
        return QStringLiteral("verifying");
    case RunPhase::Fixing:
        return QStringLiteral("fixing");
    case RunPhase::Review:
        return QStringLiteral("review");
    case RunPhase::Merged:
        return QStringLiteral("merged");
    case RunPhase::Discarded:
        return QStringLiteral("discarded");
    case RunPhase::Escalated:
        return QStringLiteral("escalated");
    case RunPhase::Failed:
        return QStringLiteral("failed");
    case RunPhase::Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("created");
}

bool isTerminal(RunPhase phase)
{
    return phase == RunPhase::Merged || phase == RunPhase::Discarded || phase == RunPhase::Escalated ||
            phase == RunPhase::Failed || phase == RunPhase::Aborted;
}

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
}

} // namespace

void RunState::apply(const Event &e)
{
    const QString &k = e.kind;
    const QJsonObject &p = e.payload;
    lastSeq = e.seq;
    if (runId.isEmpty())
        runId = e.runId;

    if (k == kinds::RunCreated) {
        taskId = p.value(QStringLiteral("task")).toString();
        baseCommit = p.value(QStringLiteral("base_commit")).toString();
        worktreePath = p.value(QStringLiteral("worktree")).toString();
        branch = p.value(QStringLiteral("branch")).toString();
        targetBranch = p.value(QStringLiteral("target")).toString();
        lastCheckpoint = baseCommit;
        phase = RunPhase::Created;
    } else if (k == kinds::PhaseStarted) {
        const QString ph = p.value(QStringLiteral("phase")).toString();
        if (ph == QLatin1String("plan")) {
            phase = RunPhase::Planning;
            invalidPlansThisRound = 0;
            planPending = false;
        } else if (ph == QLatin1String("build") || ph == QLatin1String("fix")) {
            phase = ph == QLatin1String("build") ? RunPhase::Building : RunPhase::Fixing;
            startIteration(*this, p.value(QStringLiteral("iteration")).toInt(iteration + 1));
        } else if (ph == QLatin1String("verify")) {
            phase = RunPhase::Verifying;
            gatesDone.clear();
            verifyDone = false;
        } else if (ph == QLatin1String("review")) {
            phase = RunPhase::Review;
        }
    } else if (k == kinds::AgentResponse) {
        ++modelTurns;
        const QJsonArray calls = p.value(QStringLiteral("tool_calls")).toArray();
        if (phase == RunPhase::Building || phase == RunPhase::Fixing) {
            ++iterationTurns;
            unansweredToolCalls.clear();
            for (const auto &c : calls) {
                const QJsonObject o = c.toObject();
                unansweredToolCalls.append({o.value(QStringLiteral("id")).toString(),
                                            o.value(QStringLiteral("name")).toString(),
                                            o.value(QStringLiteral("arguments")).toObject(), iterationTurns});
            }
            iterationAgentDone = calls.isEmpty();
        }
    } else if (k == kinds::PlanProposed || k == kinds::PlanEdited) {
        auto parsed = Plan::fromJson(p.value(QStringLiteral("plan")).toObject());
        if (parsed) {
            plan = *parsed;
            planHash = parsed->hash();
        }
        if (k == kinds::PlanProposed) {
            ++planRound;
            planPending = true;
            planFeedback.clear();
            approvedPlanHash.clear();
        }
    } else if (k == kinds::PlanInvalid) {
        ++invalidPlansThisRound;
        lastPlanError = p.value(QStringLiteral("error")).toString();
    } else if (k == kinds::ApprovalRequested) {
        if (p.value(QStringLiteral("kind")).toString() == QLatin1String("plan")) {
            pendingApprovalId = p.value(QStringLiteral("approval")).toString();
            phase = RunPhase::AwaitingApproval;
        }
    } else if (k == kinds::PlanApproved) {
        // The approval binds to the hash it names; it counts only if that is the current plan.
        const QByteArray approved = p.value(QStringLiteral("plan_hash")).toString().toLatin1();
        if (approved == planHash)
            approvedPlanHash = approved;
        pendingApprovalId.clear();
        planPending = false;
    } else if (k == kinds::PlanChangesRequested || k == kinds::PlanRejected) {
        planFeedback = p.value(QStringLiteral("feedback")).toString();
        pendingApprovalId.clear();
        planPending = false;
        approvedPlanHash.clear();
        phase = RunPhase::Planning;
    } else if (k == kinds::ToolCallStarted) {
        startedToolCalls.insert(p.value(QStringLiteral("call_id")).toString());
    } else if (k == kinds::ToolResult || k == kinds::ToolInterrupted) {
        const QString id = p.value(QStringLiteral("call_id")).toString();
        answeredToolCalls.insert(id);
        for (qsizetype i = 0; i < unansweredToolCalls.size(); ++i)
            if (unansweredToolCalls.at(i).callId == id) {
                unansweredToolCalls.removeAt(i);
                break;
            }
    } else if (k == kinds::Checkpoint) {
        lastCheckpoint = p.value(QStringLiteral("commit")).toString();
        if (!checkpoints.contains(lastCheckpoint))
            checkpoints << lastCheckpoint;
        iterationCheckpointed = true;
    } else if (k == kinds::GateResult) {
        gatesDone.insert(p.value(QStringLiteral("gate")).toString());
    } else if (k == kinds::VerifyFinished) {
        verifyDone = true;
        verifyPassed = p.value(QStringLiteral("passed")).toBool();
        latestFindings.clear();
        for (const auto &f : p.value(QStringLiteral("findings")).toArray()) {
            auto finding = Finding::fromJson(f.toObject());
            if (finding)
                latestFindings << *finding;
        }
    } else if (k == kinds::ReviewFeedback) {
        fixFeedback = p.value(QStringLiteral("feedback")).toString();
    } else if (k == kinds::ModelCall) {
        tokensIn += p.value(QStringLiteral("input_tokens")).toInteger();
        tokensOut += p.value(QStringLiteral("output_tokens")).toInteger();
        cost += p.value(QStringLiteral("cost")).toDouble();
    } else if (k == kinds::BudgetDegraded) {
        degraded = true;
    } else if (k == kinds::MergeConflict) {
        mergeConflicts.clear();
        for (const auto &f : p.value(QStringLiteral("files")).toArray())
            mergeConflicts << f.toString();
    } else if (k == kinds::Merged) {
        mergeCommit = p.value(QStringLiteral("commit")).toString();
        mergeConflicts.clear();
        phase = RunPhase::Merged;
    } else if (k == kinds::Discarded) {
        phase = RunPhase::Discarded;
    } else if (k == kinds::Escalated || k == kinds::BudgetExhausted) {
        endReason = p.value(QStringLiteral("reason")).toString();
        phase = RunPhase::Escalated;
    } else if (k == kinds::Failed) {
        endReason = p.value(QStringLiteral("reason")).toString();
        phase = RunPhase::Failed;
    } else if (k == kinds::Aborted) {
        endReason = p.value(QStringLiteral("reason")).toString();
        phase = RunPhase::Aborted;
        paused = false;
    } else if (k == kinds::Paused) {
        paused = true;
    } else if (k == kinds::Resumed) {
        paused = false;
    }
}

RunState RunState::fold(const QList<Event> &events)
{
    RunState s;
    for (const auto &e : events)
        s.apply(e);
    return s;
}

} // namespace harness
