// ChangeParser: git's unified diffs into files, hunks and numbered lines.
#include "rules/changeparser.h"

#include "common/treewriter.h"

#include <QTest>

using namespace harness;

class tst_ChangeParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesModifiedAddedDeletedRenamedAndBinary()
    {
        const QByteArray diff = "diff --git a/src/a.cpp b/src/a.cpp\n"
                                "index 1111111..2222222 100644\n"
                                "--- a/src/a.cpp\n"
                                "+++ b/src/a.cpp\n"
                                "@@ -1,4 +1,5 @@ int main()\n"
                                " one\n"
                                "-two\n"
                                "+TWO\n"
                                "+two and a half\n"
                                " three\n"
                                " four\n"
                                "@@ -10 +11 @@\n"
                                "-ten\n"
                                "+eleven\n"
                                "\\ No newline at end of file\n"
                                "diff --git a/new.txt b/new.txt\n"
                                "new file mode 100644\n"
                                "--- /dev/null\n"
                                "+++ b/new.txt\n"
                                "@@ -0,0 +1,2 @@\n"
                                "+hello\n"
                                "+--- not a header\n"
                                "diff --git a/old.txt b/old.txt\n"
                                "deleted file mode 100644\n"
                                "--- a/old.txt\n"
                                "+++ /dev/null\n"
                                "@@ -1 +0,0 @@\n"
                                "-bye\n"
                                "diff --git a/x.h b/y.h\n"
                                "similarity index 100%\n"
                                "rename from x.h\n"
                                "rename to y.h\n"
                                "diff --git a/img.png b/img.png\n"
                                "Binary files a/img.png and b/img.png differ\n";
        const QList<FileChange> files = ChangeParser::parse(diff);
        QCOMPARE(files.size(), 5);

        const FileChange &a = files.at(0);
        QCOMPARE(a.path(), QStringLiteral("src/a.cpp"));
        QCOMPARE(a.hunks.size(), 2);
        QCOMPARE(a.hunks.at(0).section, QStringLiteral("int main()"));
        QCOMPARE(a.addedLines().size(), 3);
        QCOMPARE(a.addedLines().at(0).text, QStringLiteral("TWO"));
        QCOMPARE(a.addedLines().at(0).newLine, 2);
        QCOMPARE(a.addedLines().at(1).newLine, 3);
        QCOMPARE(a.addedLines().at(2).newLine, 11);
        QCOMPARE(a.removedLines().at(0).oldLine, 2);
        QCOMPARE(a.removedLines().at(1).oldLine, 10);
        QCOMPARE(a.hunks.at(0).lines.at(4).oldLine, 3); // context "three"
        QCOMPARE(a.hunks.at(0).lines.at(4).newLine, 4);

        QVERIFY(files.at(1).isAdded());
        QCOMPARE(files.at(1).addedLines().size(), 2);
        QCOMPARE(files.at(1).addedLines().at(1).text, QStringLiteral("--- not a header"));
        QVERIFY(files.at(2).isDeleted());
        QCOMPARE(files.at(2).path(), QStringLiteral("old.txt"));
        QCOMPARE(files.at(3).oldPath, QStringLiteral("x.h"));
        QCOMPARE(files.at(3).newPath, QStringLiteral("y.h"));
        QVERIFY(files.at(4).binary);
    }

    void parsesRealGitOutput()
    {
        TreeWriter tree;
        QVERIFY(tree.initGit());
        QVERIFY(tree.write(QStringLiteral("a.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
        QVERIFY(tree.commitAll(QStringLiteral("base")));
        QVERIFY(tree.write(QStringLiteral("a.txt"), "1\n2\nthree\n4\n5\n6\n7\n8\n9\nten\n"));
        const QByteArray diff = tree.git({QStringLiteral("diff"), QStringLiteral("HEAD")});
        const QList<FileChange> files = ChangeParser::parse(diff);
        QCOMPARE(files.size(), 1);
        QStringList added;
        for (const ChangeLine &l : files.first().addedLines())
            added << QStringLiteral("%1:%2").arg(l.newLine).arg(l.text);
        QCOMPARE(added, (QStringList {QStringLiteral("3:three"), QStringLiteral("10:ten")}));
    }

    void plainUnifiedDiffWithoutGitHeader()
    {
        const QList<FileChange> files =
                ChangeParser::parse("--- a.c\t2026-01-01\n+++ a.c\t2026-01-02\n@@ -1 +1 @@\n-x\n+y\n"
                                    "--- b.c\n+++ b.c\n@@ -2,0 +3 @@\n+z\n");
        QCOMPARE(files.size(), 2);
        QCOMPARE(files.at(0).path(), QStringLiteral("a.c"));
        QCOMPARE(files.at(1).addedLines().first().newLine, 3);
    }

    void garbageYieldsNothing()
    {
        QVERIFY(ChangeParser::parse("not a diff\n@@ nonsense @@\n+x\n").isEmpty());
        QVERIFY(ChangeParser::parse(QByteArray()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ChangeParser)
#include "tst_changeparser.moc"
