// Tests LocalUser: the actor is the OS account, the same whether or not the login variables are set
// (a workbench started from a desktop file or a service often has neither USER nor LOGNAME).
#include "core/localuser.h"

#include <QProcess>
#include <QTest>

using namespace harness;

class TestLocalUser : public QObject
{
    Q_OBJECT

    static QString accountName()
    {
        QProcess id;
        id.start(QStringLiteral("id"), {QStringLiteral("-un")});
        id.waitForFinished(10000);
        return QString::fromLocal8Bit(id.readAllStandardOutput()).trimmed();
    }

private Q_SLOTS:
    void namesTheAccountWithoutLoginVariables()
    {
        const QString account = accountName();
        QVERIFY2(!account.isEmpty(), "id -un printed nothing");
        const QByteArray user = qgetenv("USER"), logname = qgetenv("LOGNAME");
        qunsetenv("USER");
        qunsetenv("LOGNAME");
        const QString without = LocalUser::actor();
        qputenv("USER", "someone-else");
        const QString withOther = LocalUser::actor();
        qputenv("USER", user);
        qputenv("LOGNAME", logname);
        QCOMPARE(without, QStringLiteral("human:") + account);
        QVERIFY(!without.contains(QStringLiteral("unknown")));
        // The account wins over a variable that names someone else: one person, one actor.
        QCOMPARE(withOther, without);
        QCOMPARE(LocalUser::name(), account);
    }

    void aChosenNameWins()
    {
        const QByteArray before = qgetenv("HARNESS_USER");
        qputenv("HARNESS_USER", " release-bot ");
        const QString chosen = LocalUser::actor();
        qputenv("HARNESS_USER", "");
        const QString blank = LocalUser::actor();
        qputenv("HARNESS_USER", before);
        QCOMPARE(chosen, QStringLiteral("human:release-bot"));
        QCOMPARE(blank, QStringLiteral("human:") + accountName());
    }
};

QTEST_GUILESS_MAIN(TestLocalUser)
#include "tst_localuser.moc"
