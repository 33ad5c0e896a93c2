// PromptLibrary: the texts the built-in agent is given (system prompts per phase, the plan repair
// request, and an external agent's prompts), kept as text resources in resources/prompts/ and read once per
// process.
#pragma once

#include <QString>

namespace harness {

class PromptLibrary
{
public:
    static QString planSystem();
    static QString buildSystem(bool fixing);
    // Sent after an answer that is no valid plan, quoting what is wrong with it.
    static QString planInvalid(const QString &error);
    // What an external agent (ACP) is prompted with: "plan", "build", "fix", "feedback" (with %1 for the
    // plan, the findings or the comments), "resume" (before the run's context in a new session), and
    // "mcp-plan", "mcp-build" (the harness's MCP tools and when to use them, when the agent has them).
    static QString externalAgent(const QString &which);

private:
    static const QString &text(const QString &name);
};

} // namespace harness
