// `harness task add|list|show`: tasks with their contracts.
#pragma once

#include "clicontext.h"

namespace harness {

int runTaskCommand(const QStringList &args, CliContext &ctx);

} // namespace harness
