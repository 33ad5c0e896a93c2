// ReplayProvider and TranscriptRecorder: a recorded session answers by (phase, iteration, turn), the
// same in a fresh process, and a missing turn is a clear error.
#include "agents/httpprovider.h"
#include "agents/providerfactory.h"
#include "agents/replayprovider.h"
#include "agents/transcriptrecorder.h"
#include "common/modelserver.h"
#include "providertesthelpers.h"
#include "testkeys.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class TestReplayProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void answersByPhaseIterationAndTurn();
    void sameTurnSameAnswerInAnyOrder();
    void missingTurnIsAClearError();
    void transcriptErrorsNameTheLine_data();
    void transcriptErrorsNameTheLine();
    void recordedSessionReplaysIdentically();
    void factoryOpensTheTranscript();
    void delayIsHonoured();

private:
    QString writeTranscript(const QByteArray &lines);
    QTemporaryDir m_dir;
};

QString TestReplayProvider::writeTranscript(const QByteArray &lines)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("t%1.jsonl").arg(++n));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(lines);
    return path;
}

static const QByteArray kTranscript =
        R"({"phase":"plan","iteration":1,"turn":0,"model":"gpt-rec","response":{"text":"{\"summary\":\"s\"}","tool_calls":[],"usage":{"input_tokens":100,"output_tokens":20},"stop_reason":"end_turn"}})"
        "\n"
        R"({"phase":"build","iteration":1,"turn":1,"response":{"text":"","tool_calls":[{"id":"call_1","name":"read","arguments":{"path":"src/a.cpp"}}],"usage":{"input_tokens":300,"output_tokens":9},"stop_reason":"tool_use"}})"
        "\n\n"
        R"({"phase":"build","iteration":1,"turn":2,"response":{"text":"Done.","usage":{"input_tokens":350,"output_tokens":3}}})"
        "\n";

void TestReplayProvider::answersByPhaseIterationAndTurn()
{
    auto provider = ReplayProvider::open(ProviderFactory::replayConfig(writeTranscript(kTranscript)));
    QVERIFY2(provider.ok(), qPrintable(provider.errorText()));
    std::unique_ptr<ReplayProvider> replay(*provider);
    ChatRequest r = simpleRequest(QStringLiteral("build"));
    r.turn = 1;
    const StreamOutcome out = runStream(*replay, r);
    QVERIFY(out.response);
    QCOMPARE(out.response->toolCalls.size(), 1);
    QCOMPARE(out.response->toolCalls.first().name, QStringLiteral("read"));
    QCOMPARE(out.response->toolCalls.first().arguments.value(QStringLiteral("path")).toString(),
             QStringLiteral("src/a.cpp"));
    QCOMPARE(out.toolDeltas, QStringLiteral("{\"path\":\"src/a.cpp\"}"));
    QCOMPARE(out.response->stopReason, QStringLiteral("tool_use"));
    QCOMPARE(out.response->usage.inputTokens, 300);

    r.phase = QStringLiteral("plan");
    r.turn = 0;
    const StreamOutcome plan = runStream(*replay, r);
    QVERIFY(plan.response);
    QCOMPARE(plan.response->model, QStringLiteral("gpt-rec"));
    QCOMPARE(plan.text, QStringLiteral("{\"summary\":\"s\"}"));
}

void TestReplayProvider::sameTurnSameAnswerInAnyOrder()
{
    const QString path = writeTranscript(kTranscript);
    // Two providers stand for two processes: a resumed run asks for turn 2 first.
    std::unique_ptr<ReplayProvider> first(*ReplayProvider::open(ProviderFactory::replayConfig(path)));
    std::unique_ptr<ReplayProvider> resumed(*ReplayProvider::open(ProviderFactory::replayConfig(path)));
    ChatRequest r = simpleRequest(QStringLiteral("build"));
    r.turn = 2;
    const StreamOutcome a = runStream(*resumed, r);
    r.turn = 1;
    runStream(*first, r);
    r.turn = 2;
    const StreamOutcome b = runStream(*first, r);
    QVERIFY(a.response && b.response);
    QCOMPARE(a.response->text, QStringLiteral("Done."));
    QCOMPARE(a.response->text, b.response->text);
    QCOMPARE(a.response->usage, b.response->usage);
    QCOMPARE(a.response->stopReason, QStringLiteral("end_turn"));
}

void TestReplayProvider::missingTurnIsAClearError()
{
    const QString path = writeTranscript(kTranscript);
    std::unique_ptr<ReplayProvider> replay(*ReplayProvider::open(ProviderFactory::replayConfig(path)));
    ChatRequest r = simpleRequest(QStringLiteral("fix"));
    r.iteration = 2;
    r.turn = 7;
    const StreamOutcome out = runStream(*replay, r);
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Protocol);
    QVERIFY(out.error->message.contains(QStringLiteral("\"fix\", iteration 2, turn 7")));
    QVERIFY(out.error->message.contains(path));
}

