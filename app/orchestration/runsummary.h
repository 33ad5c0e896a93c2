// RunSummary: what a view or a status line shows of one run — its phase, the step and iteration it is
// in, tokens and money spent, paused or ended and how. Computed by RunState::summary() from the one
// fold, so the views never fold the log themselves.
#pragma once

#include <QDateTime>
#include <QStringList>

namespace harness {

enum class RunPhase {
    Created,
    Planning,
    AwaitingApproval,
    Building,
    Verifying,
    Fixing,
    Review,
    Merged,
    Discarded,
    Escalated,
    Failed,
    Aborted,
    PullRequest // a runner's run left on the team's remote for a pull request (team.merge "pull_request")
};

QString runPhaseName(RunPhase phase);
bool isTerminal(RunPhase phase);

struct RunSummary
{
    RunPhase phase = RunPhase::Created;
    // The step of the loop: plan, approve, build, verify, fix or review; for an ended run the step it
    // ended in; empty before the first.
    QString step;
    int iteration = 0; // 1-based once a step has started
    qint64 tokens = 0; // input and output tokens of every model call
    double cost = 0.0;
    bool paused = false;
    bool finished = false;
    QString outcome; // when finished: merged, discarded, escalated, failed, aborted or left_for_pull_request
    QString endReason;
    QString runner; // the runner whose lease drives (or last drove) the run; empty: driven where started
    QString runnerHost;
    bool queued = false; // queued for the runners (run_queued): runners drive it, never this process
    qint64 lastSeq = 0;
    QDateTime started;
    QDateTime lastTime;

    // The steps of one iteration in order, for progress display.
    static const QStringList &stepOrder();
    // Progress through the current iteration's steps, 0..1 (1 when finished).
    double progress() const;
    // "r1 on host-a" (or "r1" when the host is unknown); empty when no runner claimed the run.
    QString runnerText() const;
};

} // namespace harness
