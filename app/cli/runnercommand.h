// Team commands: `harness runner` (the daemon that claims queued runs, docs/team.md), `harness queue`
// (the queue and the runners), and queueing a run for the runners (`harness run <task> --queue`).
#pragma once

#include "clicontext.h"

namespace harness {

int runRunnerCommand(const QStringList &args, CliContext &ctx);
int runQueueCommand(const QStringList &args, CliContext &ctx);
// Records run_queued for a run just created and puts it in the queue; prints what it did.
int queueCreatedRun(CliContext &ctx, Project &project, const QString &runId, const QString &taskId,
                    int priority, const QString &remote, const QString &autoApproveActor);

} // namespace harness
