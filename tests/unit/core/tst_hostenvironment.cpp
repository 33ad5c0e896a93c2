// HostEnvironment: what counts as a secret in the environment, by name and by value, and the scrubbed
// copy every process the harness starts on the host receives.
#include "core/hostenvironment.h"

#include <QTest>

using namespace harness;

class TestHostEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        for (const char *n : {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY",
                              "PGPASSWORD", "SSH_AUTH_SOCK", "DBUS_SESSION_BUS_ADDRESS", "GITLAB_PAT"})
            QTest::newRow(n) << QString::fromLatin1(n) << true;
        for (const char *n :
             {"HOME", "PATH", "LANG", "USER", "TERM", "XDG_CONFIG_HOME", "GIT_COMMITTER_NAME"})
            QTest::newRow(n) << QString::fromLatin1(n) << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(HostEnvironment::looksSecret(name), secret);
    }

    void values_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("secret");
        QTest::newRow("postgres url with password") << "postgresql://runner:s3cret@db.example/h" << true;
        QTest::newRow("https url with token") << "https://user:ghp_abc@github.com/x.git" << true;
        QTest::newRow("url without password") << "postgresql://runner@db.example/h" << false;
        QTest::newRow("plain path") << "/usr/local/bin:/usr/bin" << false;
        QTest::newRow("email") << "someone@example.org" << false;
    }
    void values()
    {
        QFETCH(QString, value);
        QFETCH(bool, secret);
        QCOMPARE(HostEnvironment::valueLooksSecret(value), secret);
    }

    void scrubbedKeepsWhatProcessesNeed()
    {
        QProcessEnvironment from;
        from.insert(QStringLiteral("HOME"), QStringLiteral("/home/me"));
        from.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
        from.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-canary"));
        from.insert(QStringLiteral("HARNESS_STORE"), QStringLiteral("postgresql://u:pw@db/h"));
        from.insert(QStringLiteral("SSH_AUTH_SOCK"), QStringLiteral("/run/agent"));
        const QProcessEnvironment plain = HostEnvironment::scrubbed(from, {});
        QCOMPARE(plain.keys(), (QStringList {QStringLiteral("HOME"), QStringLiteral("PATH")}));
        const QProcessEnvironment signing =
                HostEnvironment::scrubbed(from, {QStringLiteral("SSH_AUTH_SOCK")});
        QVERIFY(signing.contains(QStringLiteral("SSH_AUTH_SOCK")));
        QVERIFY(!signing.contains(QStringLiteral("OPENAI_API_KEY")));
    }
};

QTEST_GUILESS_MAIN(TestHostEnvironment)
#include "tst_hostenvironment.moc"
