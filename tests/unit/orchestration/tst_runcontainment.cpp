// The whole engine against a hostile replayed agent: a run_command that links a canary file and
// directory outside the worktree leaves no trace of the canary in any stored event (prompts, tool
// results, gate findings); an 80 MB write_file and a 30 MB apply_patch are refused with a clear message,
// the run goes on, and the store stays small.
#include "common/canary.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "core/sizepolicy.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using harness::test::Canary;

namespace {

QJsonObject line(const QString &phase, int iteration, int turn, const QString &text,
                 const QJsonArray &calls = {})
{
    return QJsonObject {
            {QStringLiteral("phase"), phase},
            {QStringLiteral("iteration"), iteration},
            {QStringLiteral("turn"), turn},
            {QStringLiteral("response"),
             QJsonObject {{QStringLiteral("text"), text},
                          {QStringLiteral("tool_calls"), calls},
                          {QStringLiteral("usage"),
                           QJsonObject {{QStringLiteral("input_tokens"), 100},
                                        {QStringLiteral("output_tokens"), 10}}},
                          {QStringLiteral("stop_reason"),
                           calls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use")},
                          {QStringLiteral("model"), QStringLiteral("replay-hostile")}}}};
}

QJsonObject call(const QString &id, const QString &name, const QJsonObject &arguments)
{
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("arguments"), arguments}};
}

QString planText(const QStringList &files)
{
    const QJsonObject plan {
            {QStringLiteral("summary"), QStringLiteral("Look around the temperature module.")},
            {QStringLiteral("steps"),
             QJsonArray {QJsonObject {{QStringLiteral("description"), QStringLiteral("Read and test")},
                                      {QStringLiteral("files"), QJsonArray::fromStringList(files)}}}},
            {QStringLiteral("risks"), QJsonArray {}},
            {QStringLiteral("tests"), QJsonArray {QStringLiteral("tests/test_extra.py")}},
            {QStringLiteral("subtasks"), QJsonArray {}}};
    return QStringLiteral("```json\n") + QString::fromUtf8(QJsonDocument(plan).toJson()) +
            QStringLiteral("```");
}

bool writeTranscript(const QString &path, const QList<QJsonObject> &lines)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    for (const QJsonObject &l : lines)
        f.write(QJsonDocument(l).toJson(QJsonDocument::Compact) + '\n');
    return true;
}

qint64 storeBytes(const QString &sqlitePath)
{
    qint64 total = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        total += QFileInfo(sqlitePath + suffix).size();
    return total;
}

} // namespace

class TestRunContainment : public QObject
{
    Q_OBJECT

    struct Demo
    {
        QTemporaryDir dir;
        std::shared_ptr<Project> project;
        Task task;
        QString storePath;
    };

