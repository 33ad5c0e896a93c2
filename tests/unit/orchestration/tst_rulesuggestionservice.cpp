// RuleSuggestionInbox and RuleSuggestionService on a real SQLite store: which suggestions are pending
// (newest first, one per rule, a decision settling the event it names and the earlier ones, a later
// suggestion of the same rule waiting again), the audited decision and its refusal once decided, the
// payload's round trip, and adding a suggested rule to a rule set (a taken id, a rule that no longer reads).
#include "core/events/eventdescription.h"
#include "orchestration/rulesuggestion.h"
#include "orchestration/rulesuggestionservice.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

RuleSuggestion suggestion(const QString &id, const QString &run,
                          const QString &kind = QStringLiteral("limit"))
{
    RuleSuggestion s;
    s.kind = kind;
    s.rule = kind == QLatin1String("layer")
            ? QJsonObject {{"id", id},
                           {"name", "web"},
                           {"paths", QJsonArray {"web/**"}},
                           {"allow", QJsonArray {"core"}},
                           {"message", "web uses core."}}
            : QJsonObject {
                      {"id", id}, {"paths", QJsonArray {"**"}}, {"max_lines", 300}, {"message", "Split."}};
    s.reason = QStringLiteral("because %1").arg(id);
    s.run = run;
    return s;
}

RuleSet coreLayer()
{
    RuleSet rules;
    rules.layers.append({QStringLiteral("layer-core"),
                         QStringLiteral("core"),
                         {QStringLiteral("core/**")},
                         {},
                         Severity::Error,
                         {},
                         {}});
    return rules;
}

} // namespace

