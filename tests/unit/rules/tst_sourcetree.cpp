// SourceTree's git (the rules gate's file listing, its changed files and its diff) on a worktree where the
// agent planted a repository armed to run a command: the listings work and git runs nothing of it. The
// attack is first shown to be live with plain git.
#include "rules/sourcetree.h"

#include "common/hostiletree.h"

#include <QTest>

using namespace harness;
using harness::test::Attack;
using harness::test::HostileTree;

class TestSourceTree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gitRunsNothingPlanted_data()
    {
        QTest::addColumn<int>("attack");
        for (const auto &[name, attack] : harness::test::allAttacks())
            QTest::newRow(name) << int(attack);
    }
    void gitRunsNothingPlanted()
    {
        QFETCH(int, attack);
        HostileTree t {Attack(attack)};
        QVERIFY(t.isValid());
        QVERIFY2(t.plainGitRunsIt(), "the attack is not live: plain git did not run the planted command");

        auto files = SourceTree::listFiles(t.tree());
        QVERIFY2(files, qPrintable(files.errorText()));
        QVERIFY(files->contains(QStringLiteral("src/work.c")));
        t.arm();
        auto changed = SourceTree::changedFiles(t.tree(), t.base());
        QVERIFY2(changed, qPrintable(changed.errorText()));
        QVERIFY(changed->contains(QStringLiteral("src/work.c")));
        t.arm();
        auto diff = SourceTree::diffSince(t.tree(), t.base());
        QVERIFY2(diff, qPrintable(diff.errorText()));
        QVERIFY(!diff->files.empty());
        QVERIFY(!t.tripped());
    }
};

QTEST_GUILESS_MAIN(TestSourceTree)
#include "tst_sourcetree.moc"
