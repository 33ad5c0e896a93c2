// GatePipeline on a git repository made in the test: commands really run in the bubblewrap sandbox,
// every gate kind reports what was planted, results keep duration, exit status and log, events are
// recorded, a failing gate stops the pipeline when it says so, and cancellation skips the rest.
#include "verify/gatepipeline.h"
#include "verify/sandboxcommandrunner.h"

#include "core/eventkinds.h"
#include "core/eventsink.h"

#include "common/hostiletree.h"
#include "common/treewriter.h"
#include "runtime/nestedrepositoryscan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <QUuid>

using namespace harness;

namespace {

// Collects events in memory, as the store would append them.
class EventList : public EventSink
{
public:
    void record(Event event) override
    {
        QMutexLocker lock(&m_mutex);
        m_events.append(event);
    }
    QStringList kinds() const
    {
        QStringList out;
        for (const Event &e : m_events)
            out << e.kind + QLatin1Char(':') + e.payload.value(QStringLiteral("gate")).toString();
        return out;
    }
    QList<Event> events() const { return m_events; }

private:
    QMutex m_mutex;
    QList<Event> m_events;
};

const QByteArray kRules = "{\"layers\": [{\"name\": \"core\", \"paths\": [\"src/core/**\"], \"allow\": []},\n"
                          "  {\"name\": \"ui\", \"paths\": [\"src/ui/**\"], \"allow\": [\"core\"]}]}\n";

QByteArray gates(const QString &escapeFile)
{
    QFile f(QStringLiteral(HARNESS_SOURCE_DIR "/tests/unit/verify/data/pipeline-gates.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return QString::fromUtf8(f.readAll()).arg(escapeFile).toUtf8();
}

} // namespace

class tst_GatePipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const SandboxStatus status = Sandbox::probe();
        if (!status.available)
            QFAIL(qPrintable(
                    QStringLiteral("bubblewrap is required for the gate tests: %1").arg(status.reason)));
    }

    void everyGateKindReportsWhatWasPlanted()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        const QString escape =
                QStringLiteral("/tmp/harness-escape-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        t.write(QStringLiteral(".harness/rules.json"), kRules);
        t.write(QStringLiteral(".harness/gates.json"), gates(escape));
        t.write(QStringLiteral("src/core/calc.cpp"), "int add(int a, int b)\n{\n    return a + b;\n}\n");
        t.write(QStringLiteral("src/ui/view.h"), "#pragma once\n");
        t.write(QStringLiteral("tests/tst_calc.cpp"),
                "void tst_Calc::adds()\n{\n    QCOMPARE(add(1, 2), 3);\n    QCOMPARE(add(0, 0), 0);\n}\n");
        t.write(QStringLiteral("out/.keep"), "");
        QVERIFY(t.commitAll(QStringLiteral("base")));
        const QString base =
                QString::fromUtf8(t.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed());
        // the agent's change: a compile error, an upward include, a key, a weakened test, uncovered code
        t.write(QStringLiteral("src/core/calc.cpp"),
                "#include \"ui/view.h\"\nint add(int a, int b)\n{\n    return a + b +;\n}\n");
        t.write(QStringLiteral("src/deploy.env"), QByteArray("KEY_ID=AKIA") + "Q3EGRXZ7LMNP4TUV\n");
        t.write(QStringLiteral("tests/tst_calc.cpp"),
                "void tst_Calc::adds()\n{\n    QCOMPARE(add(1, 2), 3);\n}\n");
        QVERIFY(t.commitAll(QStringLiteral("change")));

        auto config = GateConfig::load(t.path(QStringLiteral(".harness/gates.json")));
        QVERIFY2(config.ok(), qPrintable(config.errorText()));
        EventList events;
        GateContext ctx;
        ctx.worktree = t.root();
        ctx.baseRevision = base;
        ctx.events = &events;
        ctx.runId = QStringLiteral("run-1");
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.size(), 9);
        QStringList statuses;
        for (const GateResult &r : results)
            statuses << r.gate + QLatin1Char('=') + gateStatusName(r.status);
        QCOMPARE(statuses,
                 (QStringList {"compile=failed", "lint=passed", "tests=failed", "sandboxed=failed",
                               "rules=failed", "secrets=failed", "integrity=failed", "coverage=failed",
                               "after=skipped"}));

