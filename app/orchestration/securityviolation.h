// SecurityViolation: what the orchestration records when the harness refuses an agent's tree (a git
// repository of the agent's making inside it, NestedRepositoryScan): the audited security_violation
// event, and the escalation that stops the run for a human.
#pragma once

#include "core/event.h"
#include "core/gateresult.h"
#include "core/result.h"

namespace harness {

class SecurityViolation
{
public:
    // True for the worktree layer's refusal (a failed checkpoint, merge, ...).
    static bool isRefusal(const Error &error);
    // True for a gate that refused the tree (it recorded the event itself).
    static bool isRefusal(const GateResult &gate);
    // security_violation: worktree, found [{path, found, detail}] (inspected again now), step, reason.
    static Event event(const QString &runId, const QString &worktree, const QString &step,
                       const QString &reason);
    // The events that stop a run: the finding (unless a gate recorded it already) and the escalation,
    // whose reason says what was found, where, and what to do.
    static QList<Event> stopRun(const QString &runId, const QString &worktree, const QString &step,
                                const QString &reason, bool recordFinding);
    // What a failed checkpoint records: for a refused tree, stopRun(); otherwise the run fails with the
    // error.
    static QList<Event> checkpointFailed(const QString &runId, const QString &worktree, const Error &error);
};

} // namespace harness