class TestRuleSuggestionService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    void suggest(const RuleSuggestion &s, const QString &actor = QStringLiteral("agent:claude-code"))
    {
        auto checked = s.checkAgainst(coreLayer().toJsonText());
        QVERIFY2(checked, qPrintable(checked.errorText()));
        QVERIFY(m_store->append(makeEvent(QString(), s.payload(*checked), actor)));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto opened = Store::open(StoreLocation::sqlite(
                m_dir.filePath(QStringLiteral("s%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch()))));
        QVERIFY2(opened, qPrintable(opened.errorText()));
        m_store = std::move(*opened);
    }

    void pendingNewestFirstOnePerRule()
    {
        suggest(suggestion(QStringLiteral("a"), QStringLiteral("R1")));
        suggest(suggestion(QStringLiteral("b"), QStringLiteral("R1")));
        suggest(suggestion(QStringLiteral("a"), QStringLiteral("R2")), QStringLiteral("agent:gemini-cli"));
        QVERIFY(m_store->append(
                Event::make({}, QStringLiteral("harness"), QStringLiteral("task_added"), {})));
        RuleSuggestionService service(*m_store);
        auto inbox = service.read();
        QVERIFY2(inbox, qPrintable(inbox.errorText()));
        const QList<PendingRuleSuggestion> pending = inbox->pending();
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending[0].ruleId(), QStringLiteral("a"));
        QCOMPARE(pending[0].times, 2);
        QCOMPARE(pending[0].suggested.run, QStringLiteral("R2"));
        QCOMPARE(pending[0].actor, QStringLiteral("agent:gemini-cli"));
        QCOMPARE(pending[0].message(), QStringLiteral("Split."));
        QCOMPARE(pending[1].ruleId(), QStringLiteral("b"));
        QCOMPARE(pending[1].times, 1);
        QCOMPARE(inbox->lastSeq(), qint64(4));

        // Reading on from an inbox folds only what came after it.
        suggest(suggestion(QStringLiteral("c"), QStringLiteral("R3")));
        auto more = service.read(*inbox);
        QVERIFY(more);
        QCOMPARE(more->pending().size(), 3);
        QCOMPARE(more->pending().first().ruleId(), QStringLiteral("c"));
    }

    void decisionsSettleAndAreRefusedTwice()
    {
        suggest(suggestion(QStringLiteral("a"), QStringLiteral("R1")));
        suggest(suggestion(QStringLiteral("a"), QStringLiteral("R2")));
        suggest(suggestion(QStringLiteral("b"), QStringLiteral("R1")));
        RuleSuggestionService service(*m_store);
        auto inbox = service.read();
        QVERIFY(inbox);
        const PendingRuleSuggestion a = *inbox->find(suggestion(QStringLiteral("a"), {}).id());
        auto decided = service.decide(a, RuleSuggestionDecidedPayload::kAccepted,
                                      QStringLiteral("human:dana"), *inbox);
        QVERIFY2(decided, qPrintable(decided.errorText()));
        QCOMPARE(decided->pending().size(), 1); // both suggestions of a are settled
        QCOMPARE(decided->decisionOn(a.id())->actor, QStringLiteral("human:dana"));

        auto again = service.decide(a, RuleSuggestionDecidedPayload::kDismissed, QStringLiteral("human:eve"));
        QVERIFY(!again);
        QCOMPARE(again.errorText(), QStringLiteral("The suggestion was already accepted by human:dana."));
        QVERIFY(!service.decide(a, QLatin1StringView("maybe"), QStringLiteral("human:eve")));

        // The decided event, as the audit trail shows it.
        auto events = m_store->events(QString());
        QVERIFY(events);
        const Event &e = events->at(3);
        auto p = readPayload<RuleSuggestionDecidedPayload>(e);
        QVERIFY2(p, qPrintable(p.errorText()));
        QCOMPARE(p->eventSeq, qint64(2));
        QCOMPARE(p->decision, QStringLiteral("accepted"));
        QCOMPARE(p->ruleKind, QStringLiteral("limit"));
        QCOMPARE(p->run, QStringLiteral("R2"));
        QCOMPARE(p->toJson().value("v").toInt(), 1);
        QCOMPARE(EventDescription::describe(e),
                 QStringLiteral("accepted suggested limit rule a (%1, run R2)").arg(a.id()));
        QJsonObject bad = p->toJson();
        bad.insert(QStringLiteral("decision"), QStringLiteral("later"));
        QCOMPARE(RuleSuggestionDecidedPayload::fromJson(bad).errorText(),
                 QStringLiteral("rule_suggestion_decided.decision: must be accepted or dismissed"));

        // The same rule suggested again after the decision waits again.
        suggest(suggestion(QStringLiteral("a"), QStringLiteral("R4")));
        auto later = service.read();
        QVERIFY(later);
        QCOMPARE(later->pending().size(), 2);
        QCOMPARE(later->pending().first().suggested.run, QStringLiteral("R4"));
        QCOMPARE(later->pending().first().times, 1);
    }

    void addingToRules()
    {
        suggest(suggestion(QStringLiteral("layer-web"), QStringLiteral("R1"), QStringLiteral("layer")));
        auto inbox = RuleSuggestionService(*m_store).read();
        QVERIFY(inbox);
        const PendingRuleSuggestion web = inbox->pending().first();
        auto added = RuleSuggestionInbox::addTo(coreLayer(), web);
        QVERIFY2(added, qPrintable(added.errorText()));
        QCOMPARE(added->layers.size(), 2);
        QCOMPARE(added->layers[1].allow, QStringList {QStringLiteral("core")});
        QCOMPARE(added->layers[1].origin.run, QStringLiteral("R1"));

        auto taken = RuleSuggestionInbox::addTo(*added, web);
        QVERIFY(!taken);
        QVERIFY2(taken.errorText().startsWith(QStringLiteral("the id layer-web is already taken")),
                 qPrintable(taken.errorText()));
        // The layer it may use is gone from the editor's rules meanwhile.
        auto unknown = RuleSuggestionInbox::addTo(RuleSet(), web);
        QVERIFY(!unknown);
        QVERIFY2(unknown.errorText().startsWith(
                         QStringLiteral("it does not read with the rules in the editor now: "
                                        "rule.allow[0]")),
                 qPrintable(unknown.errorText()));
    }
};

QTEST_MAIN(TestRuleSuggestionService)
#include "tst_rulesuggestionservice.moc"
