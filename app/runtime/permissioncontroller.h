// PermissionController: checks every tool call against the run's PermissionProfile before it runs
// (docs/architecture.md, "Containment") and records each decision as an event (permission_allowed,
// permission_denied, permission_ask). Thread-compatible: one controller per run, used from the run's worker
// thread.
#pragma once

#include "approvalrequester.h"
#include "globpattern.h"
#include "pathguard.h"
#include "permissionprofile.h"

#include <QList>

namespace harness {

class EventSink;

struct PermissionRequest
{
    enum class Kind { Tool, Read, Write, Command };
    Kind kind = Kind::Tool;
    QString tool; // the tool asking
    QString subject; // path or command line; the tool name for Kind::Tool
};

struct PermissionDecision
{
    Decision decision = Decision::Deny; // Ask here means "asked a human, no answer yet"
    QString reason;
    ResolvedPath path; // for Read/Write: where the path really is

    bool allowed() const { return decision == Decision::Allow; }
};

class PermissionController
{
public:
    PermissionController(const QString &worktreeRoot, PermissionProfile profile, EventSink *events,
                         QString runId, ApprovalRequester *approvals = nullptr,
                         const QStringList &extraProtected = {});

    void setApprovalRequester(ApprovalRequester *approvals) { m_approvals = approvals; }
    const PermissionProfile &profile() const { return m_profile; }
    const PathGuard &pathGuard() const { return m_guard; }

    // The final decision: rule result, then for "ask" the human's answer (Allow/Deny) or Ask (pending);
    // with no ApprovalRequester installed an "ask" is a denial with the reason "needs approval".
    PermissionDecision check(const PermissionRequest &request);
    PermissionDecision checkTool(const QString &tool)
    {
        return check({PermissionRequest::Kind::Tool, tool, tool});
    }
    PermissionDecision checkRead(const QString &tool, const QString &path)
    {
        return check({PermissionRequest::Kind::Read, tool, path});
    }
    PermissionDecision checkWrite(const QString &tool, const QString &path)
    {
        return check({PermissionRequest::Kind::Write, tool, path});
    }
    PermissionDecision checkCommand(const QString &command)
    {
        return check({PermissionRequest::Kind::Command, QStringLiteral("run_command"), command});
    }
    // Records and carries out a decision made by a rule outside the profile (a third-party MCP server's
    // "permission" in policy.json): an Allow or Deny is recorded, an Ask goes to the approver as check()'s.
    PermissionDecision settle(const PermissionRequest &request, PermissionDecision decision);
    // Records a denial decided elsewhere (e.g. the write gate) as a permission_denied event.
    void recordDenial(const QString &tool, const QString &kind, const QString &subject,
                      const QString &reason);

    // Rule evaluation only, no event, no approval: deny -> ask -> allow, first match wins. A chained
    // command (&&, ||, ;, |, newline) is denied or asked when any part is, allowed only when every part is.
    Decision evaluateCommand(const QString &command, QString *reason) const;
    static QStringList splitCommand(const QString &command);

private:
    PermissionDecision evaluate(const PermissionRequest &request) const;
    void record(const PermissionRequest &request, const PermissionDecision &decision, QLatin1StringView kind,
                const QString &answer = {});

    PathGuard m_guard;
    PermissionProfile m_profile;
    EventSink *m_events = nullptr;
    QString m_runId;
    ApprovalRequester *m_approvals = nullptr;
    // The profile's globs, compiled once (the profile does not change): a check only matches.
    QList<GlobPattern> m_denyCommands, m_askCommands, m_allowCommands, m_readable, m_writable;
};

} // namespace harness
