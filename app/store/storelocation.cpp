// StoreLocation: where a store lives (a SQLite file or a PostgreSQL database with its TLS settings),
// parsed from a path or a postgres:// URL, with a description for messages that never shows the password.
#include "storelocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace harness {

namespace {

// A file a TLS parameter names: made absolute (~ is the home folder) and checked to be a readable file.
Result<QString> readableFile(const QString &key, const QString &given)
{
    QString path = given;
    if (path == QStringLiteral("~") || path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    const QFileInfo info(path);
    // QPSQL turns every ';' of its options into a space, so such a path cannot be passed on intact.
    if (path.contains(QLatin1Char(';')))
        return Result<QString>::failure(
                QStringLiteral("%1 names a path with a ';' in it (%2); the Qt PostgreSQL driver cannot pass "
                               "such a path on: move or link the file")
                        .arg(key, given),
                QStringLiteral("store"));
    if (!info.exists())
        return Result<QString>::failure(QStringLiteral("%1 names %2, which does not exist").arg(key, given),
                                        QStringLiteral("store"));
    if (!info.isFile() || !info.isReadable())
        return Result<QString>::failure(
                QStringLiteral("%1 names %2, which is not a readable file").arg(key, given),
                QStringLiteral("store"));
    return info.absoluteFilePath();
}

// The query of a postgres:// URL: libpq's TLS keywords and nothing else.
Status readTlsParameters(const QUrl &url, StoreLocation &l)
{
    const QUrlQuery query(url);
    const QStringList known {QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                             QStringLiteral("sslcert"), QStringLiteral("sslkey")};
    QStringList seen;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!known.contains(key))
            return Status::failure(
                    QStringLiteral("has an unknown parameter \"%1\"; a store URL takes %2 (passwords come "
                                   "from PGPASSWORD, ~/.pgpass or the keychain, never from the URL's query)")
                            .arg(key, known.join(QStringLiteral(", "))),
                    QStringLiteral("store"));
        if (seen.contains(key))
            return Status::failure(QStringLiteral("gives \"%1\" twice").arg(key), QStringLiteral("store"));
        seen << key;
        if (key == QLatin1String("sslmode")) {
            if (!StoreLocation::sslModes().contains(value))
                return Status::failure(
                        QStringLiteral("sslmode \"%1\" is not one of %2")
                                .arg(value, StoreLocation::sslModes().join(QStringLiteral(", "))),
                        QStringLiteral("store"));
            l.sslMode = value;
            continue;
        }
        // libpq's own "system" (the operating system's trusted CAs) is not a file.
        if (key == QLatin1String("sslrootcert") && value == QLatin1String("system")) {
            l.sslRootCert = value;
            continue;
        }
        auto file = readableFile(key, value);
        if (!file)
            return file.error();
        (key == QLatin1String("sslrootcert")       ? l.sslRootCert
                 : key == QLatin1String("sslcert") ? l.sslCert
                                                   : l.sslKey) = *file;
    }
    return success();
}

