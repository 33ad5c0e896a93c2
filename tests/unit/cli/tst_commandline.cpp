// The `harness` command line, run in-process and as the real executable: exit codes, messages on
// stderr, nothing written on bad input, init never overwriting.
#include "commandline.h"
#include "common/gitfixture.h"
#include "core/eventkinds.h"
#include "core/events/runevents.h"
#include "exitcodes.h"
#include "orchestration/project.h"
#include "store/runqueue.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestCommandLine : public QObject
{
    Q_OBJECT

    struct Outcome
    {
        int code;
        QString out;
        QString err;
    };
    Outcome run(const test::GitFixture &repo, QStringList args)
    {
        QString out, err;
        QTextStream o(&out), e(&err);
        CommandLine cli({o, e});
        const int code = cli.run(QStringList {QStringLiteral("--repo"), repo.root(),
                                              QStringLiteral("--store"), repo.storePath()} +
                                 args);
        o.flush();
        e.flush();
        return {code, out, err};
    }
    int taskCount(const test::GitFixture &repo)
    {
        auto project = Project::open(repo.root(), repo.storePath());
        return project ? int((*project)->store().tasks()->size()) : -1;
    }

private Q_SLOTS:
    void helpAndVersion()
    {
        test::GitFixture repo;
        auto help = run(repo, {QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QStringLiteral("Exit codes:")));
        QVERIFY(help.out.contains(QStringLiteral("audit verify")));
        auto version = run(repo, {QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.contains(QString::fromLatin1(qVersion())));
        QVERIFY(version.out.contains(QStringLiteral("syntax highlighting")));
        QVERIFY(version.out.contains(QStringLiteral("keychain")));
        // The commit the build was made from, as git names it now (the build and this test are one tree).
        QProcess git;
        git.start(QStringLiteral("git"),
                  {QStringLiteral("-C"), QStringLiteral(HARNESS_SOURCE_DIR), QStringLiteral("rev-parse"),
                   QStringLiteral("--short=12"), QStringLiteral("HEAD")});
        QVERIFY(git.waitForFinished(30000));
        const QString head = QString::fromUtf8(git.readAllStandardOutput()).trimmed();
        if (git.exitCode() == 0 && !head.isEmpty())
            QVERIFY2(version.out.contains(QStringLiteral("commit:              ") + head),
                     qPrintable(version.out));
        else
            QVERIFY2(version.out.contains(QStringLiteral("commit:              unknown")),
                     qPrintable(version.out));
    }

    // `harness demo` on a machine without python3: it says what is missing and what to install, exits 5
    // (a required tool is missing) and makes nothing, instead of a gate failing halfway with no reason.
    void demoSaysWhatIsMissingBeforeStarting()
    {
        QTemporaryDir bin, tmp;
        for (const char *tool : {"git", "bwrap", "true"}) { // bwrap's probe runs `true`
            const QString real = QStandardPaths::findExecutable(QString::fromLatin1(tool));
            QVERIFY2(!real.isEmpty(), tool);
            QVERIFY(QFile::link(real, bin.filePath(QString::fromLatin1(tool))));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), bin.path()); // git and bwrap, no python3
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        QProcess harness;
        harness.setProcessEnvironment(env);
        harness.start(QStringLiteral(HARNESS_BINARY_DIR "/bin/harness"), {QStringLiteral("demo")});
        QVERIFY(harness.waitForFinished(60000));
        const QString err = QString::fromUtf8(harness.readAllStandardError());
        QCOMPARE(harness.exitCode(), exitcode::Environment);
        QVERIFY2(err.contains(QStringLiteral("the demo cannot run on this machine yet")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("python3 is not installed")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("\"python3-pytest\"")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("git is not installed")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("sandbox")), qPrintable(err));
        QVERIFY(QDir(tmp.path()).isEmpty()); // no demo copy was made
    }

    void unknownCommandIsAUsageError()
    {
        test::GitFixture repo;
        auto r = run(repo, {QStringLiteral("frobnicate")});
        QCOMPARE(r.code, exitcode::Usage);
        QVERIFY(r.err.contains(QStringLiteral("unknown command")));
    }

    void initCreatesOnceAndNeverOverwrites()
    {
        test::GitFixture repo;
        repo.write(QStringLiteral("AGENTS.md"), "# mine\n");
        auto r = run(repo, {QStringLiteral("init")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("created .harness/rules.json")));
        QVERIFY(r.out.contains(QStringLiteral("created .harness/gates.json")));
        QVERIFY(r.out.contains(QStringLiteral("kept    AGENTS.md")));
        QCOMPARE(repo.read(QStringLiteral("AGENTS.md")), QByteArray("# mine\n"));
        QVERIFY(QJsonDocument::fromJson(repo.read(QStringLiteral(".harness/rules.json"))).isObject());
        repo.write(QStringLiteral(".harness/rules.json"), "{\"version\": 1}\n");
        r = run(repo, {QStringLiteral("init")});
        QCOMPARE(r.code, 0);
        QCOMPARE(repo.read(QStringLiteral(".harness/rules.json")), QByteArray("{\"version\": 1}\n"));
    }

    void initOutsideARepositoryFails()
    {
        QTemporaryDir plain;
        QString out, err;
        QTextStream o(&out), e(&err);
        CommandLine cli({o, e});
        const int code = cli.run({QStringLiteral("--repo"), plain.path(), QStringLiteral("init")});
        e.flush();
        QCOMPARE(code, exitcode::Usage);
        QVERIFY2(err.contains(QStringLiteral("not inside a git repository")), qPrintable(err));
        QVERIFY(!QFile::exists(plain.filePath(QStringLiteral(".harness/rules.json"))));
    }

    void taskAddListShow()
    {
        test::GitFixture repo;
        auto added = run(repo,
                         {QStringLiteral("task"), QStringLiteral("add"), QStringLiteral("--title"),
                          QStringLiteral("Parse dates"), QStringLiteral("--goal"),
                          QStringLiteral("Accept ISO dates"), QStringLiteral("--accept"),
                          QStringLiteral("tests pass"), QStringLiteral("--check"),
                          QStringLiteral("make test"), QStringLiteral("--scope"), QStringLiteral("src/**"),
                          QStringLiteral("--max-iterations"), QStringLiteral("4")});
        QCOMPARE(added.code, 0);
        QVERIFY(added.out.contains(QStringLiteral("added T1")));
        auto second = run(repo,
                          {QStringLiteral("task"), QStringLiteral("add"), QStringLiteral("--title"),
                           QStringLiteral("Docs"), QStringLiteral("--goal"), QStringLiteral("Document it"),
                           QStringLiteral("--depends"), QStringLiteral("T1")});
        QCOMPARE(second.code, 0);
        auto list = run(repo, {QStringLiteral("task"), QStringLiteral("list")});
        QCOMPARE(list.code, 0);
        QVERIFY(list.out.contains(QStringLiteral("Parse dates")));
        QVERIFY(list.out.contains(QStringLiteral("(after T1)")));
        auto show = run(repo,
                        {QStringLiteral("task"), QStringLiteral("show"), QStringLiteral("T1"),
                         QStringLiteral("--json")});
        QCOMPARE(show.code, 0);
        const QJsonObject t = QJsonDocument::fromJson(show.out.toUtf8()).object();
        QCOMPARE(t.value("contract").toObject().value("budget").toObject().value("max_iterations").toInt(),
                 4);
        QCOMPARE(t.value("contract")
                         .toObject()
                         .value("acceptance")
                         .toArray()
                         .first()
                         .toObject()
                         .value("check")
                         .toString(),
                 QStringLiteral("make test"));
    }

    // `harness queue`: a queued run's priority and the queue's limits, each recorded with the person;
    // bad input says what to do and changes nothing.
    void queuePrioritiesAndLimits()
    {
        test::GitFixture repo;
        QCOMPARE(run(repo,
                     {QStringLiteral("task"), QStringLiteral("add"), QStringLiteral("--title"),
                      QStringLiteral("A"), QStringLiteral("--goal"), QStringLiteral("g")})
                         .code,
                 0);
        {
            auto project = Project::open(repo.root(), repo.storePath());
            QVERIFY(project);
            Store &store = (*project)->store();
            Run r;
            r.taskId = QStringLiteral("T1");
            auto made = store.addRun(r);
            QVERIFY(made);
            QVERIFY(store.queue().enqueue(made->id, QStringLiteral("T1"), 0,
                                          QStringLiteral("/srv/remote.git")));
        }
        auto raised = run(repo,
                          {QStringLiteral("queue"), QStringLiteral("--run"), QStringLiteral("R1"),
                           QStringLiteral("--priority"), QStringLiteral("7")});
        QCOMPARE(raised.code, 0);
        QVERIFY2(raised.out.contains(QStringLiteral("run R1: priority 7")), qPrintable(raised.out));
        QVERIFY2(raised.out.contains(QStringLiteral("R1\tT1\tpriority 7\tqueued")), qPrintable(raised.out));
        auto capped = run(repo,
                          {QStringLiteral("queue"), QStringLiteral("--max-runs"), QStringLiteral("2"),
                           QStringLiteral("--max-spend"), QStringLiteral("9.5")});
        QCOMPARE(capped.code, 0);
        QVERIFY2(capped.out.contains(QStringLiteral("limits: 2 runs at once, spend cap $9.50")),
                 qPrintable(capped.out));
        auto alone = run(repo, {QStringLiteral("queue"), QStringLiteral("--run"), QStringLiteral("R1")});
        QCOMPARE(alone.code, int(exitcode::Usage));
        QVERIFY2(alone.err.contains(QStringLiteral("--run and --priority go together")),
                 qPrintable(alone.err));
        auto negative =
                run(repo, {QStringLiteral("queue"), QStringLiteral("--max-runs"), QStringLiteral("-1")});
        QCOMPARE(negative.code, int(exitcode::Usage));
        QVERIFY2(negative.err.contains(QStringLiteral("cannot be negative")), qPrintable(negative.err));
        auto unknown = run(repo,
                           {QStringLiteral("queue"), QStringLiteral("--run"), QStringLiteral("R9"),
                            QStringLiteral("--priority"), QStringLiteral("1")});
        QVERIFY(unknown.code != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("R9 is not in the queue")), qPrintable(unknown.err));
        // Both changes are in the audit trail with the person who made them.
        auto project = Project::open(repo.root(), repo.storePath());
        QVERIFY(project);
        auto runEvents = (*project)->store().events(QStringLiteral("R1"));
        QVERIFY(runEvents);
        int reprioritized = 0;
        for (const Event &e : std::as_const(*runEvents))
            if (e.kind == kinds::RunReprioritized) {
                ++reprioritized;
                QVERIFY2(e.actor.startsWith(QStringLiteral("human:")), qPrintable(e.actor));
            }
        QCOMPARE(reprioritized, 1);
        auto storeEvents = (*project)->store().events(QString());
        QVERIFY(storeEvents);
        int limited = 0;
        for (const Event &e : std::as_const(*storeEvents))
            limited += e.kind == kinds::QueueLimitsChanged ? 1 : 0;
        QCOMPARE(limited, 1);
        auto limits = (*project)->store().queue().limits();
        QVERIFY(limits);
        QCOMPARE(limits->maxConcurrent, 2);
    }

    // A run queued for the runners is theirs. `harness run --queue` checks the remote before it makes the
    // run (a refused remote leaves no run behind); `harness resume` refuses to drive a queued run here,
    // waiting or claimed, and only records the resume of a paused one, for its runner to obey; `harness run
    // --ready` does not start its task again.
    void queuedRunsAreDrivenByTheRunnersOnly()
    {
        test::GitFixture repo;
        repo.write(QStringLiteral("README.md"), "units\n");
        repo.commitAll(QStringLiteral("start"));
        QCOMPARE(run(repo,
                     {QStringLiteral("task"), QStringLiteral("add"), QStringLiteral("--title"),
                      QStringLiteral("A"), QStringLiteral("--goal"), QStringLiteral("g")})
                         .code,
                 0);
        const auto runsInStore = [&repo]() {
            auto project = Project::open(repo.root(), repo.storePath());
            return project ? int((*project)->store().runs()->size()) : -1;
        };
        // The runner brings its own agent; here a replay transcript stands in for the project's provider.
        const QString agent = repo.scratch() + QStringLiteral("/agent.jsonl");
        QFile transcript(agent);
        QVERIFY(transcript.open(QIODevice::WriteOnly));
        transcript.close();
        // The repository has no remote "origin": refused with what to do, and no run was made.
        auto noRemote = run(repo,
                            {QStringLiteral("run"), QStringLiteral("T1"), QStringLiteral("--queue"),
                             QStringLiteral("--agent"), agent});
        QVERIFY2(noRemote.code == int(exitcode::Usage), qPrintable(noRemote.err));
        QVERIFY2(noRemote.err.contains(QStringLiteral("no git remote named \"origin\"")),
                 qPrintable(noRemote.err));
        QCOMPARE(runsInStore(), 0);

        const QString remote = repo.scratch() + QStringLiteral("/team.git");
        QVERIFY(QDir().mkpath(remote));
        QProcess bare;
        bare.setWorkingDirectory(remote);
        bare.start(QStringLiteral("git"),
                   {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare")});
        QVERIFY(bare.waitForFinished(30000) && bare.exitCode() == 0);
        auto queued = run(repo,
                          {QStringLiteral("run"), QStringLiteral("T1"), QStringLiteral("--queue"),
                           QStringLiteral("--remote"), remote, QStringLiteral("--agent"), agent});
        QVERIFY2(queued.code == 0, qPrintable(queued.err));
        QVERIFY2(queued.out.contains(QStringLiteral("run R1 of task T1 queued for the runners")),
                 qPrintable(queued.out));
        QCOMPARE(runsInStore(), 1);

        // Waiting for a runner: not driven here.
        auto waiting = run(repo, {QStringLiteral("resume"), QStringLiteral("R1")});
        QCOMPARE(waiting.code, int(exitcode::Usage));
        QVERIFY2(waiting.err.contains(QStringLiteral("R1 is queued for the runners (waiting for a runner to "
                                                     "claim it): it is driven there")),
                 qPrintable(waiting.err));
        QVERIFY2(waiting.err.contains(QStringLiteral("\"harness queue\" to see the queue")),
                 qPrintable(waiting.err));
        QVERIFY(!waiting.out.contains(QStringLiteral("resuming")));

        // Claimed by a runner: the message names it and says how to steer the run.
        {
            auto project = Project::open(repo.root(), repo.storePath());
            QVERIFY(project);
            RunClaimedPayload claimed;
            claimed.runner = QStringLiteral("build-3");
            claimed.host = QStringLiteral("node-7");
            claimed.token = 1;
            claimed.worktree = QStringLiteral("/var/cache/harness/R1");
            QVERIFY((*project)->store().append(
                    makeEvent(QStringLiteral("R1"), claimed, QStringLiteral("harness"))));
            QVERIFY((*project)->store().flush());
        }
        auto claimed = run(repo, {QStringLiteral("resume"), QStringLiteral("R1")});
        QCOMPARE(claimed.code, int(exitcode::Usage));
        QVERIFY2(claimed.err.contains(
                         QStringLiteral("R1 is queued for the runners (claimed by runner build-3 on "
                                        "node-7): it is driven there; use \"harness pause R1\" or "
                                        "\"harness abort R1\" to steer it")),
                 qPrintable(claimed.err));

        // `harness run --ready` leaves the task to the runners: no second run of it.
        auto ready = run(
                repo, {QStringLiteral("run"), QStringLiteral("--ready"), QStringLiteral("--agent"), agent});
        QVERIFY2(ready.code == 0, qPrintable(ready.err));
        QVERIFY2(ready.out.contains(QStringLiteral("task T1 is queued for the runners: it is driven there")),
                 qPrintable(ready.out));
        QCOMPARE(runsInStore(), 1);

        // `harness run T1` on the queued task says where it is driven, not "resume it".
        auto again =
                run(repo, {QStringLiteral("run"), QStringLiteral("T1"), QStringLiteral("--agent"), agent});
        QVERIFY2(again.code != 0, qPrintable(again.out));
        QVERIFY2(
                again.err.contains(QStringLiteral("task T1 already has a run, R1, queued for the runners: it "
                                                  "is driven there")),
                qPrintable(again.err));
        QVERIFY2(!again.err.contains(QStringLiteral("resume it")), qPrintable(again.err));
        QCOMPARE(runsInStore(), 1);

        // Paused: `harness resume` records the decision for the runner, and drives nothing.
        QCOMPARE(run(repo, {QStringLiteral("pause"), QStringLiteral("R1")}).code, 0);
        auto resumed = run(repo, {QStringLiteral("resume"), QStringLiteral("R1")});
        QCOMPARE(resumed.code, 0);
        QVERIFY2(resumed.out.contains(
                         QStringLiteral("run R1 resumed: it is queued for the runners (claimed by "
                                        "runner build-3 on node-7)")),
                 qPrintable(resumed.out));
        auto project = Project::open(repo.root(), repo.storePath());
        QVERIFY(project);
        auto events = (*project)->store().events(QStringLiteral("R1"));
        QVERIFY(events);
        QStringList kinds;
        for (const Event &e : std::as_const(*events))
            kinds << e.kind;
        QCOMPARE(kinds,
                 (QStringList {QString(kinds::RunRequested), QString(kinds::RunQueued),
                               QString(kinds::RunClaimed), QString(kinds::Paused), QString(kinds::Resumed)}));
        QVERIFY(events->constLast().actor.startsWith(QStringLiteral("human:")));
        QCOMPARE((*project)->store().task(QStringLiteral("T1"))->state, TaskState::Open);
    }

    void badTaskInputWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no goal") << QStringList {"--title", "x"} << int(exitcode::Usage)
                                 << "contract.goal: must not be empty";
        QTest::newRow("no title") << QStringList {"--goal", "x"} << int(exitcode::Usage)
                                  << "title: must not be empty";
        QTest::newRow("bad number") << QStringList {"--title", "x", "--goal", "y", "--max-tokens", "lots"}
                                    << int(exitcode::Usage) << "--max-tokens must be a whole number";
        QTest::newRow("escaping scope") << QStringList {"--title", "x", "--goal", "y", "--scope", "../etc/**"}
                                        << int(exitcode::Usage) << "contract.scope";
        QTest::newRow("unknown dependency") << QStringList {"--title", "x", "--goal", "y", "--depends", "T9"}
                                            << int(exitcode::NotFound) << "T9";
        QTest::newRow("check without accept")
                << QStringList {"--title", "x", "--goal", "y", "--check", "make"} << int(exitcode::Usage)
                << "--check";
        QTest::newRow("iterations out of range")
                << QStringList {"--title", "x", "--goal", "y", "--max-iterations", "0"}
                << int(exitcode::Usage) << "contract.budget.max_iterations";
    }
    void badTaskInputWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        test::GitFixture repo;
        auto r = run(repo, QStringList {QStringLiteral("task"), QStringLiteral("add")} + args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(taskCount(repo), 0);
    }

    void logAndAudit()
    {
        test::GitFixture repo;
        QCOMPARE(run(repo,
                     {QStringLiteral("task"), QStringLiteral("add"), QStringLiteral("--title"),
                      QStringLiteral("t"), QStringLiteral("--goal"), QStringLiteral("g")})
                         .code,
                 0);
        auto missing = run(repo, {QStringLiteral("log"), QStringLiteral("R42")});
        QCOMPARE(missing.code, exitcode::NotFound);
        auto verify = run(repo, {QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(verify.code, 0);
        QVERIFY2(verify.out.contains(QStringLiteral("intact")), qPrintable(verify.out));
        auto jsonl = run(repo, {QStringLiteral("audit"), QStringLiteral("export")});
        QCOMPARE(jsonl.code, 0);
        QVERIFY(jsonl.out.contains(QStringLiteral("\"kind\":\"task_added\"")));
        auto csv = run(repo,
                       {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                        QStringLiteral("csv")});
        QVERIFY(csv.out.startsWith(QStringLiteral("log_id,run,seq,time,actor,kind")));
        auto bad = run(repo,
                       {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                        QStringLiteral("xml")});
        QCOMPARE(bad.code, exitcode::Usage);
    }

    void newerStoreIsRefusedByTheRealExecutable()
    {
        test::GitFixture repo;
        // A store written by a future version: the executable refuses it with exit code 3, untouched.
        QCOMPARE(run(repo, {QStringLiteral("task"), QStringLiteral("list")}).code, 0);
        {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"),
                         {repo.storePath(), QStringLiteral("PRAGMA user_version = 999;")});
            QVERIFY(sqlite.waitForFinished());
        }
        QFile before(repo.storePath());
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        QProcess harness;
        harness.start(QStringLiteral(HARNESS_BINARY_DIR "/bin/harness"),
                      {QStringLiteral("--repo"), repo.root(), QStringLiteral("--store"), repo.storePath(),
                       QStringLiteral("task"), QStringLiteral("list")});
        QVERIFY(harness.waitForFinished(30000));
        QCOMPARE(harness.exitCode(), exitcode::Store);
        QVERIFY(!harness.readAllStandardError().isEmpty());
        QFile after(repo.storePath());
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
