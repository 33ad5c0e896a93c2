// AgentsMap: discovery from the root down to the scope, overrides, ordering, the size cap, nearestFor.
#include "knowledge/agentsmap.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

void writeFile(const QString &root, const QString &rel, const QByteArray &content)
{
    const QString path = root + QLatin1Char('/') + rel;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(content);
}

} // namespace

class TestAgentsMap : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString root() const { return m_dir.path(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeFile(root(), QStringLiteral("AGENTS.md"),
                  "Root: run `make test` before finishing.\nIndent: tabs.\n");
        writeFile(root(), QStringLiteral("src/AGENTS.md"), "Src: C++20 only.\n");
        writeFile(root(), QStringLiteral("src/net/AGENTS.md"), "Net (plain, shadowed by the override).\n");
        writeFile(root(), QStringLiteral("src/net/AGENTS.override.md"), "Net override: Indent: 4 spaces.\n");
        writeFile(root(), QStringLiteral("src/net/socket.cpp"), "int x;\n");
        writeFile(root(), QStringLiteral("src/ui/AGENTS.md"), "UI: widgets only.\n");
        writeFile(root(), QStringLiteral("src/ui/view.cpp"), "int y;\n");
        writeFile(root(), QStringLiteral("src/blank/AGENTS.override.md"), "  \n\n");
        writeFile(root(), QStringLiteral("src/blank/AGENTS.md"), "Blank dir: the real file.\n");
        writeFile(root(), QStringLiteral("docs/guide.md"), "no agents file here\n");
        writeFile(root(), QStringLiteral("src/net/tls/impl.cpp"), "int z;\n");
    }

    void discover_data()
    {
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<QStringList>("files");
        const QString rootFile = QStringLiteral("AGENTS.md");
        const QString srcFile = QStringLiteral("src/AGENTS.md");
        const QString netOverride = QStringLiteral("src/net/AGENTS.override.md");
        const QString uiFile = QStringLiteral("src/ui/AGENTS.md");
        QTest::newRow("no scope: root only") << QStringList() << QStringList {rootFile};
        QTest::newRow("glob ** scopes to its directory")
                << QStringList {QStringLiteral("src/net/**")} << QStringList {rootFile, srcFile, netOverride};
        QTest::newRow("glob with file pattern")
                << QStringList {QStringLiteral("src/ui/*.cpp")} << QStringList {rootFile, srcFile, uiFile};
        QTest::newRow("plain file path")
                << QStringList {QStringLiteral("src/ui/view.cpp")} << QStringList {rootFile, srcFile, uiFile};
        QTest::newRow("deeper dir without its own file") << QStringList {QStringLiteral("src/net/tls/")}
                                                         << QStringList {rootFile, srcFile, netOverride};
        QTest::newRow("two scopes: union, each dir once, root first")
                << QStringList {QStringLiteral("src/ui/**"), QStringLiteral("src/net/**"),
                                QStringLiteral("src/**")}
                << QStringList {rootFile, srcFile, netOverride, uiFile};
        QTest::newRow("blank override falls back to AGENTS.md")
                << QStringList {QStringLiteral("src/blank/**")}
                << QStringList {rootFile, srcFile, QStringLiteral("src/blank/AGENTS.md")};
        QTest::newRow("directory that does not exist yet")
                << QStringList {QStringLiteral("src/newmodule/**")} << QStringList {rootFile, srcFile};
        QTest::newRow("scope escaping the root is ignored")
                << QStringList {QStringLiteral("../elsewhere/**")} << QStringList {rootFile};
        QTest::newRow("directory without any file below root")
                << QStringList {QStringLiteral("docs/*.md")} << QStringList {rootFile};
    }
    void discover()
    {
        QFETCH(QStringList, scopes);
        QFETCH(QStringList, files);
        const AgentsMap map = AgentsMap::discover(root(), scopes);
        QCOMPARE(map.files, files);
        QVERIFY(!map.truncated);
        // Each file appears under a header naming its path, in the same order.
        qsizetype last = -1;
        for (const QString &f : files) {
            const qsizetype at = map.text.indexOf(QStringLiteral("\n### ") + f + QLatin1Char('\n'));
            QVERIFY2(at > last, qPrintable(f));
            last = at;
        }
    }

    void absoluteScopeInsideRoot()
    {
        const AgentsMap map = AgentsMap::discover(root(), {root() + QStringLiteral("/src/ui/view.cpp")});
        QCOMPARE(map.files,
                 (QStringList {QStringLiteral("AGENTS.md"), QStringLiteral("src/AGENTS.md"),
                               QStringLiteral("src/ui/AGENTS.md")}));
    }

    void nearestWinsComesLast()
    {
        const AgentsMap map = AgentsMap::discover(root(), {QStringLiteral("src/net/**")});
        // The preamble tells the agent how to resolve disagreements.
        QVERIFY(map.text.startsWith(QStringLiteral("AGENTS.md map: 3 files, root first.")));
        QVERIFY(map.text.contains(QStringLiteral("nearest to the code you change wins")));
        // Root says tabs, the net override says 4 spaces: the override must come later.
        const qsizetype rootRule = map.text.indexOf(QStringLiteral("Indent: tabs."));
        const qsizetype netRule = map.text.indexOf(QStringLiteral("Indent: 4 spaces."));
        QVERIFY(rootRule >= 0 && netRule > rootRule);
        // The shadowed plain AGENTS.md in the same directory is not included.
        QVERIFY(!map.text.contains(QStringLiteral("shadowed by the override")));
    }

