// StoreLocation: where a store lives (a SQLite file or a PostgreSQL database), parsed from a path or a
// postgres:// URL, with a description for messages that never shows the password.
#include "store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace harness {

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
        if (!url.isValid())
            return Result<StoreLocation>::failure(
                    QStringLiteral("is not a valid URL (%1); expected "
                                   "postgres://user[:password]@host[:port]/database")
                            .arg(url.errorString()),
                    QStringLiteral("store"));
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
    return QStringLiteral("PostgreSQL database %1 on %2%3:%4")
            .arg(postgresDatabase, who, postgresHost.isEmpty() ? QStringLiteral("(no host)") : postgresHost)
            .arg(postgresPort);
}

} // namespace harness
