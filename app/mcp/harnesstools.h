// HarnessTools: the tools `harness mcp` offers an agent (docs/mcp.md) — check_rules, run_gate,
// read_contract, latest_findings and propose_rule — each a JSON Schema for its arguments and a call over
// HarnessSensors that answers a short text for the model and the same as structuredContent. A refusal
// (a path outside the worktree, an unknown gate, no run, a rule that does not read) is a tool error
// (isError) that says what to do instead. Output is bounded: at most max_findings findings, a log's tail.
#pragma once

#include "mcp/mcpserver.h"

#include <functional>

namespace harness {

class HarnessSensors;

class HarnessTools
{
public:
    // actor: who a suggestion is recorded for (asked when one is made: the client's name is known then).
    static QList<McpTool> make(HarnessSensors &sensors, std::function<QString()> actor);
    // initialize's instructions: what the tools are for and when to use them.
    static QString instructions();

    static constexpr int kDefaultFindings = 100;
    static constexpr int kMaxFindings = 500;
    static constexpr qsizetype kLogTailChars = 8000;
};

} // namespace harness
