// DiffLoader (the review's diff) on a worktree where the agent planted a repository armed to run a
// command: the working tree is refused with what was found and what to do; a diff between commits is
// shown; git runs nothing planted either way (the attack is first shown to be live with plain git).
#include "diff/diffloader.h"

#include "common/hostiletree.h"

#include <QTest>

using namespace harness;
using namespace harness::ui;
using harness::test::Attack;
using harness::test::HostileTree;

class TestDiffLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plantedRepository_data()
    {
        QTest::addColumn<int>("attack");
        for (const auto &[name, attack] : harness::test::allAttacks())
            QTest::newRow(name) << int(attack);
    }
    void plantedRepository()
    {
        QFETCH(int, attack);
        HostileTree t {Attack(attack)};
        QVERIFY(t.isValid());
        QVERIFY2(t.plainGitRunsIt(), "the attack is not live: plain git did not run the planted command");
        DiffRequest request;
        request.repository = t.tree();
        request.from = t.base();
        auto working = DiffLoader::loadBlocking(request);
        QVERIFY(!working);
        QVERIFY2(working.errorText().contains(t.nested()), qPrintable(working.errorText()));
        QVERIFY(working.errorText().contains(QStringLiteral("submodule")));
        QVERIFY(!t.tripped());

        request.to = QStringLiteral("HEAD");
        auto committed = DiffLoader::loadBlocking(request);
        QVERIFY2(committed, qPrintable(committed.errorText()));
        QVERIFY(!t.tripped());
    }
};

QTEST_GUILESS_MAIN(TestDiffLoader)
#include "tst_diffloader.moc"
