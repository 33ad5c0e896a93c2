// Tests for AtomicWrite: the whole new content at once, permissions kept, a link replaced and never
// written through, and nothing left behind when the write cannot happen.
#include "runtime/atomicwrite.h"
#include "runtimetesthelpers.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace harness;
using namespace harness::testing;

class TestAtomicWrite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replacesContentAndKeepsPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.sh"));
        writeFile(path, "old\n");
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0750) == 0);
        QVERIFY(AtomicWrite::replace(path, "#!/bin/sh\necho new\n"));
        QCOMPARE(readFile(path), QByteArray("#!/bin/sh\necho new\n"));
        struct stat st;
        QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0750));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList {QStringLiteral("run.sh")});
    }

    void makesFoldersAndNewFilesFollowTheUmask()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a/b/new.txt"));
        const mode_t mask = ::umask(022);
        const Status written = AtomicWrite::replace(path, QByteArray());
        ::umask(mask);
        QVERIFY2(written, qPrintable(written.errorText()));
        QVERIFY(QFileInfo(path).isFile());
        QCOMPARE(QFileInfo(path).size(), 0);
        struct stat st;
        QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0644));
    }

    void aLinkIsReplacedNotFollowed()
    {
        QTemporaryDir dir;
        const QString outside = dir.filePath(QStringLiteral("outside.txt"));
        writeFile(outside, "keep\n");
        QDir().mkpath(dir.filePath(QStringLiteral("tree")));
        const QString link = dir.filePath(QStringLiteral("tree/link.txt"));
        QVERIFY(QFile::link(outside, link));
        QVERIFY(AtomicWrite::replace(link, "mine\n"));
        QCOMPARE(readFile(outside), QByteArray("keep\n"));
        QVERIFY(!QFileInfo(link).isSymLink());
        QCOMPARE(readFile(link), QByteArray("mine\n"));
    }

    void aFailedWriteSaysWhyAndLeavesNothing()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        writeFile(blocker, "x");
        // A folder that cannot exist (its parent is a file).
        const Status s = AtomicWrite::replace(blocker + QStringLiteral("/sub/x.txt"), "y");
        QVERIFY(!s);
        QVERIFY2(s.errorText().contains(QStringLiteral("cannot create the folder")),
                 qPrintable(s.errorText()));
        // A target that is a folder: the rename fails, and the temporary file is removed.
        const QString folder = dir.filePath(QStringLiteral("folder"));
        QDir().mkpath(folder + QStringLiteral("/inside"));
        const Status onFolder = AtomicWrite::replace(folder, "z");
        QVERIFY(!onFolder);
        QVERIFY2(onFolder.errorText().startsWith(QStringLiteral("cannot write: ")),
                 qPrintable(onFolder.errorText()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList {QStringLiteral("file"), QStringLiteral("folder")}));
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "tst_atomicwrite.moc"
