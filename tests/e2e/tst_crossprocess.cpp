// Decisions from another process, end to end: a `harness run` or `harness resume` waits or works in one
// process while `harness approve / reject / pause / abort` run as separate processes on the same store
// (a SQLite file, and a PostgreSQL database when HARNESS_TEST_PG names a server). The running process
// must see each decision, act on it, and record it under the deciding human's name.
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"
#include "unit/store/storetestbackend.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
constexpr int kTimeoutMs = 60000;
const QString kRun = QStringLiteral("R1");

struct Setup
{
    QString root;
    QString store;
    QString scratch; // beside the repository, for transcripts
    std::shared_ptr<Project> project; // this test's own connection to the store
};

QList<Event> eventsOfKind(Store &store, QLatin1StringView kind, qint64 afterSeq = 0)
{
    QList<Event> out;
    const auto events = store.events(kRun);
    if (!events)
        return out;
    for (const auto &e : *events)
        if (e.kind == kind && e.seq > afterSeq)
            out << e;
    return out;
}

RunState stateOf(Store &store)
{
    const auto events = store.events(kRun);
    return events ? RunState::fold(*events) : RunState();
}

QList<Approval> pendingApprovals(Store &store)
{
    const auto pending = store.approvals(true, kRun);
    return pending ? *pending : QList<Approval>();
}

// The approval the run waits for in the given plan round, once its approval_requested event is in the
// log (the approval row is written just before the event), or empty.
QString awaitedApproval(Store &store, int round = 1)
{
    const RunState s = stateOf(store);
    return s.phase == RunPhase::AwaitingApproval && s.planRound == round ? s.pendingApprovalId : QString();
}

// Kills a `harness` process a failed test left running.
struct StopProcess
{
    void operator()(QProcess *p) const
    {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
        delete p;
    }
};
using Harness = std::unique_ptr<QProcess, StopProcess>;

// The demo transcript with every build and fix answer delayed, so a run is still working when another
// process pauses or aborts it.
QString writeSlowTranscript(const Setup &s, int delayMs)
{
    QFile in(s.root + QStringLiteral("/.harness/replay/add-kelvin.jsonl"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QByteArray out;
    for (const QByteArray &line : in.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("phase")).toString() != QLatin1String("plan"))
            o.insert(QStringLiteral("delay_ms"), delayMs);
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString path = s.scratch + QStringLiteral("/slow.jsonl");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(out) != out.size())
        return {};
    return path;
}

// The demo transcript's plan answered twice: round 1 and, after the rejection, round 2 (the replay turn
// index counts every model call, so the second plan is turn 1).
QString writeTwoPlanRounds(const Setup &s)
{
    QFile in(s.root + QStringLiteral("/.harness/replay/add-kelvin.jsonl"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject first = QJsonDocument::fromJson(in.readAll().split('\n').first()).object();
    QJsonObject second = first;
    second.insert(QStringLiteral("iteration"), 2);
    second.insert(QStringLiteral("turn"), 1);
    const QString path = s.scratch + QStringLiteral("/two-rounds.jsonl");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(first).toJson(QJsonDocument::Compact) + '\n' +
            QJsonDocument(second).toJson(QJsonDocument::Compact) + '\n');
    return path;
}

} // namespace

