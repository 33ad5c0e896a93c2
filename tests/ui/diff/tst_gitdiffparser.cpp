// Tests GitDiffParser on what real repositories produce: binary files, CRLF, invalid UTF-8, missing final
// newlines, renames with changes, mode changes, deletions, unusual paths, and malformed input.
#include "ui/diff/repofixture.h"

#include "diff/diffloader.h"
#include "diff/gitdiffparser.h"

#include <QtTest>

using namespace harness::ui;

class TestGitDiffParser : public QObject
{
    Q_OBJECT

private:
    static DiffDocument load(RepoFixture &repo, const QString &from, const QString &to = {})
    {
        DiffRequest request;
        request.repository = repo.path();
        request.from = from;
        request.to = to;
        auto result = DiffLoader::loadBlocking(request);
        if (!result) {
            qWarning() << result.errorText();
            return {};
        }
        return *result->document;
    }

private Q_SLOTS:
    void modifiedFileHasLineNumbersAndCounts()
    {
        RepoFixture repo;
        repo.write(QStringLiteral("a.cpp"), "one\ntwo\nthree\nfour\n");
        const QString base = repo.commitAll(QStringLiteral("base"));
        repo.write(QStringLiteral("a.cpp"), "one\nTWO\nthree\nfour\nfive\n");
        const QString head = repo.commitAll(QStringLiteral("change"));
        const DiffDocument doc = load(repo, base, head);
        QCOMPARE(doc.files.size(), size_t(1));
        const DiffFile &f = doc.files[0];
        QCOMPARE(f.path(), QStringLiteral("a.cpp"));
        QCOMPARE(f.status, DiffFileStatus::Modified);
        QCOMPARE(f.added, 2);
        QCOMPARE(f.removed, 1);
        const int two = doc.findLine(0, 2, true);
        QVERIFY(two >= 0);
        QCOMPARE(doc.lineText(two), QStringLiteral("TWO"));
        QCOMPARE(doc.lines[size_t(two)].kind, DiffLineKind::Added);
        const int old = doc.findLine(0, 2, false);
        QCOMPARE(doc.lineText(old), QStringLiteral("two"));
        QCOMPARE(doc.lines[size_t(old)].partner, two); // paired for word-level highlighting
        QCOMPARE(doc.lineText(doc.findLine(0, 5, true)), QStringLiteral("five"));
    }

