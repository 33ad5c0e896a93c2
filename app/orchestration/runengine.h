// RunEngine: drives one run through Plan -> approval -> Build -> Verify -> Fix -> review. Every step
// is decided by the fold of the run's events, does one thing, and records it before the next, so a
// run killed at any moment continues from its log with no side-effecting step done twice.
// All methods BLOCK (model calls, tools, gates): use the engine on a worker thread.
#pragma once

#include "approvalservice.h"
#include "iterationhistory.h"
#include "runservices.h"
#include "runstate.h"

#include "agents/chatresponse.h"
#include "core/events/payload.h"
#include "core/task.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace harness {

class Project;
class ToolExecutor;
class Sandbox;
class RunEventSink;
class StoreApprovalRequester;

class RunEngine
{
public:
    enum class Outcome { Progressed, Waiting, Paused, Finished };

    RunEngine(Project &project, QString runId, RunServices services);
    ~RunEngine();

    // Makes the run's worktree and branch and records run_created. Blocking.
    static Result<Run> createRun(Project &project, const QString &taskId, const ProjectPolicy &policy,
                                 const QString &actor);

    // Reads the run's events recorded since the last sync (by this or any other process) into the state.
    Status sync();
    // Performs the next step the state calls for. Waiting: a human decision is needed (plan approval
    // or review); Paused: the run is paused; Finished: the run reached a terminal phase.
    Result<Outcome> step(const std::atomic_bool *cancel = nullptr);
    // Steps until the run waits, pauses, finishes, fails to step, or cancel is set.
    Result<Outcome> drive(const std::atomic_bool *cancel = nullptr);

    const RunState &state() const { return m_state; }
    const Task &task() const { return m_task; }
    // Called for every event as the engine sees it (its own and others'), on the engine's thread.
    void setEventObserver(std::function<void(const Event &)> observer) { m_observer = std::move(observer); }

private:
    template<typename P>
    Status append(const P &payload, const QString &actor = QStringLiteral("harness"))
    {
        return appendTogether({makeEvent(m_runId, payload, actor)});
    }
    template<typename P>
    Status append(QLatin1StringView kind, const P &payload, const QString &actor = QStringLiteral("harness"))
    {
        return appendTogether({makeEvent(m_runId, kind, payload, actor)});
    }
    Result<Outcome> stepCreated();
    Result<Outcome> stepPlanning(const std::atomic_bool *cancel);
    Result<Outcome> stepAwaitingApproval();
    Result<Outcome> startBuild();
    Result<Outcome> stepBuilding(const std::atomic_bool *cancel);
    Result<Outcome> stepVerifying(const std::atomic_bool *cancel);
    Status requestApproval();
    bool autoApproves(const Plan &plan) const;
    // Calls the model and records the call; on failure records why, escalates, and returns nullopt
    // with the outcome to return in *stopped.
    std::optional<ChatResponse> callModel(const ChatRequest &request, const std::atomic_bool *cancel,
                                          Result<Outcome> *stopped);
    Status recordModelCall(const ChatRequest &request, const ChatResponse &response);
    // The actor of a model's answer: "agent:<model>" (the provider's id when the model is not named).
    QString agentActor(const ChatResponse &response) const;
    void ensureTools();
    Status executeToolCall(const PendingToolCall &call, const std::atomic_bool *cancel);
    Status recoverToolCall(const PendingToolCall &call);
    QJsonObject targetFileHashes(const PendingToolCall &call) const;
    Status updateTaskState();
    // Appends the events as one commit (all or none) and folds them in.
    Status appendTogether(const QList<Event> &events);
    void absorb(const Event &event);
    Status absorbAppended(const QList<Event> &appended);
    const QList<Event> &iterationEvents() const { return m_phaseEvents; }
    QString contextFor(const QString &phase, const std::atomic_bool *cancel, QJsonObject *record);
    Status checkBudget(bool *stop);
    QString modelFor(const QString &phase);
    double budgetFraction() const;

    Project &m_project;
    Store &m_store;
    QString m_runId;
    RunServices m_services;
    RunState m_state;
    Task m_task;
    std::optional<TaskState> m_taskStateWritten; // what updateTaskState() last saw or wrote
    Run m_run;
    // The events since the phase in progress started (the current plan round or build/fix iteration),
    // PhaseStarted included: kept by sync(), which reads every event of the run exactly once.
    QList<Event> m_phaseEvents;
    IterationHistory m_history;
    std::unique_ptr<RunEventSink> m_sink;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<StoreApprovalRequester> m_permissionRequester;
    std::unique_ptr<ToolExecutor> m_tools;
    std::function<void(const Event &)> m_observer;
};

} // namespace harness
