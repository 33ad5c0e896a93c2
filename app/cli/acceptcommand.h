// `harness accept <run> <finding> [--reason TEXT]`: a human accepts a finding only a human can settle
// (a change outside the task's scope, a change to the test configuration), so it stops blocking the run.
#pragma once

#include "clicontext.h"

namespace harness {

int runAcceptCommand(const QStringList &args, CliContext &ctx);

} // namespace harness
