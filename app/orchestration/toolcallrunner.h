// ToolCallRunner: answers the tool calls the built-in agent asked for, one per step, each recorded
// before the next. A writing call is announced first (tool_call_started, with the target files'
// hashes), so a harness killed mid-call can tell on restart whether it took effect: unchanged files
// mean it never ran and it runs now; changed ones mean it ran and is not repeated; a command, whose
// effects cannot be checked, is reported as interrupted and never run twice.
#pragma once

#include "runjournal.h"
#include "runtools.h"

#include <atomic>

namespace harness {

class ToolCallRunner
{
public:
    ToolCallRunner(RunJournal &journal, RunTools &tools) : m_journal(journal), m_tools(tools) { }

    // The first unanswered call of the last answer: run it, or recover it after a restart.
    Status answerNext(const std::atomic_bool *cancel);

    static bool readOnly(const QString &tool);

private:
    Status execute(const PendingToolCall &call, const std::atomic_bool *cancel);
    Status recover(const PendingToolCall &call);
    QJsonObject targetFileHashes(const PendingToolCall &call) const;

    RunJournal &m_journal;
    RunTools &m_tools;
};

} // namespace harness
