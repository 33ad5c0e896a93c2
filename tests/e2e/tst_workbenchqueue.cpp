// The workbench's Start when the project's runs go to the runners (policy.json "team": {"runs_on":
// "runners"}), against the test PostgreSQL server with a bare git repository as the team's remote:
// RunController::start queues the run (queue entry, run_queued under the person's name, no worktree and no
// engine step here), neither drive() nor a second resumeUnfinished() drives it here, the real window's run
// controls say it waits for a runner and then which runner has it, its Pause and Abort are obeyed by the
// runner, and a real `harness runner` claims it and brings it to review. On a SQLite store, or without
// the remote, Start refuses with what to do.
#include "common/repositorysession.h"
#include "common/runnerteam.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "core/events/runevents.h"
#include "core/localuser.h"
#include "mainwindow.h"
#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runcontroller.h"
#include "orchestration/runstate.h"
#include "runcontrols/runcontrolspanel.h"
#include "runtime/worktreemanager.h"
#include "store/runqueue.h"
#include "store/storenotifier.h"
#include "unit/store/storetestbackend.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace harness;
using harness::test::plainGit;
using harness::test::RunnerTeam;
using harness::ui::MainWindow;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
const QString kRunner = QStringLiteral("wq-1");
const QString kRunnerHost = QStringLiteral("build-7");

