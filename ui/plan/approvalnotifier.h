// ApprovalNotifier: a desktop notification when a new plan or permission request starts waiting — through
// the freedesktop notification service, with "Approve" and "Open" where the server supports actions, the
// window's urgency hint, and the tray only as a fallback (DesktopNotifier).
#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QWidget>

namespace harness::ui {

class DesktopNotifier;
class RepositorySession;

class ApprovalNotifier : public QObject
{
    Q_OBJECT
public:
    // `desktop` may be given (tests use a private bus); otherwise one on the session bus is made.
    explicit ApprovalNotifier(QObject *parent = nullptr, DesktopNotifier *desktop = nullptr);
    void setSession(RepositorySession *session);
    void setWindow(QWidget *window) { m_window = window; } // gets the urgency hint
    DesktopNotifier *desktop() const { return m_desktop; }
    bool trayAvailable() const;
    // Messages shown so far (title: text), newest last — what the user was told.
    QStringList shown() const { return m_shown; }

Q_SIGNALS:
    void notified(const QString &approvalId, const QString &message);
    void activated(const QString &approvalId); // "Open", or a click on the notification
    // The notification's "Approve" was chosen; the approval service decided it (or said why not).
    void decided(const QString &approvalId, const QString &message);

private:
    void check();
    void approve(const QString &approvalId);
    QPointer<RepositorySession> m_session;
    DesktopNotifier *m_desktop;
    QPointer<QWidget> m_window;
    QSet<QString> m_known;
    QSet<QString> m_shownIds; // notifications still on screen
    QStringList m_shown;
    bool m_primed = false;
};

} // namespace harness::ui
