// `harness audit verify|export`: the hash-chained audit trail.
#pragma once

#include "clicontext.h"

namespace harness {

int runAuditCommand(const QStringList &args, CliContext &ctx);

} // namespace harness
