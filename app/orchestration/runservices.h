// RunServices: what a run needs from the layers below (agents, runtime, verify), gathered in one
// place so the engine, the CLI and the workbench build them the same way.
#pragma once

#include "projectpolicy.h"

#include <functional>
#include <memory>

namespace harness {

class ModelProvider;
class ApprovalRequester;

struct RunServices
{
    std::shared_ptr<ModelProvider> provider; // never null once made
    ProjectPolicy policy;
    QString bwrapPath; // empty: bwrap from PATH
    ApprovalRequester *permissionApprovals = nullptr; // answers permission "ask"; null: ask = deny
    qint64 contextTokenBudget = 24000;
    // When set, every plan is approved at once in this actor's name (`harness run --approve auto`).
    QString autoApproveActor;
    // Price of a call in money; null: calls cost nothing (replay, local models).
    std::function<double(const QString &model, qint64 tokensIn, qint64 tokensOut)> priceOf;

    // Why no run can start with these services: the sandbox cannot start here (with bubblewrap's own
    // reason) and the project did not opt in to unsandboxed commands. Empty when runs can start.
    QString whyNoRunCanStart() const;
};

} // namespace harness