// Sets policy.json's "team" object, keeping the rest of the demo's policy.
void setTeam(const QString &root, const QJsonObject &team)
{
    QFile f(root + QStringLiteral("/.harness/policy.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject policy = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    policy.insert(QStringLiteral("team"), team);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(policy).toJson());
}

QStringList kindsOf(const QList<Event> &events)
{
    QStringList out;
    for (const Event &e : events)
        out << e.kind;
    return out;
}

} // namespace

class TestWorkbenchQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<StoreTestBackend> m_postgres;
    QString m_shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR");

    QList<Event> events(const RunnerTeam &t, const QString &runId)
    {
        auto e = t.project->store().events(runId);
        return e ? *e : QList<Event>();
    }

    // Waits until the store announces a change to the run (or timeoutMs passes).
    void waitForRun(const RunnerTeam &t, const QString &runId, quint64 seen, int timeoutMs)
    {
        t.project->store().notifier().waitForChange(runId, seen, timeoutMs);
    }

    void shot(MainWindow &w, const QString &name)
    {
        if (m_shots.isEmpty())
            return;
        const QSize before = w.size();
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
            w.resize(size);
            QCoreApplication::processEvents();
            QVERIFY(w.grab().save(QStringLiteral("%1/%2-%3x%4.png")
                                          .arg(m_shots, name)
                                          .arg(size.width())
                                          .arg(size.height())));
        }
        w.resize(before);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        QVERIFY(m_dir.isValid());
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap is not installed: run packaging/install-deps.sh");
        m_postgres = std::make_unique<StoreTestBackend>(QStringLiteral("postgres"));
        if (const QString why = m_postgres->unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qputenv("HARNESS_USER", "ann");
        qunsetenv("HARNESS_STORE");
        // The test server trusts its role: a password given keeps the workbench away from the keychain.
        qputenv("PGPASSWORD", "unused-by-the-test-server");
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workbenchqueue"));
        QSettings().clear();
    }

    void cleanupTestCase() { m_postgres.reset(); }

    // Start queues, nothing here drives the queued run, the window says what happens to it, and a real
    // runner obeys the window's Pause, Resume and Abort and brings the run to review.
    void startQueuesForTheRunners()
    {
        QElapsedTimer clock;
        clock.start();
        const RunnerTeam t(m_dir.path(), QStringLiteral("wbq"),
                           StoreTestBackend::spec(m_postgres->at(QStringLiteral("wbq"))), 2);
        setTeam(t.root, {{"runs_on", "runners"}, {"remote", "origin"}, {"priority", 3}});
        Store &store = t.project->store();
        const QString person = LocalUser::actor();
        QCOMPARE(person, QStringLiteral("human:ann"));

        // RunController::start queues R1 and drives nothing.
        RunController controller(t.project);
        QSignalSpy queued(&controller, &RunController::runQueued);
        QSignalSpy started(&controller, &RunController::runStarted);
        QSignalSpy failed(&controller, &RunController::failed);
        controller.start(QStringLiteral("T1"));
        QVERIFY2(queued.wait(20000),
                 qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        QCOMPARE(queued.first().at(0).toString(), QStringLiteral("R1"));
        QCOMPARE(queued.first().at(2).toString(),
                 QStringLiteral("R1 of T1 is queued for the runners (priority 3, remote %1)").arg(t.remote));
        QVERIFY(started.isEmpty());
        QVERIFY(controller.drivenRuns().isEmpty());
        auto entry = store.queue().entry(QStringLiteral("R1"));
        QVERIFY(entry && entry->has_value());
        QCOMPARE((*entry)->state, QueueEntry::State::Queued);
        QCOMPARE((*entry)->priority, 3);
        QCOMPARE((*entry)->remote, t.remote);
        QList<Event> r1 = events(t, QStringLiteral("R1"));
        QCOMPARE(kindsOf(r1), (QStringList {kinds::RunRequested, kinds::RunQueued}));
        QCOMPARE(r1.last().actor, person);
        const auto payload = payloadIf<RunQueuedPayload>(r1.last());
        QVERIFY(payload);
        QCOMPARE(payload->priority, 3);
        QCOMPARE(payload->remote, t.remote);
        QVERIFY(payload->autoApprove.isEmpty()); // the person approves the plan, in the window
        QVERIFY(!QDir(WorktreeManager(t.root).worktreesRoot()).exists(QStringLiteral("R1")));
        QCOMPARE(plainGit(t.root, {"worktree", "list", "--porcelain"}).count(QStringLiteral("worktree ")), 1);

        // Neither drive() nor resumeUnfinished() of another controller drives it here.
        controller.drive(QStringLiteral("R1"));
        QTRY_VERIFY_WITH_TIMEOUT(controller.drivenRuns().isEmpty(), 10000);
        RunController other(t.project);
        QSignalSpy resumed(&other, &RunController::unfinishedResumed);
        other.resumeUnfinished();
        QVERIFY(resumed.wait(10000));
        QCOMPARE(resumed.first().first().toStringList(), QStringList());
        QVERIFY(other.drivenRuns().isEmpty());
        QCOMPARE(events(t, QStringLiteral("R1")).size(), 2);

        // The window, opened on the team's store: its own resumeUnfinished() leaves R1 alone, and its run
        // controls say R1 waits for a runner, with Pause and Abort but neither Start nor Resume.
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openRepository(t.root, t.storeUrl));
        QVERIFY2(w.waitForOpen(30000), qPrintable(w.lastError()));
        ui::RunControlsPanel *panel = w.runControls();
        w.session()->selectTask(QStringLiteral("T1"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->stateLabel()->text().contains(QStringLiteral("waiting for a runner")),
                                 10000);
        QVERIFY2(panel->stateLabel()->text().contains(QStringLiteral("run R1")),
                 qPrintable(panel->stateLabel()->text()));
        QVERIFY(!panel->startButton()->isEnabled());
        QVERIFY(panel->pauseButton()->isEnabled());
        QVERIFY(panel->abortButton()->isEnabled());
        QVERIFY(!panel->resumeButton()->isEnabled());
        QVERIFY(w.runController()->drivenRuns().isEmpty());
        shot(w, QStringLiteral("run-controls-queued-waiting"));

        // Start in the window queues T2, and says so where it was clicked; Abort ends it before a runner
        // has it.
        w.session()->selectTask(QStringLiteral("T2"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->startButton()->isEnabled(), 10000);
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
                panel->messageLabel()->text(),
                QStringLiteral("R2 of T2 is queued for the runners (priority 3, remote %1)").arg(t.remote),
                20000);
        QVERIFY(!panel->messageLabel()->isHidden());
        QTRY_VERIFY_WITH_TIMEOUT(panel->abortButton()->isEnabled() &&
                                         panel->stateLabel()->text().contains(QStringLiteral("run R2")),
                                 10000);
        QTest::mouseClick(panel->abortButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->stateLabel()->text().contains(QStringLiteral("ended (aborted)")),
                                 10000);

        // Pause R1 in the window before any runner runs.
        w.session()->selectTask(QStringLiteral("T1"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->stateLabel()->text().contains(QStringLiteral("run R1")), 10000);
        QTest::mouseClick(panel->pauseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->resumeButton()->isEnabled(), 10000);

        // A real runner claims both: R2 ends at once (aborted), R1 waits paused under its lease.
        QProcess runner;
        runner.setProcessChannelMode(QProcess::MergedChannels);
        runner.start(kHarness,
                     {"--store", t.storeUrl, "runner", "--name", kRunner, "--host", kRunnerHost, "--capacity",
                      "2", "--cache", m_dir.filePath(QStringLiteral("cache")), "--lease-ms", "5000",
                      "--exit-when-idle"});
        QVERIFY(runner.waitForStarted(10000));
        const auto log = [&runner] {
            return QString::fromUtf8(runner.readAll());
        };
        QDeadlineTimer deadline(60000);
        qint64 claimedAt = 0;
        while (claimedAt == 0 && !deadline.hasExpired()) {
            const quint64 seen = store.notifier().generation(QStringLiteral("R1"));
            for (const Event &e : events(t, QStringLiteral("R1")))
                if (e.kind == kinds::RunClaimed)
                    claimedAt = e.seq;
            if (claimedAt == 0)
                waitForRun(t, QStringLiteral("R1"), seen, 500);
        }
        QVERIFY2(claimedAt > 0, qPrintable(log()));
        QTRY_VERIFY_WITH_TIMEOUT(
                panel->stateLabel()->text().contains(
                        QStringLiteral("claimed by runner %1 on %2").arg(kRunner, kRunnerHost)),
                10000);
        QVERIFY(panel->stateLabel()->text().contains(QStringLiteral("paused")));
        shot(w, QStringLiteral("run-controls-queued-claimed"));
        QTest::qWait(500); // the paused run stays where it is under its runner
        QCOMPARE(events(t, QStringLiteral("R1")).last().seq, claimedAt);
        QVERIFY(panel->resumeButton()->isEnabled());
        QTest::mouseClick(panel->resumeButton(), Qt::LeftButton);

        // The runner plans; the person approves the plan; the runner builds and verifies to review.
        ApprovalService approvals(store);
        bool approved = false;
        while (!approved && !deadline.hasExpired()) {
            const quint64 seen = store.notifier().generation(QStringLiteral("R1"));
            auto pending = approvals.pending(QStringLiteral("R1"));
            if (pending && !pending->isEmpty()) {
                QVERIFY(approvals.approve(pending->first().id, person));
                approved = true;
            } else {
                waitForRun(t, QStringLiteral("R1"), seen, 500);
            }
        }
        QVERIFY2(approved, qPrintable(log()));
        QVERIFY2(runner.waitForFinished(int(qMax<qint64>(1000, deadline.remainingTime()))),
                 qPrintable(log()));
        const QString runnerLog = log();
        QCOMPARE(runner.exitCode(), 0);

        r1 = events(t, QStringLiteral("R1"));
        const RunState s = RunState::fold(r1);
        QVERIFY2(s.phase == RunPhase::Review,
                 qPrintable(runPhaseName(s.phase) + QLatin1Char(' ') + s.endReason + QLatin1Char('\n') +
                            runnerLog));
        QCOMPARE(s.runner, kRunner);
        // Everything after the queueing was written by the runner, but the person's pause and resume.
        for (const Event &e : std::as_const(r1)) {
            if (e.kind == kinds::RunRequested || e.kind == kinds::RunQueued || e.kind == kinds::Paused ||
                e.kind == kinds::Resumed) {
                QCOMPARE(e.actor, person);
                QVERIFY(e.runner.isEmpty());
            } else {
                QVERIFY2(e.runner == kRunner && e.host == kRunnerHost,
                         qPrintable(QStringLiteral("event %1 (%2) written by \"%3\" on \"%4\"")
                                            .arg(e.seq)
                                            .arg(e.kind, e.runner, e.host)));
            }
        }
        // The plan was approved by the person, the branch with its code is on the remote.
        bool approvedByPerson = false;
        for (const Event &e : std::as_const(r1))
            approvedByPerson = approvedByPerson || (e.kind == kinds::PlanApproved && e.actor == person);
        QVERIFY(approvedByPerson);
        QVERIFY(!plainGit(t.remote, {"rev-parse", "--verify", "-q", s.branch}).isEmpty());
        // R2 was ended by the runner without a step: aborted, and done in the queue.
        const QList<Event> r2 = events(t, QStringLiteral("R2"));
        QCOMPARE(RunState::fold(r2).phase, RunPhase::Aborted);
        QVERIFY(!kindsOf(r2).contains(kinds::PhaseStarted));
        auto r2entry = store.queue().entry(QStringLiteral("R2"));
        QVERIFY(r2entry && r2entry->has_value());
        QCOMPARE((*r2entry)->state, QueueEntry::State::Done);

        // The window says the runner left R1 for review.
        QTRY_VERIFY_WITH_TIMEOUT(
                panel->stateLabel()->text().contains(
                        QStringLiteral("Driven by runner %1 on %2, which left it for your review")
                                .arg(kRunner, kRunnerHost)),
                10000);

        // A workbench opened now drives nothing of the runners' runs.
        RunController later(t.project);
        QSignalSpy laterResumed(&later, &RunController::unfinishedResumed);
        later.resumeUnfinished();
        QVERIFY(laterResumed.wait(10000));
        QCOMPARE(laterResumed.first().first().toStringList(), QStringList());
        QVERIFY(later.drivenRuns().isEmpty());
        QVERIFY(w.runController()->drivenRuns().isEmpty());
        QCOMPARE(events(t, QStringLiteral("R1")).size(), r1.size());
        QVERIFY(store.verifyChain()->intact);
        qInfo() << "queued from the workbench and driven to review by a runner in" << clock.elapsed() << "ms";
    }

    // No remote of that name: Start says to add one, and leaves no run behind.
    void aMissingRemoteIsNamed()
    {
        const RunnerTeam t(m_dir.path(), QStringLiteral("wbnoremote"),
                           StoreTestBackend::spec(m_postgres->at(QStringLiteral("wbnoremote"))), 1, false);
        setTeam(t.root, {{"runs_on", "runners"}, {"remote", "upstream"}});
        RunController controller(t.project);
        QSignalSpy failed(&controller, &RunController::failed);
        controller.start(QStringLiteral("T1"));
        QVERIFY(failed.wait(20000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("no git remote named \"upstream\"")) &&
                         message.contains(QStringLiteral("git remote add upstream URL")),
                 qPrintable(message));
        QCOMPARE(t.project->store().runs()->size(), 0);
    }

    // A SQLite store cannot be reached by any runner: Start refuses at once with what to do.
    void aSqliteStoreIsRefused()
    {
        auto demo = DemoProject::materialize(m_dir.filePath(QStringLiteral("wbsqlite")));
        QVERIFY(demo);
        auto project = Project::open(demo->repositoryRoot, demo->storeSpec);
        QVERIFY2(project, qPrintable(project.errorText()));
        QVERIFY(DemoProject::addTask((*project)->store()));
        setTeam(demo->repositoryRoot, {{"runs_on", "runners"}});
        RunController controller(*project);
        QSignalSpy failed(&controller, &RunController::failed);
        QSignalSpy queued(&controller, &RunController::runQueued);
        controller.start(QStringLiteral("T1"));
        QCOMPARE(failed.size(), 1); // at once, on the spot
        const QString message = failed.first().first().toString();
        for (const QString &part : {QStringLiteral("SQLite file"), QStringLiteral("shared PostgreSQL store"),
                                    QStringLiteral("\"runs_on\" to \"this_machine\"")})
            QVERIFY2(message.contains(part), qPrintable(message));
        QVERIFY(queued.isEmpty());
        QCOMPARE((*project)->store().runs()->size(), 0);
    }
};

QTEST_MAIN(TestWorkbenchQueue)

#include "tst_workbenchqueue.moc"
