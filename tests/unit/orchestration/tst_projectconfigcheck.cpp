// A broken .harness/rules.json, gates.json or policy.json stops a run before it plans, with the
// loader's file:line:column message: refused at start (window and command line alike), and a run
// whose own copy of the configuration is broken fails before its plan phase, never reaching the gates.
#include "commandline.h"
#include "core/eventkinds.h"
#include "exitcodes.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/projectconfigcheck.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QString git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
}

} // namespace

class TestProjectConfigCheck : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        DemoLocation where;
        std::shared_ptr<Project> project;
        Task task;
    };

    static std::unique_ptr<Demo> makeDemo()
    {
        auto demo = std::make_unique<Demo>();
        auto where = DemoProject::materialize(demo->dir.filePath(QStringLiteral("units")));
        if (!where)
            qFatal("demo: %s", qPrintable(where.errorText()));
        demo->where = *where;
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project)
            qFatal("project: %s", qPrintable(project.errorText()));
        demo->project = *project;
        demo->task = DemoProject::addTask(demo->project->store()).value();
        return demo;
    }

private Q_SLOTS:
    void brokenFileNamesItsPlace_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("rules: a layer's paths are not a list")
                << ".harness/rules.json"
                << QByteArray("{\n  \"version\": 1,\n  \"layers\": [\n    {\"name\": \"core\", \"paths\": "
                              "5}\n  ]\n}\n")
                << ".harness/rules.json:4:"
                << "paths";
        QTest::newRow("rules: a missing comma")
                << ".harness/rules.json" << QByteArray("{\n  \"version\": 1\n  \"layers\": []\n}\n")
                << ".harness/rules.json:3:"
                << "not valid JSON";
        QTest::newRow("gates: an unknown kind")
                << ".harness/gates.json"
                << QByteArray("{\n  \"version\": 1,\n  \"gates\": [\n    {\"id\": \"tests\", \"kind\": "
                              "\"nonsense\"}\n  ]\n}\n")
                << ".harness/gates.json:4:"
                << "kind";
        QTest::newRow("policy: a fraction out of range")
                << ".harness/policy.json"
                << QByteArray("{\n  \"provider\": \"replay\",\n  \"degrade_at\": 7\n}\n")
                << ".harness/policy.json:3:3: degrade_at"
                << "fraction";
        QTest::newRow("policy: an unknown agent")
                << ".harness/policy.json"
                << QByteArray("{\n  \"provider\": \"replay\",\n  \"executor\": {\"acp\": \"claud\"}\n}\n")
                << ".harness/policy.json:3:"
                << "executor.acp: unknown agent \"claud\"";
        QTest::newRow("policy: a custom agent without a command")
                << ".harness/policy.json"
                << QByteArray("{\n  \"provider\": \"replay\",\n  \"executor\": {\"acp\": {\"command\": "
                              "[]}}\n}\n")
                << ".harness/policy.json:3:"
                << "executor.acp.command: must name the agent's program";
        QTest::newRow("policy: an executor of the wrong shape")
                << ".harness/policy.json"
                << QByteArray("{\n  \"provider\": \"replay\",\n  \"executor\": 3\n}\n")
                << ".harness/policy.json:3:"
                << "executor: must be \"builtin\"";
        QTest::newRow("policy: a trailing comma")
                << ".harness/policy.json" << QByteArray("{\n  \"provider\": \"replay\",\n}\n")
                << ".harness/policy.json:3:"
                << "not valid JSON";
    }

    void brokenFileNamesItsPlace()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, what);
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral(".harness")));
        QVERIFY(ProjectConfigCheck::check(dir.path())); // nothing there: the defaults apply
        write(dir.filePath(file), text);
        QString broken;
        const Status status = ProjectConfigCheck::check(dir.path(), &broken);
        QVERIFY(!status);
        QCOMPARE(broken, file);
        QVERIFY2(status.errorText().startsWith(where), qPrintable(status.errorText()));
        QVERIFY2(status.errorText().contains(what), qPrintable(status.errorText()));
        const QString sentence = ProjectConfigCheck::stoppedMessage(status.errorText(), broken);
        QVERIFY(sentence.contains(QStringLiteral("fix ") + file));
    }

    void startIsRefusedWithTheLocation()
    {
        auto demo = makeDemo();
        Project &project = *demo->project;
        write(project.root() + QStringLiteral("/.harness/rules.json"),
              "{\n  \"version\": 1,\n  \"layers\": 3\n}\n");
        auto services = RunServicesFactory::make(project);
        QVERIFY2(services, qPrintable(services.errorText()));
        auto run = RunEngine::createRun(project, demo->task.id, services->policy,
                                        QStringLiteral("human:tester"));
        QVERIFY(!run);
        QVERIFY2(run.errorText().contains(QStringLiteral(".harness/rules.json:3:")),
                 qPrintable(run.errorText()));
        QVERIFY(run.errorText().contains(QStringLiteral("fix .harness/rules.json")));
        QCOMPARE(project.store().runs()->size(), 0); // nothing was made
    }

    void commandLineRefusesWithExitCodeTwo()
    {
        auto demo = makeDemo();
        write(demo->project->root() + QStringLiteral("/.harness/gates.json"),
              "{\n  \"version\": 1,\n  \"gates\": [\n");
        QString out, err;
        QTextStream o(&out), e(&err);
        CommandLine cli({o, e});
        const int code = cli.run({QStringLiteral("--repo"), demo->project->root(), QStringLiteral("--store"),
                                  demo->where.storeSpec, QStringLiteral("run"), demo->task.id,
                                  QStringLiteral("--approve"), QStringLiteral("auto")});
        o.flush();
        e.flush();
        QCOMPARE(code, exitcode::Usage);
        QVERIFY2(err.contains(QStringLiteral(".harness/gates.json:4:1:")), qPrintable(err));
        QVERIFY(!out.contains(QStringLiteral("started")));
    }

    void runWithABrokenCopyFailsBeforePlanning()
    {
        auto demo = makeDemo();
        Project &project = *demo->project;
        auto services = RunServicesFactory::make(project);
        QVERIFY2(services, qPrintable(services.errorText()));
        auto run = RunEngine::createRun(project, demo->task.id, services->policy,
                                        QStringLiteral("human:tester"));
        QVERIFY2(run, qPrintable(run.errorText()));
        // The branch the run starts from breaks after the run was requested: its worktree gets the
        // broken file.
        write(project.root() + QStringLiteral("/.harness/gates.json"),
              "{\"version\": 1, \"gates\": [{\"id\": 3}]}\n");
        git(project.root(),
            {QStringLiteral("commit"), QStringLiteral("-qam"), QStringLiteral("break the gates")});
        RunEngine engine(project, run->id, *services);
        auto outcome = engine.drive();
        QVERIFY2(outcome, qPrintable(outcome.errorText()));
        QCOMPARE(engine.state().phase, RunPhase::Failed);
        QVERIFY2(engine.state().endReason.contains(QStringLiteral(".harness/gates.json:1:")),
                 qPrintable(engine.state().endReason));
        QVERIFY(engine.state().endReason.contains(QStringLiteral("fix .harness/gates.json")));
        const QList<Event> events = project.store().events(run->id).value();
        for (const Event &e : events) {
            QVERIFY2(e.kind != kinds::PhaseStarted, qPrintable(e.kind)); // not even planning began
            QVERIFY2(e.kind != kinds::ModelCall && e.kind != kinds::GateResult, qPrintable(e.kind));
        }
        QCOMPARE(project.store().task(demo->task.id)->state, TaskState::Failed);
    }
};

QTEST_GUILESS_MAIN(TestProjectConfigCheck)
#include "tst_projectconfigcheck.moc"