    void unusualFiles()
    {
        RepoFixture repo;
        repo.write(QStringLiteral("crlf.txt"), "alpha\r\nbeta\r\ngamma\r\n");
        repo.write(QStringLiteral("latin1.txt"), "caf\xe9\n");
        repo.write(QStringLiteral("nonl.txt"), "first\nlast");
        QByteArray longText;
        for (int i = 0; i < 40; ++i)
            longText += "line number " + QByteArray::number(i) + " of a file that will be renamed\n";
        repo.write(QStringLiteral("old/name.txt"), longText);
        repo.write(QStringLiteral("script.sh"), "echo hi\n");
        repo.write(QStringLiteral("gone.txt"), "bye\n");
        repo.write(QStringLiteral("dir with space/ä \"q\".txt"), "x\n");
        const QString base = repo.commitAll(QStringLiteral("base"));

        repo.write(QStringLiteral("crlf.txt"), "alpha\r\nBETA\r\ngamma\r\n");
        repo.write(QStringLiteral("latin1.txt"), "caf\xe9 au lait\n");
        repo.write(QStringLiteral("nonl.txt"), "first\nlast changed");
        QFile::remove(repo.filePath(QStringLiteral("old/name.txt")));
        repo.write(QStringLiteral("new/name.txt"), longText + "one more line\n");
        QFile(repo.filePath(QStringLiteral("script.sh")))
                .setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::remove(repo.filePath(QStringLiteral("gone.txt")));
        repo.write(QStringLiteral("image.bin"), QByteArray("\x89PNG\0\0\x01\x02", 8));
        repo.write(QStringLiteral("dir with space/ä \"q\".txt"), "y\n");
        const QString head = repo.commitAll(QStringLiteral("change"));

        const DiffDocument doc = load(repo, base, head);
        QCOMPARE(doc.files.size(), size_t(8));

        const DiffFile &crlf = doc.files[size_t(doc.fileIndex(QStringLiteral("crlf.txt")))];
        const int beta = doc.findLine(doc.fileIndex(QStringLiteral("crlf.txt")), 2, true);
        QCOMPARE(doc.lineText(beta), QStringLiteral("BETA")); // no \r in the shown text
        QVERIFY(doc.lines[size_t(beta)].flags & DiffLine::CarriageReturn);
        QCOMPARE(crlf.added, 1);

        const int latin = doc.fileIndex(QStringLiteral("latin1.txt"));
        bool invalid = false;
        const QString text = doc.lineText(doc.findLine(latin, 1, true), &invalid);
        QVERIFY(invalid);
        QVERIFY(text.contains(QChar(0xfffd)));
        QVERIFY(text.endsWith(QStringLiteral(" au lait")));

        const int nonl = doc.fileIndex(QStringLiteral("nonl.txt"));
        QVERIFY(doc.lines[size_t(doc.findLine(nonl, 2, false))].flags & DiffLine::NoNewlineAtEnd);
        QVERIFY(doc.lines[size_t(doc.findLine(nonl, 2, true))].flags & DiffLine::NoNewlineAtEnd);

        const DiffFile &renamed = doc.files[size_t(doc.fileIndex(QStringLiteral("new/name.txt")))];
        QCOMPARE(renamed.status, DiffFileStatus::Renamed);
        QCOMPARE(renamed.oldPath, QStringLiteral("old/name.txt"));
        QVERIFY(renamed.similarity >= 90);
        QCOMPARE(renamed.added, 1);
        QCOMPARE(renamed.removed, 0);

        const DiffFile &script = doc.files[size_t(doc.fileIndex(QStringLiteral("script.sh")))];
        QVERIFY(script.modeChanged());
        QCOMPARE(script.oldMode, QStringLiteral("100644"));
        QCOMPARE(script.newMode, QStringLiteral("100755"));
        QCOMPARE(script.hunkCount, 0);
        QVERIFY(script.statusText().contains(QStringLiteral("100755")));

        const DiffFile &gone = doc.files[size_t(doc.fileIndex(QStringLiteral("gone.txt")))];
        QCOMPARE(gone.status, DiffFileStatus::Deleted);
        QCOMPARE(gone.removed, 1);

        const DiffFile &image = doc.files[size_t(doc.fileIndex(QStringLiteral("image.bin")))];
        QVERIFY(image.binary);
        QCOMPARE(image.status, DiffFileStatus::Added);

        const int odd = doc.fileIndex(QStringLiteral("dir with space/ä \"q\".txt"));
        QVERIFY2(odd >= 0, "a quoted path with spaces, a quote and a non-ASCII letter is read back exactly");
        QCOMPARE(doc.files[size_t(odd)].added, 1);
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage first") << QByteArray("hello\n") << QStringLiteral("expected \"diff --git\"");
        QTest::newRow("bad hunk header") << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +x @@\n")
                                         << QStringLiteral("malformed hunk header");
        QTest::newRow("hunk ends early")
                << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n")
                << QStringLiteral("ends inside a hunk");
        QTest::newRow("too many added lines")
                << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+c\n")
                << QStringLiteral("unexpected line");
        QTest::newRow("bad marker") << QByteArray("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n*a\n")
                                    << QStringLiteral("expected a line starting");
    }

    void malformedInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        const auto result = GitDiffParser::parse(input);
        QVERIFY(!result.ok());
        QVERIFY2(result.errorText().contains(expected), qPrintable(result.errorText()));
        QVERIFY(result.errorText().contains(QStringLiteral("line ")));
    }

    void emptyDiffIsEmptyDocument()
    {
        const auto result = GitDiffParser::parse(QByteArray());
        QVERIFY(result.ok());
        QVERIFY(result->files.empty());
    }

    void unquotePath_data()
    {
        QTest::addColumn<QByteArray>("quoted");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QByteArray("abc") << QStringLiteral("abc");
        QTest::newRow("octal utf8") << QByteArray("\"a/\\303\\244.txt\"") << QStringLiteral("a/ä.txt");
        QTest::newRow("escapes") << QByteArray("\"x\\\"y\\\\z\\t\"") << QStringLiteral("x\"y\\z\t");
    }

    void unquotePath()
    {
        QFETCH(QByteArray, quoted);
        QFETCH(QString, path);
        QCOMPARE(GitDiffParser::unquotePath(quoted), path);
    }
};

QTEST_GUILESS_MAIN(TestGitDiffParser)
#include "tst_gitdiffparser.moc"
