// ModelCaller implementation.
#include "modelcaller.h"

namespace harness {

ModelCaller::ModelCaller(ModelRouter router, QHash<QString, ModelProvider *> providers,
                         BudgetTracker *tracker)
    : m_router(std::move(router)), m_providers(std::move(providers)), m_tracker(tracker)
{ }

Result<ChatResponse> ModelCaller::call(ChatRequest request, const std::atomic_bool *cancel, AgentError *error)
{
    const BudgetVerdict before = m_tracker ? m_tracker->verdict() : BudgetVerdict::Continue;
    if (before == BudgetVerdict::Stop)
        return Error {m_tracker->reason(), QStringLiteral("budget_exhausted")};
    auto decision = m_router.route(request.phase, before == BudgetVerdict::Degrade);
    if (!decision)
        return decision.error();
    ModelProvider *provider = m_providers.value(decision->route.provider);
    if (!provider)
        return Error {QStringLiteral("the routing names provider \"%1\", which is not configured")
                              .arg(decision->route.provider),
                      QStringLiteral("routing")};
    request.model = decision->route.model;
    AgentError failure;
    auto response = provider->complete(request, cancel, &failure);
    ModelCallRecord record {
            request.phase,     request.iteration, request.turn, provider->id(), request.model, {}, 0, {},
            decision->degraded};
    if (!response) {
        if (m_tracker)
            m_tracker->recordFailure(record, failure);
        if (error)
            *error = failure;
        return response.error();
    }
    record.model = response->model.isEmpty() ? request.model : response->model;
    record.usage = response->usage;
    record.latencyMs = response->latencyMs;
    record.stopReason = response->stopReason;
    if (m_tracker)
        m_lastVerdict = m_tracker->record(record);
    return response;
}

} // namespace harness
