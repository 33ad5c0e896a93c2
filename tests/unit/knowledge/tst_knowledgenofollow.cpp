// The knowledge readers never follow a link out of the worktree: the repo map's symbols, the AGENTS.md
// map and the files a plan names show nothing of a canary file or directory the agent linked to.
#include "knowledge/agentsmap.h"
#include "knowledge/contextassembler.h"
#include "knowledge/repomap.h"

#include "common/canary.h"
#include "common/treewriter.h"

#include <QElapsedTimer>
#include <QTest>

using namespace harness;
using harness::test::Canary;

class tst_KnowledgeNoFollow : public QObject
{
    Q_OBJECT

    Canary m_canary;

    void plant(const TreeWriter &t)
    {
        QVERIFY(t.write(QStringLiteral("src/units/core/normal.py"),
                        "def ordinaryFunction():\n    return 1\n"));
        QVERIFY(t.write(QStringLiteral("AGENTS.md"), "# Root map\nordinary guidance\n"));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("src/units/core/leak.py")));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("src/units/core/AGENTS.md"),
                                  QStringLiteral("AGENTS.md")));
        QVERIFY(m_canary.linkDir(t.root(), QStringLiteral("src/linked")));
        QVERIFY(Canary::makeFifo(t.root(), QStringLiteral("src/units/core/pipe.py")));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_canary.isValid()); }

    void repoMap_data()
    {
        QTest::addColumn<bool>("git");
        QTest::newRow("git") << true;
        QTest::newRow("walk") << false;
    }
    void repoMap()
    {
        QFETCH(bool, git);
        TreeWriter t;
        if (git)
            QVERIFY(t.initGit());
        plant(t);
        if (git)
            QVERIFY(t.commitAll(QStringLiteral("links")));
        QElapsedTimer timer;
        timer.start();
        const RepoMap map = RepoMap::build(t.root());
        QVERIFY2(timer.elapsed() < 10000, "the FIFO must not make the map wait");
        QVERIFY2(map.error.isEmpty(), qPrintable(map.error));
        QVERIFY2(!Canary::leaked(map.text), Canary::which(map.text.toUtf8()).constData());
        QVERIFY2(map.text.contains(QStringLiteral("ordinaryFunction")), qPrintable(map.text));
        QVERIFY2(!map.text.contains(QStringLiteral("canary.py")),
                 qPrintable(map.text)); // the linked dir is not walked
    }

    void agentsMap()
    {
        TreeWriter t;
        plant(t);
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("src/linked2/AGENTS.md"),
                                  QStringLiteral("AGENTS.md")));
        const AgentsMap map =
                AgentsMap::discover(t.root(),
                                    {QStringLiteral("src/units/core/**"), QStringLiteral("src/linked/**"),
                                     QStringLiteral("src/linked2/x.py")});
        QVERIFY2(!Canary::leaked(map.text), Canary::which(map.text.toUtf8()).constData());
        QVERIFY2(map.text.contains(QStringLiteral("ordinary guidance")), qPrintable(map.text));
        QCOMPARE(map.files, QStringList {QStringLiteral("AGENTS.md")});
        QCOMPARE(map.nearestFor(QStringLiteral("src/units/core/normal.py")), QStringLiteral("AGENTS.md"));
    }

    void filesThePlanNames()
    {
        TreeWriter t;
        plant(t);
        const QList<ContextFile> files = ContextFile::read(
                t.root(),
                {QStringLiteral("src/units/core/normal.py"), QStringLiteral("src/units/core/leak.py"),
                 QStringLiteral("src/linked/canary.py"), QStringLiteral("src/units/core/pipe.py"),
                 m_canary.file(), QStringLiteral("../outside/canary.py"), QStringLiteral("src/new.py")});
        QByteArray all;
        for (const ContextFile &f : files)
            all += f.path.toUtf8() + '\n' + f.content.toUtf8() + '\n';
        QVERIFY2(!Canary::leaked(all), Canary::which(all).constData());
        QCOMPARE(files.size(), 6); // the missing file (one the plan creates) is left out
        QCOMPARE(files.first().content, QStringLiteral("def ordinaryFunction():\n    return 1\n"));
        QVERIFY2(files.at(1).content.contains(QStringLiteral("symbolic link")),
                 qPrintable(files.at(1).content));
        QVERIFY2(files.at(3).content.contains(QStringLiteral("not a regular file")),
                 qPrintable(files.at(3).content));
        QVERIFY2(files.at(4).content.contains(QStringLiteral("outside the worktree")),
                 qPrintable(files.at(4).content));
    }
};

QTEST_GUILESS_MAIN(tst_KnowledgeNoFollow)
#include "tst_knowledgenofollow.moc"
