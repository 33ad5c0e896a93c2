// Permission rules evaluation, approval hand-off and decision events.
#include "permissioncontroller.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "globpattern.h"

namespace harness {

namespace {
QString kindName(PermissionRequest::Kind kind)
{
    switch (kind) {
    case PermissionRequest::Kind::Tool:
        return QStringLiteral("tool");
    case PermissionRequest::Kind::Read:
        return QStringLiteral("read");
    case PermissionRequest::Kind::Write:
        return QStringLiteral("write");
    case PermissionRequest::Kind::Command:
        return QStringLiteral("command");
    }
    return {};
}

QList<GlobPattern> compiled(const QStringList &globs, GlobPattern::Mode mode)
{
    QList<GlobPattern> out;
    out.reserve(globs.size());
    for (const QString &g : globs)
        out.append(GlobPattern(g, mode));
    return out;
}

bool anyMatches(const QList<GlobPattern> &globs, const QString &subject, QString *which)
{
    for (const GlobPattern &g : globs) {
        if (g.matches(subject)) {
            if (which)
                *which = g.pattern();
            return true;
        }
    }
    return false;
}
} // namespace

PermissionController::PermissionController(const QString &worktreeRoot, PermissionProfile profile,
                                           EventSink *events, QString runId, ApprovalRequester *approvals,
                                           const QStringList &extraProtected)
    : m_guard(worktreeRoot, extraProtected), m_profile(std::move(profile)), m_events(events),
      m_runId(std::move(runId)), m_approvals(approvals),
      m_denyCommands(compiled(m_profile.denyCommands, GlobPattern::Mode::Command)),
      m_askCommands(compiled(m_profile.askCommands, GlobPattern::Mode::Command)),
      m_allowCommands(compiled(m_profile.allowCommands, GlobPattern::Mode::Command)),
      m_readable(compiled(m_profile.readable, GlobPattern::Mode::Path)),
      m_writable(compiled(m_profile.writable, GlobPattern::Mode::Path))
{ }

QStringList PermissionController::splitCommand(const QString &command)
{
    // Split at unquoted &&, ||, ;, |, & and newlines. Quotes are honoured so "echo 'a;b'" is one part.
    QStringList parts;
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < command.size())
                current += command.at(++i);
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            current += c;
        } else if (c == QLatin1Char('\\') && i + 1 < command.size()) {
            current += c;
            current += command.at(++i);
        } else if (c == QLatin1Char(';') || c == QLatin1Char('\n') || c == QLatin1Char('|') ||
                   c == QLatin1Char('&')) {
            if (i + 1 < command.size() && command.at(i + 1) == c)
                ++i;
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current.trimmed();
    parts.removeAll(QString());
    return parts;
}

Decision PermissionController::evaluateCommand(const QString &command, QString *reason) const
{
    QStringList parts = splitCommand(command);
    if (parts.isEmpty()) {
        *reason = QStringLiteral("empty command");
        return Decision::Deny;
    }
    // Command substitution hides a command inside another; it must be allowed as written in full.
    const bool hasSubstitution = command.contains(QLatin1String("$(")) || command.contains(QLatin1Char('`'));
    QString which;
    for (const QString &part : parts + QStringList {command.trimmed()}) {
        if (anyMatches(m_denyCommands, part, &which)) {
            *reason = QStringLiteral("command rule deny \"%1\" matches \"%2\"").arg(which, part.left(200));
            return Decision::Deny;
        }
    }
    for (const QString &part : parts) {
        if (anyMatches(m_askCommands, part, &which)) {
            *reason = QStringLiteral("command rule ask \"%1\" matches \"%2\"").arg(which, part.left(200));
            return Decision::Ask;
        }
    }
    bool allAllowed = true;
    for (const QString &part : parts) {
        if (!anyMatches(m_allowCommands, part, &which)) {
            allAllowed = false;
            break;
        }
    }
    // A wildcard rule cannot vouch for a command hidden in $(...) or backticks: only an exact rule can.
    if (allAllowed && hasSubstitution) {
        allAllowed = false;
        for (const QString &rule : m_profile.allowCommands) {
            if (!rule.contains(QLatin1Char('*')) && !rule.contains(QLatin1Char('?')) &&
                rule == command.trimmed()) {
                allAllowed = true;
                which = rule;
            }
        }
    }
    if (allAllowed) {
        *reason = QStringLiteral("command rule allow \"%1\"").arg(which);
        return Decision::Allow;
    }
    *reason = QStringLiteral("no command rule allows \"%1\"").arg(command.left(200));
    return m_profile.unmatchedCommand;
}

