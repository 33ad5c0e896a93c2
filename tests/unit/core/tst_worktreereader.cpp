// Tests for WorktreeReader: links (to files and directories, outside and inside), FIFOs, paths that
// leave the root, size limits and the walker, through openat2 and through the O_NOFOLLOW walk.
#include "common/canary.h"
#include "core/worktreereader.h"

#include <QElapsedTimer>
#include <QTest>

using namespace harness;
using harness::test::Canary;

class TstWorktreeReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Canary m_canary;
    QString root() const { return m_dir.path(); }
    void write(const QString &rel, const QByteArray &bytes)
    {
        const QString p = QDir(root()).filePath(rel);
        QDir().mkpath(QFileInfo(p).path());
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_canary.isValid());
        write(QStringLiteral("src/units/core/normal.py"), "def ordinary():\n    return 1\n");
        write(QStringLiteral("top.txt"), "top\n");
        QVERIFY(m_canary.linkFile(root(), QStringLiteral("src/units/core/leak.py")));
        QVERIFY(m_canary.linkDir(root(), QStringLiteral("src/linked")));
        QVERIFY(m_canary.linkFile(root(), QStringLiteral("toplink.py")));
        // A link that stays inside is not followed either: the reader never follows links.
        QVERIFY(QFile::link(QDir(root()).filePath(QStringLiteral("top.txt")),
                            QDir(root()).filePath(QStringLiteral("inside-link.txt"))));
        QVERIFY(Canary::makeFifo(root(), QStringLiteral("src/pipe.py")));
    }

    void read_data()
    {
        QTest::addColumn<bool>("openat2");
        QTest::newRow("openat2") << true;
        QTest::newRow("nofollow-walk") << false;
    }
    void read()
    {
        QFETCH(bool, openat2);
        WorktreeReader::setOpenat2Allowed(openat2);
        const WorktreeReader reader(root());
        QVERIFY(reader.isOpen());

        const WorktreeRead normal = reader.read(QStringLiteral("src/units/core/normal.py"), 1 << 20);
        QCOMPARE(normal.status, WorktreeRead::Status::Ok);
        QCOMPARE(normal.data, QByteArray("def ordinary():\n    return 1\n"));

        const WorktreeRead leak = reader.read(QStringLiteral("src/units/core/leak.py"), 1 << 20);
        QCOMPARE(leak.status, WorktreeRead::Status::Symlink);
        QVERIFY(leak.data.isEmpty());
        QCOMPARE(leak.linkPath, QStringLiteral("src/units/core/leak.py"));
        QCOMPARE(leak.linkTarget, m_canary.file()); // the target text is data
        QVERIFY(!Canary::leaked(leak.describe()));

        const WorktreeRead top = reader.read(QStringLiteral("toplink.py"), 1 << 20);
        QCOMPARE(top.status, WorktreeRead::Status::Symlink);
        QVERIFY(top.data.isEmpty());

        const WorktreeRead viaDir = reader.read(QStringLiteral("src/linked/canary.py"), 1 << 20);
        QCOMPARE(viaDir.status, WorktreeRead::Status::Symlink);
        QCOMPARE(viaDir.linkPath, QStringLiteral("src/linked"));
        QVERIFY(viaDir.data.isEmpty());

        QCOMPARE(reader.read(QStringLiteral("inside-link.txt"), 100).status, WorktreeRead::Status::Symlink);

        QElapsedTimer timer;
        timer.start();
        const WorktreeRead fifo = reader.read(QStringLiteral("src/pipe.py"), 100);
        QCOMPARE(fifo.status, WorktreeRead::Status::NotRegular);
        QVERIFY2(timer.elapsed() < 2000, "reading a FIFO must not wait for a writer");

        QCOMPARE(reader.read(QStringLiteral("../outside"), 100).status, WorktreeRead::Status::Refused);
        QCOMPARE(reader.read(QStringLiteral("src/../../x"), 100).status, WorktreeRead::Status::Refused);
        QCOMPARE(reader.read(m_canary.file(), 100).status, WorktreeRead::Status::Refused);
        QCOMPARE(reader.read(QStringLiteral("/etc/passwd"), 100).status, WorktreeRead::Status::Refused);
        QCOMPARE(reader.read(QDir(root()).filePath(QStringLiteral("top.txt")), 100).data,
                 QByteArray("top\n"));
        QCOMPARE(reader.read(QStringLiteral("missing.txt"), 100).status, WorktreeRead::Status::Missing);
        QCOMPARE(reader.read(QStringLiteral("top.txt/x"), 100).status, WorktreeRead::Status::Missing);
        QCOMPARE(reader.read(QStringLiteral("src"), 100).status, WorktreeRead::Status::Directory);
        WorktreeReader::setOpenat2Allowed(true);
    }

    void sizeLimits()
    {
        write(QStringLiteral("big.txt"), QByteArray(1000, 'x'));
        const WorktreeReader reader(root());
        const WorktreeRead refused = reader.read(QStringLiteral("big.txt"), 100);
        QCOMPARE(refused.status, WorktreeRead::Status::TooLarge);
        QCOMPARE(refused.size, 1000);
        QVERIFY(refused.data.isEmpty());
        const WorktreeRead cut =
                reader.read(QStringLiteral("big.txt"), 100, WorktreeReader::OverLimit::Truncate);
        QCOMPARE(cut.status, WorktreeRead::Status::Truncated);
        QCOMPARE(cut.data.size(), 100);
        QCOMPARE(cut.size, 1000);
        QVERIFY(cut.describe().contains(QStringLiteral("1000 bytes")));
        const WorktreeRead exact = reader.read(QStringLiteral("big.txt"), 1000);
        QCOMPARE(exact.status, WorktreeRead::Status::Ok);
        QCOMPARE(exact.data.size(), 1000);
    }

    // Large files are read into memory whose pages are mapped before the read (one call, not a fault per
    // page): every byte arrives, through the direct read and after the first bytes were sniffed.
    void largeFilesArriveWhole()
    {
        QByteArray text;
        for (int i = 0; text.size() < 3 * 1024 * 1024 + 123; ++i)
            text += "line " + QByteArray::number(i) + " of a large text file\n";
        write(QStringLiteral("large.txt"), text);
        const WorktreeReader reader(root());
        const WorktreeRead direct = reader.read(QStringLiteral("large.txt"), 64 * 1024 * 1024);
        QCOMPARE(direct.status, WorktreeRead::Status::Ok);
        QCOMPARE(direct.data, text);
        const WorktreeRead sniffed = reader.read(QStringLiteral("large.txt"), 64 * 1024 * 1024,
                                                 WorktreeReader::OverLimit::Truncate, 8192);
        QCOMPARE(sniffed.status, WorktreeRead::Status::Ok);
        QCOMPARE(sniffed.data, text);
        const WorktreeRead cut = reader.read(QStringLiteral("large.txt"), 1024 * 1024 + 7,
                                             WorktreeReader::OverLimit::Truncate, 8192);
        QCOMPARE(cut.status, WorktreeRead::Status::Truncated);
        QCOMPARE(cut.data, text.left(1024 * 1024 + 7));
    }

    void entries()
    {
        const WorktreeReader reader(root());
        QCOMPARE(reader.entry(QStringLiteral("top.txt")).type, WorktreeEntry::Type::File);
        QCOMPARE(reader.entry(QStringLiteral("top.txt")).size, 4);
        QCOMPARE(reader.entry(QStringLiteral("src")).type, WorktreeEntry::Type::Directory);
        QCOMPARE(reader.entry(QStringLiteral("src/pipe.py")).type, WorktreeEntry::Type::Other);
        const WorktreeEntry link = reader.entry(QStringLiteral("src/units/core/leak.py"));
        QCOMPARE(link.type, WorktreeEntry::Type::Symlink);
        QCOMPARE(link.linkTarget, m_canary.file());
        QCOMPARE(reader.entry(QStringLiteral("src/linked/canary.py")).type, WorktreeEntry::Type::Symlink);
        QCOMPARE(reader.entry(QStringLiteral("../x")).type, WorktreeEntry::Type::Refused);
        QVERIFY(!reader.isFile(QStringLiteral("src/units/core/leak.py")));
    }

    void walk()
    {
        const WorktreeReader reader(root());
        const QStringList files = reader.walk();
        QVERIFY(files.contains(QStringLiteral("src/units/core/normal.py")));
        QVERIFY(files.contains(QStringLiteral("top.txt")));
        for (const QString &f : files) {
            QVERIFY2(!f.startsWith(QLatin1String("src/linked")), qPrintable(f)); // never descends a link
            QVERIFY2(!f.contains(QLatin1String("leak.py")) && f != QLatin1String("src/pipe.py"),
                     qPrintable(f));
        }
        WorktreeReader::WalkOptions withLinks;
        withLinks.includeSymlinks = true;
        const QStringList named = reader.walk(QStringLiteral("src"), withLinks);
        QVERIFY(named.contains(QStringLiteral("src/units/core/leak.py")));
        QVERIFY(named.contains(QStringLiteral("src/linked")));
        QVERIFY(!named.contains(QStringLiteral("src/linked/canary.py")));
        QVERIFY(reader.walk(QStringLiteral("src/linked")).isEmpty()); // the start may not be a link
        WorktreeReader::WalkOptions one;
        one.maxEntries = 1;
        bool truncated = false;
        const QStringList first = reader.walk(QString(), one, &truncated);
        QVERIFY2(first.size() == 1, qPrintable(first.join(QLatin1Char(',')) + QString::number(first.size())));
        QVERIFY(truncated);
    }
};

QTEST_GUILESS_MAIN(TstWorktreeReader)
#include "tst_worktreereader.moc"
