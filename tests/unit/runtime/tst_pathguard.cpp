// Tests for PathGuard: canonical resolution inside the worktree, symlinks met on the way, protected places.
#include "runtime/pathguard.h"
#include "runtimetesthelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

class TestPathGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_root = m_dir->path() + QStringLiteral("/tree");
        writeFile(m_root + QStringLiteral("/src/a.c"), "a\n");
        writeFile(m_dir->path() + QStringLiteral("/outside.txt"), "o\n");
    }
    void resolvesRelativeAndAbsolute()
    {
        PathGuard g(m_root);
        auto r = g.resolve(QStringLiteral("./src//a.c"));
        QVERIFY(r.ok());
        QCOMPARE(r->relative, QStringLiteral("src/a.c"));
        QVERIFY(r->exists);
        auto missing = g.resolve(QStringLiteral("src/new/b.c"));
        QVERIFY(missing.ok());
        QVERIFY(!missing->exists);
        QCOMPARE(missing->absolute, g.root() + QStringLiteral("/src/new/b.c"));
        auto abs = g.resolve(g.root() + QStringLiteral("/src/a.c"));
        QCOMPARE(abs->relative, QStringLiteral("src/a.c"));
    }
    void symlinks()
    {
        PathGuard g(m_root);
        QVERIFY(QFile::link(m_dir->path() + QStringLiteral("/outside.txt"),
                            m_root + QStringLiteral("/out-link")));
        QVERIFY(QFile::link(m_root + QStringLiteral("/src"), m_root + QStringLiteral("/src-link")));
        QVERIFY(QFile::link(m_root + QStringLiteral("/missing"), m_root + QStringLiteral("/dangling")));
        QVERIFY(!g.resolve(QStringLiteral("out-link")).ok());
        QVERIFY(!g.resolve(QStringLiteral("dangling")).ok()); // could be re-pointed between check and use
        QVERIFY(!g.resolve(QStringLiteral("dangling/x")).ok());
        auto inside = g.resolve(QStringLiteral("src-link/a.c"));
        QVERIFY(inside.ok());
        QCOMPARE(inside->relative, QStringLiteral("src/a.c"));
    }
    void symlinkLoop()
    {
        QVERIFY(QFile::link(m_root + QStringLiteral("/loop-b"), m_root + QStringLiteral("/loop-a")));
        QVERIFY(QFile::link(m_root + QStringLiteral("/loop-a"), m_root + QStringLiteral("/loop-b")));
        QVERIFY(!PathGuard(m_root).resolve(QStringLiteral("loop-a/x")).ok());
    }
    void protectedPlaces_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<bool>("isProtected");
        QTest::newRow(".git") << ".git" << true;
        QTest::newRow(".git/hooks") << ".git/hooks/pre-commit" << true;
        QTest::newRow("nested .git") << "third_party/x/.git/config" << true;
        QTest::newRow(".harness") << ".harness/gates.json" << true;
        QTest::newRow("nested .harness is ordinary") << "docs/.harness/x" << false;
        QTest::newRow(".gitignore is ordinary") << ".gitignore" << false;
        QTest::newRow("extra (hooksPath)") << ".husky/pre-commit" << true;
        QTest::newRow("source") << "src/a.c" << false;
    }
    void protectedPlaces()
    {
        QFETCH(QString, relative);
        QFETCH(bool, isProtected);
        QCOMPARE(PathGuard(m_root, {QStringLiteral(".husky")}).isProtected(relative), isProtected);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
};

QTEST_GUILESS_MAIN(TestPathGuard)
#include "tst_pathguard.moc"
