// CommandLine: parses `harness [global options] <command> ...` and dispatches to the commands.
#pragma once

#include "cliio.h"

#include <QStringList>

namespace harness {

class CommandLine
{
public:
    explicit CommandLine(CliIo io) : m_io(io) { }
    // arguments without the program name; returns the process exit code
    int run(const QStringList &arguments);

    static QString helpText();
    static QString versionText();

private:
    CliIo m_io;
};

} // namespace harness
