// Tests for StoreLocation: parsing a path or a postgres:// URL, the per-repository default under
// XDG_DATA_HOME, the HARNESS_STORE override, and descriptions that never show a password.
#include "store/store.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestStoreLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPostgresUrls_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::newRow("full") << "postgres://harness:s3cret@db.example:6543/team"
                              << "db.example" << 6543 << "harness"
                              << "s3cret"
                              << "team";
        QTest::newRow("default port") << "postgres://ann@127.0.0.1/harness_test"
                                      << "127.0.0.1" << 5432 << "ann"
                                      << ""
                                      << "harness_test";
        QTest::newRow("postgresql scheme") << "postgresql://ann@localhost:55432/x"
                                           << "localhost" << 55432 << "ann"
                                           << ""
                                           << "x";
    }

    void parsesPostgresUrls()
    {
        QFETCH(QString, spec);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, database);
        auto l = StoreLocation::parse(spec);
        QVERIFY2(l, qPrintable(l.errorText()));
        QCOMPARE(l->backend, StoreLocation::Backend::Postgres);
        QCOMPARE(l->postgresHost, host);
        QCOMPARE(l->postgresPort, port);
        QCOMPARE(l->postgresUser, user);
        QCOMPARE(l->postgresPassword, password);
        QCOMPARE(l->postgresDatabase, database);
        QVERIFY(l->describe().contains(database));
        QVERIFY(l->describe().contains(host));
        if (!password.isEmpty())
            QVERIFY2(!l->describe().contains(password), qPrintable(l->describe()));
    }

    void refusesMalformedSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "  "
                               << "is empty";
        QTest::newRow("no database") << "postgres://ann@host"
                                     << "names no database";
        QTest::newRow("no user") << "postgres://host:5432/db"
                                 << "names no user";
        QTest::newRow("no host") << "postgres:///db"
                                 << "names no host";
        QTest::newRow("unknown scheme") << "mysql://ann@host/db"
                                        << "unknown scheme";
    }

    void refusesMalformedSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        auto l = StoreLocation::parse(spec);
        QVERIFY(!l);
        QCOMPARE(l.error().field, QStringLiteral("store"));
        QVERIFY2(l.errorText().contains(message), qPrintable(l.errorText()));
    }

    void parsesPaths_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("path");
        QTest::newRow("absolute") << "/var/lib/h/state.sqlite"
                                  << "/var/lib/h/state.sqlite";
        QTest::newRow("cleaned") << "/var/lib/h/../h/state.sqlite"
                                 << "/var/lib/h/state.sqlite";
        QTest::newRow("file prefix") << "file:/tmp/x.sqlite"
                                     << "/tmp/x.sqlite";
        QTest::newRow("home") << "~/x.sqlite" << QDir::homePath() + "/x.sqlite";
        QTest::newRow("relative") << "rel/x.sqlite" << QDir::currentPath() + "/rel/x.sqlite";
    }

    void parsesPaths()
    {
        QFETCH(QString, spec);
        QFETCH(QString, path);
        auto l = StoreLocation::parse(spec);
        QVERIFY(l);
        QCOMPARE(l->backend, StoreLocation::Backend::Sqlite);
        QCOMPARE(l->sqlitePath, path);
        QVERIFY(l->describe().contains(path));
    }

    void defaultIsPerRepositoryUnderXdgDataHome()
    {
        QTemporaryDir data;
        QTemporaryDir repoA;
        QTemporaryDir repoB;
        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        qunsetenv("HARNESS_STORE");
        const StoreLocation a = StoreLocation::forRepository(repoA.path());
        const StoreLocation b = StoreLocation::forRepository(repoB.path());
        QCOMPARE(a.backend, StoreLocation::Backend::Sqlite);
        QVERIFY2(a.sqlitePath.startsWith(data.path() + QStringLiteral("/harness-workbench/")),
                 qPrintable(a.sqlitePath));
        QVERIFY(a.sqlitePath.endsWith(QStringLiteral("/state.sqlite")));
        QVERIFY(a.sqlitePath != b.sqlitePath);
        QCOMPARE(StoreLocation::forRepository(repoA.path() + QStringLiteral("/")).sqlitePath, a.sqlitePath);
        // The default location can be opened (its folders are created).
        auto store = Store::open(a);
        QVERIFY2(store, qPrintable(store.errorText()));
    }

    void harnessStoreOverridesTheDefault()
    {
        QTemporaryDir repo;
        qputenv("HARNESS_STORE", "postgres://ann@db.example:5433/team");
        StoreLocation l = StoreLocation::forRepository(repo.path());
        QCOMPARE(l.backend, StoreLocation::Backend::Postgres);
        QCOMPARE(l.postgresHost, QStringLiteral("db.example"));
        qputenv("HARNESS_STORE", "/tmp/elsewhere.sqlite");
        l = StoreLocation::forRepository(repo.path());
        QCOMPARE(l.sqlitePath, QStringLiteral("/tmp/elsewhere.sqlite"));
        // A malformed override is reported when the store is opened, not silently replaced.
        qputenv("HARNESS_STORE", "postgres://nohost");
        auto store = Store::open(StoreLocation::forRepository(repo.path()));
        QVERIFY(!store);
        QVERIFY2(store.errorText().contains(QStringLiteral("HARNESS_STORE")), qPrintable(store.errorText()));
        qunsetenv("HARNESS_STORE");
    }
};

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_storelocation.moc"
