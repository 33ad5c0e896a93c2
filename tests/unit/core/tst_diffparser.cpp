// DiffParser: what real `git diff` prints for every kind of change (made in a temporary repository,
// names an attacker would choose included) read into one model, hand-written diffs (plain `diff -u`,
// omitted counts, /dev/null sides), and malformed or hostile input refused with the line it is about.
#include "core/diff/diffparser.h"
#include "core/diff/gitpath.h"
#include "diffrepository.h"

#include <QTest>

using namespace harness;
using namespace harness::test;

namespace {

const DiffFile &fileNamed(const Diff &diff, const QString &path)
{
    const int index = diff.fileIndex(path);
    if (index < 0)
        qFatal("no file %s in the diff", qPrintable(path));
    return diff.files[size_t(index)];
}

QStringList addedLines(const Diff &diff, const DiffFile &file)
{
    QStringList out;
    for (const DiffLine &l : diff.linesOf(file))
        if (l.kind == DiffLineKind::Added)
            out << QStringLiteral("%1:%2").arg(l.newLine).arg(diff.lineText(l));
    return out;
}

} // namespace

class TestDiffParser : public QObject
{
    Q_OBJECT
private:
    const DiffRepository m_repo; // made once, for every test function

private Q_SLOTS:
    void readsEveryKindOfChangeGitPrints()
    {
        auto parsed = DiffParser::parse(m_repo.diff());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorText()));
        const Diff &diff = *parsed;
        QCOMPARE(diff.files.size(), size_t(14));

        const DiffFile &a = fileNamed(diff, QStringLiteral("a.cpp"));
        QCOMPARE(a.status, DiffFileStatus::Modified);
        QCOMPARE(a.hunkCount, 2);
        QCOMPARE(a.oldMode, QStringLiteral("100644")); // from the index line: the mode did not change
        QCOMPARE(a.newMode, a.oldMode);
        QCOMPARE(a.oldBlob.size(), qsizetype(7));
        QCOMPARE(diff.hunksOf(a)[1].section, QStringLiteral("int main()"));
        QCOMPARE(addedLines(diff, a),
                 (QStringList {QStringLiteral("3:    return 1;"), QStringLiteral("13:// thirteen"),
                               QStringLiteral("15:// 15")}));
        const int aIndex = diff.fileIndex(QStringLiteral("a.cpp"));
        const int removed = diff.findLine(aIndex, 3, false);
        QCOMPARE(diff.lineText(removed), QStringLiteral("    return 0;"));
        QCOMPARE(diff.lines[size_t(removed)].partner, diff.findLine(aIndex, 3, true)); // for the word diff
        QCOMPARE(a.added, 3);
        QCOMPARE(a.removed, 2);

        const int crlf = diff.fileIndex(QStringLiteral("crlf.txt"));
        const int beta = diff.findLine(crlf, 2, true);
        QCOMPARE(diff.lineText(beta), QStringLiteral("BETA")); // the \r is a flag, not text
        QVERIFY(diff.lines[size_t(beta)].flags & DiffLine::CarriageReturn);

        bool invalid = false;
        const QString latin =
                diff.lineText(diff.findLine(diff.fileIndex(QStringLiteral("latin1.txt")), 1), &invalid);
        QVERIFY(invalid);
        QVERIFY(latin.contains(QChar(0xfffd)));
        QVERIFY(latin.endsWith(QStringLiteral(" au lait")));

        const int nonl = diff.fileIndex(QStringLiteral("nonl.txt"));
        QVERIFY(diff.lines[size_t(diff.findLine(nonl, 2, false))].flags & DiffLine::NoNewlineAtEnd);
        QVERIFY(diff.lines[size_t(diff.findLine(nonl, 2, true))].flags & DiffLine::NoNewlineAtEnd);

        const DiffFile &renamed = fileNamed(diff, DiffRepository::spacedName());
        QCOMPARE(renamed.status, DiffFileStatus::Renamed);
        QCOMPARE(renamed.oldPath, QStringLiteral("old/name.txt"));
        QCOMPARE(renamed.newPath, DiffRepository::spacedName()); // git ended it with a tab on "+++"
        QVERIFY(renamed.similarity >= 90);
        QCOMPARE(renamed.added, 1);

        const DiffFile &script = fileNamed(diff, QStringLiteral("script.sh"));
        QVERIFY(script.modeChanged());
        QCOMPARE(script.oldMode, QStringLiteral("100644"));
        QCOMPARE(script.newMode, QStringLiteral("100755"));
        QCOMPARE(script.hunkCount, 0);
        const DiffFile &tool = fileNamed(diff, QStringLiteral("tool.sh"));
        QVERIFY(tool.modeChanged());
        QCOMPARE(tool.added, 1);

        const DiffFile &gone = fileNamed(diff, QStringLiteral("gone.txt"));
        QCOMPARE(gone.status, DiffFileStatus::Deleted);
        QVERIFY(gone.newPath.isEmpty());
        QCOMPARE(gone.oldMode, QStringLiteral("100644"));
        QCOMPARE(gone.removed, 1);

        const DiffFile &image = fileNamed(diff, QStringLiteral("image.bin"));
        QVERIFY(image.binary);
        QCOMPARE(image.status, DiffFileStatus::Modified);
        QCOMPARE(image.hunkCount, 0);
        const DiffFile &png = fileNamed(diff, QStringLiteral("added.png"));
        QVERIFY(png.binary);
        QCOMPARE(png.status, DiffFileStatus::Added);
        QVERIFY(png.oldPath.isEmpty());

        const DiffFile &empty = fileNamed(diff, QStringLiteral("empty.txt"));
        QCOMPARE(empty.status, DiffFileStatus::Added);
        QCOMPARE(empty.newMode, QStringLiteral("100644"));
        QCOMPARE(empty.hunkCount, 0);

        // Quoted with octal escapes by git; decoded once, here.
        const DiffFile &hostile = fileNamed(diff, DiffRepository::hostileName());
        QCOMPARE(hostile.status, DiffFileStatus::Modified);
        QCOMPARE(addedLines(diff, hostile), QStringList {QStringLiteral("1:y")});
        QCOMPARE(fileNamed(diff, QStringLiteral("añadido.txt")).status, DiffFileStatus::Added);
        QCOMPARE(diff.totalAdded, 40); // copy.c is a new file of 30 lines without -C
    }

    void quotePathOffNamesTheSameFiles()
    {
        // core.quotePath=false prints non-ASCII bytes bare; the names must not depend on it.
        auto quoted = DiffParser::parse(m_repo.diff({}, true));
        auto bare = DiffParser::parse(m_repo.diff({}, false));
        QVERIFY2(quoted.ok() && bare.ok(), qPrintable(quoted.errorText() + bare.errorText()));
        QStringList quotedNames, bareNames;
        for (const DiffFile &f : quoted->files)
            quotedNames << f.path();
        for (const DiffFile &f : bare->files)
            bareNames << f.path();
        QCOMPARE(bareNames, quotedNames);
        QVERIFY(bareNames.contains(QStringLiteral("añadido.txt")));
        QVERIFY(m_repo.diff({}, false).contains("añadido.txt"));
    }

    void copiesAndBinaryPatches()
    {
        auto copies = DiffParser::parse(m_repo.diff({QStringLiteral("-C"), QStringLiteral("-C")}));
        QVERIFY2(copies.ok(), qPrintable(copies.errorText()));
        const DiffFile &copy = fileNamed(*copies, QStringLiteral("copy.c"));
        QCOMPARE(copy.status, DiffFileStatus::Copied);
        QCOMPARE(copy.oldPath, QStringLiteral("source.c"));
        QCOMPARE(copy.similarity, 100);

        auto binary = DiffParser::parse(m_repo.diff({QStringLiteral("--binary")}));
        QVERIFY2(binary.ok(), qPrintable(binary.errorText()));
        const DiffFile &image = fileNamed(*binary, QStringLiteral("image.bin"));
        QVERIFY(image.binary);
        QVERIFY(image.binaryPatch.startsWith("literal ") || image.binaryPatch.startsWith("delta "));
        QCOMPARE(image.oldBlob.size(), qsizetype(40)); // --binary prints whole object ids
        QCOMPARE(binary->files.size(), size_t(14));
    }

    void handWrittenDiffs()
    {
        // Plain `diff -u` (timestamps after a tab, no a/ b/ prefix), omitted counts, a pure insertion.
        auto plain = DiffParser::parse("--- a.c\t2026-01-01\n+++ a.c\t2026-01-02\n@@ -1 +1 @@\n-x\n+y\n"
                                       "--- b.c\n+++ b.c\n@@ -2,0 +3 @@\n+z\n");
        QVERIFY2(plain.ok(), qPrintable(plain.errorText()));
        QCOMPARE(plain->files.size(), size_t(2));
        QCOMPARE(plain->files[0].path(), QStringLiteral("a.c"));
        QCOMPARE(plain->files[0].status, DiffFileStatus::Modified);
        QCOMPARE(plain->hunks[0].oldCount, 1);
        QCOMPARE(addedLines(*plain, plain->files[1]), QStringList {QStringLiteral("3:z")});

        // /dev/null sides without git's mode lines; "--- " inside a hunk is a removed line, not a header;
        // an empty line inside a hunk is an empty context line.
        auto sides =
                DiffParser::parse("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+--- not a header\n"
                                  "--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n--- bye\n"
                                  "--- a/e.txt\n+++ b/e.txt\n@@ -1,2 +1,2 @@\n\n-a\n+b\n");
        QVERIFY2(sides.ok(), qPrintable(sides.errorText()));
        QCOMPARE(sides->files[0].status, DiffFileStatus::Added);
        QCOMPARE(sides->files[0].newPath, QStringLiteral("new.txt"));
        QCOMPARE(addedLines(*sides, sides->files[0]).at(1), QStringLiteral("2:--- not a header"));
        QCOMPARE(sides->files[1].status, DiffFileStatus::Deleted);
        QCOMPARE(sides->files[1].path(), QStringLiteral("old.txt"));
        QCOMPARE(sides->lineText(2), QStringLiteral("-- bye"));
        QCOMPARE(sides->lines[3].length, 0u);

        // Names differing without rename lines are a rename; rename lines name both sides.
        auto moved = DiffParser::parse(
                "diff --git a/x.h b/y.h\nsimilarity index 100%\nrename from x.h\nrename to y.h\n");
        QVERIFY2(moved.ok(), qPrintable(moved.errorText()));
        QCOMPARE(moved->files[0].status, DiffFileStatus::Renamed);
        QCOMPARE(moved->files[0].oldPath, QStringLiteral("x.h"));
        QCOMPARE(moved->files[0].newPath, QStringLiteral("y.h"));

        QVERIFY(DiffParser::parse(QByteArray())->files.empty());
        QVERIFY(DiffParser::parse("\n\n")->files.empty());
    }

    void refusesMalformedAndHostileInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("prose first") << QByteArray("Here is the patch:\n--- a/x\n+++ b/x\n") << "line 1"
                                     << "expected a file header";
        QTest::newRow("bad hunk header")
                << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +x @@\n") << "line 4"
                << "malformed hunk header";
        QTest::newRow("ends inside a hunk")
                << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n") << "line 6"
                << "ends inside a hunk";
        QTest::newRow("too many added lines")
                << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+c\n") << "line 7"
                << "unexpected line";
        QTest::newRow("bad marker") << QByteArray("--- a/x\n+++ b/x\n@@ -1 +1 @@\n*a\n") << "line 4"
                                    << "must start with";
        QTest::newRow("no plus line") << QByteArray("--- a/x\n@@ -1 +1 @@\n") << "line 2"
                                      << "\"+++ \"";
        QTest::newRow("no hunk") << QByteArray("--- a/x\n+++ b/x\n") << "line 3"
                                 << "no hunk";
        QTest::newRow("hunks out of order")
                << QByteArray("--- a/x\n+++ b/x\n@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-c\n+d\n") << "line 6"
                << "out of order";
        QTest::newRow("line zero") << QByteArray("--- a/x\n+++ b/x\n@@ -0,1 +1 @@\n-a\n+b\n") << "line 3"
                                   << "start at 1";
        QTest::newRow("added file with old lines")
                << QByteArray("--- /dev/null\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n") << "line 3"
                << "added file";
        QTest::newRow("both sides /dev/null") << QByteArray("--- /dev/null\n+++ /dev/null\n") << "line 1"
                                              << "/dev/null";
        QTest::newRow("marker outside a hunk") << QByteArray("\\ No newline at end of file\n") << "line 1"
                                               << "must follow";
        // Names: one file must have one name, however the header lines spell it.
        QTest::newRow("git line and --- disagree")
                << QByteArray("diff --git a/x b/x\n--- a/secret\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n") << "line 1"
                << "different files";
        QTest::newRow("rename and +++ disagree")
                << QByteArray(
                           "diff --git a/x b/y\nrename from x\nrename to y\n--- a/x\n+++ b/z\n@@ -1 +1 @@\n"
                           "-a\n+b\n")
                << "line 1"
                << "different files";
        QTest::newRow("unknown escape")
                << QByteArray("--- \"a/\\q\"\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n") << "line 1"
                << "unknown escape";
        QTest::newRow("NUL in a name")
                << QByteArray("--- \"a/x\\000y\"\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n") << "line 1"
                << "NUL";
        QTest::newRow("unclosed quote") << QByteArray("diff --git \"a/x b/x\nindex 1..2 100644\n") << "line 1"
                                        << "malformed";
        QTest::newRow("bad mode") << QByteArray("diff --git a/x b/x\nold mode 100644\nnew mode 12;rm\n")
                                  << "line 3"
                                  << "malformed mode";
        QTest::newRow("old mode alone") << QByteArray("diff --git a/x b/x\nold mode 100644\n") << "line 1"
                                        << "come together";
        QTest::newRow("added and deleted")
                << QByteArray("diff --git a/x b/x\nnew file mode 100644\ndeleted file mode 100644\n")
                << "line 1"
                << "contradict";
    }

    void refusesMalformedAndHostileInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, line);
        QFETCH(QString, message);
        const auto result = DiffParser::parse(input);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().field, line);
        QVERIFY2(result.error().message.contains(message), qPrintable(result.errorText()));
    }

    void gitPathQuoting_data()
    {
        QTest::addColumn<QByteArray>("quoted");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QByteArray("a/b c.txt") << QStringLiteral("a/b c.txt");
        QTest::newRow("octal utf8") << QByteArray("\"a/\\303\\244.txt\"") << QStringLiteral("a/ä.txt");
        QTest::newRow("escapes") << QByteArray("\"x\\\"y\\\\z\\t\\n\\a\\b\\f\\v\\r\"")
                                 << QStringLiteral("x\"y\\z\t\n\a\b\f\v\r");
        QTest::newRow("control byte") << QByteArray("\"\\001\\177\"") << QStringLiteral("\x01\x7f");
    }

    void gitPathQuoting()
    {
        QFETCH(QByteArray, quoted);
        QFETCH(QString, path);
        QCOMPARE(GitPath::unquote(quoted).value(), path);
        QCOMPARE(GitPath::quote(path), quoted); // the way git prints it with core.quotePath on
    }

    void progressCanCancel()
    {
        QByteArray text = "--- a/x\n+++ b/x\n@@ -1,40000 +1,40000 @@\n";
        for (int i = 0; i < 40000; ++i)
            text += " line\n";
        int calls = 0;
        const auto result = DiffParser::parse(text, [&calls](qint64 done, qint64 total) {
            ++calls;
            return done < total / 2;
        });
        QVERIFY(!result.ok());
        QVERIFY(result.errorText().contains(QStringLiteral("cancelled")));
        QVERIFY(calls >= 2);
    }
};

QTEST_GUILESS_MAIN(TestDiffParser)
#include "tst_diffparser.moc"