        const GateResult &compile = results.at(0);
        QVERIFY(compile.exitCode != 0);
        QVERIFY(compile.durationMs > 0);
        QVERIFY2(compile.log.contains(QStringLiteral("expected primary-expression")),
                 qPrintable(compile.log));
        QCOMPARE(compile.findings.size(), 1);
        QCOMPARE(compile.findings.first().file, QStringLiteral("src/core/calc.cpp"));
        QCOMPARE(compile.findings.first().line, 4);
        QCOMPARE(compile.findings.first().source, QStringLiteral("compile"));

        const GateResult &lint = results.at(1);
        QCOMPARE(lint.exitCode, 0);
        QVERIFY(lint.log.contains(QStringLiteral("done")));
        QCOMPARE(lint.findings.size(), 1);
        QCOMPARE(lint.findings.first().severity, Severity::Warning);
        QCOMPARE(lint.findings.first().rule, QStringLiteral("shellcheck"));

        const GateResult &tests = results.at(2);
        QCOMPARE(tests.exitCode, 1);
        QCOMPARE(tests.findings.size(), 1);
        QCOMPARE(tests.findings.first().file, QStringLiteral("src/core/calc.cpp"));
        QCOMPARE(tests.findings.first().line, 3);

        // the sandbox: the rest of the file system is read-only and secrets are hidden
        QVERIFY(results.at(3).exitCode != 0);
        QVERIFY(!QFile::exists(escape));

        // the rules gate checks the changed files against every rule of rules.json, secrets included
        QStringList ruleFindings;
        for (const Finding &f : results.at(4).findings)
            ruleFindings << QStringLiteral("%1 %2:%3").arg(f.rule, f.file).arg(f.line);
        QCOMPARE(ruleFindings,
                 (QStringList {"layer-core src/core/calc.cpp:1", "aws-access-key-id src/deploy.env:1"}));
        QCOMPARE(results.at(5).findings.size(), 1);
        QCOMPARE(results.at(5).findings.first().rule, QStringLiteral("aws-access-key-id"));
        QVERIFY(!results.at(5).log.contains(QStringLiteral("Q3EGRXZ7LMNP4TUV"))); // redacted in the log too
        QCOMPARE(results.at(6).findings.size(), 1);
        QCOMPARE(results.at(6).findings.first().rule, QStringLiteral("assertions-removed"));
        QVERIFY2(results.at(7).log.contains(QStringLiteral("50.0% (1 of 2), threshold 90.0%")),
                 qPrintable(results.at(7).log));
        QVERIFY(results.at(8).log.contains(
                QStringLiteral("gate \"coverage\" failed and stops the pipeline")));

        // one gate_started and one gate_result per gate that ran, in order
        QStringList expectedEvents;
        for (const char *g :
             {"compile", "lint", "tests", "sandboxed", "rules", "secrets", "integrity", "coverage"})
            expectedEvents << QStringLiteral("gate_started:") + QLatin1String(g)
                           << QStringLiteral("gate_result:") + QLatin1String(g);
        QStringList gateEvents;
        for (const QString &k : events.kinds())
            if (k.startsWith(QLatin1String("gate_")))
                gateEvents << k;
        QCOMPARE(gateEvents, expectedEvents);
        const Event &compileResult =
                events.events().at(events.kinds().indexOf(QStringLiteral("gate_result:compile")));
        QCOMPARE(compileResult.runId, QStringLiteral("run-1"));
        QCOMPARE(compileResult.actor, QStringLiteral("harness"));
        QCOMPARE(compileResult.payload.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(compileResult.payload.value(QStringLiteral("findings_count")).toInt(), 1);
    }

    void timeoutIsAnErrorAndCancelSkips()
    {
        TreeWriter t;
        auto config = GateConfig::fromJsonText(
                "{\"gates\": [{\"id\": \"slow\", \"kind\": \"command\", \"command\": \"sleep 20\", "
                "\"timeout_s\": 1},"
                "{\"id\": \"next\", \"kind\": \"command\", \"command\": \"true\"}]}");
        QVERIFY(config.ok());
        GateContext ctx;
        ctx.worktree = t.root();
        QElapsedTimer timer;
        timer.start();
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QVERIFY(timer.elapsed() < 15000);
        QCOMPARE(results.at(0).status, GateStatus::Error);
        QVERIFY2(results.at(0).log.contains(QStringLiteral("time limit")), qPrintable(results.at(0).log));
        QCOMPARE(results.at(1).status, GateStatus::Skipped);

        std::atomic_bool cancel {true};
        ctx.cancel = &cancel;
        for (const GateResult &r : GatePipeline(*config).run(ctx)) {
            QCOMPARE(r.status, GateStatus::Skipped);
            QVERIFY(r.log.contains(QStringLiteral("cancelled")));
        }
    }

