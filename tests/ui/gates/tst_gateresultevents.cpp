// Tests that the Gates view reads back exactly what the real gate pipeline recorded in its gate_result
// events, keeping the newest result of each gate when verification ran again.
#include "ui/diff/repofixture.h"

#include "core/eventsink.h"
#include "gates/gateresultevents.h"
#include "rules/ruleset.h"
#include "verify/gatepipeline.h"

#include <QTest>

using namespace harness;
using namespace harness::ui;

namespace {
class CollectingSink : public EventSink
{
public:
    void record(Event event) override { events.append(std::move(event)); }
    QList<Event> events;
};
} // namespace

class TestGateResultEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsBackThePipelinesResults()
    {
        RepoFixture repo;
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; }\n");
        const QString base = repo.commitAll(QStringLiteral("base"));
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; } // FIXME later\n");
        RuleSet rules;
        ForbiddenRule fixme;
        fixme.id = QStringLiteral("no-fixme");
        fixme.paths = {QStringLiteral("src/**")};
        fixme.pattern = QStringLiteral("FIXME");
        fixme.message = QStringLiteral("Resolve FIXMEs before review.");
        rules.forbidden.append(fixme);
        QDir().mkpath(repo.filePath(QStringLiteral(".harness")));
        QVERIFY(rules.save(repo.filePath(QStringLiteral(".harness/rules.json"))).ok());
        auto config = GateConfig::fromJsonText(
                "{\"version\": 1, \"gates\": [{\"id\": \"architecture\", \"kind\": \"rules\", \"scope\": "
                "\"tree\", "
                "\"stop_on_failure\": false}, {\"id\": \"secrets\", \"kind\": \"secrets\"}]}");
        QVERIFY2(config.ok(), qPrintable(config.errorText()));
        CollectingSink sink;
        GateContext context;
        context.worktree = repo.path();
        context.baseRevision = base;
        context.events = &sink;
        context.runId = QStringLiteral("R1");
        const QList<GateResult> ran = GatePipeline(config.value()).run(context);
        QCOMPARE(ran.size(), 2);

        const QList<GateResult> shown = GateResultEvents::fromEvents(sink.events);
        QCOMPARE(shown.size(), 2);
        QCOMPARE(shown[0].gate, QStringLiteral("architecture"));
        QCOMPARE(shown[0].status, GateStatus::Failed);
        QCOMPARE(shown[0].findings.size(), 1);
        QCOMPARE(shown[0].findings[0].rule, QStringLiteral("no-fixme"));
        QCOMPARE(shown[0].findings[0].file, QStringLiteral("src/a.cpp"));
        QCOMPARE(shown[0].findings[0].line, 1);
        QCOMPARE(shown[0].durationMs, ran[0].durationMs);
        QCOMPARE(shown[1].status, ran[1].status);

        // After a fix and another verification, the newest result wins.
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; }\n");
        GatePipeline(config.value()).run(context);
        const QList<GateResult> again = GateResultEvents::fromEvents(sink.events);
        QCOMPARE(again.size(), 2);
        QCOMPARE(again[0].status, GateStatus::Passed);
        QVERIFY(again[0].findings.isEmpty());
    }

    void eachIterationKeepsItsOwnResults()
    {
        RepoFixture repo;
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; }\n");
        const QString base = repo.commitAll(QStringLiteral("base"));
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; } // FIXME later\n");
        RuleSet rules;
        ForbiddenRule fixme;
        fixme.id = QStringLiteral("no-fixme");
        fixme.paths = {QStringLiteral("src/**")};
        fixme.pattern = QStringLiteral("FIXME");
        fixme.message = QStringLiteral("Resolve FIXMEs before review.");
        rules.forbidden.append(fixme);
        QDir().mkpath(repo.filePath(QStringLiteral(".harness")));
        QVERIFY(rules.save(repo.filePath(QStringLiteral(".harness/rules.json"))).ok());
        auto config =
                GateConfig::fromJsonText("{\"version\": 1, \"gates\": [{\"id\": \"architecture\", \"kind\": "
                                         "\"rules\", \"scope\": \"tree\", \"stop_on_failure\": false}]}");
        QVERIFY2(config.ok(), qPrintable(config.errorText()));
        CollectingSink sink;
        GateContext context;
        context.worktree = repo.path();
        context.baseRevision = base;
        context.events = &sink;
        context.runId = QStringLiteral("R1");
        // The engine's order: a verify phase per iteration, the gates, the verdict.
        const auto verify = [&](int iteration) {
            sink.record(Event::make(QStringLiteral("R1"), QStringLiteral("harness"),
                                    QStringLiteral("phase_started"),
                                    {{QStringLiteral("phase"), QStringLiteral("verify")},
                                     {QStringLiteral("iteration"), iteration}}));
            const QList<GateResult> ran = GatePipeline(config.value()).run(context);
            sink.record(Event::make(QStringLiteral("R1"), QStringLiteral("harness"),
                                    QStringLiteral("verify_finished"),
                                    {{QStringLiteral("iteration"), iteration},
                                     {QStringLiteral("passed"), ran.first().passed()}}));
        };
        verify(1);
        repo.write(QStringLiteral("src/a.cpp"), "int a() { return 1; }\n");
        verify(2);

        const QList<GateIteration> iterations = GateResultEvents::iterations(sink.events);
        QCOMPARE(iterations.size(), 2);
        QCOMPARE(iterations[0].iteration, 1);
        QVERIFY(iterations[0].finished && !iterations[0].passed);
        QCOMPARE(iterations[0].results.first().status, GateStatus::Failed);
        QCOMPARE(iterations[0].results.first().findings.first().rule, QStringLiteral("no-fixme"));
        QCOMPARE(iterations[1].iteration, 2);
        QVERIFY(iterations[1].finished && iterations[1].passed);
        QCOMPARE(iterations[1].results.first().status, GateStatus::Passed);
        // The newest-per-gate view (what the dock used to keep) has lost iteration 1's failure.
        QCOMPARE(GateResultEvents::fromEvents(sink.events).first().status, GateStatus::Passed);
    }

    void malformedPayloadIsReported()
    {
        QVERIFY(!GateResultEvents::fromPayload({{QStringLiteral("gate"), QStringLiteral("x")},
                                                {QStringLiteral("status"), QStringLiteral("maybe")}})
                         .ok());
        QCOMPARE(GateResultEvents::fromPayload({}).error().field, QStringLiteral("gate_result.gate"));
    }
};

QTEST_GUILESS_MAIN(TestGateResultEvents)
#include "tst_gateresultevents.moc"
