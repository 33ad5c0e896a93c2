// ApprovalNotifier: approvals already pending when a repository opens are not announced again, only
// those that appear afterwards.
#include "approvalnotifier.h"
#include "common/desktopnotifier.h"
#include "common/repositorysession.h"
#include "orchestration/approvalservice.h"

#include <QWidget>

namespace harness::ui {

ApprovalNotifier::ApprovalNotifier(QObject *parent, DesktopNotifier *desktop)
    : QObject(parent), m_desktop(desktop ? desktop : new DesktopNotifier(this))
{
    connect(m_desktop, &DesktopNotifier::actionInvoked, this,
            [this](const QString &id, const QString &action) {
                m_shownIds.remove(id);
                if (action == QLatin1String("approve"))
                    approve(id);
                else
                    Q_EMIT activated(id);
            });
}

bool ApprovalNotifier::trayAvailable() const
{
    return m_desktop->channel() == DesktopNotifier::Channel::Tray;
}

void ApprovalNotifier::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    for (const QString &id : std::as_const(m_shownIds))
        m_desktop->withdraw(id); // the previous repository's requests
    m_shownIds.clear();
    m_known.clear();
    m_primed = false;
    if (session) {
        connect(session, &RepositorySession::pendingApprovalsChanged, this, &ApprovalNotifier::check);
        // The first snapshot primes the known set (its logAdvanced follows its pending list).
        connect(session, &RepositorySession::logAdvanced, this, [this]() {
            if (!m_primed) {
                check();
                m_primed = true;
            }
        });
        if (session->lastLogId() >= 0) {
            check();
            m_primed = true;
        }
    }
}

void ApprovalNotifier::check()
{
    if (!m_session)
        return;
    // Decided meanwhile (here, in another workbench or with `harness approve`): the notification goes.
    QSet<QString> pending;
    for (const Approval &a : m_session->pendingApprovals())
        pending.insert(a.id);
    // A named copy: subtract() returns a reference, which a range-for would not keep alive (AddressSanitizer
    // saw the temporary's use after its scope).
    QSet<QString> gone = m_shownIds;
    gone.subtract(pending);
    for (const QString &id : std::as_const(gone)) {
        m_desktop->withdraw(id);
        m_shownIds.remove(id);
    }
    for (const Approval &a : m_session->pendingApprovals()) {
        if (m_known.contains(a.id))
            continue;
        m_known.insert(a.id);
        if (!m_primed)
            continue;
        const Run run = m_session->runById(a.runId);
        const QString title = a.kind == ApprovalKind::Plan ? tr("A plan awaits your approval")
                                                           : tr("An agent asks for a permission");
        const QString text = tr("%1, run %2: %3")
                                     .arg(run.taskId, a.runId,
                                          a.kind == ApprovalKind::Plan
                                                  ? a.subject.value(QLatin1String("summary")).toString()
                                                  : a.subject.value(QLatin1String("subject")).toString());
        m_shown.append(title + QStringLiteral(": ") + text);
        QList<DesktopNotifier::Action> actions {{QStringLiteral("default"), tr("Open")}};
        if (a.kind == ApprovalKind::Plan)
            actions.append({QStringLiteral("approve"), tr("Approve")});
        m_desktop->notify(a.id, title, text, actions, m_window);
        m_shownIds.insert(a.id);
        Q_EMIT notified(a.id, text);
    }
}

void ApprovalNotifier::approve(const QString &approvalId)
{
    if (!m_session)
        return;
    const QString actor = RepositorySession::userActor();
    RepositorySession *s = m_session;
    s->worker()->post(
            this,
            [approvalId, actor](Store &store) { return ApprovalService(store).approve(approvalId, actor); },
            [this, s, approvalId](const Result<Approval> &approved) {
                Q_EMIT decided(approvalId,
                               approved
                                       ? tr("Approved %1 from the notification.").arg(approvalId)
                                       : tr("%1 was not approved: %2").arg(approvalId, approved.errorText()));
                if (s == m_session)
                    s->refresh();
            });
}

} // namespace harness::ui
