// BudgetGuard: limits first by tokens, then money, then wall time.
#include "budgetguard.h"

#include "core/events/agentevents.h"

namespace harness {

double BudgetGuard::spentFraction() const
{
    const Budget &b = m_journal.task().contract.budget;
    const RunState &s = m_journal.state();
    double f = 0.0;
    if (b.maxTokens > 0)
        f = qMax(f, double(s.tokensIn + s.tokensOut) / double(b.maxTokens));
    if (b.maxCost > 0)
        f = qMax(f, s.cost / b.maxCost);
    return f;
}

QString BudgetGuard::modelFor(const QString &phase)
{
    const ProjectPolicy &policy = m_services.policy;
    const QString configured = policy.models.value(phase).toString();
    const QString normal =
            configured.isEmpty() ? policy.models.value(QStringLiteral("default")).toString() : configured;
    // Past the threshold the cheaper model takes over, so the budget lasts.
    if (policy.fallbackModel.isEmpty() || spentFraction() < policy.degradeAt)
        return normal;
    if (!m_journal.state().degraded) {
        // Recorded once per run (the fold remembers it across restarts); a failed write is retried next turn.
        (void)m_journal.append(
                BudgetDegradedPayload {phase, normal, policy.fallbackModel, spentFraction(), {}});
    }
    return policy.fallbackModel;
}

QDateTime BudgetGuard::wallClockStart(const Run &run, const RunState &state)
{
    // A queued run's clock starts when a runner first takes it: time spent waiting in the queue for a free
    // runner is not the run's (a queue of 200 runs would otherwise spend the budgets of the last ones
    // before they start). A takeover does not restart it.
    return state.firstClaimed.isValid() ? state.firstClaimed : run.created;
}

std::optional<StepResult> BudgetGuard::stopIfSpent()
{
    const Budget &b = m_journal.task().contract.budget;
    const RunState &s = m_journal.state();
    const Run &run = m_journal.run();
    QString reason;
    if (b.maxTokens > 0 && s.tokensIn + s.tokensOut >= b.maxTokens)
        reason = QStringLiteral("the token budget (%1) is spent: %2 tokens used")
                         .arg(b.maxTokens)
                         .arg(s.tokensIn + s.tokensOut);
    else if (b.maxCost > 0 && s.cost >= b.maxCost)
        reason = QStringLiteral("the money budget ($%1) is spent: $%2 used")
                         .arg(b.maxCost)
                         .arg(s.cost, 0, 'f', 4);
    else if (const QDateTime since = wallClockStart(run, s); b.maxWallSeconds > 0 && since.isValid() &&
             since.secsTo(QDateTime::currentDateTimeUtc()) >= b.maxWallSeconds)
        reason = QStringLiteral("the wall-time budget (%1 s) is spent").arg(b.maxWallSeconds);
    if (reason.isEmpty())
        return std::nullopt;
    return m_journal.commit(BudgetExhaustedPayload {reason, s.tokensIn + s.tokensOut, s.cost, {}},
                            StepOutcome::Finished);
}

} // namespace harness
