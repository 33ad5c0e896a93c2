// SecurityViolation: the events of a refused tree.
#include "securityviolation.h"
#include "core/events/runevents.h"
#include "core/events/toolevents.h"

#include "runtime/nestedrepositoryscan.h"

#include <QJsonArray>

namespace harness {

bool SecurityViolation::isRefusal(const Error &error)
{
    return error.field == NestedRepositoryScan::kErrorCode;
}

bool SecurityViolation::isRefusal(const GateResult &gate)
{
    for (const Finding &f : gate.findings)
        if (f.rule == NestedRepositoryScan::kErrorCode)
            return true;
    return false;
}

Event SecurityViolation::event(const QString &runId, const QString &worktree, const QString &step,
                               const QString &reason)
{
    QJsonArray found;
    for (const NestedRepository &n : NestedRepositoryScan::violations(worktree))
        found.append(n.toJson());
    return makeEvent(runId, SecurityViolationPayload {worktree, found, step, {}, reason});
}

QList<Event> SecurityViolation::stopRun(const QString &runId, const QString &worktree, const QString &step,
                                        const QString &reason, bool recordFinding)
{
    QList<Event> events;
    if (recordFinding)
        events << event(runId, worktree, step, reason);
    events << makeEvent(
            runId, kinds::Escalated,
            RunEndedPayload {QStringLiteral("security: %1 The run is stopped; discard it, then run "
                                            "the task again.")
                                     .arg(reason)});
    return events;
}

QList<Event> SecurityViolation::checkpointFailed(const QString &runId, const QString &worktree,
                                                 const Error &error)
{
    if (isRefusal(error))
        return stopRun(runId, worktree, QStringLiteral("checkpoint"), error.message, true);
    return {makeEvent(runId, kinds::Failed,
                      RunEndedPayload {QStringLiteral("checkpoint failed: %1").arg(error.text())})};
}

} // namespace harness
