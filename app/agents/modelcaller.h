// ModelCaller: one model call as the orchestration makes it: check the budget, route the phase to a
// provider and model (the cheaper one past the threshold), call, and record the call. Blocking.
#pragma once

#include "budgettracker.h"
#include "modelprovider.h"
#include "modelrouter.h"

#include <QHash>
#include <QPointer>

namespace harness {

class ModelCaller
{
public:
    // Providers are looked up by ModelRoute::provider; they are not owned.
    ModelCaller(ModelRouter router, QHash<QString, ModelProvider *> providers, BudgetTracker *tracker);

    // Blocking (see ModelProvider::complete): call from a worker thread. Fails with field
    // "budget_exhausted" without calling when the budget is spent; request.model is set by the router.
    Result<ChatResponse> call(ChatRequest request, const std::atomic_bool *cancel = nullptr,
                              AgentError *error = nullptr);

    BudgetVerdict lastVerdict() const { return m_lastVerdict; }

private:
    ModelRouter m_router;
    QHash<QString, ModelProvider *> m_providers;
    BudgetTracker *m_tracker;
    BudgetVerdict m_lastVerdict = BudgetVerdict::Continue;
};

} // namespace harness
