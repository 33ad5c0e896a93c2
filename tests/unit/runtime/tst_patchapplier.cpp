// Tests for PatchApplier: what apply_patch refuses of a patch (errors name the line or the file) and
// exact application, including diffs produced by the real `git diff`.
#include "runtime/patchapplier.h"
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

class TestPatchApplier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesExactly()
    {
        auto d = PatchApplier::read(QString::fromLatin1(kTwoFiles));
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        QCOMPARE(d->files.size(), size_t(2));
        QVERIFY(d->files.at(1).isAdded());
        auto a = PatchApplier::apply(*d, d->files.at(0),
                                     TextSnapshot::fromText(QStringLiteral("one\ntwo\nthree\nfour\n")));
        QVERIFY2(a.ok(), qPrintable(a.errorText()));
        QCOMPARE(a->toText(), QStringLiteral("one\nTWO\ntwo and a half\nthree\nfour\n"));
        auto n = PatchApplier::apply(*d, d->files.at(1), TextSnapshot());
        QVERIFY(n.ok());
        QCOMPARE(n->toText(), QStringLiteral("hello\nworld"));
    }
    void refusesMismatchedContext()
    {
        auto d = PatchApplier::read(QString::fromLatin1(kTwoFiles));
        QVERIFY(d.ok());
        auto a = PatchApplier::apply(*d, d->files.at(0),
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
        QTest::newRow("mode change only") << "diff --git a/x b/x\nold mode 100644\nnew mode 100755\n"
                                          << "x";
        QTest::newRow("copy") << "diff --git a/x b/y\nsimilarity index 100%\ncopy from x\ncopy to y\n"
                              << "y";
        QTest::newRow("overlapping hunks")
                << "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -2,1 +2,1 @@\n-b\n+d\n"
                << "line 7";
        QTest::newRow("binary") << "diff --git a/x b/x\nBinary files a/x and b/x differ\n"
                                << "x";
        QTest::newRow("both dev null") << "--- /dev/null\n+++ /dev/null\n"
                                       << "line 1";
        QTest::newRow("new file with old lines") << "--- /dev/null\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n+b\n"
                                                 << "line 3";
        QTest::newRow("new file in two hunks")
                << "--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+a\n@@ -0,0 +2 @@\n+b\n"
                << "x";
    }
    void errors()
    {
        QFETCH(QString, diff);
        QFETCH(QString, where);
        auto d = PatchApplier::read(diff);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().field, where);
    }
    void emptyLineCountsAsEmptyContext()
    {
        auto d = PatchApplier::read(QStringLiteral("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n"));
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        auto a =
                PatchApplier::apply(*d, d->files.front(), TextSnapshot::fromText(QStringLiteral("a\n\nc\n")));
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
        auto d = PatchApplier::read(diffText);
        QVERIFY2(d.ok(), qPrintable(d.errorText()));
        QCOMPARE(d->files.size(), size_t(1));
        QVERIFY(d->files.front().hunkCount >= 2);
        auto applied = PatchApplier::apply(*d, d->files.front(), TextSnapshot::fromText(before));
        QVERIFY2(applied.ok(), qPrintable(applied.errorText()));
        QCOMPARE(applied->toText(), after);
    }
};

QTEST_GUILESS_MAIN(TestPatchApplier)
#include "tst_patchapplier.moc"
