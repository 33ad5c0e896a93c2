// Crash recovery end to end: the real `harness` executable runs the demo task and is killed with
// SIGKILL at random moments, 50 times in all; `harness resume` then finishes each run. Every run must
// end exactly like an uninterrupted one: same phase, same iterations, one commit per iteration (no
// duplicate commit), one answer per tool call (no tool executed twice), the same final files, every
// acknowledged event kept, and an intact audit chain.
#include "common/killresume.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");

QString git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

struct Outcome
{
    QString phase;
    int iteration = 0;
    int commits = 0;
    QByteArray temperature;
    QByteArray testFile;
};

} // namespace

class TestResume : public QObject
{
    Q_OBJECT

    struct Setup
    {
        QString root;
        QString store;
    };

    Setup prepare(const QString &where)
    {
        auto demo = DemoProject::materialize(where);
        if (!demo)
            qFatal("%s", qPrintable(demo.errorText()));
        auto project = Project::open(demo->repositoryRoot, demo->storeSpec);
        if (!project)
            qFatal("%s", qPrintable(project.errorText()));
        if (!DemoProject::addTask((*project)->store()))
            qFatal("cannot add the demo task");
        return {demo->repositoryRoot, demo->storeSpec};
    }

    int harness(const Setup &s, const QStringList &command, int killAfterMs)
    {
        return harness::test::runHarness(kHarness, s.root, s.store, command, killAfterMs);
    }

    Outcome outcomeOf(const Setup &s)
    {
        auto project = Project::open(s.root, s.store);
        Store &store = (*project)->store();
        auto events = store.events(QStringLiteral("R1"));
        const RunState st = RunState::fold(*events);
        Outcome o;
        o.phase = runPhaseName(st.phase);
        o.iteration = st.iteration;
        o.commits = git(s.root, {"rev-list", "--count", st.baseCommit + ".." + st.branch}).toInt();
        QFile t(st.worktreePath + "/src/units/core/temperature.py");
        if (t.open(QIODevice::ReadOnly))
            o.temperature = t.readAll();
        QFile k(st.worktreePath + "/tests/test_kelvin.py");
        if (k.open(QIODevice::ReadOnly))
            o.testFile = k.readAll();

        // One answer per tool call, no write tool started twice, every acknowledged event kept, the
        // chain intact.
        const QString problems = harness::test::logProblems(store, *events);
        if (!problems.isEmpty())
            o.phase += QStringLiteral(" (%1)").arg(problems);
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
    }

    void fiftyKillsEndLikeAnUninterruptedRun()
    {
        QTemporaryDir dir;
        // The reference: one uninterrupted run.
        const Setup reference = prepare(dir.filePath("reference"));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(harness(reference, {"run", "T1", "--approve", "auto"}, -1), 6);
        const int fullMs = int(clock.elapsed());
        const Outcome expected = outcomeOf(reference);
        QCOMPARE(expected.phase, QStringLiteral("review"));
        QCOMPARE(expected.iteration, 2);
        QCOMPARE(expected.commits, 2);
        qInfo() << "uninterrupted run:" << fullMs << "ms";

        constexpr int kKills = 50;
        constexpr int kKillsPerRun = 5;
        int kills = 0;
        int runIndex = 0;
        auto *random = QRandomGenerator::global();
        while (kills < kKills) {
            const Setup s = prepare(dir.filePath(QStringLiteral("run%1").arg(runIndex++)));
            bool started = false;
            for (int k = 0; k < kKillsPerRun && kills < kKills; ++k) {
                const int at = int(random->bounded(qMax(50, fullMs)));
                const QStringList command = started ? QStringList {"resume", "R1", "--approve", "auto"}
                                                    : QStringList {"run", "T1", "--approve", "auto"};
                const int code = harness(s, command, at);
                // A kill before the run was recorded leaves no run: start it again.
                auto project = Project::open(s.root, s.store);
                started = project && (*project)->store().run(QStringLiteral("R1")).ok();
                if (code == -1)
                    ++kills;
                else if (code == 6)
                    break; // finished before the kill: nothing left to interrupt
            }
            if (!started)
                QCOMPARE(harness(s, {"run", "T1", "--approve", "auto"}, -1), 6);
            else
                QCOMPARE(harness(s, {"resume", "R1", "--approve", "auto"}, -1), 6);
            const Outcome got = outcomeOf(s);
            QCOMPARE(got.phase, expected.phase);
            QCOMPARE(got.iteration, expected.iteration);
            QCOMPARE(got.commits, expected.commits);
            QCOMPARE(got.temperature, expected.temperature);
            QCOMPARE(got.testFile, expected.testFile);
        }
        qInfo() << kills << "kills over" << runIndex << "runs, every one resumed to the same outcome";
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
