// Credentials of the shared PostgreSQL store, end to end against the test session's TLS server
// (packaging/test-session.sh) and its real Secret Service: a store URL with a password in policy.json is
// refused by the real `harness`; `harness runner` takes the password from PGPASSWORD and says where it goes
// without one; the workbench's path reads it from the keychain (StorePassword) and opens the project.
#include "agents/secretstore.h"
#include "common/tlsteststore.h"
#include "orchestration/project.h"
#include "orchestration/storepassword.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");

struct Ran
{
    int exitCode = -1;
    QString out, err;
};

} // namespace

class TestStoreCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_url; // verify-full with the session's CA, no password
    QString m_password;
    StoreLocation m_location;
    SecretStore m_secrets {SecretStore::kService};

    Ran harness(const QStringList &args, const QString &password)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PGPASSWORD"));
        env.remove(QStringLiteral("HARNESS_STORE"));
        env.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/nonexistent/harness-test-pgpass"));
        if (!password.isEmpty())
            env.insert(QStringLiteral("PGPASSWORD"), password);
        p.setProcessEnvironment(env);
        p.start(kHarness, args);
        Ran r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    void writePolicy(const QByteArray &text)
    {
        QFile f(m_repo + QStringLiteral("/.harness/policy.json"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const harness::test::TlsTestStore tls = harness::test::TlsTestStore::fromEnvironment();
        if (!tls.missing.isEmpty())
            QFAIL(qPrintable(tls.missing));
        m_password = tls.password;
        QVERIFY(QFile::exists(kHarness));
        QString why;
        QVERIFY2(m_secrets.keychainAvailable(&why), qPrintable(QStringLiteral("no Secret Service: ") + why));
        m_url = tls.url;
        auto parsed = StoreLocation::parse(m_url);
        QVERIFY2(parsed, qPrintable(parsed.errorText()));
        m_location = *parsed;
        QVERIFY(m_dir.isValid());
        m_repo = m_dir.filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(m_repo + QStringLiteral("/.harness")));
        QProcess git;
        git.setWorkingDirectory(m_repo);
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished(30000) && git.exitCode() == 0);
        qunsetenv("PGPASSWORD");
        qunsetenv("HARNESS_STORE");
        qputenv("PGPASSFILE", "/nonexistent/harness-test-pgpass");
    }

    void cleanupTestCase()
    {
        if (!m_location.postgresHost.isEmpty())
            (void)m_secrets.removeKeyBlocking(m_location.keychainKey());
    }

    void passwordInPolicyIsRefused()
    {
        const QString withPassword =
                QString(m_url).replace(QStringLiteral("harness_tls@"),
                                       QStringLiteral("harness_tls:") + m_password + QLatin1Char('@'));
        writePolicy(QStringLiteral("{\n  \"provider\": \"replay\",\n  \"store\": \"%1\"\n}\n")
                            .arg(withPassword)
                            .toUtf8());
        // Refused even with every other way to the store right (the password in PGPASSWORD too).
        const Ran r = harness({QStringLiteral("--repo"), m_repo, QStringLiteral("--store"), m_url,
                               QStringLiteral("status")},
                              m_password);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral(".harness/policy.json names a store URL with a password")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("PGPASSWORD")) && r.err.contains(QStringLiteral("keychain")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(m_password) && !r.out.contains(m_password));
        // The same policy without the password: the project opens (over TLS, password from PGPASSWORD).
        writePolicy(QStringLiteral("{\n  \"provider\": \"replay\",\n  \"store\": \"%1\"\n}\n")
                            .arg(m_url)
                            .toUtf8());
        const Ran ok = harness({QStringLiteral("--repo"), m_repo, QStringLiteral("--store"), m_url,
                                QStringLiteral("status")},
                               m_password);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    }

    void runnerTakesThePasswordFromTheEnvironment()
    {
        const QStringList args {QStringLiteral("--store"),    m_url,
                                QStringLiteral("runner"),     QStringLiteral("--name"),
                                QStringLiteral("tls-runner"), QStringLiteral("--exit-when-idle"),
                                QStringLiteral("--cache"),    m_dir.filePath(QStringLiteral("cache"))};
        const Ran without = harness(args, {});
        QCOMPARE(without.exitCode, 3);
        QVERIFY2(without.err.contains(QStringLiteral("no password supplied")) &&
                         without.err.contains(QStringLiteral("PGPASSWORD")) &&
                         without.err.contains(QStringLiteral("sslmode=verify-full")),
                 qPrintable(without.err));
        const Ran with = harness(args, m_password);
        QVERIFY2(with.exitCode == 0, qPrintable(with.err + with.out));
        QVERIFY(!with.err.contains(m_password) && !with.out.contains(m_password));
    }

    void workbenchReadsThePasswordFromTheKeychain()
    {
        writePolicy("{\"provider\": \"replay\"}\n");
        // The workbench's path: a PostgreSQL URL without password and no PGPASSWORD asks the keychain.
        const std::optional<StoreLocation> needs = StorePassword::needsKeychain(m_url);
        QVERIFY(needs.has_value());
        QCOMPARE(needs->keychainKey(), m_location.keychainKey());
        QVERIFY(!StorePassword::needsKeychain(
                QString(m_url).replace(QStringLiteral("harness_tls@"), QStringLiteral("harness_tls:x@"))));
        QVERIFY(!StorePassword::needsKeychain(m_dir.filePath(QStringLiteral("local.sqlite"))));

        (void)m_secrets.removeKeyBlocking(needs->keychainKey());
        std::optional<StorePassword::Answer> none;
        StorePassword::read(m_secrets, *needs, this, [&](const StorePassword::Answer &a) { none = a; });
        QVERIFY(!none); // asynchronous
        QTRY_VERIFY_WITH_TIMEOUT(none.has_value(), 10000);
        QVERIFY(none->password.isEmpty());
        QVERIFY2(none->note.contains(QStringLiteral("holds no password")), qPrintable(none->note));
        auto refused = Project::open(m_repo, m_url, none->password);
        QVERIFY(!refused);
        QVERIFY2(refused.errorText().contains(m_location.keychainKey()), qPrintable(refused.errorText()));

        // Stored the way docs/team.md says (secret-tool, the password on stdin).
        const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        QVERIFY2(!secretTool.isEmpty(), "secret-tool is not installed (libsecret-tools)");
        QProcess store;
        store.start(secretTool,
                    {QStringLiteral("store"), QStringLiteral("--label=harness store"),
                     QStringLiteral("server"), SecretStore::kService, QStringLiteral("user"),
                     needs->keychainKey(), QStringLiteral("type"), QStringLiteral("plaintext")});
        QVERIFY(store.waitForStarted(10000));
        store.write(m_password.toUtf8());
        store.closeWriteChannel();
        QVERIFY(store.waitForFinished(10000));
        QVERIFY2(store.exitCode() == 0, store.readAllStandardError().constData());
        std::optional<StorePassword::Answer> stored;
        StorePassword::read(m_secrets, *needs, this, [&](const StorePassword::Answer &a) { stored = a; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
        QVERIFY(stored->password == m_password); // QVERIFY: a failure must not print it
        auto project = Project::open(m_repo, m_url, stored->password);
        QVERIFY2(project, qPrintable(project.errorText()));
        QCOMPARE((*project)->store().location().sslMode, QStringLiteral("verify-full"));
        // Nothing the project keeps on disk holds the password.
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(m_password.toUtf8()), qPrintable(f.fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreCredentials)
#include "tst_storecredentials.moc"
