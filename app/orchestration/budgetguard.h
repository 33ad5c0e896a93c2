// BudgetGuard: the task's budget (tokens, money, wall time) against what the run's fold says was spent
// — whatever executor spent it — and the model routing that degrades to the cheaper model as the budget
// runs low. Checked between turns by the phases.
#pragma once

#include "runjournal.h"
#include "runservices.h"

namespace harness {

class BudgetGuard
{
public:
    BudgetGuard(RunJournal &journal, const RunServices &services) : m_journal(journal), m_services(services)
    { }

    // Records budget_exhausted and returns Finished when a limit is reached; nullopt while within it.
    std::optional<StepResult> stopIfSpent();
    // The model for a phase: the policy's, or its fallback once the spent fraction passes degradeAt
    // (recorded once per run as budget_degraded).
    QString modelFor(const QString &phase);
    double spentFraction() const;
    // Where the wall-time budget counts from: the first runner's claim of a queued run, else the run's
    // creation.
    static QDateTime wallClockStart(const Run &run, const RunState &state);

private:
    RunJournal &m_journal;
    const RunServices &m_services;
};

} // namespace harness
