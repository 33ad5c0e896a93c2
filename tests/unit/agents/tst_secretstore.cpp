// SecretStore against the real Secret Service (gnome-keyring in the test session's private D-Bus):
// store, read, overwrite, delete, missing key, environment override, and no keychain at all.
#include "agents/providerfactory.h"
#include "agents/redactor.h"
#include "agents/secretstore.h"
#include "testkeys.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void storeReadOverwriteDelete();
    void missingKeyIsNotFound();
    void asyncCallsAnswerInTheContextThread();
    void blockingCallsWorkFromAWorkerThread();
    void environmentVariableOverridesTheKeychain();
    void keysReadAreRedacted();
    void factoryNeedsAKey();
    void unreachableKeychainIsReportedPlainly();
    void noPlainTextFallbackWithoutKeychain();

private:
    SecretStore m_store {QStringLiteral("harness-workbench-test")};
    QStringList m_ids;
    QString id(const QString &tag);
};

QString TestSecretStore::id(const QString &tag)
{
    const QString name = QStringLiteral("test-%1-%2").arg(tag).arg(QCoreApplication::applicationPid());
    m_ids << name;
    return name;
}

void TestSecretStore::initTestCase()
{
    QString why;
    if (!m_store.keychainAvailable(&why)) {
        if (qEnvironmentVariableIsSet("HARNESS_TEST_SCRATCH"))
            QFAIL(qPrintable(QStringLiteral("the test session should provide a Secret Service: ") + why));
        QFAIL(qPrintable(
                QStringLiteral("no keychain in this session: run the tests with packaging/run-tests.sh: ") +
                why));
    }
}

void TestSecretStore::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_ids))
        m_store.removeKeyBlocking(name);
}

void TestSecretStore::storeReadOverwriteDelete()
{
    const QString provider = id(QStringLiteral("cycle"));
    const QString first = testKey(QStringLiteral("first"));
    const QString second = testKey(QStringLiteral("second"));
    QVERIFY(m_store.writeKeyBlocking(provider, first).ok());
    SecretReply read = m_store.readKeyBlocking(provider);
    QVERIFY(read.ok());
    QVERIFY(read.value == first); // QVERIFY, not QCOMPARE: a failure must not print the key

    QVERIFY(m_store.writeKeyBlocking(provider, second).ok());
    read = m_store.readKeyBlocking(provider);
    QVERIFY(read.ok());
    QVERIFY(read.value == second);

    QVERIFY(m_store.removeKeyBlocking(provider).ok());
    read = m_store.readKeyBlocking(provider);
    QCOMPARE(read.outcome, SecretReply::Outcome::NotFound);
    QVERIFY(read.value.isEmpty());
}

void TestSecretStore::missingKeyIsNotFound()
{
    const SecretReply read = m_store.readKeyBlocking(id(QStringLiteral("never-stored")));
    QCOMPARE(read.outcome, SecretReply::Outcome::NotFound);
    QVERIFY(read.message.contains(QStringLiteral("No API key is stored")));
    QVERIFY(read.message.contains(QStringLiteral("Settings")));
}

