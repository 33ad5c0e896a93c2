// Tests that the Gates view reads back exactly what the real gate pipeline recorded in its gate_result
// events, keeping the newest result of each gate when verification ran again.
#include "ui/diff/repofixture.h"

#include "core/eventsink.h"
#include "gates/gateresultevents.h"
#include "rules/ruleset.h"
#include "verify/gatepipeline.h"

#include <QtTest>

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