PermissionDecision PermissionController::evaluate(const PermissionRequest &request) const
{
    PermissionDecision d;
    if (!m_profile.toolAllowed(request.tool)) {
        d.reason = QStringLiteral("tool %1 is not allowed by this run's profile").arg(request.tool);
        return d;
    }
    switch (request.kind) {
    case PermissionRequest::Kind::Tool:
        d.decision = Decision::Allow;
        d.reason = QStringLiteral("tool allowed");
        return d;
    case PermissionRequest::Kind::Command:
        d.decision = evaluateCommand(request.subject, &d.reason);
        return d;
    case PermissionRequest::Kind::Read:
    case PermissionRequest::Kind::Write:
        break;
    }
    auto resolved = m_guard.resolve(request.subject);
    if (!resolved) {
        d.reason = resolved.error().message;
        return d;
    }
    d.path = *resolved;
    const bool write = request.kind == PermissionRequest::Kind::Write;
    if (write && m_guard.isProtected(d.path.relative)) {
        d.reason = QStringLiteral("%1 is protected: .git, .harness and hooks are never writable by an agent")
                           .arg(d.path.relative);
        return d;
    }
    if (write && d.path.relative.isEmpty()) {
        d.reason = QStringLiteral("the worktree root itself cannot be written");
        return d;
    }
    const QList<GlobPattern> &globs = write ? m_writable : m_readable;
    QString which;
    // The root is readable when anything is (list_files / search start there).
    if ((d.path.relative.isEmpty() && !globs.isEmpty()) || anyMatches(globs, d.path.relative, &which)) {
        d.decision = Decision::Allow;
        d.reason = QStringLiteral("%1 glob \"%2\"")
                           .arg(write ? QStringLiteral("writable") : QStringLiteral("readable"), which);
        return d;
    }
    d.reason = QStringLiteral("%1 is not %2 under this run's profile")
                       .arg(d.path.relative, write ? QStringLiteral("writable") : QStringLiteral("readable"));
    return d;
}

PermissionDecision PermissionController::check(const PermissionRequest &request)
{
    return settle(request, evaluate(request));
}

PermissionDecision PermissionController::settle(const PermissionRequest &request, PermissionDecision d)
{
    if (d.decision == Decision::Allow) {
        record(request, d, kinds::PermissionAllowed);
        return d;
    }
    if (d.decision == Decision::Deny) {
        record(request, d, kinds::PermissionDenied);
        return d;
    }
    if (!m_approvals) {
        record(request, d, kinds::PermissionAsk, QStringLiteral("no_approver"));
        d.decision = Decision::Deny;
        d.reason = QStringLiteral("needs approval (%1); no approver is connected to this run").arg(d.reason);
        record(request, d, kinds::PermissionDenied);
        return d;
    }
    const QJsonObject subject {{QStringLiteral("kind"), kindName(request.kind)},
                               {QStringLiteral("tool"), request.tool},
                               {QStringLiteral("subject"), request.subject.left(2000)},
                               {QStringLiteral("reason"), d.reason}};
    const ApprovalAnswer answer = m_approvals->requestApproval(m_runId, subject);
    switch (answer) {
    case ApprovalAnswer::Allowed:
        record(request, d, kinds::PermissionAsk, QStringLiteral("allowed"));
        d.decision = Decision::Allow;
        d.reason = QStringLiteral("approved by a human (%1)").arg(d.reason);
        record(request, d, kinds::PermissionAllowed);
        break;
    case ApprovalAnswer::Denied:
        record(request, d, kinds::PermissionAsk, QStringLiteral("denied"));
        d.decision = Decision::Deny;
        d.reason = QStringLiteral("denied by a human (%1)").arg(d.reason);
        record(request, d, kinds::PermissionDenied);
        break;
    case ApprovalAnswer::Pending:
        d.reason = QStringLiteral("awaiting approval (%1)").arg(d.reason);
        record(request, d, kinds::PermissionAsk, QStringLiteral("pending"));
        break;
    }
    return d;
}

void PermissionController::recordDenial(const QString &tool, const QString &kind, const QString &subject,
                                        const QString &reason)
{
    if (!m_events)
        return;
    PermissionPayload p;
    p.tool = tool;
    p.requestKind = kind;
    p.subject = subject.left(500);
    p.reason = reason;
    m_events->record(makeEvent(m_runId, kinds::PermissionDenied, p));
}

void PermissionController::record(const PermissionRequest &request, const PermissionDecision &decision,
                                  QLatin1StringView kind, const QString &answer)
{
    if (!m_events)
        return;
    PermissionPayload p;
    p.tool = request.tool;
    p.requestKind = kindName(request.kind);
    p.subject = request.subject.left(500);
    p.reason = decision.reason;
    if (!decision.path.absolute.isEmpty())
        p.resolved = decision.path.relative;
    p.answer = answer;
    m_events->record(makeEvent(m_runId, kind, p));
}

} // namespace harness
