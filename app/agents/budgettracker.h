// BudgetTracker: counts the tokens and money a run (and its task, across runs) has spent, records each
// model call as a "model_call" event, and says whether to continue, degrade to the cheaper model, or
// stop ("budget_exhausted" event). Thread-safe.
#pragma once

#include "agenterror.h"
#include "chatresponse.h"
#include "core/budget.h"
#include "core/eventsink.h"
#include "pricetable.h"

#include <QMutex>

namespace harness {

enum class BudgetVerdict { Continue, Degrade, Stop };

struct ModelCallRecord
{
    QString phase;
    int iteration = 1;
    int turn = 0;
    QString provider;
    QString model;
    TokenUsage usage;
    qint64 latencyMs = 0;
    QString stopReason;
    bool degraded = false;
};

class BudgetTracker
{
public:
    // `sink` may be null (nothing recorded); `degradeAt` is the fraction of a limit past which the
    // router is told to degrade.
    BudgetTracker(QString runId, Budget taskBudget, Budget runBudget, PriceTable prices, EventSink *sink,
                  double degradeAt = 0.8);

    // What earlier runs of the same task spent (folded from their model_call events).
    void setTaskSpentBefore(qint64 tokens, double cost);

    // Records one finished call (event "model_call") and returns the verdict after it; the first time
    // a limit is reached a "budget_exhausted" event follows, and the first degrade a "budget_degraded".
    BudgetVerdict record(const ModelCallRecord &call);
    // Records a failed call (event "model_error" with the kind, message and redacted raw excerpt).
    void recordFailure(const ModelCallRecord &call, const AgentError &error);

    BudgetVerdict verdict() const;
    // Plain-language reason for the current Stop or Degrade verdict (empty while Continue).
    QString reason() const;

    double costOf(const QString &model, const TokenUsage &usage) const { return m_prices.cost(model, usage); }
    qint64 runTokens() const;
    double runCost() const;
    qint64 taskTokens() const;
    double taskCost() const;

private:
    struct Check
    {
        BudgetVerdict verdict = BudgetVerdict::Continue;
        QString scope; // "run" or "task"
        QString limit; // "tokens" or "cost"
        QString reason;
    };
    Check evaluate() const; // caller holds m_mutex
    void emitEvent(Event event);

    const QString m_runId;
    const Budget m_task;
    const Budget m_run;
    const PriceTable m_prices;
    EventSink *const m_sink;
    const double m_degradeAt;
    mutable QMutex m_mutex;
    qint64 m_runTokens = 0;
    double m_runCost = 0.0;
    qint64 m_taskTokensBefore = 0;
    double m_taskCostBefore = 0.0;
    bool m_stopRecorded = false;
    bool m_degradeRecorded = false;
};

} // namespace harness
