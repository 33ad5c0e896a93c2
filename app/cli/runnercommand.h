// Team commands: `harness runner` (the daemon that claims queued runs, docs/team.md), `harness queue`
// (the queue and the runners), queueing a run for the runners (`harness run <task> --queue`), and what the
// commands that drive a run here say of a run the runners drive instead.
#pragma once

#include "clicontext.h"

#include "orchestration/runstate.h"

#include <QSet>

namespace harness {

int runRunnerCommand(const QStringList &args, CliContext &ctx);
int runQueueCommand(const QStringList &args, CliContext &ctx);
// Records run_queued for a run just created and puts it in the queue; prints what it did. remoteUrl: what
// QueueService::resolveRemote() made of --remote, resolved before the run was made. A run that cannot be
// queued is aborted with the reason (nobody would ever drive it).
int queueCreatedRun(CliContext &ctx, Project &project, const QString &runId, const QString &taskId,
                    int priority, const QString &remoteUrl, const QString &autoApproveActor);
// Whether the run is the runners' to drive: queued for them (run_queued) and not ended. Nothing drives such
// a run on this machine: the runner holding its lease may be driving it at this very moment.
bool drivenByRunners(const RunState &state);
// Why a command refuses to drive such a run here, and what to do instead.
QString drivenByRunnersMessage(const QString &runId, const RunState &state);
// The tasks whose runs are in the runners' queue (waiting, claimed or parked): `harness run --ready` leaves
// them to the runners.
Result<QSet<QString>> tasksInQueue(Store &store);
// `harness resume` of a run the runners drive: a paused one gets its resume recorded (the runner continues
// it at its next safe point); otherwise the refusal, with exit code Usage (nothing was written).
int resumeRunnersRun(CliContext &ctx, Project &project, const QString &runId, const RunState &state);

} // namespace harness