    void unusableSandboxRefusesInsteadOfRunningBare()
    {
        TreeWriter t;
        auto config = GateConfig::fromJsonText(
                "{\"gates\": [{\"id\": \"build\", \"kind\": \"command\", \"command\": \"touch made-it\"}]}");
        SandboxConfig sc;
        sc.worktreeRoot = t.root();
        sc.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        SandboxCommandRunner runner(sc);
        QVERIFY(runner.describe().startsWith(QStringLiteral("no usable sandbox")));
        GateContext ctx;
        ctx.worktree = t.root();
        ctx.runner = &runner;
        const GateResult r = GatePipeline(*config).runGate(config->gates.first(), ctx);
        QCOMPARE(r.status, GateStatus::Error);
        QVERIFY2(r.log.contains(QStringLiteral("Refusing to run")), qPrintable(r.log));
        QVERIFY(!QFile::exists(t.path(QStringLiteral("made-it"))));
        // The result says why, in one line a progress printer can show, and that no fix can help.
        QVERIFY(r.couldNotRun);
        QVERIFY2(r.reason.contains(QStringLiteral("bubblewrap")), qPrintable(r.reason));
    }

    // Why a command gate did not pass, when no finding says it: the reason names the missing program
    // (and whether the gate could run here at all) instead of "failed (4 ms, 0 findings)".
    void aGateThatCannotRunSaysWhy_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("couldNotRun");
        QTest::addColumn<QString>("reason");
        QTest::newRow("program not installed")
                << "no-such-tool-4711 -q tests" << true
                << "no-such-tool-4711: not found (exit code 127); install it on this machine";
        QTest::newRow("not installed, after cd")
                << "cd . && no-such-tool-4711" << true << "no-such-tool-4711: not found (exit code 127)";
        QTest::newRow("bash says command not found")
                << "bash -c no-such-tool-4711" << true << "no-such-tool-4711: not found (exit code 127)";
        QTest::newRow("python module missing") << "python3 -m no_such_module_4711" << true
                                               << "the Python module no_such_module_4711 is not "
                                                  "installed";
        // A script of the tree that is missing is the change's to fix: the run goes on to a fix.
        QTest::newRow("script missing from the tree")
                << "./run-tests.sh" << false << "exit code 127: sh: 1: ./run-tests.sh: not found";
        QTest::newRow("failing, last line") << "echo compiling; echo 'linker: undefined x' >&2; exit 3"
                                            << false << "exit code 3: linker: undefined x";
        QTest::newRow("failing, silent") << "exit 4" << false << "exit code 4, no output";
    }

    void aGateThatCannotRunSaysWhy()
    {
        QFETCH(QString, command);
        QFETCH(bool, couldNotRun);
        QFETCH(QString, reason);
        TreeWriter t;
        QJsonObject gate {{QStringLiteral("id"), QStringLiteral("tests")},
                          {QStringLiteral("kind"), QStringLiteral("command")},
                          {QStringLiteral("command"), command}};
        auto config = GateConfig::fromJsonText(
                QJsonDocument(QJsonObject {{QStringLiteral("gates"), QJsonArray {gate}}}).toJson());
        QVERIFY2(config, qPrintable(config.errorText()));
        EventList events;
        GateContext ctx;
        ctx.worktree = t.root();
        ctx.events = &events;
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.size(), 1);
        const GateResult &r = results.first();
        QVERIFY(!r.passed());
        QCOMPARE(r.couldNotRun, couldNotRun);
        QCOMPARE(r.status, couldNotRun ? GateStatus::Error : GateStatus::Failed);
        QVERIFY2(r.reason.startsWith(reason), qPrintable(r.reason));
        // What the engine stops a run with: only a gate that could not run at all.
        QCOMPARE(GatePipeline::whyNotRunnable(results),
                 couldNotRun ? QStringLiteral("gate \"tests\" could not run: ") + r.reason : QString());
        // The gate_result event carries it, for `harness run` and the workbench's Gates view.
        const Event recorded = events.events().last(); // a copy: events() returns the list by value
        QCOMPARE(recorded.kind, QStringLiteral("gate_result"));
        QCOMPARE(recorded.payload.value(QStringLiteral("reason")).toString(), r.reason);
        QCOMPARE(recorded.payload.value(QStringLiteral("could_not_run")).toBool(), couldNotRun);
        // And it survives the JSON round trip the engine's events use.
        auto back = GateResult::fromJson(r.toJson());
        QVERIFY(back);
        QCOMPARE(back->reason, r.reason);
        QCOMPARE(back->couldNotRun, r.couldNotRun);
    }

    void aPassingGateOrOneWithFindingsHasNoReason()
    {
        TreeWriter t;
        auto config = GateConfig::fromJsonText(
                "{\"gates\": [{\"id\": \"ok\", \"kind\": \"command\", \"command\": \"true\"},"
                "{\"id\": \"gcc\", \"kind\": \"command\", \"parser\": {\"format\": \"gcc\"},"
                "\"command\": \"echo 'a.c:3:1: error: expected ;' >&2; exit 1\"}]}");
        QVERIFY2(config, qPrintable(config.errorText()));
        GateContext ctx;
        ctx.worktree = t.root();
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.at(0).status, GateStatus::Passed);
        QVERIFY(results.at(0).reason.isEmpty());
        QCOMPARE(results.at(1).status, GateStatus::Failed);
        QCOMPARE(results.at(1).findings.size(), 1); // the finding says why
        QVERIFY2(results.at(1).reason.isEmpty(), qPrintable(results.at(1).reason));
        QVERIFY(!results.at(1).couldNotRun);
    }

    void diffGatesWithoutABaseAreSkipped()
    {
        TreeWriter t;
        auto config =
                GateConfig::fromJsonText("{\"gates\": [{\"id\": \"i\", \"kind\": \"test-integrity\"},"
                                         "{\"id\": \"c\", \"kind\": \"coverage\", \"report\": \"x.info\"},"
                                         "{\"id\": \"r\", \"kind\": \"rules\"}]}");
        GateContext ctx;
        ctx.worktree = t.root();
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.at(0).status, GateStatus::Skipped);
        QCOMPARE(results.at(1).status, GateStatus::Skipped);
        QCOMPARE(results.at(2).status, GateStatus::Error); // no rules file: an error, not a pass
        QVERIFY(results.at(2).log.contains(QStringLiteral("no rules file")));
    }

    // The rules and secrets gates list and diff the tree with git. A repository the agent planted in it
    // (possibly by a command gate since the checkpoint) is refused with a security finding and a
    // security_violation event before git looks, and git runs none of its commands.
    void aPlantedRepositoryIsRefusedBeforeGit_data()
    {
        QTest::addColumn<int>("attack");
        for (const auto &[name, attack] : harness::test::allAttacks())
            QTest::newRow(name) << int(attack);
    }
    void aPlantedRepositoryIsRefusedBeforeGit()
    {
        QFETCH(int, attack);
        harness::test::HostileTree t {harness::test::Attack(attack)};
        QVERIFY(t.isValid());
        QVERIFY2(t.plainGitRunsIt(), "the attack is not live: plain git did not run the planted command");
        harness::test::HostileTree::write(t.tree() + QStringLiteral("/.harness/rules.json"), kRules);
        auto config = GateConfig::fromJsonText("{\"gates\": [{\"id\": \"rules\", \"kind\": \"rules\", "
                                               "\"stop_on_failure\": false},"
                                               "{\"id\": \"secrets\", \"kind\": \"secrets\"}]}");
        QVERIFY2(config, qPrintable(config.errorText()));
        EventList events;
        GateContext ctx;
        ctx.worktree = t.tree();
        ctx.baseRevision = t.base();
        ctx.events = &events;
        ctx.runId = QStringLiteral("run-1");
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.size(), 2);
        for (const GateResult &r : results) {
            QCOMPARE(r.status, GateStatus::Error);
            QVERIFY(!r.findings.isEmpty());
            QCOMPARE(r.findings.first().rule, QString(NestedRepositoryScan::kErrorCode));
            QCOMPARE(r.findings.first().severity, Severity::Error);
            QVERIFY2(r.log.contains(t.nested()), qPrintable(r.log));
        }
        QStringList found;
        for (const Event &e : events.events())
            if (e.kind == kinds::SecurityViolation)
                for (const auto &f : e.payload.value(QStringLiteral("found")).toArray())
                    found << f.toObject().value(QStringLiteral("path")).toString();
        QVERIFY2(found.contains(t.nested()), qPrintable(found.join(QLatin1Char(','))));
        QVERIFY(!t.tripped());
    }
};

QTEST_GUILESS_MAIN(tst_GatePipeline)
#include "tst_gatepipeline.moc"
