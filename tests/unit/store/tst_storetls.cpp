// TLS and credentials of the shared PostgreSQL store against the test session's real server
// (packaging/test-session.sh): sslmode and certificate parameters parsed and checked, verify-full with the
// right CA (and the backend really on TLS), a wrong CA refused, a TLS-only role refused without TLS, the
// password from PGPASSWORD, no password refused plainly, and a URL with a password in a file refused.
#include "store/sqlconnections.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestStoreTls : public QObject
{
    Q_OBJECT

private:
    QString m_url; // HARNESS_TEST_PG_TLS: the TLS-only role's database, without password
    QString m_ca; // HARNESS_TEST_PG_CA
    QString m_password; // HARNESS_TEST_PG_PASSWORD
    QTemporaryDir m_dir;
    QString m_wrongCa;

    // The TLS URL with query parameters added.
    QString url(const QString &query) const { return m_url + QLatin1Char('?') + query; }
    StoreLocation location(const QString &query, bool withPassword) const
    {
        auto parsed = StoreLocation::parse(url(query));
        if (!parsed)
            qFatal("the test's own URL does not parse: %s", qPrintable(parsed.errorText()));
        StoreLocation l = *parsed;
        if (withPassword)
            l.postgresPassword = m_password;
        return l;
    }
    // Runs one query on a connection of the store's own connection code; the first column of its first row.
    static Result<QVariant> scalar(const StoreLocation &l, const QString &sql)
    {
        SqlConnections connections(l);
        auto q = connections.execute(sql, {}, QStringLiteral("query"));
        if (!q)
            return q.error();
        if (!q->next())
            return Result<QVariant>::failure(QStringLiteral("no row"));
        return q->value(0);
    }
    // No password from anywhere but the location: no PGPASSWORD, no ~/.pgpass.
    struct NoAmbientPassword
    {
        QByteArray saved = qgetenv("PGPASSWORD");
        NoAmbientPassword()
        {
            qunsetenv("PGPASSWORD");
            qputenv("PGPASSFILE", "/nonexistent/harness-test-pgpass");
        }
        ~NoAmbientPassword()
        {
            if (!saved.isEmpty())
                qputenv("PGPASSWORD", saved);
            qunsetenv("PGPASSFILE");
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        m_url = qEnvironmentVariable("HARNESS_TEST_PG_TLS");
        m_ca = qEnvironmentVariable("HARNESS_TEST_PG_CA");
        m_password = qEnvironmentVariable("HARNESS_TEST_PG_PASSWORD");
        if (m_url.isEmpty() || m_ca.isEmpty() || m_password.isEmpty())
            QFAIL("HARNESS_TEST_PG_TLS, HARNESS_TEST_PG_CA and HARNESS_TEST_PG_PASSWORD are not set: run the "
                  "tests with packaging/run-tests.sh (packaging/test-session.sh starts PostgreSQL with TLS; "
                  "it "
                  "needs postgresql and openssl, see packaging/install-deps.sh)");
        QVERIFY2(QFile::exists(m_ca), qPrintable(m_ca));
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "openssl is not installed (packaging/install-deps.sh)");
        QVERIFY(m_dir.isValid());
        // A CA of our own, which never signed the server's certificate.
        m_wrongCa = m_dir.filePath(QStringLiteral("wrong-ca.crt"));
        QProcess p;
        p.start(openssl,
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                 QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=Wrong CA"), QStringLiteral("-keyout"),
                 m_dir.filePath(QStringLiteral("wrong-ca.key")), QStringLiteral("-out"), m_wrongCa});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }

    void parsesTlsParameters()
    {
        const QString query =
                QStringLiteral("sslmode=verify-full&sslrootcert=%1&sslcert=%1&sslkey=%1").arg(m_ca);
        auto l = StoreLocation::parse(url(query));
        QVERIFY2(l, qPrintable(l.errorText()));
        QCOMPARE(l->sslMode, QStringLiteral("verify-full"));
        QCOMPARE(l->sslRootCert, QFileInfo(m_ca).absoluteFilePath());
        QCOMPARE(l->sslCert, QFileInfo(m_ca).absoluteFilePath());
        QCOMPARE(l->sslKey, QFileInfo(m_ca).absoluteFilePath());
        const QString options = l->connectOptions(10);
        QVERIFY2(options.contains(QStringLiteral("sslmode='verify-full'")), qPrintable(options));
        QVERIFY2(options.contains(QStringLiteral("sslrootcert='%1'").arg(QFileInfo(m_ca).absoluteFilePath())),
                 qPrintable(options));
        QVERIFY(options.startsWith(QStringLiteral("connect_timeout=10;")));
        // Handed on without a password, the URL reads back the same.
        auto again = StoreLocation::parse(l->urlWithoutPassword());
        QVERIFY2(again, qPrintable(again.errorText()));
        QCOMPARE(again->connectOptions(10), options);
        QCOMPARE(again->keychainKey(), l->keychainKey());
        QVERIFY(l->keychainKey().startsWith(QStringLiteral("store:harness_tls@127.0.0.1:")));
    }

    void refusesBadTlsParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown sslmode")
                << "sslmode=strict"
                << "sslmode \"strict\" is not one of disable, allow, prefer, require, "
                   "verify-ca, verify-full";
        QTest::newRow("missing CA") << "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"
                                    << "sslrootcert names /nonexistent/ca.crt, which does not exist";
        QTest::newRow("folder as key") << "sslkey=/tmp"
                                       << "sslkey names /tmp, which is not a readable file";
        QTest::newRow("unknown parameter") << "sslmode=require&password=x"
                                           << "unknown parameter \"password\"";
        QTest::newRow("twice") << "sslmode=require&sslmode=disable"
                               << "gives \"sslmode\" twice";
    }

    void refusesBadTlsParameters()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        auto l = StoreLocation::parse(url(query));
        QVERIFY(!l);
        QVERIFY2(l.errorText().contains(expected), qPrintable(l.errorText()));
    }

    void describeShowsTlsModeNeverThePassword()
    {
        const QString withPassword =
                QString(m_url).replace(QStringLiteral("harness_tls@"),
                                       QStringLiteral("harness_tls:") + m_password + QLatin1Char('@'));
        auto l = StoreLocation::parse(withPassword + QStringLiteral("?sslmode=verify-full&sslrootcert=") +
                                      m_ca);
        QVERIFY(l);
        QVERIFY(l->postgresPassword == m_password);
        const QString text = l->describe();
        QVERIFY2(text.contains(QStringLiteral("sslmode=verify-full")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("CA ")), qPrintable(text));
        QVERIFY(!text.contains(m_password));
        QVERIFY(!l->urlWithoutPassword().contains(m_password));
        // A URL that does not read is quoted back without its password.
        auto bad = StoreLocation::parse(
                QStringLiteral("postgres://ann:%1@127.0.0.1:notaport/db").arg(m_password));
        QVERIFY(!bad);
        QVERIFY2(bad.errorText().contains(QStringLiteral("not a valid URL")), qPrintable(bad.errorText()));
        QVERIFY(!bad.errorText().contains(m_password));
        // No sslmode: libpq's default, said as such.
        NoAmbientPassword clean;
        qunsetenv("PGSSLMODE");
        QVERIFY2(StoreLocation::parse(m_url)->describe().contains(
                         QStringLiteral("sslmode=prefer, libpq's default")),
                 qPrintable(StoreLocation::parse(m_url)->describe()));
    }

    void verifyFullWithTheCaConnectsOverTls()
    {
        NoAmbientPassword clean;
        const StoreLocation l = location(QStringLiteral("sslmode=verify-full&sslrootcert=") + m_ca, true);
        auto ssl = scalar(l, QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
        QVERIFY2(ssl, qPrintable(ssl.errorText()));
        QCOMPARE(ssl->toBool(), true);
        auto version =
                scalar(l, QStringLiteral("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
        QVERIFY2(version && version->toString().startsWith(QStringLiteral("TLS")),
                 qPrintable(version.errorText()));
        auto shown = scalar(
                l, QStringLiteral("SELECT current_setting('ssl')")); // SHOW ssl (SHOW cannot be prepared)
        QVERIFY(shown);
        QCOMPARE(shown->toString(), QStringLiteral("on"));
        // The whole store works over it (schema, append, read back).
        auto store = Store::open(l);
        QVERIFY2(store, qPrintable(store.errorText()));
        QVERIFY(!store.errorText().contains(m_password));
    }

    void wrongCaIsRefused()
    {
        NoAmbientPassword clean;
        const StoreLocation l =
                location(QStringLiteral("sslmode=verify-full&sslrootcert=") + m_wrongCa, true);
        auto store = Store::open(l);
        QVERIFY(!store);
        const QString why = store.errorText();
        QVERIFY2(why.contains(QStringLiteral("certificate verify failed")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("sslrootcert must name the CA")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("sslmode=verify-full")), qPrintable(why));
        QVERIFY(!why.contains(m_password));
    }

    void tlsOnlyRoleIsRefusedWithoutTls()
    {
        NoAmbientPassword clean;
        const StoreLocation l = location(QStringLiteral("sslmode=disable"), true);
        auto store = Store::open(l);
        QVERIFY(!store);
        const QString why = store.errorText();
        QVERIFY2(why.contains(QStringLiteral("no encryption")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("accepts this user only over TLS")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("sslmode=disable")), qPrintable(why));
        QVERIFY(!why.contains(m_password));
    }

    void passwordFromTheEnvironment()
    {
        NoAmbientPassword clean;
        const StoreLocation l = location(QStringLiteral("sslmode=verify-full&sslrootcert=") + m_ca, false);
        {
            auto refused = scalar(l, QStringLiteral("SELECT 1"));
            QVERIFY(!refused);
            const QString why = refused.errorText();
            QVERIFY2(why.contains(QStringLiteral("no password supplied")), qPrintable(why));
            QVERIFY2(why.contains(QStringLiteral("none was given")) &&
                             why.contains(QStringLiteral("PGPASSWORD")) &&
                             why.contains(QStringLiteral("keychain")) && why.contains(l.keychainKey()),
                     qPrintable(why));
        }
        qputenv("PGPASSWORD", m_password.toUtf8());
        auto one = scalar(l, QStringLiteral("SELECT current_user"));
        QVERIFY2(one, qPrintable(one.errorText()));
        QCOMPARE(one->toString(), QStringLiteral("harness_tls"));
        qputenv("PGPASSWORD", "not-the-password");
        auto wrong = scalar(l, QStringLiteral("SELECT 1"));
        QVERIFY(!wrong);
        QVERIFY2(wrong.errorText().contains(QStringLiteral("the one given was refused")),
                 qPrintable(wrong.errorText()));
    }

    void passwordInAFileIsRefused()
    {
        const QByteArray policy = QStringLiteral("{\n  \"store\": \"%1\"\n}\n")
                                          .arg(QString(m_url).replace(QStringLiteral("harness_tls@"),
                                                                      QStringLiteral("harness_tls:") +
                                                                              m_password + QLatin1Char('@')))
                                          .toUtf8();
        const Status refused =
                StoreLocation::refusePasswordIn(policy, QStringLiteral(".harness/policy.json"));
        QVERIFY(!refused);
        const QString why = refused.errorText();
        QVERIFY2(why.startsWith(QStringLiteral(".harness/policy.json names a store URL with a password")),
                 qPrintable(why));
        QVERIFY(why.contains(QStringLiteral("PGPASSWORD")) && why.contains(QStringLiteral("keychain")));
        QVERIFY(!why.contains(m_password));
        // The same URL without its password is fine.
        QVERIFY(StoreLocation::refusePasswordIn(m_url.toUtf8(), QStringLiteral("policy.json")));
    }
};

QTEST_GUILESS_MAIN(TestStoreTls)
#include "tst_storetls.moc"
