// Tests for UnifiedDiff: strict parsing (structure, line numbers, errors naming the line) and exact
// application, including diffs produced by the real `git diff`.
#include "runtime/unifieddiff.h"
#include "runtimetesthelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

namespace {
const char *kTwoFiles = "diff --git a/src/a.c b/src/a.c\n"
                        "index 1111111..2222222 100644\n"
                        "--- a/src/a.c\n"
                        "+++ b/src/a.c\n"
                        "@@ -1,3 +1,4 @@ int main\n"
                        " one\n"
                        "-two\n"
                        "+TWO\n"
                        "+two and a half\n"
                        " three\n"
                        "diff --git a/new.txt b/new.txt\n"
                        "new file mode 100644\n"
                        "--- /dev/null\n"
                        "+++ b/new.txt\n"
                        "@@ -0,0 +1,2 @@\n"
                        "+hello\n"
                        "+world\n"
                        "\\ No newline at end of file\n";
} // namespace

class TestUnifiedDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesStructureAndLineNumbers()
    {
        auto d = UnifiedDiff::parse(QString::fromLatin1(kTwoFiles));
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        QCOMPARE(d->files().size(), 2);
        const FileDiff &a = d->files().at(0);
        QCOMPARE(a.oldPath, QStringLiteral("src/a.c"));
        QCOMPARE(a.newPath, QStringLiteral("src/a.c"));
        QCOMPARE(a.hunks.size(), 1);
        const DiffHunk &h = a.hunks.first();
        QCOMPARE(h.section, QStringLiteral("int main"));
        QCOMPARE(h.lines.size(), 5);
        QCOMPARE(h.lines.at(1).kind, DiffLine::Kind::Removed);
        QCOMPARE(h.lines.at(1).oldLine, 2);
        QCOMPARE(h.lines.at(1).newLine, 0);
        QCOMPARE(h.lines.at(3).kind, DiffLine::Kind::Added);
        QCOMPARE(h.lines.at(3).newLine, 3);
        QCOMPARE(h.lines.at(4).oldLine, 3);
        QCOMPARE(h.lines.at(4).newLine, 4);
        QCOMPARE(a.added(), 2);
        QCOMPARE(a.removed(), 1);
        const FileDiff &n = d->files().at(1);
        QVERIFY(n.isNew());
        QCOMPARE(n.path(), QStringLiteral("new.txt"));
        QVERIFY(n.hunks.first().lines.last().noNewlineAtEnd);
    }
    void appliesExactly()
    {
        auto d = UnifiedDiff::parse(QString::fromLatin1(kTwoFiles));
        QVERIFY(d.ok());
        auto a = UnifiedDiff::apply(d->files().at(0),
                                    TextSnapshot::fromText(QStringLiteral("one\ntwo\nthree\nfour\n")));
        QVERIFY2(a.ok(), qPrintable(a.errorText()));
        QCOMPARE(a->toText(), QStringLiteral("one\nTWO\ntwo and a half\nthree\nfour\n"));
        auto n = UnifiedDiff::apply(d->files().at(1), TextSnapshot());
        QVERIFY(n.ok());
        QCOMPARE(n->toText(), QStringLiteral("hello\nworld"));
    }
    void refusesMismatchedContext()
    {
        auto d = UnifiedDiff::parse(QString::fromLatin1(kTwoFiles));
        auto a = UnifiedDiff::apply(d->files().at(0),
                                    TextSnapshot::fromText(QStringLiteral("one\nzwei\nthree\n")));
        QVERIFY(!a.ok());
        QVERIFY(a.errorText().contains(QStringLiteral("line 2")));
        QCOMPARE(a.error().field, QStringLiteral("src/a.c"));
    }
    void errors_data()
    {
        QTest::addColumn<QString>("diff");
        QTest::addColumn<QString>("where");
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("prose") << "Here is the patch:\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"
                               << "line 1";
        QTest::newRow("no plus header") << "--- a/x\n@@ -1 +1 @@\n"
                                        << "line 2";
        QTest::newRow("bad hunk header") << "--- a/x\n+++ b/x\n@@ -1,a +1 @@\n-a\n+b\n"
                                         << "line 3";
        QTest::newRow("count too small") << "--- a/x\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n-b\n+c\n"
                                         << "line 5";
        QTest::newRow("hunk ends early") << "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n"
                                         << "line 5";
        QTest::newRow("bad line prefix") << "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n*b\n"
                                         << "line 5";
        QTest::newRow("no hunks") << "--- a/x\n+++ b/x\n"
                                  << "line 3";
        QTest::newRow("overlapping hunks")
                << "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -2,1 +2,1 @@\n-b\n+d\n"
                << "line 7";
        QTest::newRow("binary") << "diff --git a/x b/x\nBinary files a/x and b/x differ\n"
                                << "line 2";
        QTest::newRow("both dev null") << "--- /dev/null\n+++ /dev/null\n"
                                       << "line 1";
        QTest::newRow("new file with old lines") << "--- /dev/null\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n+b\n"
                                                 << "line 6";
    }
    void errors()
    {
        QFETCH(QString, diff);
        QFETCH(QString, where);
        auto d = UnifiedDiff::parse(diff);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().field, where);
    }
    void emptyLineCountsAsEmptyContext()
    {
        auto d = UnifiedDiff::parse(QStringLiteral("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n"));
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        auto a = UnifiedDiff::apply(d->files().first(), TextSnapshot::fromText(QStringLiteral("a\n\nc\n")));
        QVERIFY(a.ok());
        QCOMPARE(a->toText(), QStringLiteral("a\n\nC\n"));
    }
    void roundTripsRealGitDiff()
    {
        // A real `git diff` of a multi-hunk change, applied to the old file, gives the new file.
        QTemporaryDir dir;
        makeRepo(dir.path());
        QString before;
        for (int i = 1; i <= 60; ++i)
            before += QStringLiteral("row %1\n").arg(i);
        writeFile(dir.path() + QStringLiteral("/data.txt"), before.toUtf8());
        git(dir.path(), {QStringLiteral("add"), QStringLiteral("data.txt")});
        git(dir.path(), {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("data")});
        QString after = before;
        after.replace(QStringLiteral("row 5\n"), QStringLiteral("row five\nrow 5b\n"));
        after.replace(QStringLiteral("row 40\n"), QString());
        after += QStringLiteral("tail without newline");
        writeFile(dir.path() + QStringLiteral("/data.txt"), after.toUtf8());
        const QString diffText =
                git(dir.path(), {QStringLiteral("diff"), QStringLiteral("--no-color")}) + QLatin1Char('\n');
        auto d = UnifiedDiff::parse(diffText);
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        QCOMPARE(d->files().size(), 1);
        QVERIFY(d->files().first().hunks.size() >= 2);
        auto applied = UnifiedDiff::apply(d->files().first(), TextSnapshot::fromText(before));
        QVERIFY2(applied.ok(), qPrintable(applied.errorText()));
        QCOMPARE(applied->toText(), after);
    }
};

QTEST_GUILESS_MAIN(TestUnifiedDiff)
#include "tst_unifieddiff.moc"
