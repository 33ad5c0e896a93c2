// ApprovalNotifier: approvals already pending when a repository opens are not announced again, only
// those that appear afterwards.
#include "approvalnotifier.h"
#include "common/repositorysession.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace harness::ui {

ApprovalNotifier::ApprovalNotifier(QObject *parent) : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        m_tray =
                new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxQuestion), this);
        m_tray->setToolTip(tr("Harness Workbench"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this]() { Q_EMIT activated(m_lastId); });
    }
}

void ApprovalNotifier::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
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
        m_lastId = a.id;
        m_shown.append(title + QStringLiteral(": ") + text);
        if (m_tray)
            m_tray->showMessage(title, text, QSystemTrayIcon::Information, 15000);
        Q_EMIT notified(a.id, text);
    }
}

} // namespace harness::ui
