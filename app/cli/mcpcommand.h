// `harness mcp [--run RUN] [--worktree DIR]`: the harness's sensors as a Model Context Protocol server on
// stdin/stdout (docs/mcp.md) — check_rules, run_gate, read_contract, latest_findings, propose_rule — for
// any agent; the ACP executor gives it to external agents in session/new (`--contained`).
#pragma once

#include "clicontext.h"

namespace harness {

// Serves until stdin ends. Exit 0; 2 bad options; 3 the store cannot be opened; 4 no such run.
int runMcpCommand(const QStringList &args, CliContext &ctx);
QString mcpCommandHelp();

} // namespace harness
