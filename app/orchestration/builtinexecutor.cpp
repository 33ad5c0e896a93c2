// BuiltinExecutor: a model turn is a model_call and an agent_response in one commit, so a crash never
// leaves a counted call without its answer (which would make the resumed run pay for it twice).
#include "builtinexecutor.h"
#include "conversationbuilder.h"
#include "runservices.h"

#include "agents/modelprovider.h"
#include "core/events/agentevents.h"

namespace harness {

BuiltinExecutor::BuiltinExecutor(const ExecutorEnvironment &environment)
    : m_journal(environment.journal), m_tools(environment.tools), m_services(environment.services),
      m_toolCalls(environment.journal, environment.tools)
{ }

Result<std::unique_ptr<Executor>> BuiltinExecutor::make(const ExecutorEnvironment &environment)
{
    if (!environment.services.provider)
        return Result<std::unique_ptr<Executor>>::failure(
                QStringLiteral("no model provider is configured for this run; set \"provider\" in "
                               ".harness/policy.json"));
    return std::unique_ptr<Executor>(std::make_unique<BuiltinExecutor>(environment));
}

QString BuiltinExecutor::name() const
{
    return QStringLiteral("builtin:") + m_services.provider->id();
}

bool BuiltinExecutor::turnInProgress(const RunState &state) const
{
    return !state.unansweredToolCalls.isEmpty();
}

Result<ExecutorReply> BuiltinExecutor::plan(const ExecutorTurn &turn)
{
    return call(ConversationBuilder::plan(turn, m_journal.phaseEvents(), m_journal.state().modelTurns),
                turn.cancel);
}

Result<ExecutorReply> BuiltinExecutor::build(const ExecutorTurn &turn)
{
    const RunState &state = m_journal.state();
    if (turnInProgress(state)) {
        // The last answer's tool calls, one per step.
        if (auto s = m_toolCalls.answerNext(turn.cancel); !s)
            return s.error();
        return turn.cancel && turn.cancel->load() ? ExecutorReply::paused() : ExecutorReply::progressed();
    }
    const ChatRequest request = ConversationBuilder::build(turn, m_journal.phaseEvents(), state.modelTurns,
                                                           m_tools.tools().toolSchemas());
    return call(request, turn.cancel);
}

QString BuiltinExecutor::actorOf(const ChatResponse &response) const
{
    return QStringLiteral("agent:") + (response.model.isEmpty() ? m_services.provider->id() : response.model);
}

Result<ExecutorReply> BuiltinExecutor::call(const ChatRequest &request, const std::atomic_bool *cancel)
{
    AgentError error;
    auto response = m_services.provider->complete(request, cancel, &error);
    if (!response) {
        if (cancel && cancel->load())
            return ExecutorReply::paused();
        return ExecutorReply::failed(response.errorText(), response.error().field,
                                     QStringLiteral("the model call failed: %1").arg(response.errorText()));
    }
    ModelCallPayload usage;
    usage.phase = request.phase;
    usage.turn = request.turn;
    usage.model = response->model;
    usage.inputTokens = response->usage.inputTokens;
    usage.outputTokens = response->usage.outputTokens;
    usage.cost = m_services.priceOf
            ? m_services.priceOf(response->model, response->usage.inputTokens, response->usage.outputTokens)
            : 0.0;
    usage.latencyMs = response->latencyMs;
    AgentResponsePayload answer;
    answer.phase = request.phase;
    answer.iteration = request.iteration;
    answer.turn = request.turn;
    answer.text = response->text;
    for (const auto &c : response->toolCalls)
        answer.toolCalls.append({c.id, c.name, c.arguments});
    answer.stopReason = response->stopReason;
    const QString actor = actorOf(*response);
    if (auto s = m_journal.append(
                {makeEvent(m_journal.runId(), usage), makeEvent(m_journal.runId(), answer, actor)});
        !s)
        return s.error();
    return ExecutorReply::answered(response->text, actor);
}

} // namespace harness