void TestReplayProvider::transcriptErrorsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{\"phase\":\"plan\",\"turn\":0,\"response\":{}}\nnot json\n")
                              << QStringLiteral("line 2");
    QTest::newRow("bad phase") << QByteArray("{\"phase\":\"deploy\",\"turn\":0,\"response\":{}}\n")
                               << QStringLiteral("line 1: phase");
    QTest::newRow("bad usage") << QByteArray("{\"phase\":\"plan\",\"turn\":0,\"response\":{\"usage\":{"
                                             "\"input_tokens\":\"many\"}}}\n")
                               << QStringLiteral("input_tokens");
    QTest::newRow("missing turn") << QByteArray("{\"phase\":\"plan\",\"response\":{}}\n")
                                  << QStringLiteral("line 1: turn");
}

void TestReplayProvider::transcriptErrorsNameTheLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    auto provider = ReplayProvider::open(ProviderFactory::replayConfig(writeTranscript(content)));
    QVERIFY(!provider.ok());
    QVERIFY2(provider.errorText().contains(expected), qPrintable(provider.errorText()));
}

void TestReplayProvider::recordedSessionReplaysIdentically()
{
    ModelServer server;
    QVERIFY(server.listen());
    server.enqueue(ModelServer::stream(ModelServer::openAiEvents(
            QStringLiteral("gpt-live"), {QStringLiteral("Plan: "), QStringLiteral("edit a.cpp")}, {}, 120,
            30)));
    server.enqueue(ModelServer::stream(ModelServer::openAiEvents(
            QStringLiteral("gpt-live"), {},
            {{QStringLiteral("call_5"),
              QStringLiteral("edit"),
              {QStringLiteral("{\"file\":\"a.cpp\","), QStringLiteral("\"line\":3}")}}},
            200, 40)));
    const QString key = testKey(QStringLiteral("recorder"));
    HttpProvider live(loopbackConfig(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))), key);
    const QString path = m_dir.filePath(QStringLiteral("recorded.jsonl"));
    TranscriptRecorder recorder(&live, path);

    ChatRequest plan = simpleRequest(QStringLiteral("plan"));
    ChatRequest build = simpleRequest(QStringLiteral("build"));
    build.turn = 1;
    const StreamOutcome livePlan = runStream(recorder, plan);
    const StreamOutcome liveBuild = runStream(recorder, build);
    QVERIFY(livePlan.response && liveBuild.response);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QCOMPARE(recorded.count('\n'), 2);
    QVERIFY(!recorded.contains(key.toUtf8()));

    std::unique_ptr<ReplayProvider> replay(*ReplayProvider::open(ProviderFactory::replayConfig(path)));
    const StreamOutcome replayBuild = runStream(*replay, build);
    const StreamOutcome replayPlan = runStream(*replay, plan);
    QVERIFY(replayPlan.response && replayBuild.response);
    QCOMPARE(replayPlan.response->text, livePlan.response->text);
    QCOMPARE(replayPlan.response->usage, livePlan.response->usage);
    QCOMPARE(replayPlan.response->model, QStringLiteral("gpt-live"));
    QCOMPARE(replayBuild.response->toolCalls, liveBuild.response->toolCalls);
    QCOMPARE(replayBuild.response->stopReason, liveBuild.response->stopReason);
}

void TestReplayProvider::factoryOpensTheTranscript()
{
    auto made = ProviderFactory::create(ProviderFactory::replayConfig(writeTranscript(kTranscript)));
    QVERIFY2(made.ok(), qPrintable(made.errorText()));
    QCOMPARE((*made)->kind(), QStringLiteral("replay"));
    auto missing = ProviderFactory::create(
            ProviderFactory::replayConfig(m_dir.filePath(QStringLiteral("absent.jsonl"))));
    QVERIFY(!missing.ok());
    QVERIFY(missing.errorText().contains(QStringLiteral("absent.jsonl")));
}

void TestReplayProvider::delayIsHonoured()
{
    const QString path =
            writeTranscript(R"({"phase":"summarise","turn":0,"delay_ms":200,"response":{"text":"slow"}})"
                            "\n");
    std::unique_ptr<ReplayProvider> replay(*ReplayProvider::open(ProviderFactory::replayConfig(path)));
    const StreamOutcome out = runStream(*replay, simpleRequest(QStringLiteral("summarise")));
    QVERIFY(out.response);
    // The stream's own clock starts before its timer, which never fires early; the test's clock starts
    // a little later, so it may read a few milliseconds less.
    QVERIFY2(out.response->latencyMs >= 199, qPrintable(QString::number(out.response->latencyMs)));
    QVERIFY2(out.elapsedMs >= 190, qPrintable(QString::number(out.elapsedMs)));
}

QTEST_GUILESS_MAIN(TestReplayProvider)
#include "tst_replayprovider.moc"
