// DesktopNotifier: the Desktop Notifications Specification 1.2 — GetCapabilities, GetServerInformation,
// Notify (replaces_id, actions as key/label pairs, hints), CloseNotification, and the ActionInvoked and
// NotificationClosed signals. Every call is asynchronous; the GUI thread never waits on the bus.
#include "desktopnotifier.h"

#include <QApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace harness::ui {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
constexpr int kTimeoutMs = 30000;
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent, const QDBusConnection &bus) : QObject(parent), m_bus(bus)
{
    if (!m_bus.isConnected()) {
        useTray();
        return;
    }
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onClosed(uint, uint)));
    auto *watcher = new QDBusPendingCallWatcher(
            m_bus.asyncCall(QDBusMessage::createMethodCall(kService, kPath, kInterface,
                                                           QStringLiteral("GetCapabilities")),
                            5000),
            this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        if (reply.isError()) {
            useTray();
            return;
        }
        m_capabilities = reply.value();
        m_channel = Channel::Service;
        auto *info = new QDBusPendingCallWatcher(
                m_bus.asyncCall(QDBusMessage::createMethodCall(kService, kPath, kInterface,
                                                               QStringLiteral("GetServerInformation"))),
                this);
        connect(info, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *i) {
            i->deleteLater();
            const QDBusPendingReply<QString, QString, QString, QString> r = *i;
            if (!r.isError())
                m_serverName = r.argumentAt<0>() + QLatin1Char(' ') + r.argumentAt<2>();
            Q_EMIT ready();
            const QList<Pending> pending = std::exchange(m_pending, {});
            for (const Pending &p : pending)
                notify(p.subject, p.summary, p.body, p.actions, p.window);
        });
    });
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::useTray()
{
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        m_tray =
                new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxQuestion), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
                [this] { Q_EMIT actionInvoked(m_traySubject, QStringLiteral("default")); });
        m_channel = Channel::Tray;
    } else {
        m_channel = Channel::None;
    }
    Q_EMIT ready();
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending)
        notify(p.subject, p.summary, p.body, p.actions, p.window);
}

void DesktopNotifier::notify(const QString &subject, const QString &summary, const QString &body,
                             const QList<Action> &actions, QWidget *window)
{
    if (window)
        QApplication::alert(window); // the task bar's attention hint, whatever else happens
    switch (m_channel) {
    case Channel::Unknown:
        m_pending.append({subject, summary, body, actions, window});
        return;
    case Channel::None:
        return;
    case Channel::Tray:
        m_traySubject = subject;
        m_tray->showMessage(summary, body, QSystemTrayIcon::Information, kTimeoutMs);
        return;
    case Channel::Service:
        break;
    }
    QStringList actionList;
    if (supportsActions()) {
        for (const Action &a : actions)
            actionList << a.key << a.label;
    }
    const uint replaces = m_subjects.key(subject, 0);
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    QVariantMap hints {{QStringLiteral("urgency"), QVariant::fromValue(uchar(2))},
                       {QStringLiteral("desktop-entry"), QApplication::desktopFileName()},
                       {QStringLiteral("category"), QStringLiteral("im.received")}};
    call << QApplication::applicationDisplayName() << replaces << QStringLiteral("dialog-question") << summary
         << body << actionList << hints << kTimeoutMs;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, subject](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            return;
        m_subjects.remove(m_subjects.key(subject, 0));
        m_subjects.insert(reply.value(), subject);
    });
}

void DesktopNotifier::withdraw(const QString &subject)
{
    const uint id = m_subjects.key(subject, 0);
    if (id == 0 || m_channel != Channel::Service)
        return;
    QDBusMessage call =
            QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("CloseNotification"));
    call << id;
    m_bus.asyncCall(call);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    const QString subject = m_subjects.value(id);
    if (subject.isEmpty())
        return;
    // The action is taken: the notification goes. Servers should close it themselves unless it is
    // resident, but some (dunst 1.9) keep showing it until it expires.
    withdraw(subject);
    Q_EMIT actionInvoked(subject, action);
}

void DesktopNotifier::onClosed(uint id, uint)
{
    m_subjects.remove(id);
}

} // namespace harness::ui
