// The run-related commands: run, resume, status, approve, reject, merge, discard, demo.
#pragma once

#include "clicontext.h"

namespace harness {

bool isRunCommand(const QString &command);
int runRunCommand(const QString &command, const QStringList &args, CliContext &ctx);

} // namespace harness
