// Desktop notifications through a real freedesktop notification server: the test starts its own D-Bus
// session, an Xvfb display and dunst on them (nothing of the developer's desktop is touched), then checks
// that a plan waiting for approval arrives as a notification with its summary and body, that the server's
// "Approve" action approves exactly that plan in the store and closes the notification, and that without a
// server nothing breaks.
#include "common/desktopnotifier.h"
#include "plan/approvalnotifier.h"
#include "ui/support/uifixture.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestDesktopNotifications : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_bus, m_display, m_server;
    QString m_address;
    QString m_displayName;

    QByteArray dunstctl(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("dunstctl"), args);
        p.waitForFinished(10000);
        return p.readAllStandardOutput();
    }

    QDBusConnection bus() { return QDBusConnection(QStringLiteral("notify-test")); }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *tool : {"dbus-daemon", "Xvfb", "dunst", "dunstctl"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(
                        QStringLiteral("%1 is not installed: run packaging/install-deps.sh").arg(tool)));
        m_bus.start(QStringLiteral("dbus-daemon"),
                    {QStringLiteral("--session"), QStringLiteral("--nofork"),
                     QStringLiteral("--print-address=1")});
        QVERIFY(m_bus.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
        m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
        m_display.start(QStringLiteral("Xvfb"),
                        {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                         QStringLiteral("0"), QStringLiteral("800x600x24"), QStringLiteral("-nolisten"),
                         QStringLiteral("tcp")});
        QVERIFY(m_display.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_display.canReadLine(), 10000);
        m_displayName = QStringLiteral(":") + QString::fromUtf8(m_display.readLine()).trimmed();
        // dunst's context menu asks a dmenu-like program which action to run: this one picks "Approve".
        const QString pick = m_dir.filePath(QStringLiteral("pick-approve.sh"));
        QFile script(pick);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\ngrep -m1 'Approve'\n");
        script.close();
        script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
        QFile config(m_dir.filePath(QStringLiteral("dunstrc")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[global]\n    dmenu = " + pick.toUtf8() + "\n");
        config.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
        env.insert(QStringLiteral("DISPLAY"), m_displayName);
        m_server.setProcessEnvironment(env);
        m_server.start(QStringLiteral("dunst"), {QStringLiteral("-config"), config.fileName()});
        QVERIFY(m_server.waitForStarted());
        QDBusConnection connection = QDBusConnection::connectToBus(m_address, QStringLiteral("notify-test"));
        QVERIFY2(connection.isConnected(), qPrintable(connection.lastError().message()));
        QTRY_VERIFY_WITH_TIMEOUT(
                connection.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.Notifications")),
                15000);
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("notify-test"));
        for (QProcess *p : {&m_server, &m_display, &m_bus}) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
        }
    }

    void aWaitingPlanIsNotifiedAndApprovedFromTheNotification()
    {
        UiFixture fx;
        const Task task = fx.addTask(QStringLiteral("Convert Kelvin"));
        const Run run = fx.addRun(task.id);
        RepositorySession *session = fx.session();
        DesktopNotifier desktop(nullptr, bus());
        QSignalSpy ready(&desktop, &DesktopNotifier::ready);
        QVERIFY(ready.wait(10000));
        QCOMPARE(desktop.channel(), DesktopNotifier::Channel::Service);
        QVERIFY(desktop.supportsActions());
        QVERIFY2(desktop.serverName().startsWith(QStringLiteral("dunst")), qPrintable(desktop.serverName()));

        ApprovalNotifier notifier(nullptr, &desktop);
        notifier.setSession(session);
        const Approval approval = fx.addPlanApproval(run.id);
        session->refresh();
        QTRY_COMPARE(notifier.shown().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).trimmed(),
                                  QByteArray("1"), 10000);

        // The server runs the notification's "Approve" action (its context menu, as a person would pick it).
        QSignalSpy decided(&notifier, &ApprovalNotifier::decided);
        dunstctl({QStringLiteral("context")});
        QVERIFY(decided.wait(15000));
        QVERIFY2(decided.first().at(1).toString().startsWith(QStringLiteral("Approved")),
                 qPrintable(decided.first().at(1).toString()));
        const Approval decidedApproval = fx.store->approval(approval.id).value();
        QCOMPARE(decidedApproval.state, ApprovalState::Approved);
        QCOMPARE(decidedApproval.decidedBy, RepositorySession::userActor());
        QCOMPARE(decidedApproval.subjectHash, approval.subjectHash);

        // The request is decided, so the notification goes at once, not when it expires (dunst 1.9 keeps
        // a notification whose action ran until its timeout).
        QTRY_COMPARE_WITH_TIMEOUT(dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).trimmed(),
                                  QByteArray("0"), 5000);

        // What the server showed: the summary and the body, now in its history.
        QTRY_VERIFY_WITH_TIMEOUT(
                dunstctl({QStringLiteral("history")}).contains("A plan awaits your approval"), 10000);
        const QByteArray history = dunstctl({QStringLiteral("history")});
        QVERIFY(history.contains("Add a Kelvin conversion with tests"));
        QVERIFY(history.contains(run.id.toUtf8()));
        delete session;
    }

    void withoutAServiceNothingBreaks()
    {
        DesktopNotifier desktop(nullptr, QDBusConnection(QStringLiteral("no-such-connection")));
        QTRY_VERIFY(desktop.channel() != DesktopNotifier::Channel::Unknown);
        QVERIFY(desktop.channel() != DesktopNotifier::Channel::Service);
        desktop.notify(QStringLiteral("A1"), QStringLiteral("summary"), QStringLiteral("body"), {}, nullptr);
    }
};

QTEST_MAIN(TestDesktopNotifications)
#include "tst_desktopnotifications.moc"
