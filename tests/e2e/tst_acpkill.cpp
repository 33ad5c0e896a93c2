// kill -9 of the real `harness`, 20 times at random moments, while an external agent
// (tests/common/hostileacpagent.py in its "honest" mode: the demo's task, slowly) works over ACP in the
// sandbox: no agent process outlives the harness (the sandbox dies with it), and `harness resume` takes the
// run to the same outcome as an uninterrupted run.
#include "common/killresume.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <csignal>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
const QString kAgent = QStringLiteral(HARNESS_SOURCE_DIR "/tests/common/hostileacpagent.py");

// Processes whose command line names the marker (the agent, wherever its sandbox put it).
int processesWith(const QByteArray &marker)
{
    int found = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QFile f(it.next() + QStringLiteral("/cmdline"));
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(marker))
            ++found;
    }
    return found;
}

struct Outcome
{
    QString phase;
    int iteration = 0;
    QByteArray temperature;
};

} // namespace

class TestAcpKill : public QObject
{
    Q_OBJECT

    struct Setup
    {
        QString root;
        QString store;
    };

    Setup prepare(const QString &where, const QByteArray &marker)
    {
        auto demo = DemoProject::materialize(where);
        if (!demo)
            qFatal("%s", qPrintable(demo.errorText()));
        auto project = Project::open(demo->repositoryRoot, demo->storeSpec);
        if (!project || !DemoProject::addTask((*project)->store()))
            qFatal("cannot add the demo task");
        // The project's policy names the agent as its executor.
        QFile policy(demo->repositoryRoot + QStringLiteral("/.harness/policy.json"));
        if (!policy.open(QIODevice::ReadOnly))
            qFatal("no policy");
        QJsonObject o = QJsonDocument::fromJson(policy.readAll()).object();
        policy.close();
        const QJsonObject info {{"sleep", 2}, {"marker", QString::fromLatin1(marker)}};
        o.insert("executor",
                 QJsonObject {{"acp",
                               QJsonObject {{"command",
                                             QJsonArray {kAgent, "honest",
                                                         QString::fromUtf8(QJsonDocument(info).toJson(
                                                                 QJsonDocument::Compact))}}}}});
        if (!policy.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write the policy");
        policy.write(QJsonDocument(o).toJson());
        return {demo->repositoryRoot, demo->storeSpec};
    }

    int harness(const Setup &s, const QStringList &command, int killAfterMs)
    {
        return harness::test::runHarness(kHarness, s.root, s.store, command, killAfterMs);
    }

    Outcome outcomeOf(const Setup &s)
    {
        auto project = Project::open(s.root, s.store);
        auto events = (*project)->store().events(QStringLiteral("R1"));
        const RunState st = RunState::fold(*events);
        QFile t(st.worktreePath + "/src/units/core/temperature.py");
        QString phase = runPhaseName(st.phase);
        // No write applied twice: one start and one answer per tool call; nothing acknowledged lost.
        const QString problems = harness::test::logProblems((*project)->store(), *events);
        if (!problems.isEmpty())
            phase += QStringLiteral(" (%1)").arg(problems);
        return {phase, st.iteration, t.open(QIODevice::ReadOnly) ? t.readAll() : QByteArray()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        // The gates' python with pytest: the system's first.
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));
    }

    void killedHarnessLeavesNoAgentAndResumes()
    {
        QTemporaryDir dir;
        const QByteArray marker = QUuid::createUuid().toByteArray(QUuid::Id128);
        const Setup reference = prepare(dir.filePath("reference"), marker);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(harness(reference, {"run", "T1", "--approve", "auto"}, -1), 6);
        const int fullMs = int(clock.elapsed());
        const Outcome expected = outcomeOf(reference);
        QCOMPARE(expected.phase, QStringLiteral("review"));
        QCOMPARE(expected.iteration, 1);
        QVERIFY(expected.temperature.contains("def fahrenheit_to_kelvin"));
        QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker), 0, 5000);

        // 20 kills at random moments while the agent works, up to 5 on one run (the run, then each
        // resume killed again), then an unkilled resume finishes it.
        constexpr int kKills = 20;
        constexpr int kKillsPerRun = 5;
        int kills = 0;
        // A kill that comes after the run ended interrupts nothing: on a machine whose load changes during
        // the test that happens often, so there are rounds to spare and the kills aim at the run's first
        // two thirds.
        for (int round = 0; kills < kKills && round < 24; ++round) {
            const Setup s = prepare(dir.filePath(QStringLiteral("run%1").arg(round)), marker);
            bool started = false;
            int code = 0;
            for (int k = 0; k < kKillsPerRun && kills < kKills; ++k) {
                const int at = int(QRandomGenerator::global()->bounded(300, qMax(700, fullMs * 2 / 3)));
                code = harness(s,
                               started ? QStringList {"resume", "R1", "--approve", "auto"}
                                       : QStringList {"run", "T1", "--approve", "auto"},
                               at);
                auto project = Project::open(s.root, s.store);
                started = project && (*project)->store().run(QStringLiteral("R1")).ok();
                if (code != -1)
                    break; // it ended before the kill: nothing left to interrupt
                ++kills;
                // The agent and its sandbox die with the harness.
                QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker), 0, 5000);
            }
            if (!started)
                QCOMPARE(harness(s, {"run", "T1", "--approve", "auto"}, -1), 6);
            else if (code != 6)
                QCOMPARE(harness(s, {"resume", "R1", "--approve", "auto"}, -1), 6);
            const Outcome got = outcomeOf(s);
            QCOMPARE(got.phase, expected.phase);
            QCOMPARE(got.iteration, expected.iteration);
            QCOMPARE(got.temperature, expected.temperature);
            QTRY_COMPARE_WITH_TIMEOUT(processesWith(marker), 0, 5000);
        }
        QCOMPARE(kills, kKills);
        qInfo() << "uninterrupted run:" << fullMs << "ms;" << kills
                << "kills, each resumed to the same outcome";
    }
};

QTEST_GUILESS_MAIN(TestAcpKill)
#include "tst_acpkill.moc"
