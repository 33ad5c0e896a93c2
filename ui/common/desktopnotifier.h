// DesktopNotifier: desktop notifications through the freedesktop notification service
// (org.freedesktop.Notifications on the session bus) — with actions such as "Approve" and "Open" where
// the server lists "actions" among its capabilities — plus the window's urgency hint
// (QApplication::alert). The system tray is used only when no notification service answers.
#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QPointer>

class QDBusPendingCallWatcher;
class QSystemTrayIcon;
class QWidget;

namespace harness::ui {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    struct Action
    {
        QString key; // "default" is what clicking the notification does
        QString label;
    };
    enum class Channel { Unknown, Service, Tray, None };

    explicit DesktopNotifier(QObject *parent = nullptr,
                             const QDBusConnection &bus = QDBusConnection::sessionBus());
    ~DesktopNotifier() override;

    Channel channel() const { return m_channel; }
    bool supportsActions() const { return m_capabilities.contains(QLatin1String("actions")); }
    QStringList capabilities() const { return m_capabilities; }
    QString serverName() const { return m_serverName; } // e.g. "dunst 1.9.0"

    // Shows a notification about `subject` (e.g. an approval id); actions are offered only where the
    // server supports them. `window` gets the urgency hint. A later notification about the same subject
    // replaces the earlier one.
    void notify(const QString &subject, const QString &summary, const QString &body,
                const QList<Action> &actions, QWidget *window);
    // Withdraws the notification about `subject`, if one is shown.
    void withdraw(const QString &subject);

Q_SIGNALS:
    void ready(); // the channel is known
    void actionInvoked(const QString &subject, const QString &action);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    void useTray();

    QDBusConnection m_bus;
    Channel m_channel = Channel::Unknown;
    QStringList m_capabilities;
    QString m_serverName;
    QHash<uint, QString> m_subjects; // server notification id -> subject
    QSystemTrayIcon *m_tray = nullptr;
    QString m_traySubject;
    struct Pending
    {
        QString subject, summary, body;
        QList<Action> actions;
        QPointer<QWidget> window;
    };
    QList<Pending> m_pending; // asked for before the channel was known
};

} // namespace harness::ui