    std::unique_ptr<Demo> makeDemo()
    {
        auto demo = std::make_unique<Demo>();
        auto where = DemoProject::materialize(demo->dir.filePath(QStringLiteral("units")));
        if (!where) {
            qWarning() << where.errorText();
            return nullptr;
        }
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project) {
            qWarning() << project.errorText();
            return nullptr;
        }
        demo->storePath = where->storeSpec;
        demo->project = *project;
        auto task = DemoProject::addTask(demo->project->store());
        if (!task)
            return nullptr;
        demo->task = *task;
        return demo;
    }

    // Drives an auto-approved run on the transcript until it waits for a person or ends.
    static QString drive(Project &project, const QString &taskId, const QString &transcript)
    {
        auto s = RunServicesFactory::make(project, transcript);
        if (!s)
            qFatal("services: %s", qPrintable(s.errorText()));
        s->autoApproveActor = QStringLiteral("human:tester");
        auto run = RunEngine::createRun(project, taskId, s->policy, "human:tester");
        if (!run)
            qFatal("createRun: %s", qPrintable(run.errorText()));
        RunEngine engine(project, run->id, *s);
        auto outcome = engine.drive();
        if (!outcome)
            qWarning() << "drive:" << outcome.errorText();
        return run->id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
    }

    void linkedCanaryReachesNoEvent()
    {
        Canary canary;
        auto demo = makeDemo();
        QVERIFY(demo);
        const QStringList planFiles {QStringLiteral("src/units/core/leak.py"),
                                     QStringLiteral("src/linked/canary.py"),
                                     QStringLiteral("src/units/core/temperature.py")};
        const QString link =
                QStringLiteral("ln -s '%1' src/units/core/leak.py && ln -s '%2' src/linked && "
                               "ln -s '%3' src/units/core/leak_agents && mkfifo src/units/core/pipe.py")
                        .arg(canary.file(), canary.dir(), canary.file(QStringLiteral("AGENTS.md")));
        const QString transcript = demo->dir.filePath(QStringLiteral("hostile.jsonl"));
        QVERIFY(writeTranscript(
                transcript,
                {line(QStringLiteral("plan"), 1, 0, planText(planFiles)),
                 line(QStringLiteral("build"), 1, 1, QStringLiteral("Linking."),
                      {call(QStringLiteral("c1"), QStringLiteral("run_command"),
                            {{QStringLiteral("command"), link}})}),
                 line(QStringLiteral("build"), 1, 2, QStringLiteral("Reading."),
                      {call(QStringLiteral("c2"), QStringLiteral("read_file"),
                            {{QStringLiteral("path"), QStringLiteral("src/units/core/leak.py")}}),
                       call(QStringLiteral("c3"), QStringLiteral("search"),
                            {{QStringLiteral("pattern"), QStringLiteral("canary")}}),
                       call(QStringLiteral("c4"), QStringLiteral("write_file"),
                            {{QStringLiteral("path"), QStringLiteral("tests/test_extra.py")},
                             {QStringLiteral("content"),
                              QStringLiteral("def test_fails():\n    assert False\n")}})}),
                 line(QStringLiteral("build"), 1, 3, QStringLiteral("Done.")),
                 line(QStringLiteral("fix"), 2, 4, QStringLiteral("Nothing more to do."))}));
        Project &project = *demo->project;
        const QString runId = drive(project, demo->task.id, transcript);
        auto events = project.store().events(runId);
        QVERIFY(events);
        QStringList kinds;
        bool ranCommand = false, sawFixPrompt = false, sawGate = false;
        for (const Event &e : *events) {
            const QByteArray payload = QJsonDocument(e.payload).toJson(QJsonDocument::Compact);
            QVERIFY2(!Canary::leaked(payload),
                     qPrintable(e.kind + QStringLiteral(": ") + QString::fromUtf8(Canary::which(payload)) +
                                QStringLiteral(" in ") + QString::fromUtf8(payload.left(2000))));
            kinds << e.kind;
            if (e.kind == QLatin1String("tool_result") &&
                e.payload.value(QStringLiteral("name")).toString() == QLatin1String("run_command"))
                ranCommand = e.payload.value(QStringLiteral("ok")).toBool();
            if (e.kind == QLatin1String("context_assembled") &&
                e.payload.value(QStringLiteral("phase")).toString() == QLatin1String("fix"))
                sawFixPrompt = true;
            if (e.kind == QLatin1String("gate_result"))
                sawGate = true;
        }
        QVERIFY2(ranCommand, qPrintable(kinds.join(QLatin1Char(' '))));
        QVERIFY2(sawGate, qPrintable(kinds.join(QLatin1Char(' '))));
        QVERIFY2(sawFixPrompt, qPrintable(kinds.join(QLatin1Char(' '))));
        // The links were really there for the readers to meet.
        bool linked = false;
        for (const Event &e : *events)
            if (e.kind == QLatin1String("tool_result") &&
                e.payload.value(QStringLiteral("name")).toString() == QLatin1String("read_file"))
                linked = e.payload.value(QStringLiteral("error"))
                                 .toString()
                                 .contains(QStringLiteral("symbolic link"));
        QVERIFY(linked);
    }

    void oversizedToolCallsKeepTheStoreSmall()
    {
        auto demo = makeDemo();
        QVERIFY(demo);
        const QString huge(80 * 1024 * 1024, QLatin1Char('w'));
        const QString patch = QStringLiteral("--- /dev/null\n+++ b/tests/big.txt\n@@ -0,0 +1 @@\n+") +
                QString(30 * 1024 * 1024, QLatin1Char('p')) + QStringLiteral("\n");
        const QString transcript = demo->dir.filePath(QStringLiteral("oversized.jsonl"));
        QVERIFY(writeTranscript(
                transcript,
                {line(QStringLiteral("plan"), 1, 0,
                      planText({QStringLiteral("src/units/core/temperature.py")})),
                 line(QStringLiteral("build"), 1, 1, QStringLiteral("Writing a lot."),
                      {call(QStringLiteral("w1"), QStringLiteral("write_file"),
                            {{QStringLiteral("path"), QStringLiteral("tests/huge.txt")},
                             {QStringLiteral("content"), huge}}),
                       call(QStringLiteral("p1"), QStringLiteral("apply_patch"),
                            {{QStringLiteral("patch"), patch}})}),
                 line(QStringLiteral("build"), 1, 2, QStringLiteral("Understood, smaller then."),
                      {call(QStringLiteral("w2"), QStringLiteral("write_file"),
                            {{QStringLiteral("path"), QStringLiteral("tests/notes.txt")},
                             {QStringLiteral("content"), QStringLiteral("ok\n")}})}),
                 line(QStringLiteral("build"), 1, 3, QStringLiteral("Done."))}));
        Project &project = *demo->project;
        const QString runId = drive(project, demo->task.id, transcript);
        auto events = project.store().events(runId);
        QVERIFY(events);
        QMap<QString, QJsonObject> results;
        bool storedCut = false;
        for (const Event &e : *events) {
            if (e.kind == QLatin1String("tool_result"))
                results.insert(e.payload.value(QStringLiteral("call_id")).toString(), e.payload);
            if (e.kind == QLatin1String("agent_response"))
                for (const QJsonValue &c : e.payload.value(QStringLiteral("tool_calls")).toArray())
                    storedCut = storedCut ||
                            SizePolicy::isCut(c.toObject()
                                                      .value(QStringLiteral("arguments"))
                                                      .toObject()
                                                      .value(QStringLiteral("content")));
        }
        QVERIFY(storedCut);
        QVERIFY(results.contains(QStringLiteral("w1")) && results.contains(QStringLiteral("p1")));
        QVERIFY(!results.value(QStringLiteral("w1")).value(QStringLiteral("ok")).toBool());
        QVERIFY2(results.value(QStringLiteral("w1"))
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("\"content\" is 80.0 MiB")),
                 qPrintable(results.value(QStringLiteral("w1")).value(QStringLiteral("error")).toString()));
        QVERIFY(!results.value(QStringLiteral("p1")).value(QStringLiteral("ok")).toBool());
        QVERIFY2(results.value(QStringLiteral("p1"))
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("\"patch\" is 30.0 MiB")),
                 qPrintable(results.value(QStringLiteral("p1")).value(QStringLiteral("error")).toString()));
        // The run went on: the next, reasonable call ran.
        QVERIFY2(results.value(QStringLiteral("w2")).value(QStringLiteral("ok")).toBool(),
                 qPrintable(results.value(QStringLiteral("w2")).value(QStringLiteral("error")).toString()));
        const qint64 bytes = storeBytes(demo->storePath);
        qInfo("store after an 80 MB write_file and a 30 MB apply_patch: %lld bytes", bytes);
        QVERIFY2(bytes < 8 * 1024 * 1024, qPrintable(QStringLiteral("the store is %1 bytes").arg(bytes)));
    }
};

QTEST_GUILESS_MAIN(TestRunContainment)
#include "tst_runcontainment.moc"
