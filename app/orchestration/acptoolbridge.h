// AcpToolBridge: serves an external agent's requests of its client (Agent Client Protocol) with the
// harness's own tool layer, so they pass exactly the checks the built-in agent's tools pass:
// fs/read_text_file and fs/write_text_file are RunTools' read_file and write_file (path checks, protected
// paths, scope, size limits, the write gate bound to the approved plan's hash, a tool_call event each),
// terminal/* is run_command in the sandbox (AcpTerminals: create answers at once, the command runs on a
// thread of its own), and session/request_permission goes through the permission
// controller (deny -> ask -> allow; "ask" waits in the approval queue) and is answered with the agent's own
// option ids. Writing and executing are refused before the approval whatever the rules say.
#pragma once

#include "acpterminals.h"
#include "agents/acp/acpclienthandler.h"

#include <atomic>

namespace harness {

class RunJournal;
class RunTools;

class AcpToolBridge : public AcpClientHandler
{
public:
    AcpToolBridge(RunJournal &journal, RunTools &tools);

    // The flag of the turn under way: a running command stops, an open question is answered "cancelled".
    // Called as a turn starts and ends (nullptr): every command still running is stopped and waited for.
    void setCancel(const std::atomic_bool *cancel);

    void requestPermission(const AcpPermissionRequest &request,
                           std::function<void(AcpPermissionOutcome)> answer) override;
    void readTextFile(const AcpReadTextFileRequest &request,
                      std::function<void(Result<QString>)> answer) override;
    void writeTextFile(const AcpWriteTextFileRequest &request, std::function<void(Status)> answer) override;
    void createTerminal(const AcpCreateTerminalRequest &request,
                        std::function<void(Result<QString>)> answer) override;
    void terminalOutput(const AcpTerminalRequest &request,
                        std::function<void(Result<AcpTerminalOutput>)> answer) override;
    void waitForTerminalExit(const AcpTerminalRequest &request,
                             std::function<void(Result<AcpTerminalExit>)> answer) override;
    void killTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer) override;
    void releaseTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer) override;

    // Whether the permission controller allows what the request asks (recording its decision).
    bool allows(const AcpPermissionRequest &request);
    const AcpTerminals &terminals() const { return m_terminals; }

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    RunJournal &m_journal;
    RunTools &m_tools;
    const std::atomic_bool *m_cancel = nullptr;
    AcpTerminals m_terminals;
};

} // namespace harness
