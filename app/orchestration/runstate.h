// RunState: the state of one run as a pure fold over its events (docs/architecture.md, "One log").
// Nothing else is the truth: resuming after a crash is replaying the log into a new RunState. The
// engine, the command line and every view use this one fold (views through its RunSummary).
#pragma once

#include "runsummary.h"

#include "core/event.h"
#include "core/finding.h"
#include "core/plan.h"

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QSet>
#include <optional>

namespace harness {

struct PendingToolCall
{
    QString callId;
    QString name;
    QJsonObject arguments;
    int turn = 0;
};

struct RunState
{
    QString runId;
    QString taskId;
    RunPhase phase = RunPhase::Created;
    bool paused = false;
    int iteration = 0; // build/fix iteration, 1-based once building starts
    int planRound = 0; // how many plans have been proposed
    int modelTurns = 0; // model calls that produced a recorded response (the replay turn index)
    int invalidPlansThisRound = 0;
    QString lastPlanError;
    bool planPending = false; // a proposed plan awaits approval (or auto-approval)
    qint64 lastSeq = 0;

    std::optional<Plan> plan; // the latest proposed (or human-edited) plan
    QByteArray planHash;
    QByteArray approvedPlanHash; // set only by an approval of exactly planHash
    QString pendingApprovalId;
    QString planFeedback; // feedback for the next plan round

    QString baseCommit;
    QString worktreePath;
    QString branch;
    QString targetBranch;
    QJsonValue executor; // run_created's executor: who does the agent's work (undefined: the built-in one)
    QString lastCheckpoint;
    QStringList checkpoints;

    // Build iteration progress: the agent's turns in this iteration and tool calls with results.
    int iterationTurns = 0;
    bool iterationAgentDone = false; // the agent's last response in this iteration had no tool calls
    QList<PendingToolCall> unansweredToolCalls; // requested by the last response, not yet answered
    QSet<QString> startedToolCalls; // tool_call_started seen (write-ahead)
    QSet<QString> answeredToolCalls; // tool_result or tool_call_interrupted seen
    bool iterationCheckpointed = false;

    // Verify progress for the current iteration.
    QSet<QString> gatesDone;
    bool verifyDone = false;
    bool verifyPassed = false;
    QList<Finding> latestFindings;
    // Findings only a human can settle, not accepted yet; when they are all that failed (verifyHumanOnly)
    // the run goes to review and its merge waits for them to be accepted.
    QList<Finding> awaitingHuman;
    bool verifyHumanOnly = false;
    QMap<QString, QString> acceptedFindings; // Finding::id -> the human's reason
    QString fixFeedback; // review comments sent back for another iteration
    bool reviewFeedbackIteration = false; // the current fix iteration was started by review comments
    bool reviewFeedbackPending = false; // review_feedback seen, its fix iteration not started yet

    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double cost = 0.0;
    bool degraded = false; // the router switched to the cheaper model
    QString endReason; // why the run escalated, failed or was aborted
    QString runner; // the runner driving the run under its lease (empty: driven where it was started)
    QDateTime firstClaimed; // when a runner first took the queued run (invalid: never claimed)
    QString runnerHost;
    bool queued = false; // queued for the runners (run_queued)
    QString remote; // the git remote a queued run's code travels through (run_queued), a URL or path
    QString mergeCommit;
    QStringList mergeConflicts;

    RunPhase activePhase = RunPhase::Created; // the last phase before a terminal one
    QDateTime started; // the time of the first event
    QDateTime lastTime; // the time of the last event
    // Events whose payload did not read (ignored by the fold): how many, and the first one's error.
    int malformedEvents = 0;
    QString firstMalformed;

    bool writeAllowed() const { return !approvedPlanHash.isEmpty() && approvedPlanHash == planHash; }
    bool isWaiting() const
    {
        return phase == RunPhase::AwaitingApproval || phase == RunPhase::Review || paused;
    }

    void apply(const Event &event);
    static RunState fold(const QList<Event> &events);
    // What a view shows of the run.
    RunSummary summary() const;
};

} // namespace harness
