// The Agent Client Protocol requests an agent makes of its client: session/request_permission, fs/* and
// terminal/*, as typed values. fromJson() validates params (paths must be absolute, ids present) so the
// handler never sees a malformed request; the client answers those with "invalid params".
#pragma once

#include "agents/acp/acptypes.h"
#include "core/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace harness {

struct AcpPermissionOption
{
    QString optionId;
    QString name;
    QString kind; // allow_once, allow_always, reject_once, reject_always
};

struct AcpPermissionRequest
{
    QString sessionId;
    AcpToolCall toolCall;
    QList<AcpPermissionOption> options;

    static Result<AcpPermissionRequest> fromJson(const QJsonObject &params);
    // The first option of the given kind ("allow_once", ...), or an empty id.
    QString optionOfKind(const QString &kind) const;
};

struct AcpPermissionOutcome
{
    bool cancelled = false;
    QString optionId;

    QJsonObject toJson() const;
};

struct AcpReadTextFileRequest
{
    QString sessionId;
    QString path; // absolute
    int line = 0; // 1-based first line; 0 for the whole file
    int limit = 0; // lines; 0 for no limit

    static Result<AcpReadTextFileRequest> fromJson(const QJsonObject &params);
};

struct AcpWriteTextFileRequest
{
    QString sessionId;
    QString path; // absolute
    QString content;

    static Result<AcpWriteTextFileRequest> fromJson(const QJsonObject &params);
};

struct AcpCreateTerminalRequest
{
    QString sessionId;
    QString command;
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString cwd; // absolute, or empty for the session's directory
    qint64 outputByteLimit = -1;

    static Result<AcpCreateTerminalRequest> fromJson(const QJsonObject &params);
};

// terminal/output, terminal/wait_for_exit, terminal/kill and terminal/release name a terminal.
struct AcpTerminalRequest
{
    QString sessionId;
    QString terminalId;

    static Result<AcpTerminalRequest> fromJson(const QJsonObject &params);
};

struct AcpTerminalExit
{
    bool exited = false;
    int exitCode = -1; // -1 when a signal ended it
    QString signal;

    QJsonObject toJson() const; // {exitCode, signal}
};

struct AcpTerminalOutput
{
    QString output;
    bool truncated = false;
    AcpTerminalExit exit; // exit.exited false while it runs

    QJsonObject toJson() const;
};

} // namespace harness
