// RepoMap: git-aware listing (.gitignore respected), the walk fallback, symbols, and the byte budget.
#include "knowledge/repomap.h"

#include "common/hostiletree.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace harness;

namespace {

void writeFile(const QString &root, const QString &rel, const QByteArray &content)
{
    const QString path = root + QLatin1Char('/') + rel;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
}

bool git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"),
            QStringList {QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                         QStringLiteral("user.email=t@example.org")} +
                    args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestRepoMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gitRepositoryRespectsGitignore()
    {
        QTemporaryDir dir;
        QVERIFY(git(dir.path(), {QStringLiteral("init"), QStringLiteral("-q")}));
        writeFile(dir.path(), QStringLiteral(".gitignore"), "build/\n*.log\n.env\n");
        writeFile(dir.path(), QStringLiteral("README.md"), "# demo\n");
        writeFile(dir.path(), QStringLiteral("src/net/socket.h"),
                  "#pragma once\nclass Socket\n{\n};\nint connectTo(const char *host);\n");
        writeFile(dir.path(), QStringLiteral("src/net/socket.cpp"),
                  "int connectTo(const char *) { return 0; }\n");
        writeFile(dir.path(), QStringLiteral("tools/gen.py"), "def generate():\n    pass\n");
        writeFile(dir.path(), QStringLiteral("build/out.o"), "binary");
        writeFile(dir.path(), QStringLiteral("debug.log"), "log");
        writeFile(dir.path(), QStringLiteral(".env"), "API_KEY=secret");
        writeFile(dir.path(), QStringLiteral("gone.txt"), "tracked then deleted");
        QVERIFY(git(dir.path(),
                    {QStringLiteral("add"), QStringLiteral("README.md"), QStringLiteral("gone.txt"),
                     QStringLiteral(".gitignore")}));
        QVERIFY(git(dir.path(), {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("init")}));
        QVERIFY(QFile::remove(dir.path() + QStringLiteral("/gone.txt")));

        const RepoMap map = RepoMap::build(dir.path());
        QVERIFY2(map.error.isEmpty(), qPrintable(map.error));
        QVERIFY(map.fromGit);
        QVERIFY(!map.truncated);
        QCOMPARE(map.fileCount, 5); // .gitignore, README.md, socket.h, socket.cpp, gen.py
        QVERIFY(map.text.contains(QStringLiteral("from git ls-files")));
        QVERIFY(map.text.contains(QStringLiteral("socket.h: class Socket, fn connectTo")));
        QVERIFY(map.text.contains(QStringLiteral("gen.py: def generate")));
        QVERIFY(map.text.contains(QStringLiteral("net/ (2 files)")));
        QVERIFY(map.text.contains(QStringLiteral("src/ (0 files; 2 below)")));
        for (const char *hidden : {"out.o", "debug.log", ".env", "build/", "gone.txt"})
            QVERIFY2(!map.text.contains(QLatin1String(hidden)), hidden);
    }

    void plainDirectoryIsWalked()
    {
        QTemporaryDir dir;
        writeFile(dir.path(), QStringLiteral("a/one.go"), "package a\nfunc One() {}\n");
        writeFile(dir.path(), QStringLiteral("a/b/two.ts"), "export class Two {}\n");
        writeFile(dir.path(), QStringLiteral("top.txt"), "x");
        const RepoMap map = RepoMap::build(dir.path());
        QVERIFY(!map.fromGit);
        QCOMPARE(map.fileCount, 3);
        QCOMPARE(map.directoryCount, 3);
        QVERIFY(map.text.contains(QStringLiteral("directory walk")));
        QVERIFY(map.text.contains(QStringLiteral("one.go: fn One")));
        QVERIFY(map.text.contains(QStringLiteral("two.ts: class Two")));
        // Tree order: ./ then a/ then its child b/, each indented one level deeper.
        const qsizetype a = map.text.indexOf(QStringLiteral("\n  a/ (1 file; 1 below)\n"));
        const qsizetype b = map.text.indexOf(QStringLiteral("\n    b/ (1 file)\n"));
        QVERIFY2(a >= 0 && b > a, qPrintable(map.text));
    }

    // The agent's worktree may hold a repository it planted, armed to run a command when git looks into
    // it: the map's git listing runs nothing of it (the attack is first shown to be live with plain git).
    void gitListingRunsNothingPlanted_data()
    {
        QTest::addColumn<int>("attack");
        for (const auto &[name, attack] : harness::test::allAttacks())
            QTest::newRow(name) << int(attack);
    }
    void gitListingRunsNothingPlanted()
    {
        QFETCH(int, attack);
        harness::test::HostileTree t {harness::test::Attack(attack)};
        QVERIFY(t.isValid());
        QVERIFY2(t.plainGitRunsIt(), "the attack is not live: plain git did not run the planted command");
        bool fromGit = false;
        QString error;
        const QStringList files = RepoMap::listFiles(t.tree(), 30000, &fromGit, &error);
        QVERIFY2(fromGit, qPrintable(error));
        QVERIFY(files.contains(QStringLiteral("src/work.c")));
        const RepoMap map = RepoMap::build(t.tree());
        QVERIFY(map.text.contains(QStringLiteral("work.c")));
        QVERIFY(!t.tripped());
    }

