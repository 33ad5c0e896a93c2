// BudgetTracker implementation.
#include "budgettracker.h"
#include "redactor.h"

#include "core/events/agentevents.h"

namespace harness {

BudgetTracker::BudgetTracker(QString runId, Budget taskBudget, Budget runBudget, PriceTable prices,
                             EventSink *sink, double degradeAt)
    : m_runId(std::move(runId)), m_task(taskBudget), m_run(runBudget), m_prices(std::move(prices)),
      m_sink(sink), m_degradeAt(degradeAt)
{ }

void BudgetTracker::setTaskSpentBefore(qint64 tokens, double cost)
{
    QMutexLocker lock(&m_mutex);
    m_taskTokensBefore = tokens;
    m_taskCostBefore = cost;
}

qint64 BudgetTracker::runTokens() const
{
    QMutexLocker lock(&m_mutex);
    return m_runTokens;
}

double BudgetTracker::runCost() const
{
    QMutexLocker lock(&m_mutex);
    return m_runCost;
}

qint64 BudgetTracker::taskTokens() const
{
    QMutexLocker lock(&m_mutex);
    return m_taskTokensBefore + m_runTokens;
}

double BudgetTracker::taskCost() const
{
    QMutexLocker lock(&m_mutex);
    return m_taskCostBefore + m_runCost;
}

BudgetTracker::Check BudgetTracker::evaluate() const
{
    Check worst;
    auto consider = [&](const QString &scope, const QString &limit, double spent, double max,
                        const QString &unit) {
        if (max <= 0)
            return;
        BudgetVerdict v = BudgetVerdict::Continue;
        if (spent >= max)
            v = BudgetVerdict::Stop;
        else if (spent >= max * m_degradeAt)
            v = BudgetVerdict::Degrade;
        if (int(v) <= int(worst.verdict))
            return;
        worst.verdict = v;
        worst.scope = scope;
        worst.limit = limit;
        worst.reason = v == BudgetVerdict::Stop
                ? QStringLiteral("The %1 has spent %2 of its %3 %4 limit; the run stops here. Raise the "
                                 "budget in the "
                                 "task contract to continue.")
                          .arg(scope, QString::number(spent, 'f', unit == QLatin1String("tokens") ? 0 : 4),
                               QString::number(max, 'f', unit == QLatin1String("tokens") ? 0 : 4), unit)
                : QStringLiteral("The %1 has spent %2 of its %3 %4 limit; switching to the cheaper model.")
                          .arg(scope, QString::number(spent, 'f', unit == QLatin1String("tokens") ? 0 : 4),
                               QString::number(max, 'f', unit == QLatin1String("tokens") ? 0 : 4), unit);
    };
    consider(QStringLiteral("run"), QStringLiteral("tokens"), double(m_runTokens), double(m_run.maxTokens),
             QStringLiteral("tokens"));
    consider(QStringLiteral("run"), QStringLiteral("cost"), m_runCost, m_run.maxCost, QStringLiteral("cost"));
    consider(QStringLiteral("task"), QStringLiteral("tokens"), double(m_taskTokensBefore + m_runTokens),
             double(m_task.maxTokens), QStringLiteral("tokens"));
    consider(QStringLiteral("task"), QStringLiteral("cost"), m_taskCostBefore + m_runCost, m_task.maxCost,
             QStringLiteral("cost"));
    return worst;
}

BudgetVerdict BudgetTracker::verdict() const
{
    QMutexLocker lock(&m_mutex);
    return evaluate().verdict;
}

QString BudgetTracker::reason() const
{
    QMutexLocker lock(&m_mutex);
    return evaluate().reason;
}

void BudgetTracker::emitEvent(Event event)
{
    if (!m_sink)
        return;
    event.payload = Redactor::global().redact(QJsonValue(event.payload)).toObject();
    m_sink->record(std::move(event));
}

BudgetVerdict BudgetTracker::record(const ModelCallRecord &call)
{
    QMutexLocker lock(&m_mutex);
    const double cost = m_prices.cost(call.model, call.usage);
    m_runTokens += call.usage.total();
    m_runCost += cost;
    const Check check = evaluate();
    ModelCallPayload p;
    p.phase = call.phase;
    p.iteration = call.iteration;
    p.turn = call.turn;
    p.provider = call.provider;
    p.model = call.model;
    p.inputTokens = call.usage.inputTokens;
    p.outputTokens = call.usage.outputTokens;
    p.cost = cost;
    p.latencyMs = call.latencyMs;
    p.stopReason = call.stopReason;
    p.extra = {{QStringLiteral("priced"), m_prices.knows(call.model)},
               {QStringLiteral("degraded"), call.degraded},
               {QStringLiteral("run_tokens"), m_runTokens},
               {QStringLiteral("run_cost"), m_runCost}};
    emitEvent(makeEvent(m_runId, p,
                        QStringLiteral("agent:") +
                                (call.model.isEmpty() ? QStringLiteral("unknown") : call.model)));
    const QJsonObject limits {{QStringLiteral("scope"), check.scope},
                              {QStringLiteral("limit"), check.limit},
                              {QStringLiteral("run_tokens"), m_runTokens},
                              {QStringLiteral("run_cost"), m_runCost},
                              {QStringLiteral("task_tokens"), m_taskTokensBefore + m_runTokens},
                              {QStringLiteral("task_cost"), m_taskCostBefore + m_runCost}};
    if (check.verdict == BudgetVerdict::Stop && !m_stopRecorded) {
        m_stopRecorded = true;
        emitEvent(makeEvent(m_runId, BudgetExhaustedPayload {check.reason, m_runTokens, m_runCost, limits}));
    } else if (check.verdict == BudgetVerdict::Degrade && !m_degradeRecorded) {
        m_degradeRecorded = true;
        BudgetDegradedPayload degraded;
        degraded.limits = limits;
        degraded.limits.insert(QStringLiteral("reason"), check.reason);
        emitEvent(makeEvent(m_runId, degraded));
    }
    return check.verdict;
}

void BudgetTracker::recordFailure(const ModelCallRecord &call, const AgentError &error)
{
    ModelErrorPayload p;
    p.detail = error.toJson();
    p.message = error.message;
    p.errorKind = AgentError::kindName(error.kind);
    p.phase = call.phase;
    p.iteration = call.iteration;
    p.turn = call.turn;
    p.provider = call.provider;
    p.model = call.model;
    p.latencyMs = call.latencyMs;
    emitEvent(makeEvent(m_runId, p));
}

} // namespace harness
