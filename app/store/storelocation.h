// StoreLocation: where a store lives — a SQLite file, or a PostgreSQL database with its TLS settings
// (libpq's sslmode, sslrootcert, sslcert, sslkey) — parsed from a path or a postgres:// URL, with a
// description for messages that shows the TLS mode and never the password.
#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace harness {

struct StoreLocation
{
    enum class Backend { Sqlite, Postgres };
    Backend backend = Backend::Sqlite;
    QString sqlitePath; // for Sqlite
    QString postgresHost; // for Postgres
    int postgresPort = 5432;
    QString postgresDatabase;
    QString postgresUser;
    QString postgresPassword; // supplied at run time, never persisted by the store
    // TLS, libpq's keywords. An empty sslMode leaves libpq's default (PGSSLMODE, else "prefer"); the
    // files are absolute paths, checked to be readable when the URL is parsed.
    QString sslMode;
    QString sslRootCert;
    QString sslCert;
    QString sslKey;

    static StoreLocation sqlite(const QString &path);
    // The default for a repository: $XDG_DATA_HOME/harness-workbench/<repo-key>/state.sqlite, unless
    // HARNESS_STORE (a path, or postgres://user@host:port/db) overrides it.
    static StoreLocation forRepository(const QString &repositoryRoot);
    // Parses "postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…&sslcert=…&sslkey=…]"
    // or a file path.
    static Result<StoreLocation> parse(const QString &spec);
    QString describe() const; // for messages; shows the TLS mode, never contains a password

    // libpq's sslmode values, weakest first.
    static QStringList sslModes();
    // The sslmode libpq will use: the URL's, else PGSSLMODE, else "prefer".
    QString effectiveSslMode() const;
    // The libpq keywords (timeouts, TLS) for QPSQL's QSqlDatabase::setConnectOptions.
    QString connectOptions(int connectTimeoutSeconds) const;
    // The URL without the password (for another process, or a setting that is written to a file).
    QString urlWithoutPassword() const;
    // The OS keychain entry that holds this database's password: "store:<user>@<host>:<port>/<db>".
    QString keychainKey() const;
    // A driver's connection error with what to do about it (no password given, a refused certificate,
    // a server that accepts the user only over TLS).
    QString explainConnectError(const QString &driverMessage) const;

    // Fails when text (the contents of fileName) names a store URL with a password in it: passwords come
    // from the environment or the keychain, never from a file of the project.
    static Status refusePasswordIn(const QByteArray &text, const QString &fileName);
};

} // namespace harness
