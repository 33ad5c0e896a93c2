// The workbench's demo copies (`harness-workbench --demo` makes one each time) do not pile up: the
// oldest beyond a few go with their stores, a copy open in a workbench is never touched, and nothing
// else in the folder is.
#include "orchestration/demoproject.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestDemoCopies : public QObject
{
    Q_OBJECT

    static void touch(const QString &path)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }

private Q_SLOTS:
    void oldCopiesGoOpenOnesStay()
    {
        QTemporaryDir base;
        const QStringList names {
                QStringLiteral("units-20250101-090000"), QStringLiteral("units-20250102-090000"),
                QStringLiteral("units-20250103-090000"), QStringLiteral("units-20250103-090000-2"),
                QStringLiteral("units-20250104-090000")};
        for (const QString &name : names) {
            QDir().mkpath(base.filePath(name + QStringLiteral("/.git/harness-worktrees/R1")));
            touch(base.filePath(name + QStringLiteral("-state.sqlite")));
            touch(base.filePath(name + QStringLiteral("-state.sqlite-wal")));
        }
        QDir().mkpath(base.filePath(QStringLiteral("my-notes"))); // not a demo copy
        // The oldest copy is open in another workbench.
        auto held = DemoProject::claimCopy(base.filePath(names[0]));
        QVERIFY(held);
        QVERIFY(!DemoProject::claimCopy(base.filePath(names[0]))); // a second claim fails

        const QStringList removed = DemoProject::removeOldCopies(base.path(), 2);
        QCOMPARE(removed, (QStringList {base.filePath(names[1]), base.filePath(names[2])}));
        QVERIFY(QFileInfo::exists(base.filePath(names[0]))); // in use
        QVERIFY(!QFileInfo::exists(base.filePath(names[1])));
        QVERIFY(!QFileInfo::exists(base.filePath(names[1] + QStringLiteral("-state.sqlite"))));
        QVERIFY(!QFileInfo::exists(base.filePath(names[1] + QStringLiteral("-state.sqlite-wal"))));
        QVERIFY(!QFileInfo::exists(base.filePath(names[2])));
        QVERIFY(QFileInfo::exists(base.filePath(names[3]))); // the newest two
        QVERIFY(QFileInfo::exists(base.filePath(names[4])));
        QVERIFY(QFileInfo::exists(base.filePath(QStringLiteral("my-notes"))));

        // Closed, the old copy goes too; a new name never collides with an existing copy.
        held.reset();
        DemoProject::removeOldCopies(base.path(), 2);
        QVERIFY(!QFileInfo::exists(base.filePath(names[0])));
        const QString fresh = DemoProject::newCopyPath(base.path());
        QVERIFY(fresh.startsWith(base.filePath(QStringLiteral("units-"))));
        QVERIFY(!QFileInfo::exists(fresh));
    }
};

QTEST_GUILESS_MAIN(TestDemoCopies)
#include "tst_democopies.moc"