void TestSecretStore::asyncCallsAnswerInTheContextThread()
{
    const QString provider = id(QStringLiteral("async"));
    const QString key = testKey(QStringLiteral("async"));
    bool written = false;
    m_store.writeKey(provider, key, this, [&](SecretReply r) { written = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(written, 10000);
    std::optional<SecretReply> read;
    QThread *answeredIn = nullptr;
    m_store.readKey(provider, this, [&](SecretReply r) {
        read = r;
        answeredIn = QThread::currentThread();
    });
    QVERIFY(!read); // asynchronous: nothing before the event loop runs
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 10000);
    QVERIFY(read->ok() && read->value == key);
    QCOMPARE(answeredIn, thread());
    bool removed = false;
    m_store.removeKey(provider, this, [&](SecretReply r) { removed = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 10000);
}

void TestSecretStore::blockingCallsWorkFromAWorkerThread()
{
    const QString provider = id(QStringLiteral("worker"));
    const QString key = testKey(QStringLiteral("worker"));
    QFuture<bool> future = QtConcurrent::run([&] {
        if (!m_store.writeKeyBlocking(provider, key).ok())
            return false;
        const SecretReply r = m_store.readKeyBlocking(provider);
        return r.ok() && r.value == key && m_store.removeKeyBlocking(provider).ok();
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(),
                             15000); // the main thread serves the keychain jobs meanwhile
    QVERIFY(future.result());
}

void TestSecretStore::environmentVariableOverridesTheKeychain()
{
    const QString provider = id(QStringLiteral("env"));
    const QString stored = testKey(QStringLiteral("stored"));
    const QString fromEnv = testKey(QStringLiteral("env"));
    QVERIFY(m_store.writeKeyBlocking(provider, stored).ok());
    qputenv("HARNESS_TEST_ENV_KEY", fromEnv.toUtf8());
    SecretReply r = m_store.resolveKey(provider, QStringLiteral("HARNESS_TEST_ENV_KEY"));
    QVERIFY(r.ok() && r.value == fromEnv);
    qunsetenv("HARNESS_TEST_ENV_KEY");
    r = m_store.resolveKey(provider, QStringLiteral("HARNESS_TEST_ENV_KEY"));
    QVERIFY(r.ok() && r.value == stored);
    QVERIFY(m_store.removeKeyBlocking(provider).ok());
    r = m_store.resolveKey(provider, QStringLiteral("HARNESS_TEST_ENV_KEY"));
    QCOMPARE(r.outcome, SecretReply::Outcome::NotFound);
    QVERIFY(r.message.contains(QStringLiteral("HARNESS_TEST_ENV_KEY")));
}

void TestSecretStore::keysReadAreRedacted()
{
    const QString provider = id(QStringLiteral("redact"));
    const QString key = testKey(QStringLiteral("redact"));
    QVERIFY(m_store.writeKeyBlocking(provider, key).ok());
    Redactor::global().remove(key); // as in a new process: only the read registers it
    QVERIFY(m_store.readKeyBlocking(provider).ok());
    const QString line = QStringLiteral("Authorization: Bearer ") + key;
    QCOMPARE(Redactor::global().redact(line), QStringLiteral("Authorization: Bearer [redacted]"));
    QVERIFY(m_store.removeKeyBlocking(provider).ok());
}

void TestSecretStore::factoryNeedsAKey()
{
    ProviderConfig config;
    config.id = id(QStringLiteral("factory"));
    config.kind = QStringLiteral("openai");
    config.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    config.apiKeyEnv = QStringLiteral("HARNESS_TEST_FACTORY_KEY");
    QFuture<QString> missing = QtConcurrent::run([&] {
        auto made = ProviderFactory::createWithStoredKey(config, m_store);
        return made.ok() ? QString() : made.errorText();
    });
    QTRY_VERIFY_WITH_TIMEOUT(missing.isFinished(), 10000);
    QVERIFY(missing.result().contains(QStringLiteral("HARNESS_TEST_FACTORY_KEY")));

    QVERIFY(m_store.writeKeyBlocking(config.id, testKey(QStringLiteral("factory"))).ok());
    QFuture<bool> made =
            QtConcurrent::run([&] { return ProviderFactory::createWithStoredKey(config, m_store).ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(made.isFinished(), 10000);
    QVERIFY(made.result());
}

void TestSecretStore::unreachableKeychainIsReportedPlainly()
{
    QProcess probe;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent/harness-no-bus"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("HARNESS_PROBE_KEY"));
    probe.setProcessEnvironment(env);
    probe.start(QStringLiteral(KEYCHAIN_PROBE), {});
    QVERIFY(probe.waitForFinished(30000));
    const QStringList lines = QString::fromUtf8(probe.readAllStandardOutput()).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("unavailable"));
    QVERIFY2(lines.value(1).contains(QStringLiteral("No OS keychain is reachable")),
             qPrintable(lines.value(1)));
    QVERIFY(lines.value(1).contains(QStringLiteral("gnome-keyring")));
    QVERIFY(lines.value(1).contains(QStringLiteral("HARNESS_PROBE_KEY")));

    // A headless run with the variable set needs no keychain at all.
    env.insert(QStringLiteral("HARNESS_PROBE_KEY"), testKey(QStringLiteral("probe")));
    probe.setProcessEnvironment(env);
    probe.start(QStringLiteral(KEYCHAIN_PROBE), {});
    QVERIFY(probe.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(probe.readAllStandardOutput()).split(QLatin1Char('\n')).value(0),
             QStringLiteral("ok"));
}

void TestSecretStore::noPlainTextFallbackWithoutKeychain()
{
    QTemporaryDir home;
    QProcess probe;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent/harness-no-bus"));
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("HARNESS_PROBE_WRITE"), testKey(QStringLiteral("fallback")));
    probe.setProcessEnvironment(env);
    probe.start(QStringLiteral(KEYCHAIN_PROBE), {QStringLiteral("write")});
    QVERIFY(probe.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(probe.readAllStandardOutput()).split(QLatin1Char('\n')).value(0),
             QStringLiteral("unavailable"));
    // Nothing was written anywhere in the home directory instead (QtKeychain's insecure fallback is off).
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList written;
    while (it.hasNext())
        written << it.next();
    QVERIFY2(written.isEmpty(), qPrintable(written.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
