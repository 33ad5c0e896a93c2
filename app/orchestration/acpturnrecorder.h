// AcpTurnRecorder: what an external agent did in one prompt turn, recorded as the built-in agent's turns
// are, so the budget, the timeline and `harness log` work unchanged: each of its own tool calls (with its
// updates folded in) a tool_call event once it completes, with the diff of each write where the agent
// reports one; its message chunks and plan entries the agent_response's text; its usage (the prompt
// result's tokens, usage_update's cost) the model_call — or, when it reports none, a counted turn.
#pragma once

#include "agents/acp/acptypes.h"
#include "core/event.h"

#include <QElapsedTimer>
#include <QHash>

namespace harness {

class RunJournal;

class AcpTurnRecorder
{
public:
    AcpTurnRecorder(RunJournal &journal, QString executorName);

    void begin(); // a new prompt turn
    // Folds in an update; a tool call that completes is recorded at once.
    void onUpdate(const AcpSessionUpdate &update);
    // The answer text so far: the agent's message, then its latest plan entries.
    QString text() const;
    // Records the turn's usage and answer in one commit: model_call, then agent_response (asking the
    // harness to run nothing). Calls still open are recorded as not finished first. `extra` lands in
    // model_call (the session id, so a later process can load the session).
    Status finish(const QString &phase, int iteration, const AcpPromptResult &result,
                  const QJsonObject &extra);
    QString actor() const;

private:
    Status recordCall(const AcpToolCall &call, const QString &error);

    RunJournal &m_journal;
    QString m_executor;
    QString m_message;
    QList<AcpPlanEntry> m_plan;
    QHash<QString, AcpToolCall> m_calls; // open calls by id, updates merged
    QHash<QString, qint64> m_started; // ms since the turn began
    QElapsedTimer m_clock;
    double m_reportedCost = -1; // the session's cost as the agent reports it (cumulative)
    double m_costRecorded = 0; // of that, already in model_call events of this process
};

} // namespace harness
