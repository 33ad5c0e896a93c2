// StoreTestBackend: gives store tests fresh, empty store locations on one backend — new SQLite files in a
// temporary folder, or new databases on the PostgreSQL server named by HARNESS_TEST_PG — so one test
// class runs against both stores (STORE_TEST_MAIN runs it once per backend).
#pragma once

#include "store/store.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using harness::StoreLocation;

class StoreTestBackend
{
public:
    explicit StoreTestBackend(QString name) : m_name(std::move(name)) { }
    ~StoreTestBackend()
    {
        if (m_name != QStringLiteral("postgres") || m_databases.isEmpty())
            return;
        // Drop what the tests created; the stores are closed by now.
        runAdmin([this](QSqlQuery &q) {
            for (const QString &db : std::as_const(m_databases))
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db));
            return true;
        });
    }

    static QStringList names() { return {QStringLiteral("sqlite"), QStringLiteral("postgres")}; }
    const QString &name() const { return m_name; }
    bool isSqlite() const { return m_name == QStringLiteral("sqlite"); }

    // Why the backend cannot run here (empty when it can).
    QString unavailableReason() const
    {
        if (isSqlite())
            return m_dir.isValid() ? QString() : QStringLiteral("no temporary folder");
        if (qEnvironmentVariableIsEmpty("HARNESS_TEST_PG"))
            return QStringLiteral(
                    "HARNESS_TEST_PG is not set, so the PostgreSQL store tests cannot run: run the tests "
                    "with packaging/run-tests.sh (packaging/test-session.sh starts a scratch PostgreSQL "
                    "server; packaging/install-deps.sh installs postgresql), or set it to "
                    "postgres://user@host:port/database of a scratch server.");
        auto server = StoreLocation::parse(qEnvironmentVariable("HARNESS_TEST_PG"));
        if (!server || server->backend != StoreLocation::Backend::Postgres)
            return QStringLiteral("HARNESS_TEST_PG is not a postgres:// URL: %1").arg(server.errorText());
        return {};
    }

    // The location named label: created empty on first use, the same location afterwards.
    StoreLocation at(const QString &label)
    {
        const auto it = m_locations.constFind(label);
        if (it != m_locations.constEnd())
            return *it;
        StoreLocation l;
        if (isSqlite()) {
            l = StoreLocation::sqlite(m_dir.filePath(label + QStringLiteral(".sqlite")));
        } else {
            l = *StoreLocation::parse(qEnvironmentVariable("HARNESS_TEST_PG"));
            QString db = QStringLiteral("harness_t%1_%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(label.toLower());
            db.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
            const bool created = runAdmin([&db](QSqlQuery &q) {
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db));
                if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(db))) {
                    qWarning() << "CREATE DATABASE failed:" << q.lastError().text();
                    return false;
                }
                return true;
            });
            if (created)
                m_databases << db;
            l.postgresDatabase = db;
        }
        m_locations.insert(label, l);
        return l;
    }

    // The location as a command-line spec (for a child process): a path or a postgres:// URL.
    static QString spec(const StoreLocation &l)
    {
        if (l.backend == StoreLocation::Backend::Sqlite)
            return l.sqlitePath;
        return QStringLiteral("postgres://%1@%2:%3/%4")
                .arg(l.postgresUser, l.postgresHost)
                .arg(l.postgresPort)
                .arg(l.postgresDatabase);
    }

    // Runs SQL on the location directly, bypassing the store (to tamper, or to inspect). Returns the first
    // column of the last statement's first row, or an invalid QVariant on failure.
    static QVariant sql(const StoreLocation &location, const QStringList &statements)
    {
        QVariant last;
        bool ok = true;
        {
            QSqlDatabase db = connect(location, QStringLiteral("store_test_sql"));
            ok = db.open();
            if (!ok)
                qWarning() << "cannot connect:" << db.lastError().text();
            QSqlQuery q(db);
            for (const QString &s : statements) {
                if (!ok)
                    break;
                if (!q.exec(s)) {
                    qWarning() << "SQL failed:" << s << q.lastError().text();
                    ok = false;
                } else {
                    last = q.next() ? q.value(0) : QVariant(true);
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("store_test_sql"));
        return ok ? last : QVariant();
    }

private:
    static QSqlDatabase connect(const StoreLocation &l, const QString &name)
    {
        if (l.backend == StoreLocation::Backend::Sqlite) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(l.sqlitePath);
            return db;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(l.postgresHost);
        db.setPort(l.postgresPort);
        db.setDatabaseName(l.postgresDatabase);
        db.setUserName(l.postgresUser);
        db.setPassword(l.postgresPassword);
        return db;
    }

    template<typename F>
    static bool runAdmin(F work)
    {
        bool ok = false;
        {
            QSqlDatabase db = connect(*StoreLocation::parse(qEnvironmentVariable("HARNESS_TEST_PG")),
                                      QStringLiteral("store_test_admin"));
            if (db.open()) {
                QSqlQuery q(db);
                ok = work(q);
            } else {
                qWarning() << "cannot reach HARNESS_TEST_PG:" << db.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("store_test_admin"));
        return ok;
    }

    QString m_name;
    QTemporaryDir m_dir;
    QHash<QString, StoreLocation> m_locations;
    QStringList m_databases;
};

// Runs the test class once per backend; the class takes the backend name in its constructor and fails
// in initTestCase() when the backend is unavailable.
#define STORE_TEST_MAIN(TestClass)                                                                           \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        QCoreApplication app(argc, argv);                                                                    \
        int status = 0;                                                                                      \
        for (const QString &backend : StoreTestBackend::names()) {                                           \
            TestClass test(backend);                                                                         \
            status |= QTest::qExec(&test, argc, argv);                                                       \
        }                                                                                                    \
        return status;                                                                                       \
    }