    void truncationOnUtf8Boundary_data()
    {
        QTest::addColumn<qint64>("maxBytes");
        for (qint64 n : {400, 401, 402, 403, 517, 700, 1000, 1501})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void truncationOnUtf8Boundary()
    {
        QFETCH(qint64, maxBytes);
        QTemporaryDir dir;
        QByteArray big;
        for (int i = 0; i < 200; ++i)
            big += "é€\xF0\x9F\x98\x80"; // 2-, 3- and 4-byte UTF-8 sequences
        writeFile(dir.path(), QStringLiteral("AGENTS.md"), "Root: short rules.\n");
        writeFile(dir.path(), QStringLiteral("a/AGENTS.md"), big + '\n');
        writeFile(dir.path(), QStringLiteral("a/b/AGENTS.md"), "Leaf rules.\n");

        const AgentsMap whole = AgentsMap::discover(dir.path(), {QStringLiteral("a/b/**")}, 1024 * 1024);
        QVERIFY(!whole.truncated);
        const AgentsMap map = AgentsMap::discover(dir.path(), {QStringLiteral("a/b/**")}, maxBytes);
        QVERIFY(map.truncated);
        QVERIFY2(map.text.toUtf8().size() <= maxBytes, qPrintable(QString::number(map.text.toUtf8().size())));
        QVERIFY(!map.text.contains(QChar::ReplacementCharacter));
        const qsizetype note = map.text.indexOf(QStringLiteral("\n[AGENTS.md map truncated at "));
        QVERIFY(note > 0);
        QVERIFY(whole.text.startsWith(map.text.left(note)));
        QVERIFY(map.text.contains(QStringLiteral("left out: a/b/AGENTS.md")));
        QVERIFY(map.cutFiles.contains(QStringLiteral("a/b/AGENTS.md")));
        QCOMPARE(map.files.size(), 3);
    }

    void truncationNoteNamesKiB()
    {
        QTemporaryDir dir;
        writeFile(dir.path(), QStringLiteral("AGENTS.md"), QByteArray(40 * 1024, 'x') + '\n');
        const AgentsMap map = AgentsMap::discover(dir.path(), {});
        QVERIFY(map.truncated);
        QVERIFY(map.text.toUtf8().size() <= 32 * 1024);
        QVERIFY(map.text.contains(
                QStringLiteral("[AGENTS.md map truncated at 32 KiB: AGENTS.md is cut short;")));
    }

    void noFilesGivesEmptyMap()
    {
        QTemporaryDir dir;
        writeFile(dir.path(), QStringLiteral("src/main.cpp"), "int main() {}\n");
        const AgentsMap map = AgentsMap::discover(dir.path(), {QStringLiteral("src/**")});
        QVERIFY(map.text.isEmpty());
        QVERIFY(map.files.isEmpty());
    }

    void symlinkOutsideRootIgnored()
    {
        QTemporaryDir outside;
        writeFile(outside.path(), QStringLiteral("secret.md"), "outside text\n");
        QTemporaryDir dir;
        writeFile(dir.path(), QStringLiteral("AGENTS.md"), "root\n");
        QVERIFY(QDir().mkpath(dir.path() + QStringLiteral("/sub")));
        QVERIFY(QFile::link(outside.path() + QStringLiteral("/secret.md"),
                            dir.path() + QStringLiteral("/sub/AGENTS.md")));
        const AgentsMap map = AgentsMap::discover(dir.path(), {QStringLiteral("sub/**")});
        QCOMPARE(map.files, QStringList {QStringLiteral("AGENTS.md")});
        QVERIFY(!map.text.contains(QStringLiteral("outside text")));
    }

    void nearestFor_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("governing");
        QTest::newRow("root file") << QStringLiteral("README.md") << QStringLiteral("AGENTS.md");
        QTest::newRow("override in its dir")
                << QStringLiteral("src/net/socket.cpp") << QStringLiteral("src/net/AGENTS.override.md");
        QTest::newRow("inherits from parent")
                << QStringLiteral("src/net/tls/impl.cpp") << QStringLiteral("src/net/AGENTS.override.md");
        QTest::newRow("sibling dir") << QStringLiteral("src/ui/view.cpp")
                                     << QStringLiteral("src/ui/AGENTS.md");
        QTest::newRow("dir without file") << QStringLiteral("docs/guide.md") << QStringLiteral("AGENTS.md");
        QTest::newRow("file not yet created")
                << QStringLiteral("src/new/thing.cpp") << QStringLiteral("src/AGENTS.md");
        QTest::newRow("outside the root") << QStringLiteral("../other/file.cpp") << QString();
    }
    void nearestFor()
    {
        QFETCH(QString, file);
        QFETCH(QString, governing);
        const AgentsMap map = AgentsMap::discover(root(), {});
        QCOMPARE(map.nearestFor(file), governing);
        if (!governing.isEmpty())
            QCOMPARE(map.nearestFor(root() + QLatin1Char('/') + file), governing);
    }
};

QTEST_GUILESS_MAIN(TestAgentsMap)
#include "tst_agentsmap.moc"
