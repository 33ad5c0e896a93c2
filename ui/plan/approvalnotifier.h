// ApprovalNotifier: a desktop notification when a new plan or permission request starts waiting —
// through the system tray when one is available, otherwise nothing beyond the banner.
#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>

class QSystemTrayIcon;

namespace harness::ui {

class RepositorySession;

class ApprovalNotifier : public QObject
{
    Q_OBJECT
public:
    explicit ApprovalNotifier(QObject *parent = nullptr);
    void setSession(RepositorySession *session);
    bool trayAvailable() const { return m_tray != nullptr; }
    // Messages shown so far (title: text), newest last — what the user was told.
    QStringList shown() const { return m_shown; }

Q_SIGNALS:
    void notified(const QString &approvalId, const QString &message);
    void activated(const QString &approvalId);

private:
    void check();
    QPointer<RepositorySession> m_session;
    QSystemTrayIcon *m_tray = nullptr;
    QSet<QString> m_known;
    QStringList m_shown;
    QString m_lastId;
    bool m_primed = false;
};

} // namespace harness::ui
