// BuiltinExecutor: the harness's own agent loop — a model provider and the harness's tools. A plan turn
// is one model call; a build or fix iteration is model turns, each answered by running its tool calls
// one per step (ToolCallRunner), until the model answers without a tool call. It keeps no state: every
// request is rebuilt from the journal (ConversationBuilder), which is what makes resume exact. The
// third-party MCP servers policy.json declares run for one build or fix iteration (McpToolSet).
#pragma once

#include "executor.h"
#include "mcptoolset.h"
#include "runjournal.h"
#include "runtools.h"
#include "toolcallrunner.h"

#include "agents/chatresponse.h"

namespace harness {

class ModelProvider;

class BuiltinExecutor : public Executor
{
public:
    explicit BuiltinExecutor(const ExecutorEnvironment &environment);
    ~BuiltinExecutor() override;
    static Result<std::unique_ptr<Executor>> make(const ExecutorEnvironment &environment);

    QString name() const override;
    Result<ExecutorReply> plan(const ExecutorTurn &turn) override;
    Result<ExecutorReply> build(const ExecutorTurn &turn) override;
    bool turnInProgress(const RunState &state) const override;

private:
    // Calls the model and records the call and its answer in one commit. A failed call comes back as a
    // Failed reply (or Paused when cancelled).
    Result<ExecutorReply> call(const ChatRequest &request, const std::atomic_bool *cancel);
    QString actorOf(const ChatResponse &response) const;
    // After an MCP server's tool call: what the server wrote is checked like an external agent's turn.
    Result<ExecutorReply> checkMcpChange();

    RunJournal &m_journal;
    RunTools &m_tools;
    const RunServices &m_services;
    ToolCallRunner m_toolCalls;
    McpToolSet m_mcp; // policy.json's mcp_servers, for one phase iteration at a time
};

} // namespace harness
