// CliContext: what every command receives — its streams and a lazily opened project.
#pragma once

#include "cliio.h"
#include "orchestration/project.h"

#include <QCommandLineParser>
#include <memory>

namespace harness {

class CliContext
{
public:
    CliContext(CliIo io, QString repoPath, QString storeSpec)
        : io(io), m_repoPath(std::move(repoPath)), m_storeSpec(std::move(storeSpec))
    { }

    CliIo io;
    // Opens the repository and store; on failure prints why and sets exitCode.
    Project *project();
    int exitCode = 0;
    QString repoPath() const { return m_repoPath; }
    QString storeSpec() const { return m_storeSpec; }

    // Parses a command's own options; on failure prints the parser's message and returns false.
    bool parse(QCommandLineParser &parser, const QStringList &args, const QString &usage);
    int fail(int code, const QString &message);
    // "human:<user>" for decisions made on this command line.
    static QString humanActor();

private:
    QString m_repoPath;
    QString m_storeSpec;
    std::shared_ptr<Project> m_project;
};

} // namespace harness
