// ModelCaller: routing, budget and recording together, with replay providers standing in for two models.
#include "agents/modelcaller.h"
#include "agents/replayprovider.h"

#include <QMutex>
#include <QTest>
#include <QtConcurrent>

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
    QMutex mutex;
    QList<Event> events;
};

Transcript transcript(int turns, qint64 tokensEach)
{
    QByteArray lines;
    for (int t = 0; t < turns; ++t)
        lines +=
                QStringLiteral(
                        R"({"phase":"build","iteration":1,"turn":%1,"response":{"text":"turn %1","usage":{"input_tokens":%2,"output_tokens":0}}})")
                        .arg(t)
                        .arg(tokensEach)
                        .toUtf8() +
                '\n';
    return *Transcript::parse(lines);
}
} // namespace

class TestModelCaller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void degradesThenStops();
    void failureIsRecordedAsModelError();
    void unknownProviderIsNamed();
};

void TestModelCaller::degradesThenStops()
{
    ReplayProvider big(QStringLiteral("big-provider"), transcript(10, 400));
    ReplayProvider small(QStringLiteral("small-provider"), transcript(10, 400));
    ModelRouter router;
    router.setRoute(QStringLiteral("build"), {QStringLiteral("big-provider"), QStringLiteral("big-model")});
    router.setFallback({QStringLiteral("small-provider"), QStringLiteral("small-model")});
    Budget run;
    run.maxTokens = 1000;
    ListSink sink;
    BudgetTracker tracker(QStringLiteral("run-7"), Budget {}, run, PriceTable {}, &sink, 0.75);
    ModelCaller caller(router,
                       {{QStringLiteral("big-provider"), &big}, {QStringLiteral("small-provider"), &small}},
                       &tracker);

    QFuture<QStringList> future = QtConcurrent::run([&] {
        QStringList models;
        for (int turn = 0; turn < 5; ++turn) {
            ChatRequest r;
            r.phase = QStringLiteral("build");
            r.turn = turn;
            r.messages << ChatMessage::user(QStringLiteral("go"));
            auto response = caller.call(r);
            models << (response.ok() ? response->model : QStringLiteral("stopped:") + response.error().field);
        }
        return models;
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
    // 400 -> continue, 800 (>= 750) -> degrade, 1200 -> stop; then no more calls.
    QCOMPARE(future.result(),
             (QStringList {QStringLiteral("big-model"), QStringLiteral("big-model"),
                           QStringLiteral("small-model"), QStringLiteral("stopped:budget_exhausted"),
                           QStringLiteral("stopped:budget_exhausted")}));
    QStringList kinds;
    for (const Event &e : std::as_const(sink.events))
        kinds << e.kind;
    QCOMPARE(kinds,
             (QStringList {QStringLiteral("model_call"), QStringLiteral("model_call"),
                           QStringLiteral("budget_degraded"), QStringLiteral("model_call"),
                           QStringLiteral("budget_exhausted")}));
    QCOMPARE(sink.events.at(3).payload.value(QStringLiteral("degraded")).toBool(), true);
    QCOMPARE(sink.events.at(3).payload.value(QStringLiteral("provider")).toString(),
             QStringLiteral("small-provider"));
}

void TestModelCaller::failureIsRecordedAsModelError()
{
    ReplayProvider empty(QStringLiteral("replay"), Transcript {});
    ModelRouter router;
    router.setRoute(QStringLiteral("default"), {QStringLiteral("replay"), QStringLiteral("m")});
    ListSink sink;
    BudgetTracker tracker(QStringLiteral("r"), Budget {}, Budget {}, PriceTable {}, &sink);
    ModelCaller caller(router, {{QStringLiteral("replay"), &empty}}, &tracker);
    QFuture<std::pair<bool, AgentError>> future = QtConcurrent::run([&] {
        AgentError error;
        ChatRequest r;
        r.phase = QStringLiteral("fix");
        const bool answered = caller.call(r, nullptr, &error).ok();
        return std::pair {answered, error};
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
    QVERIFY(!future.result().first);
    QCOMPARE(future.result().second.kind, AgentError::Kind::Protocol);
    QCOMPARE(sink.events.size(), 1);
    QCOMPARE(sink.events.first().kind, QStringLiteral("model_error"));
    QCOMPARE(sink.events.first().payload.value(QStringLiteral("kind")).toString(),
             QStringLiteral("protocol"));
    QCOMPARE(sink.events.first().payload.value(QStringLiteral("phase")).toString(), QStringLiteral("fix"));
}

void TestModelCaller::unknownProviderIsNamed()
{
    ModelRouter router;
    router.setRoute(QStringLiteral("plan"), {QStringLiteral("ghost"), QStringLiteral("m")});
    ModelCaller caller(router, {}, nullptr);
    ChatRequest r;
    auto result = caller.call(r);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QStringLiteral("\"ghost\"")));
}

QTEST_GUILESS_MAIN(TestModelCaller)
#include "tst_modelcaller.moc"