// A value in libpq's conninfo syntax: single-quoted, with \\ and \' escaped.
QString conninfoValue(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

QStringList StoreLocation::sslModes()
{
    return {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
            QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
}

QString StoreLocation::effectiveSslMode() const
{
    if (!sslMode.isEmpty())
        return sslMode;
    const QString env = qEnvironmentVariable("PGSSLMODE").trimmed();
    return env.isEmpty() ? QStringLiteral("prefer") : env;
}

QString StoreLocation::connectOptions(int connectTimeoutSeconds) const
{
    // QPSQL appends these to its conninfo string, ';' read as a space.
    QStringList options {QStringLiteral("connect_timeout=%1").arg(connectTimeoutSeconds)};
    if (!sslMode.isEmpty())
        options << QStringLiteral("sslmode=") + conninfoValue(sslMode);
    if (!sslRootCert.isEmpty())
        options << QStringLiteral("sslrootcert=") + conninfoValue(sslRootCert);
    if (!sslCert.isEmpty())
        options << QStringLiteral("sslcert=") + conninfoValue(sslCert);
    if (!sslKey.isEmpty())
        options << QStringLiteral("sslkey=") + conninfoValue(sslKey);
    return options.join(QLatin1Char(';'));
}

QString StoreLocation::urlWithoutPassword() const
{
    if (backend == Backend::Sqlite)
        return sqlitePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setUserName(postgresUser);
    url.setHost(postgresHost);
    url.setPort(postgresPort);
    url.setPath(QLatin1Char('/') + postgresDatabase);
    QStringList query;
    const auto add = [&query](const char *key, const QString &value) {
        if (!value.isEmpty())
            query << QLatin1String(key) + QLatin1Char('=') +
                            QString::fromLatin1(QUrl::toPercentEncoding(value, "/~:-._"));
    };
    add("sslmode", sslMode);
    add("sslrootcert", sslRootCert);
    add("sslcert", sslCert);
    add("sslkey", sslKey);
    const QString base = url.toString(QUrl::FullyEncoded);
    return query.isEmpty() ? base : base + QLatin1Char('?') + query.join(QLatin1Char('&'));
}

QString StoreLocation::keychainKey() const
{
    return QStringLiteral("store:%1@%2:%3/%4")
            .arg(postgresUser, postgresHost)
            .arg(postgresPort)
            .arg(postgresDatabase);
}

QString StoreLocation::explainConnectError(const QString &driverMessage) const
{
    QString hint;
    if (driverMessage.contains(QLatin1String("no password supplied")) ||
        driverMessage.contains(QLatin1String("password authentication failed")))
        hint = QStringLiteral(
                       "the server wants a password for %1 and %2. Commands and runners read it from "
                       "PGPASSWORD (or ~/.pgpass, or the file PGPASSFILE names); the workbench reads it from "
                       "the OS keychain, entry \"%3\" of the service \"harness-workbench\" (docs/team.md). "
                       "A password never goes in a file of the project.")
                       .arg(postgresUser,
                            driverMessage.contains(QLatin1String("no password supplied"))
                                    ? QStringLiteral("none was given")
                                    : QStringLiteral("the one given was refused"),
                            keychainKey());
    else if (driverMessage.contains(QLatin1String("certificate verify failed")) ||
             driverMessage.contains(QLatin1String("root certificate")) ||
             driverMessage.contains(QLatin1String("does not match host name")) ||
             driverMessage.contains(QLatin1String("server certificate for")))
        hint = QStringLiteral(
                       "the server's certificate was not accepted with sslmode=%1: sslrootcert must name "
                       "the CA that signed it, and for verify-full the certificate must name the host "
                       "\"%2\".")
                       .arg(effectiveSslMode(), postgresHost);
    else if (driverMessage.contains(QLatin1String("no encryption")) &&
             effectiveSslMode() == QLatin1String("disable"))
        hint = QStringLiteral("the server accepts this user only over TLS: use sslmode=require or, better, "
                              "verify-full with sslrootcert.");
    else if (driverMessage.contains(QLatin1String("server does not support SSL")))
        hint = QStringLiteral("the server has TLS switched off; sslmode=%1 requires it.")
                       .arg(effectiveSslMode());
    const QString said = driverMessage.simplified(); // libpq's messages run over several lines
    return hint.isEmpty() ? said : said + QStringLiteral(" — ") + hint;
}

Status StoreLocation::refusePasswordIn(const QByteArray &text, const QString &fileName)
{
    // postgres://user:password@ — the userinfo part of a store URL with a password.
    static const QRegularExpression re(
            QStringLiteral("postgres(?:ql)?://([^/?#@\\s:\"]*):[^/?#@\\s\"]+@([^/?#\\s\"]*)"),
            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(text));
    if (!m.hasMatch())
        return success();
    return Status::failure(
            QStringLiteral("%1 names a store URL with a password (postgres://%2:…@%3): a password never goes "
                           "in a file of the project. Remove it from the URL and give it through PGPASSWORD "
                           "or ~/.pgpass (commands and runners) or the OS keychain (the workbench); see "
                           "docs/team.md")
                    .arg(fileName, m.captured(1), m.captured(2)));
}

StoreLocation StoreLocation::sqlite(const QString &path)
{
    StoreLocation l;
    l.backend = Backend::Sqlite;
    l.sqlitePath = path;
    return l;
}

StoreLocation StoreLocation::forRepository(const QString &repositoryRoot)
{
    const QString override = qEnvironmentVariable("HARNESS_STORE");
    if (!override.trimmed().isEmpty()) {
        auto parsed = parse(override);
        if (parsed)
            return *parsed;
        // A malformed override must not silently fall back to another database: hand back a
        // PostgreSQL location without a host, which Store::open refuses with a message naming it.
        StoreLocation invalid;
        invalid.backend = Backend::Postgres;
        invalid.postgresDatabase = QStringLiteral("HARNESS_STORE (%1)").arg(parsed.errorText());
        return invalid;
    }
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (dataHome.isEmpty())
        dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dataHome.isEmpty())
        dataHome = QDir::homePath() + QStringLiteral("/.local/share");
    const QFileInfo root(repositoryRoot);
    const QString canonical =
            root.canonicalFilePath().isEmpty() ? root.absoluteFilePath() : root.canonicalFilePath();
    const QByteArray digest =
            QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(12);
    QString name = QFileInfo(canonical).fileName();
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (name.isEmpty())
        name = QStringLiteral("root");
    const QString key = name + QLatin1Char('-') + QString::fromLatin1(digest);
    return sqlite(dataHome + QStringLiteral("/harness-workbench/") + key + QStringLiteral("/state.sqlite"));
}

Result<StoreLocation> StoreLocation::parse(const QString &spec)
{
    const QString s = spec.trimmed();
    if (s.isEmpty())
        return Result<StoreLocation>::failure(
                QStringLiteral("is empty; give a file path or postgres://user@host/db"),
                QStringLiteral("store"));
    if (s.startsWith(QStringLiteral("postgres://")) || s.startsWith(QStringLiteral("postgresql://"))) {
        const QUrl url(s, QUrl::StrictMode);
        if (!url.isValid()) {
            // QUrl quotes the URL it read, password and all.
            static const QRegularExpression password(QStringLiteral("(://[^/?#@\\s:]*:)[^/?#@\\s]+@"));
            const QString why = url.errorString().replace(password, QStringLiteral("\\1…@"));
            return Result<StoreLocation>::failure(
                    QStringLiteral("is not a valid URL (%1); expected "
                                   "postgres://user@host[:port]/database[?sslmode=…]")
                            .arg(why),
                    QStringLiteral("store"));
        }
        StoreLocation l;
        l.backend = Backend::Postgres;
        l.postgresHost = url.host();
        l.postgresPort = url.port(5432);
        l.postgresUser = url.userName();
        l.postgresPassword = url.password();
        l.postgresDatabase = url.path().mid(1);
        if (l.postgresHost.isEmpty())
            return Result<StoreLocation>::failure(
                    QStringLiteral("names no host; expected postgres://user@host[:port]/database"),
                    QStringLiteral("store"));
        if (l.postgresDatabase.isEmpty() || l.postgresDatabase.contains(QLatin1Char('/')))
            return Result<StoreLocation>::failure(
                    QStringLiteral("names no database; expected postgres://user@host[:port]/database"),
                    QStringLiteral("store"));
        if (l.postgresUser.isEmpty())
            return Result<StoreLocation>::failure(
                    QStringLiteral("names no user; expected postgres://user@host[:port]/database"),
                    QStringLiteral("store"));
        if (Status tls = readTlsParameters(url, l); !tls)
            return tls.error();
        return l;
    }
    if (s.contains(QStringLiteral("://")))
        return Result<StoreLocation>::failure(
                QStringLiteral("\"%1\" uses an unknown scheme; use a file path or postgres://")
                        .arg(s.section(QStringLiteral("://"), 0, 0)),
                QStringLiteral("store"));
    QString path = s;
    if (path.startsWith(QStringLiteral("file:")))
        path = path.mid(5);
    if (path == QStringLiteral("~") || path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    return sqlite(QDir::cleanPath(QFileInfo(path).absoluteFilePath()));
}

QString StoreLocation::describe() const
{
    if (backend == Backend::Sqlite)
        return QStringLiteral("SQLite database %1").arg(QDir::toNativeSeparators(sqlitePath));
    QString who = postgresUser.isEmpty() ? QString() : postgresUser + QLatin1Char('@');
    QString tls;
    if (!sslMode.isEmpty())
        tls = QStringLiteral("sslmode=%1").arg(sslMode);
    else if (!qEnvironmentVariableIsEmpty("PGSSLMODE"))
        tls = QStringLiteral("sslmode=%1 from PGSSLMODE").arg(effectiveSslMode());
    else
        tls = QStringLiteral("sslmode=prefer, libpq's default");
    if (!sslRootCert.isEmpty())
        tls += QStringLiteral(", CA %1").arg(QDir::toNativeSeparators(sslRootCert));
    if (!sslCert.isEmpty())
        tls += QStringLiteral(", client certificate %1").arg(QDir::toNativeSeparators(sslCert));
    return QStringLiteral("PostgreSQL database %1 on %2%3:%4 (%5)")
            .arg(postgresDatabase, who, postgresHost.isEmpty() ? QStringLiteral("(no host)") : postgresHost)
            .arg(postgresPort)
            .arg(tls);
}

} // namespace harness
