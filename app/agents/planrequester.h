// PlanRequester: asks the agent for a plan, validates the answer with Plan::fromJson (docs/architecture.md,
// "The run") and, when it is invalid, sends a bounded number of repair requests that quote the validation
// error.
#pragma once

#include "chatresponse.h"
#include "core/plan.h"

#include <functional>

namespace harness {

class ModelProvider;

struct PlanAnswer
{
    Plan plan;
    ChatResponse response; // the answer the plan came from
    int repairs = 0; // repair requests that were needed
    int nextTurn = 0; // the turn index after the last call made
    QStringList invalidReasons; // the validation errors of rejected answers, in order
};

class PlanRequester
{
public:
    using Call = std::function<Result<ChatResponse>(const ChatRequest &)>;

    explicit PlanRequester(Call call, int maxRepairs = 2);
    // Calls provider.complete() (blocking: use from a worker thread).
    PlanRequester(ModelProvider &provider, int maxRepairs = 2, const std::atomic_bool *cancel = nullptr);

    // Blocking. Each repair is a new call with turn + 1 and the rejected answer plus the error quoted.
    // Fails with field "plan_invalid" when the last repair is still invalid, or with the call's error.
    Result<PlanAnswer> request(ChatRequest request);

    // The plan in an answer: a "submit_plan" tool call's arguments, else the JSON object in the text
    // (a ```json fence or the outermost braces are accepted).
    static Result<Plan> parse(const ChatResponse &response);
    static QString repairPrompt(const QString &validationError);

private:
    Call m_call;
    int m_maxRepairs;
};

} // namespace harness
