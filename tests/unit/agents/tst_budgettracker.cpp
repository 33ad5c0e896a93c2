// BudgetTracker: tokens and money per run and per task, the degrade threshold, the stop, and the
// model_call / budget_exhausted events recorded through EventSink.
#include "agents/budgettracker.h"
#include "core/events/agentevents.h"

#include <QMutex>
#include <QTest>

using namespace harness;

namespace {
class ListSink : public EventSink
{
public:
    void record(Event event) override
    {
        QMutexLocker lock(&mutex);
        events.append(std::move(event));
    }
    QList<Event> ofKind(const QString &kind) const
    {
        QList<Event> out;
        for (const Event &e : events)
            if (e.kind == kind)
                out << e;
        return out;
    }
    QMutex mutex;
    QList<Event> events;
};

PriceTable prices()
{
    PriceTable t;
    t.set(QStringLiteral("big"), {10.0, 30.0}); // $/Mtok in, out
    t.set(QStringLiteral("small"), {0.5, 1.5});
    return t;
}

ModelCallRecord call(const QString &model, qint64 in, qint64 out, int turn = 0)
{
    return ModelCallRecord {
            QStringLiteral("build"),    1,    turn, QStringLiteral("openai"), model, {in, out}, 850,
            QStringLiteral("end_turn"), false};
}
} // namespace

class TestBudgetTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void priceTableComputesCost_data();
    void priceTableComputesCost();
    void priceTableJsonNamesTheBadField();
    void recordsEachCallAsAnEvent();
    void tokenLimitDegradesThenStops();
    void costLimitStopsWithOneEvent();
    void taskBudgetCountsEarlierRuns();
    void noLimitsMeansContinue();
};

void TestBudgetTracker::priceTableComputesCost_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("in");
    QTest::addColumn<qint64>("out");
    QTest::addColumn<double>("cost");
    QTest::newRow("big") << QStringLiteral("big") << qint64(1000000) << qint64(100000) << 13.0;
    QTest::newRow("small") << QStringLiteral("small") << qint64(2000) << qint64(1000) << 0.0025;
    QTest::newRow("unknown is free") << QStringLiteral("replay") << qint64(5000) << qint64(5000) << 0.0;
}

void TestBudgetTracker::priceTableComputesCost()
{
    QFETCH(QString, model);
    QFETCH(qint64, in);
    QFETCH(qint64, out);
    QFETCH(double, cost);
    QVERIFY(qAbs(prices().cost(model, {in, out}) - cost) < 1e-9);
}

void TestBudgetTracker::priceTableJsonNamesTheBadField()
{
    auto back = PriceTable::fromJson(prices().toJson());
    QVERIFY(back.ok());
    QCOMPARE(*back, prices());
    auto bad = PriceTable::fromJson(
            QJsonObject {{QStringLiteral("gpt"),
                          QJsonObject {{QStringLiteral("input"), -1}, {QStringLiteral("output"), 2}}}});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, QStringLiteral("prices.gpt.input"));
    auto missing = PriceTable::fromJson(
            QJsonObject {{QStringLiteral("gpt"), QJsonObject {{QStringLiteral("input"), 1}}}});
    QCOMPARE(missing.error().field, QStringLiteral("prices.gpt.output"));
}

void TestBudgetTracker::recordsEachCallAsAnEvent()
{
    ListSink sink;
    BudgetTracker tracker(QStringLiteral("run-1"), Budget {}, Budget {}, prices(), &sink);
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 1000, 200, 3)), BudgetVerdict::Continue);
    QCOMPARE(sink.events.size(), 1);
    const Event e = sink.events.first();
    QCOMPARE(e.kind, QStringLiteral("model_call"));
    QCOMPARE(e.runId, QStringLiteral("run-1"));
    QCOMPARE(e.actor, QStringLiteral("agent:big"));
    QVERIFY(isValidActor(e.actor));
    QCOMPARE(e.payload.value(QStringLiteral("model")).toString(), QStringLiteral("big"));
    QCOMPARE(e.payload.value(QStringLiteral("input_tokens")).toInteger(), 1000);
    QCOMPARE(e.payload.value(QStringLiteral("output_tokens")).toInteger(), 200);
    QVERIFY(qAbs(e.payload.value(QStringLiteral("cost")).toDouble() - 0.016) < 1e-9);
    QCOMPARE(e.payload.value(QStringLiteral("latency_ms")).toInteger(), 850);
    QCOMPARE(e.payload.value(QStringLiteral("turn")).toInt(), 3);
    QCOMPARE(e.payload.value(QStringLiteral("phase")).toString(), QStringLiteral("build"));
    QCOMPARE(tracker.runTokens(), 1200);
}

