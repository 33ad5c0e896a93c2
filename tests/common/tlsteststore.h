// TlsTestStore: the PostgreSQL store over TLS that packaging/test-session.sh serves (role harness_tls,
// password-only, TLS-only), read from the session's environment: its URL with sslmode=verify-full and the
// session's CA, no password in it, and the password apart. `missing` says what to do when it is not there.
#pragma once

#include <QStandardPaths>
#include <QString>

namespace harness::test {

struct TlsTestStore
{
    QString url; // verify-full with the session's CA, no password
    QString password;
    QString missing; // empty when the store can be used

    static TlsTestStore fromEnvironment()
    {
        TlsTestStore s;
        const QString url = qEnvironmentVariable("HARNESS_TEST_PG_TLS");
        const QString ca = qEnvironmentVariable("HARNESS_TEST_PG_CA");
        s.password = qEnvironmentVariable("HARNESS_TEST_PG_PASSWORD");
        if (url.isEmpty() || ca.isEmpty() || s.password.isEmpty())
            s.missing = QStringLiteral("HARNESS_TEST_PG_TLS, HARNESS_TEST_PG_CA and HARNESS_TEST_PG_PASSWORD "
                                       "are not set: run the "
                                       "tests with packaging/run-tests.sh (packaging/test-session.sh starts "
                                       "PostgreSQL with TLS; it "
                                       "needs postgresql and openssl)");
        else if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            s.missing = QStringLiteral("openssl is not installed: run packaging/install-deps.sh");
        else
            s.url = url + QStringLiteral("?sslmode=verify-full&sslrootcert=") + ca;
        return s;
    }
};

} // namespace harness::test
