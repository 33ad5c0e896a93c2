// DiffWriter: round trips. Canonical `git diff` output (every kind of change, made in a temporary
// repository) is written back byte for byte, a model reads back to itself, and what the writer prints is a
// patch git itself applies.
#include "core/diff/diffparser.h"
#include "core/diff/diffwriter.h"
#include "diffrepository.h"

#include <QTest>

using namespace harness;
using namespace harness::test;

class TestDiffWriter : public QObject
{
    Q_OBJECT
private:
    const DiffRepository m_repo; // made once, for every test function

private Q_SLOTS:
    void writesGitOutputBackByteForByte_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<bool>("canonical");
        QTest::newRow("default") << QStringList() << true;
        QTest::newRow("copies") << QStringList {QStringLiteral("-C"), QStringLiteral("-C")} << true;
        QTest::newRow("binary patches") << QStringList {QStringLiteral("--binary")} << true;
        QTest::newRow("no context") << QStringList {QStringLiteral("-U0")} << true;
        QTest::newRow("wide context") << QStringList {QStringLiteral("-U20")} << true;
        // -R swaps git's prefixes (b/ on the old side): read the same way, written with a/ and b/.
        QTest::newRow("reverse") << QStringList {QStringLiteral("-R")} << false;
    }

    void writesGitOutputBackByteForByte()
    {
        QFETCH(QStringList, options);
        QFETCH(bool, canonical);
        const QByteArray text = m_repo.diff(options);
        QVERIFY(text.size() > 1000);
        auto parsed = DiffParser::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorText()));
        const QByteArray written = DiffWriter::write(*parsed);
        if (canonical) {
            QCOMPARE(QString::fromUtf8(written), QString::fromUtf8(text)); // a readable difference on failure
            QCOMPARE(written, text);
        } else {
            QVERIFY(parsed->fileIndex(QStringLiteral("old/name.txt")) >= 0);
            QCOMPARE(parsed->files[size_t(parsed->fileIndex(QStringLiteral("old/name.txt")))].oldPath,
                     DiffRepository::spacedName());
        }
        auto again = DiffParser::parse(written);
        QVERIFY2(again.ok(), qPrintable(again.errorText()));
        QVERIFY(*again == *parsed);
    }

    void aBuiltModelReadsBackToItself()
    {
        // Built the way the rules engine shows untracked files, plus what only a builder would combine:
        // a rename with a hunk and a mode change, CRLF lines, a missing final newline, hostile names.
        Diff built;
        DiffFile added;
        added.newPath = DiffRepository::hostileName();
        added.status = DiffFileStatus::Added;
        added.newMode = QStringLiteral("100755");
        built.addFile(added);
        built.addHunk(0, 0, 1, 2);
        built.addLine(DiffLineKind::Added, "#!/bin/sh", DiffLine::CarriageReturn);
        built.addLine(DiffLineKind::Added, "exit 0");
        built.markNoNewlineAtEnd();
        DiffFile moved;
        moved.oldPath = QStringLiteral("a b/c.txt");
        moved.newPath = QStringLiteral("d e/f \"g\".txt");
        moved.status = DiffFileStatus::Renamed;
        moved.oldMode = QStringLiteral("100644");
        moved.newMode = QStringLiteral("100755");
        moved.similarity = 75;
        built.addFile(moved);
        built.addHunk(3, 2, 3, 2, QStringLiteral("void f()"));
        built.addLine(DiffLineKind::Context, "");
        built.addLine(DiffLineKind::Removed, "old");
        built.addLine(DiffLineKind::Added, "new");
        DiffFile gone;
        gone.oldPath = QStringLiteral("gone.bin");
        gone.status = DiffFileStatus::Deleted;
        gone.binary = true;
        built.addFile(gone);
        built.finish();
        QCOMPARE(built.lines[2].partner, -1);
        QCOMPARE(built.lines[3].partner, 4);

        const QByteArray written = DiffWriter::write(built);
        auto read = DiffParser::parse(written);
        QVERIFY2(read.ok(), qPrintable(read.errorText() + QLatin1Char('\n') + QString::fromUtf8(written)));
        QVERIFY2(*read == built, written.constData());
        QVERIFY(written.contains("rename to \"d e/f \\\"g\\\".txt\"\n"));
        QVERIFY(written.contains("--- a/a b/c.txt\t\n")); // a bare name with a space ends with a tab
        QVERIFY(written.contains("Binary files a/gone.bin and /dev/null differ\n"));
    }

    void gitAppliesWhatTheWriterPrints()
    {
        // From the base commit, `git apply` of the written patch must give the head commit's tree.
        auto parsed = DiffParser::parse(m_repo.diff({QStringLiteral("--binary")}));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorText()));
        const GitFixture &git = m_repo.git();
        const QString patchFile = git.scratch() + QStringLiteral("/written.patch");
        QFile file(patchFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(DiffWriter::write(*parsed));
        file.close();
        QVERIFY(!git.output({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach"),
                             m_repo.base()})
                         .isNull());
        QVERIFY(!git.output({QStringLiteral("apply"), QStringLiteral("--index"), patchFile}).isNull());
        const QByteArray tree = git.output({QStringLiteral("write-tree")});
        const QByteArray expected =
                git.output({QStringLiteral("rev-parse"), m_repo.head() + QStringLiteral("^{tree}")});
        QVERIFY(!tree.isEmpty());
        QCOMPARE(tree, expected);
    }
};

QTEST_GUILESS_MAIN(TestDiffWriter)
#include "tst_diffwriter.moc"