void TestBudgetTracker::tokenLimitDegradesThenStops()
{
    ListSink sink;
    Budget run;
    run.maxTokens = 10000;
    BudgetTracker tracker(QStringLiteral("r"), Budget {}, run, prices(), &sink, 0.8);
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 5000, 1000)), BudgetVerdict::Continue);
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 1500, 700)), BudgetVerdict::Degrade); // 8200 >= 8000
    QVERIFY(tracker.reason().contains(QStringLiteral("cheaper model")));
    QCOMPARE(sink.ofKind(QStringLiteral("budget_degraded")).size(), 1);
    QCOMPARE(tracker.record(call(QStringLiteral("small"), 1500, 500)), BudgetVerdict::Stop); // 10200
    QCOMPARE(tracker.verdict(), BudgetVerdict::Stop);
    const QList<Event> stops = sink.ofKind(QStringLiteral("budget_exhausted"));
    QCOMPARE(stops.size(), 1);
    QCOMPARE(stops.first().actor, QStringLiteral("harness"));
    QCOMPARE(stops.first().payload.value(QStringLiteral("scope")).toString(), QStringLiteral("run"));
    QCOMPARE(stops.first().payload.value(QStringLiteral("limit")).toString(), QStringLiteral("tokens"));
    QVERIFY(readPayload<BudgetExhaustedPayload>(stops.first())->reason.contains(QStringLiteral("10000")));
    QCOMPARE(sink.ofKind(QStringLiteral("model_call")).size(), 3);
}

void TestBudgetTracker::costLimitStopsWithOneEvent()
{
    ListSink sink;
    Budget run;
    run.maxCost = 0.05;
    BudgetTracker tracker(QStringLiteral("r"), Budget {}, run, prices(), &sink);
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 2000, 500)), BudgetVerdict::Continue); // $0.035
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 500, 100)), BudgetVerdict::Degrade); // $0.043
    QCOMPARE(tracker.record(call(QStringLiteral("big"), 1000, 1000)), BudgetVerdict::Stop); // $0.083
    QVERIFY(qAbs(tracker.runCost() - 0.083) < 1e-9);
    tracker.record(call(QStringLiteral("small"), 10, 10));
    QCOMPARE(sink.ofKind(QStringLiteral("budget_exhausted")).size(), 1);
    QCOMPARE(sink.ofKind(QStringLiteral("budget_exhausted"))
                     .first()
                     .payload.value(QStringLiteral("limit"))
                     .toString(),
             QStringLiteral("cost"));
}

void TestBudgetTracker::taskBudgetCountsEarlierRuns()
{
    ListSink sink;
    Budget task;
    task.maxTokens = 50000;
    BudgetTracker tracker(QStringLiteral("r2"), task, Budget {}, prices(), &sink);
    tracker.setTaskSpentBefore(49000, 0.3);
    QCOMPARE(tracker.verdict(), BudgetVerdict::Degrade);
    QCOMPARE(tracker.record(call(QStringLiteral("small"), 800, 300)), BudgetVerdict::Stop);
    QCOMPARE(tracker.taskTokens(), 50100);
    QCOMPARE(tracker.runTokens(), 1100);
    QCOMPARE(sink.ofKind(QStringLiteral("budget_exhausted"))
                     .first()
                     .payload.value(QStringLiteral("scope"))
                     .toString(),
             QStringLiteral("task"));
}

void TestBudgetTracker::noLimitsMeansContinue()
{
    BudgetTracker tracker(QStringLiteral("r"), Budget {}, Budget {}, prices(), nullptr);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(tracker.record(call(QStringLiteral("big"), 1000000, 1000000)), BudgetVerdict::Continue);
    QVERIFY(tracker.reason().isEmpty());
}

QTEST_GUILESS_MAIN(TestBudgetTracker)
#include "tst_budgettracker.moc"
