// AcpClientHandler: what serves an ACP agent's requests of its client (permission questions, file reads
// and writes, terminals). The executor implements it with the harness's tool layer; tests implement it
// directly. Every callback is answered exactly once, possibly later (a human answering a permission);
// an Error's message goes back to the agent as the request's error.
#pragma once

#include "agents/acp/acpagentrequests.h"
#include "core/result.h"

#include <functional>

namespace harness {

class AcpClientHandler
{
public:
    virtual ~AcpClientHandler() = default;

    // An Error with this field answers "Resource not found" (ACP error -32002), which agents read as a
    // missing file (Gemini CLI creates the file then, instead of failing the write).
    static QString notFoundField() { return QStringLiteral("not_found"); }
    static Error notFound(const QString &path)
    {
        return Error {QStringLiteral("Resource not found: ") + path, notFoundField()};
    }

    virtual void requestPermission(const AcpPermissionRequest &request,
                                   std::function<void(AcpPermissionOutcome)> answer) = 0;
    virtual void readTextFile(const AcpReadTextFileRequest &request,
                              std::function<void(Result<QString>)> answer) = 0;
    virtual void writeTextFile(const AcpWriteTextFileRequest &request,
                               std::function<void(Status)> answer) = 0;
    // Answers the new terminal's id.
    virtual void createTerminal(const AcpCreateTerminalRequest &request,
                                std::function<void(Result<QString>)> answer) = 0;
    virtual void terminalOutput(const AcpTerminalRequest &request,
                                std::function<void(Result<AcpTerminalOutput>)> answer) = 0;
    virtual void waitForTerminalExit(const AcpTerminalRequest &request,
                                     std::function<void(Result<AcpTerminalExit>)> answer) = 0;
    virtual void killTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer) = 0;
    virtual void releaseTerminal(const AcpTerminalRequest &request, std::function<void(Status)> answer) = 0;
};

} // namespace harness
