// RecordingAcpHandler: serves an ACP agent's requests of its client for real in tests — files on disk,
// commands through QProcess — and records each call, so a test can tell what the agent asked of its client
// and what it did on its own.
#pragma once

#include "agents/acp/acpclienthandler.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStringList>

namespace harness::test {

// Serves the agent's requests for real: files in a temporary directory, commands through QProcess.
class RecordingAcpHandler : public harness::AcpClientHandler
{
public:
    QStringList calls;
    QList<harness::AcpPermissionRequest> permissions;
    bool answerPermissions = true;
    QHash<QString, QProcess *> terminals;

    ~RecordingAcpHandler() override { qDeleteAll(terminals); }

    void requestPermission(const harness::AcpPermissionRequest &request,
                           std::function<void(harness::AcpPermissionOutcome)> answer) override
    {
        calls << QStringLiteral("permission ") + request.toolCall.title;
        permissions << request;
        if (!answerPermissions)
            return;
        QString option = request.optionOfKind(QStringLiteral("allow_once"));
        if (option.isEmpty())
            option = request.optionOfKind(QStringLiteral("allow_always"));
        if (option.isEmpty())
            option = request.options.first().optionId;
        answer(harness::AcpPermissionOutcome {false, option});
    }
    void readTextFile(const harness::AcpReadTextFileRequest &request,
                      std::function<void(harness::Result<QString>)> answer) override
    {
        calls << QStringLiteral("read ") + QFileInfo(request.path).fileName();
        QFile f(request.path);
        if (!f.exists())
            return answer(harness::AcpClientHandler::notFound(request.path));
        if (!f.open(QIODevice::ReadOnly))
            return answer(harness::Result<QString>::failure(QStringLiteral("cannot read ") + request.path));
        answer(QString::fromUtf8(f.readAll()));
    }
    void writeTextFile(const harness::AcpWriteTextFileRequest &request,
                       std::function<void(harness::Status)> answer) override
    {
        calls << QStringLiteral("write ") + QFileInfo(request.path).fileName();
        QFile f(request.path);
        if (!f.open(QIODevice::WriteOnly))
            return answer(harness::Status::failure(QStringLiteral("cannot write ") + request.path));
        f.write(request.content.toUtf8());
        answer(harness::success());
    }
    void createTerminal(const harness::AcpCreateTerminalRequest &request,
                        std::function<void(harness::Result<QString>)> answer) override
    {
        calls << QStringLiteral("terminal ") + request.command;
        auto *p = new QProcess;
        p->setWorkingDirectory(request.cwd);
        p->setProcessChannelMode(QProcess::MergedChannels);
        // A whole command line without arguments goes through the shell, as agents expect.
        if (request.args.isEmpty() && request.command.contains(QLatin1Char(' ')))
            p->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), request.command});
        else
            p->start(request.command, request.args);
        const QString id = QStringLiteral("term-%1").arg(terminals.size() + 1);
        terminals.insert(id, p);
        answer(id);
    }
    void terminalOutput(const harness::AcpTerminalRequest &request,
                        std::function<void(harness::Result<harness::AcpTerminalOutput>)> answer) override
    {
        QProcess *p = terminals.value(request.terminalId);
        if (!p)
            return answer(
                    harness::Result<harness::AcpTerminalOutput>::failure(QStringLiteral("no such terminal")));
        harness::AcpTerminalOutput out;
        out.output = QString::fromUtf8(p->readAll());
        out.exit = {p->state() == QProcess::NotRunning, p->exitCode(), {}};
        answer(out);
    }
    void waitForTerminalExit(const harness::AcpTerminalRequest &request,
                             std::function<void(harness::Result<harness::AcpTerminalExit>)> answer) override
    {
        QProcess *p = terminals.value(request.terminalId);
        if (!p)
            return answer(
                    harness::Result<harness::AcpTerminalExit>::failure(QStringLiteral("no such terminal")));
        p->waitForFinished(10000);
        answer(harness::AcpTerminalExit {true, p->exitCode(), {}});
    }
    void killTerminal(const harness::AcpTerminalRequest &request,
                      std::function<void(harness::Status)> answer) override
    {
        if (QProcess *p = terminals.value(request.terminalId))
            p->kill();
        answer(harness::success());
    }
    void releaseTerminal(const harness::AcpTerminalRequest &request,
                         std::function<void(harness::Status)> answer) override
    {
        calls << QStringLiteral("release ") + request.terminalId;
        delete terminals.take(request.terminalId);
        answer(harness::success());
    }
};

} // namespace harness::test
