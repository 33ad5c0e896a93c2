// BudgetTracker implementation.
#include "budgettracker.h"
#include "redactor.h"

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

void BudgetTracker::emitEvent(const QString &actor, const QString &kind, const QJsonObject &payload)
{
    if (m_sink)
        m_sink->record(
                Event::make(m_runId, actor, kind, Redactor::global().redact(QJsonValue(payload)).toObject()));
}

BudgetVerdict BudgetTracker::record(const ModelCallRecord &call)
{
    QMutexLocker lock(&m_mutex);
    const double cost = m_prices.cost(call.model, call.usage);
    m_runTokens += call.usage.total();
    m_runCost += cost;
    const Check check = evaluate();
    QJsonObject payload {{QStringLiteral("phase"), call.phase},
                         {QStringLiteral("iteration"), call.iteration},
                         {QStringLiteral("turn"), call.turn},
                         {QStringLiteral("provider"), call.provider},
                         {QStringLiteral("model"), call.model},
                         {QStringLiteral("input_tokens"), call.usage.inputTokens},
                         {QStringLiteral("output_tokens"), call.usage.outputTokens},
                         {QStringLiteral("cost"), cost},
                         {QStringLiteral("priced"), m_prices.knows(call.model)},
                         {QStringLiteral("latency_ms"), call.latencyMs},
                         {QStringLiteral("stop_reason"), call.stopReason},
                         {QStringLiteral("degraded"), call.degraded},
                         {QStringLiteral("run_tokens"), m_runTokens},
                         {QStringLiteral("run_cost"), m_runCost}};
    emitEvent(QStringLiteral("agent:") + (call.model.isEmpty() ? QStringLiteral("unknown") : call.model),
              QStringLiteral("model_call"), payload);
    auto limits = [&] {
        return QJsonObject {{QStringLiteral("scope"), check.scope},
                            {QStringLiteral("limit"), check.limit},
                            {QStringLiteral("run_tokens"), m_runTokens},
                            {QStringLiteral("run_cost"), m_runCost},
                            {QStringLiteral("task_tokens"), m_taskTokensBefore + m_runTokens},
                            {QStringLiteral("task_cost"), m_taskCostBefore + m_runCost},
                            {QStringLiteral("message"), check.reason}};
    };
    if (check.verdict == BudgetVerdict::Stop && !m_stopRecorded) {
        m_stopRecorded = true;
        emitEvent(QStringLiteral("harness"), QStringLiteral("budget_exhausted"), limits());
    } else if (check.verdict == BudgetVerdict::Degrade && !m_degradeRecorded) {
        m_degradeRecorded = true;
        emitEvent(QStringLiteral("harness"), QStringLiteral("budget_degraded"), limits());
    }
    return check.verdict;
}

void BudgetTracker::recordFailure(const ModelCallRecord &call, const AgentError &error)
{
    QJsonObject payload = error.toJson();
    payload.insert(QStringLiteral("phase"), call.phase);
    payload.insert(QStringLiteral("iteration"), call.iteration);
    payload.insert(QStringLiteral("turn"), call.turn);
    payload.insert(QStringLiteral("provider"), call.provider);
    payload.insert(QStringLiteral("model"), call.model);
    payload.insert(QStringLiteral("latency_ms"), call.latencyMs);
    emitEvent(QStringLiteral("harness"), QStringLiteral("model_error"), payload);
}

} // namespace harness