    void missingFolderIsAnError()
    {
        const RepoMap map = RepoMap::build(QStringLiteral("/nonexistent/harness/repo"));
        QVERIFY(map.error.contains(QStringLiteral("does not exist")));
        QVERIFY(map.text.isEmpty());
    }

    void budgetOnLargeTree_data()
    {
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<bool>("expectFolded");
        QTest::newRow("16 KiB: tree kept, file lists elided") << qint64(16 * 1024) << false;
        QTest::newRow("2 KiB: deep levels folded") << qint64(2 * 1024) << true;
    }
    void budgetOnLargeTree()
    {
        QFETCH(qint64, maxBytes);
        QFETCH(bool, expectFolded);
        RepoMapOptions options;
        options.maxBytes = maxBytes;
        const QString root = largeTree();
        QElapsedTimer timer;
        timer.start();
        const RepoMap map = RepoMap::build(root, options);
        const qint64 ms = timer.elapsed();
        qInfo("repo map of %d files in %lld ms (%lld bytes)", map.fileCount, ms,
              qint64(map.text.toUtf8().size()));
        QCOMPARE(map.fileCount, 5000);
        QVERIFY(map.fromGit);
        QVERIFY(map.truncated);
        QVERIFY2(map.text.toUtf8().size() <= maxBytes, qPrintable(QString::number(map.text.toUtf8().size())));
        QVERIFY(map.text.contains(QStringLiteral("[repo map cut to fit %1 KiB: ").arg(maxBytes / 1024)));
        QVERIFY(map.text.contains(QStringLiteral("mod9/ (0 files; 500 below")));
        QCOMPARE(map.text.contains(QStringLiteral("folded")), expectFolded);
        if (!expectFolded) {
            // Every directory is named, and the first ones listed got their files.
            QVERIFY(map.text.contains(QStringLiteral("  part9/ (50 files)")));
            QVERIFY(map.listedDirectories > 0);
            QVERIFY(map.text.contains(QStringLiteral("file0.h: class C0")));
        } else {
            QVERIFY(map.text.contains(
                    QStringLiteral("mod9/ (0 files; 500 below, 10 folded subdirectories)")));
        }
        QVERIFY(map.elidedDirectories > 0);
        QVERIFY2(ms < 20000, "a 5,000-file repo map must be quick");
    }

    void focusDirectoryComesFirst()
    {
        RepoMapOptions options;
        options.maxBytes = 2 * 1024;
        options.focus = {QStringLiteral("mod7/part3/**")};
        const RepoMap map = RepoMap::build(largeTree(), options);
        QVERIFY(map.text.toUtf8().size() <= options.maxBytes);
        // The focus directory is not folded although its level is, and its files are listed.
        const qsizetype part = map.text.indexOf(QStringLiteral("\n    part3/ (50 files)\n"));
        QVERIFY2(part > map.text.indexOf(
                                QStringLiteral("\n  mod7/ (0 files; 500 below, 9 folded subdirectories)\n")),
                 qPrintable(map.text));
        QVERIFY(map.text.indexOf(QStringLiteral("file0.h, file1.h"), part) > part);
        QVERIFY(!map.text.contains(QStringLiteral("part4/")));
    }

private:
    // 5,000 files: 10 top dirs x 10 subdirs x 50 headers with a class each, in a git work tree.
    QString largeTree()
    {
        if (!m_large) {
            m_large = std::make_unique<QTemporaryDir>();
            for (int a = 0; a < 10; ++a) {
                for (int b = 0; b < 10; ++b) {
                    for (int f = 0; f < 50; ++f) {
                        const QString rel = QStringLiteral("mod%1/part%2/file%3.h").arg(a).arg(b).arg(f);
                        writeFile(m_large->path(), rel,
                                  "#pragma once\nclass C" + QByteArray::number(f) + "\n{\n};\n");
                    }
                }
            }
            git(m_large->path(), {QStringLiteral("init"), QStringLiteral("-q")});
        }
        return m_large->path();
    }
    std::unique_ptr<QTemporaryDir> m_large;
};

QTEST_GUILESS_MAIN(TestRepoMap)
#include "tst_repomap.moc"
