// BuiltinExecutor: a model turn is a model_call and an agent_response in one commit, so a crash never
// leaves a counted call without its answer (which would make the resumed run pay for it twice).
#include "builtinexecutor.h"
#include "agentchangecheck.h"
#include "conversationbuilder.h"
#include "runservices.h"
#include "securityviolation.h"

#include "agents/modelprovider.h"
#include "core/events/agentevents.h"

namespace harness {

BuiltinExecutor::BuiltinExecutor(const ExecutorEnvironment &environment)
    : m_journal(environment.journal), m_tools(environment.tools), m_services(environment.services),
      m_toolCalls(environment.journal, environment.tools),
      m_mcp(environment.journal, environment.tools, environment.services)
{
    m_tools.setMcpTools(&m_mcp);
}

BuiltinExecutor::~BuiltinExecutor()
{
    m_tools.setMcpTools(nullptr);
    m_mcp.stop();
}

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
    if (m_mcp.declared()) {
        // The servers run for this iteration; a new phase or iteration starts them again.
        const QString key = turn.phase + QLatin1Char('/') + QString::number(turn.number);
        if (auto s = m_mcp.start(key, turn.cancel); !s) {
            if (turn.cancel && turn.cancel->load())
                return ExecutorReply::paused();
            return ExecutorReply::failed(
                    s.errorText(), QStringLiteral("mcp_server"),
                    QStringLiteral("an MCP server of policy.json did not start: %1").arg(s.errorText()));
        }
    }
    if (turnInProgress(state)) {
        // The last answer's tool calls, one per step.
        const bool viaMcp = McpToolSet::owns(state.unansweredToolCalls.constFirst().name);
        if (auto s = m_toolCalls.answerNext(turn.cancel); !s)
            return s.error();
        if (turn.cancel && turn.cancel->load()) {
            m_mcp.stop();
            return ExecutorReply::paused();
        }
        return viaMcp ? checkMcpChange() : ExecutorReply::progressed();
    }
    QJsonArray tools = m_tools.tools().toolSchemas();
    for (const QJsonValue &t : m_mcp.toolSchemas())
        tools << t;
    const ChatRequest request =
            ConversationBuilder::build(turn, m_journal.phaseEvents(), state.modelTurns, tools);
    auto reply = call(request, turn.cancel);
    if (!reply || reply->status != ExecutorReply::Status::Progressed || !turnInProgress(m_journal.state()))
        m_mcp.stop(); // the iteration's work is done (or stopped): so are its servers
    return reply;
}

Result<ExecutorReply> BuiltinExecutor::checkMcpChange()
{
    const RunState &state = m_journal.state();
    const QString reason = AgentChangeCheck(state.worktreePath, m_journal.task().contract.scope)
                                   .violation(state.writeAllowed());
    if (reason.isEmpty())
        return ExecutorReply::progressed();
    m_mcp.stop();
    if (auto s = m_journal.append(QList<Event> {SecurityViolation::event(
                m_journal.runId(), state.worktreePath, QStringLiteral("mcp_tool_call"), reason)});
        !s)
        return s.error();
    return ExecutorReply::failed(
            reason, QStringLiteral("security_violation"),
            QStringLiteral("security: %1 The run is stopped; discard it, then run the task "
                           "again.")
                    .arg(reason));
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
