// Team runs end to end against the test PostgreSQL server: runs queued with `harness run --queue` are
// claimed and driven by several real `harness runner` processes, each with its own clone of a bare git
// repository that is the shared remote. A runner frozen (SIGSTOP) past its lease cannot append once it
// continues; runners killed with SIGKILL at random moments have their runs taken over by the others.
// Every run must end exactly once like an uninterrupted run of the demo (review after two iterations, two
// checkpoint commits on the run branch of the remote, the same files), with every tool call started and
// answered once, no sequence gap, and an intact audit chain.
#include "common/privatepostgres.h"
#include "common/runnerteam.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "core/events/runevents.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"
#include "store/runqueue.h"
#include "store/storenotifier.h"
#include "unit/store/storetestbackend.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>

using namespace harness;
using harness::test::plainGit;
using harness::test::RunnerTeam;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");

} // namespace

class TestRunners : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<StoreTestBackend> m_postgres;
    QString m_unavailable;

    // Checks one run as tst_resume checks a resumed run; returns what went wrong (empty: like an
    // uninterrupted run).
    QString checkRun(const RunnerTeam &t, const QString &runId, QByteArray *temperature, int *claims)
    {
        Store &store = t.project->store();
        auto events = store.events(runId);
        if (!events)
            return events.errorText();
        const RunState s = RunState::fold(*events);
        QStringList wrong;
        if (s.phase != RunPhase::Review)
            wrong << QStringLiteral("phase %1 (%2)").arg(runPhaseName(s.phase), s.endReason);
        if (s.iteration != 2)
            wrong << QStringLiteral("iteration %1").arg(s.iteration);
        int reviews = 0;
        QHash<QString, int> answers, starts;
        *claims = 0;
        for (qsizetype i = 0; i < events->size(); ++i) {
            const Event &e = events->at(i);
            if (e.seq != i + 1)
                wrong << QStringLiteral("sequence gap at %1").arg(i + 1);
            if (e.kind == kinds::ReviewReady)
                ++reviews;
            if (e.kind == kinds::RunClaimed)
                ++*claims;
            const QString id = e.payload.value("call_id").toString();
            if (e.kind == kinds::ToolResult || e.kind == kinds::ToolInterrupted)
                answers[id]++;
            if (e.kind == kinds::ToolCallStarted)
                starts[id]++;
        }
        if (reviews != 1)
            wrong << QStringLiteral("%1 review_ready events").arg(reviews);
        for (auto it = answers.cbegin(); it != answers.cend(); ++it)
            if (it.value() != 1)
                wrong << QStringLiteral("tool call %1 answered %2 times").arg(it.key()).arg(it.value());
        for (auto it = starts.cbegin(); it != starts.cend(); ++it)
            if (it.value() != 1)
                wrong << QStringLiteral("tool call %1 started %2 times").arg(it.key()).arg(it.value());
        // The code travelled through the remote: the run branch there holds one commit per iteration.
        const QString commits = plainGit(t.remote, {"rev-list", "--count", s.baseCommit + ".." + s.branch});
        if (commits != QLatin1String("2"))
            wrong << QStringLiteral("%1 commits on %2 in the remote").arg(commits, s.branch);
        *temperature = plainGit(t.remote, {"show", s.branch + ":src/units/core/temperature.py"}).toUtf8();
        return wrong.join(QStringLiteral("; "));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        QVERIFY(m_dir.isValid());
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap is not installed: run packaging/install-deps.sh");
        m_postgres = std::make_unique<StoreTestBackend>(QStringLiteral("postgres"));
        m_unavailable = m_postgres->unavailableReason();
        if (!m_unavailable.isEmpty())
            QFAIL(qPrintable(m_unavailable));
    }

    void cleanupTestCase() { m_postgres.reset(); }

    // A runner frozen past its lease: another runner takes the run over and finishes it; the frozen one,
    // continued, has every append refused (no event after the takeover carries its name).
    void frozenRunnerCannotAppend()
    {
        RunnerTeam t(m_dir.path(), QStringLiteral("fence"),
                     StoreTestBackend::spec(m_postgres->at(QStringLiteral("fence"))), 1);
        QCOMPARE(t.harness({"run", "T1", "--queue", "--approve", "auto"}), 0);
        QProcess *frozen = t.startRunner(QStringLiteral("frozen"), 1, 1500);
        Store &store = t.project->store();
        // Freeze it once it is working on the run (it recorded its claim and went on).
        QDeadlineTimer deadline(60000);
        bool working = false;
        while (!working && !deadline.hasExpired()) {
            auto events = store.events(QStringLiteral("R1"));
            if (events)
                for (const Event &e : std::as_const(*events))
                    working =
                            working || (e.runner == QLatin1String("frozen") && e.kind == kinds::PhaseStarted);
            if (!working)
                QTest::qWait(20);
        }
        QVERIFY2(working, qPrintable(t.runnerLog(QStringLiteral("frozen"))));
        ::kill(pid_t(frozen->processId()), SIGSTOP);
        QTest::qWait(2500); // past its lease
        QProcess *other = t.startRunner(QStringLiteral("other"), 1, 1500);
        QVERIFY2(t.queueDrained(180000), qPrintable(t.runnerLog(QStringLiteral("other"))));
        auto entry = store.queue().entry(QStringLiteral("R1"));
        QVERIFY(entry && entry->has_value());
        QCOMPARE((*entry)->runner, QStringLiteral("other"));
        QVERIFY((*entry)->claims >= 2);
        ::kill(pid_t(frozen->processId()), SIGCONT);
        // It wakes, finds its appends refused (or its heartbeat answered "taken over"), and stops the run.
        QVERIFY2(frozen->waitForFinished(60000), qPrintable(t.runnerLog(QStringLiteral("frozen"))));
        QVERIFY(other->waitForFinished(60000));
        auto events = store.events(QStringLiteral("R1"));
        QVERIFY(events);
        qint64 takeover = -1;
        for (const Event &e : std::as_const(*events))
            if (e.kind == kinds::RunClaimed && e.runner == QLatin1String("other"))
                takeover = e.seq;
        QVERIFY(takeover > 0);
        for (const Event &e : std::as_const(*events))
            if (e.seq > takeover)
                QVERIFY2(e.runner == QLatin1String("other"),
                         qPrintable(QStringLiteral("event %1 (%2) written by %3 after the takeover")
                                            .arg(e.seq)
                                            .arg(e.kind, e.runner)));
        QByteArray temperature;
        int claims = 0;
        const QString wrong = checkRun(t, QStringLiteral("R1"), &temperature, &claims);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
        QVERIFY(store.verifyChain()->intact);
        const QString log = t.runnerLog(QStringLiteral("frozen"));
        QVERIFY2(log.contains(QLatin1String("taken over")) || log.contains(QLatin1String("fencing")),
                 qPrintable(log));
    }

    // Someone pushed a store password into the project's .harness/: the runner that clones it parks the run
    // with the reason instead of driving it, and never repeats the password.
    void aStorePasswordInTheRemoteIsRefused()
    {
        RunnerTeam t(m_dir.path(), QStringLiteral("secret"),
                     StoreTestBackend::spec(m_postgres->at(QStringLiteral("secret"))), 1);
        QCOMPARE(t.harness({"run", "T1", "--queue", "--approve", "auto"}), 0);
        const QString other = m_dir.filePath(QStringLiteral("secret-other"));
        plainGit(m_dir.path(), {"clone", "-q", t.remote, other});
        QDir(other).mkpath(QStringLiteral(".harness"));
        QFile notes(other + QStringLiteral("/.harness/team.json"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("{\"store\": \"postgres://harness:hunter2-pw@db.example:5432/harness\"}");
        notes.close();
        plainGit(other, {"add", "-A"});
        plainGit(other,
                 {"-c", "user.name=someone", "-c", "user.email=someone@example.com", "commit", "-q", "-m",
                  "share the store"});
        plainGit(other, {"push", "-q", "origin", "HEAD"});
        QProcess *runner = t.startRunner(QStringLiteral("careful"), 1, 3000);
        QVERIFY2(t.queueDrained(60000), qPrintable(t.runnerLog(QStringLiteral("careful"))));
        QVERIFY(runner->waitForFinished(60000));
        auto entry = t.project->store().queue().entry(QStringLiteral("R1"));
        QVERIFY(entry && entry->has_value());
        QCOMPARE((*entry)->state, QueueEntry::State::Parked);
        QVERIFY2((*entry)->note.contains(
                         QStringLiteral(".harness/team.json names a store URL with a password")),
                 qPrintable((*entry)->note));
        const QString log = t.runnerLog(QStringLiteral("careful"));
        QVERIFY2(log.contains(QStringLiteral("parked")), qPrintable(log));
        QVERIFY(!log.contains(QStringLiteral("hunter2")));
        QVERIFY(!(*entry)->note.contains(QStringLiteral("hunter2")));
    }

    // PostgreSQL stopped for 10 s while runners drive runs (a server of this test's own, so the other
    // tests' server stays up): the runners stop writing, retry, and every run still ends once like an
    // uninterrupted one, its chain intact.
    void storeOutageMidRun()
    {
        harness::test::PrivatePostgres server;
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        constexpr int kTasks = 3;
        RunnerTeam t(m_dir.path(), QStringLiteral("outage"), server.url(), kTasks);
        for (int i = 1; i <= kTasks; ++i)
            QCOMPARE(t.harness({"run", QStringLiteral("T%1").arg(i), "--queue", "--approve", "auto"}), 0);
        t.startRunner(QStringLiteral("o1"), 2, 3000);
        t.startRunner(QStringLiteral("o2"), 2, 3000);
        // Stop the server once a run is building (its agent writing through tool calls).
        QDeadlineTimer deadline(120000);
        bool building = false;
        while (!building && !deadline.hasExpired()) {
            for (int i = 1; i <= kTasks && !building; ++i)
                if (auto events = t.project->store().events(QStringLiteral("R%1").arg(i)))
                    for (const Event &e : std::as_const(*events))
                        building = building || e.kind == kinds::ToolResult;
            if (!building)
                QTest::qWait(50);
        }
        QVERIFY2(building, qPrintable(t.runnerLog(QStringLiteral("o1")) + t.runnerLog(QStringLiteral("o2"))));
        t.project.reset(); // this test's own connections go with the server
        QVERIFY(server.stop());
        QTest::qWait(10000);
        QVERIFY(server.start());
        for (QProcess *p : t.runners())
            QVERIFY2(p->state() == QProcess::Running,
                     qPrintable(QStringLiteral("a runner exited while the store was away:\n") +
                                t.runnerLog(QStringLiteral("o1")) + t.runnerLog(QStringLiteral("o2"))));
        auto project = Project::open(t.root, t.storeUrl);
        QVERIFY2(project, qPrintable(project.errorText()));
        t.project = *project;
        QVERIFY2(t.queueDrained(300000),
                 qPrintable(t.runnerLog(QStringLiteral("o1")) + t.runnerLog(QStringLiteral("o2"))));
        QByteArray expected;
        for (int i = 1; i <= kTasks; ++i) {
            QByteArray temperature;
            int claims = 0;
            const QString wrong = checkRun(t, QStringLiteral("R%1").arg(i), &temperature, &claims);
            QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("R%1: ").arg(i) + wrong));
            if (expected.isEmpty())
                expected = temperature;
            QCOMPARE(temperature, expected);
        }
        QVERIFY(t.project->store().verifyChain()->intact);
        const QString logs = t.runnerLog(QStringLiteral("o1")) + t.runnerLog(QStringLiteral("o2"));
        qInfo().noquote() << "runner logs around the outage:\n" << logs.right(3000);
    }

    // Several runners, many queued runs, runners killed at random moments: every run ends once, like an
    // uninterrupted one. Sized for CI (2 cores, at most about 3 minutes): HARNESS_RUNNERS_TASKS,
    // HARNESS_RUNNERS_KILLS and HARNESS_RUNNERS_COUNT raise it (200, 20 and 4 for the full-scale run).
    void runnersSurviveKills()
    {
        const int tasks = qEnvironmentVariableIntValue("HARNESS_RUNNERS_TASKS") > 0
                ? qEnvironmentVariableIntValue("HARNESS_RUNNERS_TASKS")
                : 12;
        const int kills = qEnvironmentVariableIsSet("HARNESS_RUNNERS_KILLS")
                ? qEnvironmentVariableIntValue("HARNESS_RUNNERS_KILLS")
                : 4;
        const int kRunners = qEnvironmentVariableIntValue("HARNESS_RUNNERS_COUNT") > 0
                ? qEnvironmentVariableIntValue("HARNESS_RUNNERS_COUNT")
                : 3;
        constexpr int kLeaseMs = 3000;
        RunnerTeam t(m_dir.path(), QStringLiteral("fleet"),
                     StoreTestBackend::spec(m_postgres->at(QStringLiteral("fleet"))), tasks);
        for (int i = 1; i <= tasks; ++i)
            QCOMPARE(t.harness({"run", QStringLiteral("T%1").arg(i), "--queue", "--approve", "auto",
                                "--priority", QString::number(i % 3)}),
                     0);
        QElapsedTimer clock;
        clock.start();
        QList<QProcess *> live;
        int next = 0;
        for (; next < kRunners; ++next)
            live << t.startRunner(QStringLiteral("r%1").arg(next), 2, kLeaseMs);
        auto *random = QRandomGenerator::global();
        Store &store = t.project->store();
        int killed = 0;
        while (killed < kills) {
            QTest::qWait(int(random->bounded(2000, 6000)));
            if (t.queueDrained(1))
                break;
            QProcess *victim = live.takeAt(int(random->bounded(live.size())));
            ::kill(pid_t(victim->processId()), SIGKILL);
            victim->waitForFinished(5000);
            ++killed;
            live << t.startRunner(QStringLiteral("r%1").arg(next++), 2, kLeaseMs);
        }
        QVERIFY2(t.queueDrained(qMax(600000, tasks * 30000)), "the runs did not all end");
        for (QProcess *p : std::as_const(live))
            QVERIFY(p->waitForFinished(60000));
        const qint64 ms = clock.elapsed();
        QByteArray expected;
        int takenOver = 0;
        for (int i = 1; i <= tasks; ++i) {
            const QString runId = QStringLiteral("R%1").arg(i);
            QByteArray temperature;
            int claims = 0;
            const QString wrong = checkRun(t, runId, &temperature, &claims);
            QVERIFY2(wrong.isEmpty(), qPrintable(runId + QStringLiteral(": ") + wrong));
            if (expected.isEmpty())
                expected = temperature;
            QCOMPARE(temperature, expected);
            QVERIFY(!temperature.isEmpty());
            if (claims > 1)
                ++takenOver;
        }
        QVERIFY(store.verifyChain()->intact);
        qInfo() << tasks << "runs on" << kRunners << "runners," << killed << "kill -9s," << takenOver
                << "runs taken over, every one ended once like an uninterrupted run, in" << ms << "ms";
    }
};

QTEST_GUILESS_MAIN(TestRunners)

#include "tst_runners.moc"
