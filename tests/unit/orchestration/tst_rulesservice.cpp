// RulesService on a real repository folder and SQLite store: the stable, atomic write with its audited
// rules_changed event; refusals that leave the file as it is (changed on disk, unparseable); replacing an
// unreadable file keeps it as rules.json.bak.
#include "orchestration/rulesservice.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {
QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}
RuleSet someRules()
{
    RuleSet r;
    LimitRule l;
    l.id = QStringLiteral("max-lines");
    l.paths = {QStringLiteral("**")};
    l.maxLines = 500;
    l.message = QStringLiteral("Split long files.");
    r.limits << l;
    return r;
}
} // namespace

class TestRulesService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QString m_root;
    QString file() const { return RulesService::rulesPath(m_root); }
    QList<Event> events()
    {
        if (const Status flushed = m_store->flush(); !flushed)
            QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
        return m_store->eventsFromLog(0, 100).value();
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        m_root = m_dir.filePath(QStringLiteral("repo%1").arg(++n));
        QDir().mkpath(m_root);
        m_store = std::move(Store::open(StoreLocation::sqlite(m_root + QStringLiteral(".sqlite"))).value());
    }
    void cleanup() { m_store.reset(); }

    void anAbsentFileReadsEmptyAndSavesAudited()
    {
        auto loaded = RulesService::load(m_root);
        QVERIFY(loaded);
        QVERIFY(!loaded->exists);
        QCOMPARE(loaded->rules, RuleSet());
        RulesService rules(*m_store, m_root);
        auto saved = rules.save(someRules(), loaded->fingerprint, QStringLiteral("human:ada"));
        QVERIFY2(saved, qPrintable(saved.errorText()));
        QCOMPARE(read(file()), someRules().toJsonText());
        QCOMPARE(saved->fingerprint, RulesService::fingerprintOf(read(file())));
        const QList<Event> log = events();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0].kind, QStringLiteral("rules_changed"));
        QCOMPARE(log[0].actor, QStringLiteral("human:ada"));
        QCOMPARE(log[0].payload.value(QStringLiteral("added")).toArray(),
                 QJsonArray {QStringLiteral("max-lines")});
        QCOMPARE(log[0].payload.value(QStringLiteral("before")).toString(), QString());
        QCOMPARE(log[0].payload.value(QStringLiteral("after")).toString(),
                 QString::fromLatin1(saved->fingerprint));
    }

    void aFileChangedOnDiskIsNotOverwritten()
    {
        write(file(), someRules().toJsonText());
        auto loaded = RulesService::load(m_root);
        QVERIFY(loaded);
        RuleSet theirs = someRules();
        theirs.limits[0].maxLines = 900;
        write(file(), theirs.toJsonText());
        RuleSet mine = someRules();
        mine.limits[0].maxLines = 100;
        auto saved =
                RulesService(*m_store, m_root).save(mine, loaded->fingerprint, QStringLiteral("human:ada"));
        QVERIFY(!saved);
        QVERIFY(saved.errorText().contains(QStringLiteral("changed on disk")));
        QCOMPARE(read(file()), theirs.toJsonText());
        QVERIFY(events().isEmpty());
    }

    void anUnparseableFileIsNeverSavedOverOnlyReplacedWithABackup()
    {
        const QByteArray broken = "{ \"version\": 1, \"layers\": [ }\n";
        write(file(), broken);
        auto loaded = RulesService::load(m_root);
        QVERIFY(!loaded);
        QVERIFY2(loaded.errorText().contains(QStringLiteral("cannot be edited until it is fixed")),
                 qPrintable(loaded.errorText()));
        RulesService rules(*m_store, m_root);
        // Whatever fingerprint a caller brings, the unparseable file stays.
        QVERIFY(!rules.save(someRules(), RulesService::fingerprintOf(broken), QStringLiteral("human:ada")));
        QCOMPARE(read(file()), broken);

        auto replaced = rules.replaceUnreadable(someRules(), QStringLiteral("human:ada"));
        QVERIFY2(replaced, qPrintable(replaced.errorText()));
        QCOMPARE(read(file() + QStringLiteral(".bak")), broken);
        QCOMPARE(read(file()), someRules().toJsonText());
        const QList<Event> log = events();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log[0].payload.value(QStringLiteral("backup")).toString(),
                 QStringLiteral(".harness/rules.json.bak"));
        // A readable file is not "replaced".
        QVERIFY(!rules.replaceUnreadable(RuleSet(), QStringLiteral("human:ada")));
        // A second broken file does not overwrite the first backup.
        write(file(), "not json");
        QVERIFY(rules.replaceUnreadable(someRules(), QStringLiteral("human:ada")));
        QCOMPARE(read(file() + QStringLiteral(".bak")), broken);
        QCOMPARE(read(file() + QStringLiteral(".bak.2")), QByteArray("not json"));
    }
};

QTEST_GUILESS_MAIN(TestRulesService)
#include "tst_rulesservice.moc"