class TestCrossProcess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<StoreTestBackend> m_postgres;
    QString m_postgresUnavailable;

    Setup prepare(const QString &backend, const QString &label)
    {
        Setup s;
        s.scratch = m_dir.filePath(backend + QLatin1Char('-') + label);
        auto demo = DemoProject::materialize(s.scratch + QStringLiteral("/units"));
        if (!demo) {
            qWarning() << demo.errorText();
            return {};
        }
        s.root = demo->repositoryRoot;
        s.store = backend == QLatin1String("sqlite") ? demo->storeSpec
                                                     : StoreTestBackend::spec(m_postgres->at(label));
        auto project = Project::open(s.root, s.store);
        if (!project) {
            qWarning() << project.errorText();
            return {};
        }
        s.project = *project;
        if (auto task = DemoProject::addTask(s.project->store()); !task) {
            qWarning() << task.errorText();
            return {};
        }
        return s;
    }

    // The environment of a `harness` process acting for the named human.
    static QProcessEnvironment asUser(const QString &user)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HARNESS_USER"), user);
        env.remove(QStringLiteral("HARNESS_STORE"));
        return env;
    }

    // Starts a long-running `harness` command (run, resume) in the background.
    static Harness start(const Setup &s, const QStringList &command, const QString &user)
    {
        Harness p(new QProcess);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setProcessEnvironment(asUser(user));
        p->start(kHarness,
                 QStringList {QStringLiteral("--repo"), s.root, QStringLiteral("--store"), s.store} +
                         command);
        if (!p->waitForStarted(10000))
            qWarning() << "harness did not start:" << p->errorString();
        return p;
    }

    // Runs a short `harness` command as another process and returns its exit code (output in *output).
    static int once(const Setup &s, const QStringList &command, const QString &user,
                    QString *output = nullptr)
    {
        auto p = start(s, command, user);
        if (!p->waitForFinished(60000))
            return -1;
        const QString text = QString::fromUtf8(p->readAll());
        if (output)
            *output = text;
        if (p->exitCode() != 0)
            qInfo().noquote() << "harness" << command.join(QLatin1Char(' ')) << "->" << p->exitCode() << text;
        return p->exitCode();
    }

    static int finish(QProcess &p)
    {
        if (!p.waitForFinished(kTimeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            qWarning().noquote() << "harness did not finish:" << p.readAll();
            return -1;
        }
        return p.exitCode();
    }

    void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

#define FAIL_UNAVAILABLE_BACKEND(backend)                                                                    \
    if ((backend) == QLatin1String("postgres") && !m_postgresUnavailable.isEmpty())                          \
        QFAIL(qPrintable(m_postgresUnavailable));

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        QVERIFY(m_dir.isValid());
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        m_postgres = std::make_unique<StoreTestBackend>(QStringLiteral("postgres"));
        m_postgresUnavailable = m_postgres->unavailableReason();
    }

    void cleanupTestCase()
    {
        m_postgres.reset(); // drops the databases the tests made
    }

    void approveFromAnotherProcessUnblocksTheWaitingRun_data()
    {
        backends();
    }
    void approveFromAnotherProcessUnblocksTheWaitingRun()
    {
        QFETCH(QString, backend);
        FAIL_UNAVAILABLE_BACKEND(backend);
        const Setup s = prepare(backend, QStringLiteral("approve"));
        QVERIFY(s.project);
        Store &store = s.project->store();

        auto runner = start(s, {"run", "T1", "--approve", "wait"}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!awaitedApproval(store).isEmpty(), kTimeoutMs);
        const QString approvalId = awaitedApproval(store);
        QCOMPARE(pendingApprovals(store).size(), 1);
        QCOMPARE(pendingApprovals(store).first().id, approvalId);
        // The run waits for the decision: its process stays alive and nothing is built.
        QTest::qWait(500);
        QCOMPARE(runner->state(), QProcess::Running);
        QCOMPARE(stateOf(store).phase, RunPhase::AwaitingApproval);
        QVERIFY(eventsOfKind(store, kinds::ToolResult).isEmpty());

        QString said;
        QCOMPARE(once(s, {"approve", approvalId}, QStringLiteral("approver"), &said), 0);
        QVERIFY2(said.contains(QStringLiteral("approved by human:approver")), qPrintable(said));

        const int code = finish(*runner);
        const QString output = QString::fromUtf8(runner->readAll());
        QVERIFY2(code == 6, qPrintable(QStringLiteral("exit %1\n%2").arg(code).arg(output)));
        QVERIFY2(output.contains(QStringLiteral("waiting for a decision on ") + approvalId),
                 qPrintable(output));
        const RunState st = stateOf(store);
        QCOMPARE(runPhaseName(st.phase), QStringLiteral("review"));
        QCOMPARE(st.iteration, 2);
        const auto approved = eventsOfKind(store, kinds::PlanApproved);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().actor, QStringLiteral("human:approver"));
        QCOMPARE(approved.first().payload.value(QStringLiteral("approval")).toString(), approvalId);
        QVERIFY(store.verifyChain()->intact);
    }

    void rejectFromAnotherProcessSendsTheRunBackToPlanning_data()
    {
        backends();
    }
    void rejectFromAnotherProcessSendsTheRunBackToPlanning()
    {
        QFETCH(QString, backend);
        FAIL_UNAVAILABLE_BACKEND(backend);
        const Setup s = prepare(backend, QStringLiteral("reject"));
        QVERIFY(s.project);
        Store &store = s.project->store();
        const QString transcript = writeTwoPlanRounds(s);
        QVERIFY(!transcript.isEmpty());

        auto runner =
                start(s, {"run", "T1", "--approve", "wait", "--agent", transcript}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!awaitedApproval(store).isEmpty(), kTimeoutMs);
        const QString first = awaitedApproval(store);

        // A rejection without feedback is refused: the agent would not know what to change.
        QString said;
        QCOMPARE(once(s, {"reject", first}, QStringLiteral("reviewer"), &said), 1);
        QVERIFY2(said.contains(QStringLiteral("--feedback")), qPrintable(said));
        QCOMPARE(pendingApprovals(store).size(), 1);

        const QString feedback = QStringLiteral("Also round to two decimals in the CLI.");
        QCOMPARE(once(s, {"reject", first, "--feedback", feedback}, QStringLiteral("reviewer")), 0);
        // The waiting process plans again from the feedback and waits for the new plan's approval.
        QTRY_VERIFY_WITH_TIMEOUT(!awaitedApproval(store, 2).isEmpty(), kTimeoutMs);
        QVERIFY(awaitedApproval(store, 2) != first);
        QCOMPARE(pendingApprovals(store).size(), 1);
        QCOMPARE(runner->state(), QProcess::Running);
        const RunState st = stateOf(store);
        QCOMPARE(st.phase, RunPhase::AwaitingApproval);
        QCOMPARE(st.planRound, 2);
        const auto rejected = eventsOfKind(store, kinds::PlanRejected);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.first().actor, QStringLiteral("human:reviewer"));
        QCOMPARE(rejected.first().payload.value(QStringLiteral("feedback")).toString(), feedback);
        const auto contexts = eventsOfKind(store, kinds::ContextAssembled);
        QCOMPARE(contexts.size(), 2);
        QVERIFY(contexts.last().payload.value(QStringLiteral("prompt")).toString().contains(feedback));
        QVERIFY(eventsOfKind(store, kinds::ToolResult).isEmpty());

        // Aborting from a third process ends the waiting one.
        QCOMPARE(once(s, {"abort", kRun}, QStringLiteral("reviewer")), 0);
        const int code = finish(*runner);
        QVERIFY2(code == 1,
                 qPrintable(
                         QStringLiteral("exit %1\n%2").arg(code).arg(QString::fromUtf8(runner->readAll()))));
        QCOMPARE(stateOf(store).phase, RunPhase::Aborted);
    }

    // The terminal that ran the task was closed while the run waited; the human aborts it from another
    // shell. Nothing drives the run any more, yet the task list and the pending approvals must agree
    // with the log: the task is aborted and its plan approval is no longer open for a decision.
    void abortOfARunNobodyDrivesShowsEverywhere()
    {
        const Setup s = prepare(QStringLiteral("sqlite"), QStringLiteral("orphan"));
        QVERIFY(s.project);
        Store &store = s.project->store();
        auto runner = start(s, {"run", "T1", "--approve", "wait"}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!awaitedApproval(store).isEmpty(), kTimeoutMs);
        const QString approvalId = awaitedApproval(store);
        runner->kill(); // the terminal went away
        QVERIFY(runner->waitForFinished(10000));

        QCOMPARE(once(s, {"abort", kRun, "not", "needed"}, QStringLiteral("aborter")), 0);
        QCOMPARE(stateOf(store).phase, RunPhase::Aborted);
        QString list;
        QCOMPARE(once(s, {"task", "list"}, QStringLiteral("aborter"), &list), 0);
        QVERIFY2(list.contains(QStringLiteral("aborted")), qPrintable(list));
        QCOMPARE(store.task(QStringLiteral("T1"))->state, TaskState::Aborted);
        const QList<Approval> open = pendingApprovals(store);
        QVERIFY2(open.isEmpty(),
                 qPrintable(QStringLiteral("approval %1 of the aborted run is still pending")
                                    .arg(open.isEmpty() ? QString() : open.first().id)));
        QString said;
        QVERIFY2(once(s, {"approve", approvalId}, QStringLiteral("approver"), &said) != 0, qPrintable(said));
    }

    void pauseAndAbortFromAnotherProcessStopARunningResume_data()
    {
        backends();
    }
    void pauseAndAbortFromAnotherProcessStopARunningResume()
    {
        QFETCH(QString, backend);
        FAIL_UNAVAILABLE_BACKEND(backend);
        const Setup s = prepare(backend, QStringLiteral("control"));
        QVERIFY(s.project);
        Store &store = s.project->store();
        // Each model turn takes 3 s: room for `harness pause`/`abort` to start and land before the next
        // one (an ASan build of the CLI needs more than 1.5 s to start and connect on a loaded machine).
        const QString slow = writeSlowTranscript(s, 3000);
        QVERIFY(!slow.isEmpty());

        // A run waiting for its plan approval; a pause from another process ends the waiting process.
        auto runner = start(s, {"run", "T1", "--approve", "wait", "--agent", slow}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!awaitedApproval(store).isEmpty(), kTimeoutMs);
        QCOMPARE(once(s, {"pause", kRun}, QStringLiteral("pauser")), 0);
        QCOMPARE(finish(*runner), 6);
        QVERIFY(stateOf(store).paused);
        QCOMPARE(once(s, {"approve", pendingApprovals(store).first().id}, QStringLiteral("approver")), 0);

        // `harness resume` builds; a pause from another process stops it before the next tool call.
        auto resumer =
                start(s, {"resume", kRun, "--approve", "wait", "--agent", slow}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOfKind(store, kinds::ToolResult).isEmpty(), kTimeoutMs);
        QCOMPARE(stateOf(store).phase, RunPhase::Building);
        QCOMPARE(once(s, {"pause", kRun}, QStringLiteral("pauser")), 0);
        int code = finish(*resumer);
        QVERIFY2(code == 6,
                 qPrintable(
                         QStringLiteral("exit %1\n%2").arg(code).arg(QString::fromUtf8(resumer->readAll()))));
        RunState st = stateOf(store);
        QVERIFY(st.paused);
        QCOMPARE(st.phase, RunPhase::Building);
        const auto pauses = eventsOfKind(store, kinds::Paused);
        QCOMPARE(pauses.size(), 2);
        QCOMPARE(pauses.last().actor, QStringLiteral("human:pauser"));
        const qint64 pausedAt = pauses.last().seq;
        // At most the model answer in flight was recorded after the pause; no tool ran.
        QVERIFY(eventsOfKind(store, kinds::ToolCallStarted, pausedAt).isEmpty());
        QVERIFY(eventsOfKind(store, kinds::ToolResult, pausedAt).isEmpty());
        QVERIFY(eventsOfKind(store, kinds::Checkpoint).isEmpty());

        // Resumed, it works again; an abort from another process stops it for good.
        resumer = start(s, {"resume", kRun, "--approve", "wait", "--agent", slow}, QStringLiteral("runner"));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOfKind(store, kinds::ToolResult, pausedAt).isEmpty(), kTimeoutMs);
        QCOMPARE(eventsOfKind(store, kinds::Resumed).size(), 2);
        QCOMPARE(once(s, {"abort", kRun, "wrong", "approach"}, QStringLiteral("aborter")), 0);
        code = finish(*resumer);
        QVERIFY2(code == 1,
                 qPrintable(
                         QStringLiteral("exit %1\n%2").arg(code).arg(QString::fromUtf8(resumer->readAll()))));
        st = stateOf(store);
        QCOMPARE(st.phase, RunPhase::Aborted);
        QCOMPARE(st.endReason, QStringLiteral("wrong approach"));
        const auto aborted = eventsOfKind(store, kinds::Aborted);
        QCOMPARE(aborted.size(), 1);
        QCOMPARE(aborted.first().actor, QStringLiteral("human:aborter"));
        QVERIFY(eventsOfKind(store, kinds::ToolResult, aborted.first().seq).isEmpty());
        QVERIFY(eventsOfKind(store, kinds::VerifyFinished).isEmpty());
        QVERIFY(QDir(st.worktreePath).exists()); // kept for inspection
        QCOMPARE(store.task(QStringLiteral("T1"))->state, TaskState::Aborted);
        QVERIFY(store.verifyChain()->intact);
    }
};

QTEST_GUILESS_MAIN(TestCrossProcess)
#include "tst_crossprocess.moc"
