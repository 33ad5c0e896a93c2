// `harness log <run>`: a run's events, by sequence range.
#pragma once

#include "clicontext.h"

namespace harness {

int runLogCommand(const QStringList &args, CliContext &ctx);

} // namespace harness
