// ProgressPrinter: chooses the events that mark a step; the rest stay in `harness log`.
#include "progressprinter.h"
#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "core/events/toolevents.h"
#include "core/events/verifyevents.h"
#include "orchestration/findingacceptance.h"

#include <QJsonArray>

namespace harness {

ProgressPrinter::ProgressPrinter(QTextStream &out) : m_out(out)
{
    m_clock.start();
}

void ProgressPrinter::line(const QString &text)
{
    m_out << QStringLiteral("[%1s] ").arg(double(m_clock.elapsed()) / 1000.0, 6, 'f', 1) << text << Qt::endl;
}

void ProgressPrinter::print(const Event &e)
{
    const QString &k = e.kind;
    if (k == kinds::RunCreated) {
        if (auto p = payloadIf<RunCreatedPayload>(e))
            line(QStringLiteral("worktree %1 on branch %2").arg(p->worktree, p->branch));
    } else if (k == kinds::PhaseStarted) {
        if (auto p = payloadIf<PhaseStartedPayload>(e)) {
            if (p->phase == phases::Plan)
                line(QStringLiteral("plan: round %1").arg(p->round));
            else if (p->phase == phases::Review && m_awaitingHuman > 0)
                line(QStringLiteral("review: %1 finding(s) wait for a human to accept them before the merge "
                                    "(harness accept %2)")
                             .arg(m_awaitingHuman)
                             .arg(e.runId));
            else if (p->phase == phases::Review)
                line(QStringLiteral("review: the gates pass; the change awaits the human"));
            else
                line(QStringLiteral("%1: iteration %2").arg(p->phase).arg(p->iteration));
        }
    } else if (k == kinds::PlanProposed) {
        if (auto p = payloadIf<PlanProposedPayload>(e))
            line(QStringLiteral("plan proposed: %1 (%2 steps)")
                         .arg(p->plan.summary)
                         .arg(p->plan.steps.size()));
    } else if (k == kinds::PlanInvalid) {
        if (auto p = payloadIf<PlanInvalidPayload>(e))
            line(QStringLiteral("plan invalid: %1 (asking again)").arg(p->error));
    } else if (k == kinds::ApprovalRequested) {
        if (auto p = payloadIf<ApprovalRequestedPayload>(e))
            line(QStringLiteral("approval %1 requested").arg(p->approval));
    } else if (k == kinds::PlanApproved) {
        if (auto p = payloadIf<PlanApprovedPayload>(e))
            line(QStringLiteral("plan approved by %1%2")
                         .arg(e.actor,
                              p->automatic ? QStringLiteral(" (") + p->policy + QLatin1Char(')')
                                           : QString()));
    } else if (PlanDecisionPayload::accepts(k)) {
        if (auto p = payloadIf<PlanDecisionPayload>(e))
            line(QStringLiteral("plan sent back by %1: %2").arg(e.actor, p->feedback));
    } else if (k == kinds::ToolResult) {
        if (auto p = payloadIf<ToolResultPayload>(e))
            line(QStringLiteral("  tool %1 %2%3")
                         .arg(p->name, p->ok ? QStringLiteral("ok") : QStringLiteral("refused: "),
                              p->ok ? QString() : p->error.left(120)));
    } else if (k == kinds::ToolInterrupted) {
        if (auto p = payloadIf<ToolInterruptedPayload>(e))
            line(QStringLiteral("  tool %1 interrupted by a restart (not run again)").arg(p->name));
    } else if (k == kinds::Checkpoint) {
        if (auto p = payloadIf<CheckpointPayload>(e))
            line(QStringLiteral("checkpoint %1").arg(p->commit.left(10)));
    } else if (k == kinds::GateResult) {
        if (auto p = payloadIf<GateResultPayload>(e))
            line(QStringLiteral("  gate %1: %2 (%3 ms, %4 findings)%5")
                         .arg(p->gate, gateStatusName(p->status))
                         .arg(p->durationMs)
                         .arg(p->findingsCount)
                         .arg(p->reason.isEmpty() ? QString() : QStringLiteral(": ") + p->reason));
    } else if (k == kinds::VerifyFinished) {
        if (auto p = payloadIf<VerifyFinishedPayload>(e)) {
            m_awaitingHuman = p->humanOnly ? int(p->awaitingHuman.size()) : 0;
            line(QStringLiteral("verify: %1, %2 findings")
                         .arg(p->passed ? QStringLiteral("passed") : QStringLiteral("FAILED"))
                         .arg(p->findingCount));
        }
    } else if (k == kinds::BudgetExhausted) {
        if (auto p = payloadIf<BudgetExhaustedPayload>(e))
            line(QStringLiteral("%1: %2").arg(k, p->reason));
    } else if (RunEndedPayload::accepts(k)) {
        if (auto p = payloadIf<RunEndedPayload>(e))
            line(QStringLiteral("%1: %2").arg(k, p->reason));
    } else if (k == kinds::RunError) {
        if (auto p = payloadIf<RunErrorPayload>(e))
            line(QStringLiteral("error: %1").arg(p->message));
    } else if (k == kinds::Merged) {
        if (auto p = payloadIf<MergedPayload>(e))
            line(QStringLiteral("merged into %1 as %2").arg(p->target, p->commit.left(10)));
    } else if (k == kinds::Paused) {
        line(QStringLiteral("paused by %1").arg(e.actor));
    }
}

void ProgressPrinter::summary(const RunState &s)
{
    m_out << "\nrun " << s.runId << ": " << runPhaseName(s.phase) << (s.paused ? " (paused)" : "")
          << " after " << s.iteration << (s.iteration == 1 ? " iteration" : " iterations") << ", "
          << s.modelTurns << " model calls, " << (s.tokensIn + s.tokensOut) << " tokens";
    if (s.cost > 0)
        m_out << QStringLiteral(", $%1").arg(s.cost, 0, 'f', 4);
    m_out << Qt::endl;
    if (!s.endReason.isEmpty())
        m_out << "reason: " << s.endReason << Qt::endl;
    if (s.phase == RunPhase::Review && !s.awaitingHuman.isEmpty())
        m_out << FindingAcceptance::blockingMessage(s.runId, s.awaitingHuman) << Qt::endl;
    if (s.phase == RunPhase::Review)
        m_out << "review the change on branch " << s.branch << ", then \"harness merge " << s.runId
              << "\" or \"harness discard " << s.runId << "\"" << Qt::endl;
}

} // namespace harness
