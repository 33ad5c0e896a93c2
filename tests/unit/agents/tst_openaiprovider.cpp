// HttpProvider with the OpenAI Chat Completions format, against the loopback ModelServer: streaming,
// tool calls, usage, and every fault the issue lists.
#include "agents/httpprovider.h"
#include "agents/redactor.h"
#include "common/modelserver.h"
#include "providertesthelpers.h"
#include "testkeys.h"

#include <QJsonArray>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

class TestOpenAiProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void streamsTextToolCallsAndUsage();
    void sendsTheConversationInOpenAiShape();
    void rejectedKeyIsNotRetried_data();
    void rejectedKeyIsNotRetried();
    void rateLimitWaitsForRetryAfter();
    void rateLimitLongerThanAllowedIsReported();
    void serverErrorsThenSuccess();
    void serverErrorsGiveUpAfterMaxAttempts();
    void resetMidStreamIsRetried();
    void cutAfterToolCallIsNotRetried();
    void slowDripStopsAtReadTimeout();
    void garbageBytesAreAProtocolError();
    void malformedJsonChunkIsAProtocolError();
    void endlessStreamHitsTheSizeCap();
    void endlessKeepAlivesHitTheTotalTimeout();
    void badRequestIsReportedWithServerMessage();
    void unreachableServerIsANetworkError();
    void serverWithoutDoneMarkerStillCompletes();
    void jsonInsteadOfStreamIsNotRetried();
    void binaryGarbageWith200FailsFastAndIsRetried();
    void wrongContentTypeFailsFastAndIsRetried();
    void jsonErrorWith200IsRetried();
    void cancelStopsTheCallAndTheConnection();
    void completeWorksFromAWorkerThread();
    void completeHonoursTheCancelFlag();

private:
    std::unique_ptr<ModelServer> m_server;
    QString m_key;
    std::unique_ptr<HttpProvider> provider(std::function<void(ProviderConfig &)> tweak = {});
};

void TestOpenAiProvider::init()
{
    m_server = std::make_unique<ModelServer>();
    QVERIFY(m_server->listen());
    m_key = testKey(QStringLiteral("openai"));
}

std::unique_ptr<HttpProvider> TestOpenAiProvider::provider(std::function<void(ProviderConfig &)> tweak)
{
    ProviderConfig c = loopbackConfig(QStringLiteral("openai"), m_server->baseUrl(QStringLiteral("/v1")));
    if (tweak)
        tweak(c);
    return std::make_unique<HttpProvider>(c, m_key);
}

void TestOpenAiProvider::streamsTextToolCallsAndUsage()
{
    const auto events = ModelServer::openAiEvents(
            QStringLiteral("gpt-test-2026"), {QStringLiteral("I will "), QStringLiteral("read it.")},
            {{QStringLiteral("call_1"),
              QStringLiteral("read"),
              {QStringLiteral("{\"pa"), QStringLiteral("th\": \"src/"), QStringLiteral("a.cpp\"}")}}},
            1234, 56);
    m_server->enqueue(ModelServer::stream(ModelServer::rechunk(events, 7)));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(!out.timedOut);
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "no answer");
    QCOMPARE(out.response->text, QStringLiteral("I will read it."));
    QCOMPARE(out.text, QStringLiteral("I will read it."));
    QCOMPARE(out.response->toolCalls.size(), 1);
    QCOMPARE(out.response->toolCalls.first().id, QStringLiteral("call_1"));
    QCOMPARE(out.response->toolCalls.first().name, QStringLiteral("read"));
    QCOMPARE(out.response->toolCalls.first().arguments.value(QStringLiteral("path")).toString(),
             QStringLiteral("src/a.cpp"));
    QCOMPARE(out.toolDeltas, QStringLiteral("{\"path\": \"src/a.cpp\"}"));
    QCOMPARE(out.response->stopReason, QStringLiteral("tool_use"));
    QCOMPARE(out.response->usage.inputTokens, 1234);
    QCOMPARE(out.response->usage.outputTokens, 56);
    QCOMPARE(out.response->model, QStringLiteral("gpt-test-2026"));
    QVERIFY(out.response->latencyMs >= 0);

    QCOMPARE(m_server->requestCount(), 1);
    const ReceivedRequest req = m_server->requests().first();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QByteArray("/v1/chat/completions"));
    QVERIFY(req.headers.value("authorization") == "Bearer " + m_key.toUtf8());
    QCOMPARE(req.headers.value("accept"), QByteArray("text/event-stream"));
    const QJsonObject body = req.json();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    QCOMPARE(body.value(QStringLiteral("stream_options"))
                     .toObject()
                     .value(QStringLiteral("include_usage"))
                     .toBool(),
             true);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 512);
    const QJsonObject tool = body.value(QStringLiteral("tools")).toArray().first().toObject();
    QCOMPARE(tool.value(QStringLiteral("type")).toString(), QStringLiteral("function"));
    QCOMPARE(tool.value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("read"));
    QVERIFY(tool.value(QStringLiteral("function")).toObject().value(QStringLiteral("parameters")).isObject());
}

void TestOpenAiProvider::sendsTheConversationInOpenAiShape()
{
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("done")}, {}, 1, 1)));
    ChatRequest r = simpleRequest();
    r.messages << ChatMessage::assistant(
            QString(),
            {ToolCall {QStringLiteral("call_7"), QStringLiteral("read"),
                       QJsonObject {{QStringLiteral("path"), QStringLiteral("a")}}}});
    r.messages << ChatMessage::toolResult(QStringLiteral("call_7"), QStringLiteral("int main() {}"));
    auto p = provider();
    const StreamOutcome out = runStream(*p, r);
    QVERIFY(out.response);
    QCOMPARE(out.response->stopReason, QStringLiteral("end_turn"));
    const QJsonArray messages =
            m_server->requests().first().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    const QJsonObject assistant = messages.at(2).toObject();
    QVERIFY(assistant.value(QStringLiteral("content")).isNull());
    const QJsonObject call = assistant.value(QStringLiteral("tool_calls")).toArray().first().toObject();
    QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("call_7"));
    // OpenAI carries tool arguments as a JSON string.
    QCOMPARE(call.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).toString(),
             QStringLiteral("{\"path\":\"a\"}"));
    const QJsonObject tool = messages.at(3).toObject();
    QCOMPARE(tool.value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
    QCOMPARE(tool.value(QStringLiteral("tool_call_id")).toString(), QStringLiteral("call_7"));
    QCOMPARE(tool.value(QStringLiteral("content")).toString(), QStringLiteral("int main() {}"));
}

void TestOpenAiProvider::rejectedKeyIsNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("401") << 401;
    QTest::newRow("403") << 403;
}

void TestOpenAiProvider::rejectedKeyIsNotRetried()
{
    QFETCH(int, status);
    // Real services echo part of the key; the message must not carry it.
    const QByteArray body = "{\"error\":{\"message\":\"Incorrect API key provided: " + m_key.toUtf8() +
            "\",\"type\":\"invalid_request_error\"}}";
    m_server->enqueue(ModelServer::jsonError(status, body));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::KeyRejected);
    QCOMPARE(out.error->httpStatus, status);
    QVERIFY(out.error->message.contains(QStringLiteral("rejected")));
    QVERIFY(out.error->message.contains(QStringLiteral("HARNESS_TEST_UNSET_KEY")));
    QVERIFY(!out.error->message.contains(m_key));
    QVERIFY(!out.error->rawExcerpt.contains(m_key));
    QVERIFY(out.error->rawExcerpt.contains(Redactor::kMask));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestOpenAiProvider::rateLimitWaitsForRetryAfter()
{
    m_server->enqueue(ModelServer::jsonError(429, R"({"error":{"message":"Rate limit reached"}})",
                                             {{"Retry-After", "1"}}));
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("ok")}, {}, 1, 1)));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.response);
    QCOMPARE(out.response->text, QStringLiteral("ok"));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(out.restartDelays, QList<int> {1000});
    QVERIFY2(out.elapsedMs >= 950, qPrintable(QString::number(out.elapsedMs)));
}

void TestOpenAiProvider::rateLimitLongerThanAllowedIsReported()
{
    m_server->enqueue(
            ModelServer::jsonError(429, R"({"error":{"message":"slow down"}})", {{"Retry-After", "120"}}));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::RateLimited);
    QVERIFY(out.error->message.contains(QStringLiteral("120")));
    QVERIFY(out.error->message.contains(QStringLiteral("slow down")));
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(out.elapsedMs < 2000);
}

void TestOpenAiProvider::serverErrorsThenSuccess()
{
    m_server->enqueue(ModelServer::jsonError(500, R"({"error":{"message":"internal"}})"));
    m_server->enqueue(ModelServer::jsonError(503, R"({"error":{"message":"unavailable"}})"));
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("third")}, {}, 1, 1)));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("third"));
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(out.restartDelays.size(), 2);
    for (int delay : out.restartDelays) // exponential back-off with equal jitter, capped at 80 ms
        QVERIFY(delay >= 10 && delay <= 80);
}

void TestOpenAiProvider::serverErrorsGiveUpAfterMaxAttempts()
{
    for (int i = 0; i < 4; ++i)
        m_server->enqueue(ModelServer::jsonError(502, "<html>bad gateway</html>"));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Server);
    QCOMPARE(out.error->attempts, 3);
    QCOMPARE(out.error->httpStatus, 502);
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("bad gateway")));
    QVERIFY(out.error->message.contains(QStringLiteral("3 attempt")));
    QCOMPARE(m_server->requestCount(), 3);
}

void TestOpenAiProvider::resetMidStreamIsRetried()
{
    auto events = ModelServer::openAiEvents(QStringLiteral("m"),
                                            {QStringLiteral("partial "), QStringLiteral("answer")}, {}, 5, 5);
    ScriptedReply cut = ModelServer::stream(events.mid(0, 2));
    cut.end = ScriptedReply::End::Reset;
    m_server->enqueue(cut);
    m_server->enqueue(ModelServer::stream(events));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("partial answer"));
    QCOMPARE(out.text, QStringLiteral("partial answer")); // the listener was told to drop the first try
    QCOMPARE(out.restartDelays.size(), 1);
    QCOMPARE(m_server->requestCount(), 2);
}

void TestOpenAiProvider::cutAfterToolCallIsNotRetried()
{
    auto events =
            ModelServer::openAiEvents(QStringLiteral("m"), {},
                                      {{QStringLiteral("call_1"),
                                        QStringLiteral("run"),
                                        {QStringLiteral("{\"command\":"), QStringLiteral("\"make\"}")}}},
                                      5, 5);
    ScriptedReply cut = ModelServer::stream(events.mid(0, 3));
    cut.end = ScriptedReply::End::Reset;
    m_server->enqueue(cut);
    m_server->enqueue(ModelServer::stream(events));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Network);
    QVERIFY(out.error->message.contains(QStringLiteral("Not retried")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestOpenAiProvider::slowDripStopsAtReadTimeout()
{
    auto events = ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("drip")}, {}, 1, 1);
    m_server->enqueue(ModelServer::stream(events, 1500)); // one event per 1.5 s, the read timeout is 300 ms
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Timeout);
    QVERIFY(out.error->message.contains(QStringLiteral("300 ms")));
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("chat.completion.chunk")));
    QVERIFY2(out.elapsedMs < 1400, qPrintable(QString::number(out.elapsedMs)));
}

void TestOpenAiProvider::garbageBytesAreAProtocolError()
{
    static const char raw[] = "data: \x01\xfe\xff{{{ not json at all\n\n";
    ScriptedReply garbage = ModelServer::stream({QByteArray(raw, sizeof raw - 1)});
    m_server->enqueue(garbage);
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Protocol);
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("not json at all")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestOpenAiProvider::malformedJsonChunkIsAProtocolError()
{
    m_server->enqueue(
            ModelServer::stream({"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n",
                                 "data: {\"choices\": [\n\n"}));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Protocol);
    QCOMPARE(out.error->rawExcerpt, QStringLiteral("{\"choices\": ["));
    QVERIFY(out.error->message.contains(QStringLiteral("not a JSON object")));
}

void TestOpenAiProvider::endlessStreamHitsTheSizeCap()
{
    ScriptedReply endless = ModelServer::stream({});
    endless.end = ScriptedReply::End::Endless;
    endless.repeat = QByteArray("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more \"}}]}\n\n")
                             .repeated(200);
    endless.chunkDelayMs = 1;
    m_server->enqueue(endless);
    auto p = provider([](ProviderConfig &c) { c.maxResponseBytes = 256 * 1024; });
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::TooLarge);
    QVERIFY(out.error->message.contains(QStringLiteral("262144")));
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("more")));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
}

void TestOpenAiProvider::endlessKeepAlivesHitTheTotalTimeout()
{
    ScriptedReply endless = ModelServer::stream({});
    endless.end = ScriptedReply::End::Endless;
    endless.repeat = ": keep-alive\n\n";
    endless.chunkDelayMs = 50;
    m_server->enqueue(endless);
    auto p = provider([](ProviderConfig &c) { c.totalTimeoutMs = 1000; });
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Timeout);
    QVERIFY(out.error->message.contains(QStringLiteral("1000 ms")));
    QVERIFY(out.elapsedMs < 2500);
}

void TestOpenAiProvider::badRequestIsReportedWithServerMessage()
{
    m_server->enqueue(
            ModelServer::jsonError(400, R"({"error":{"message":"The model `nope` does not exist"}})"));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Protocol);
    QVERIFY(out.error->message.contains(QStringLiteral("The model `nope` does not exist")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestOpenAiProvider::unreachableServerIsANetworkError()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    auto p = provider(
            [port](ProviderConfig &c) { c.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port); });
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Network);
    QVERIFY(out.error->message.contains(QStringLiteral("Could not reach")));
    QCOMPARE(out.error->attempts, 3);
}

void TestOpenAiProvider::serverWithoutDoneMarkerStillCompletes()
{
    auto events = ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("llama")}, {}, 3, 4);
    events.removeLast(); // some servers end the body after the finish_reason without "[DONE]"
    m_server->enqueue(ModelServer::stream(events));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.response);
    QCOMPARE(out.response->text, QStringLiteral("llama"));
    QCOMPARE(out.response->usage.outputTokens, 4);
}

void TestOpenAiProvider::jsonInsteadOfStreamIsNotRetried()
{
    ScriptedReply plain =
            ModelServer::jsonError(200, R"({"id":"x","object":"chat.completion","choices":[]})");
    m_server->enqueue(plain);
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Protocol);
    QVERIFY(out.error->message.contains(QStringLiteral("instead of an event stream")));
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("chat.completion")));
    QCOMPARE(m_server->requestCount(), 1);
}

// Bytes that cannot be an event stream, sent with 200 OK on a connection kept open: the call must not
// wait for the server to finish, nor buffer megabytes looking for a line end.
void TestOpenAiProvider::binaryGarbageWith200FailsFastAndIsRetried()
{
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage += char((i * 7919 + 13) % 256);
    for (int i = 0; i < 3; ++i) {
        ScriptedReply reply = ModelServer::stream({garbage});
        reply.end = ScriptedReply::End::Hang;
        m_server->enqueue(reply);
    }
    auto p = provider([](ProviderConfig &c) { c.readTimeoutMs = 5000; });
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Server);
    QVERIFY2(out.error->message.contains(QStringLiteral("Protocol error")) &&
                     out.error->message.contains(QStringLiteral("not an event stream")),
             qPrintable(out.error->message));
    QCOMPARE(out.error->attempts, 3);
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));
}

void TestOpenAiProvider::wrongContentTypeFailsFastAndIsRetried()
{
    ScriptedReply html = ModelServer::stream({"<html><body>Captive portal: please log in</body></html>"});
    html.contentType = "text/html; charset=utf-8";
    html.end = ScriptedReply::End::Hang;
    m_server->enqueue(html);
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("second try")}, {}, 1, 1)));
    auto p = provider([](ProviderConfig &c) { c.readTimeoutMs = 5000; });
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("second try"));
    QCOMPARE(out.restartDelays.size(), 1);
    QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));

    for (int i = 0; i < 3; ++i) {
        ScriptedReply again = html;
        m_server->enqueue(again);
    }
    const StreamOutcome failed = runStream(*p, simpleRequest());
    QVERIFY(failed.error);
    QCOMPARE(failed.error->kind, AgentError::Kind::Server);
    QVERIFY2(failed.error->message.contains(QStringLiteral("Content-Type is \"text/html; charset=utf-8\"")),
             qPrintable(failed.error->message));
    QVERIFY2(failed.elapsedMs < 1000, qPrintable(QString::number(failed.elapsedMs)));
}

// Some gateways report a fault as a JSON error object with 200: a server fault, retried.
void TestOpenAiProvider::jsonErrorWith200IsRetried()
{
    m_server->enqueue(
            ModelServer::jsonError(200, R"({"error":{"message":"upstream overloaded","code":502}})"));
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("fine")}, {}, 1, 1)));
    auto p = provider();
    const StreamOutcome out = runStream(*p, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("fine"));
    QCOMPARE(m_server->requestCount(), 2);
    for (int i = 0; i < 3; ++i)
        m_server->enqueue(ModelServer::jsonError(200, R"({"error":{"message":"upstream overloaded"}})"));
    const StreamOutcome failed = runStream(*p, simpleRequest());
    QVERIFY(failed.error);
    QCOMPARE(failed.error->kind, AgentError::Kind::Server);
    QVERIFY2(failed.error->message.contains(QStringLiteral("upstream overloaded")),
             qPrintable(failed.error->message));
    QCOMPARE(failed.error->attempts, 3);
}

void TestOpenAiProvider::cancelStopsTheCallAndTheConnection()
{
    ScriptedReply hang = ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("a")}, {}, 1, 1).mid(0, 2));
    hang.end = ScriptedReply::End::Hang;
    m_server->enqueue(hang);
    auto p = provider([](ProviderConfig &c) { c.readTimeoutMs = 5000; });
    const StreamOutcome out = runStream(*p, simpleRequest(), [](ChatStream *s) {
        QObject::connect(s, &ChatStream::textDelta, s, [s] { s->cancel(); });
    });
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Cancelled);
    QVERIFY(out.elapsedMs < 2000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
}

void TestOpenAiProvider::completeWorksFromAWorkerThread()
{
    m_server->enqueue(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"),
                                      {QStringLiteral("from "), QStringLiteral("worker")}, {}, 2, 3),
            5));
    auto p = provider();
    QFuture<Result<ChatResponse>> future = QtConcurrent::run([&p] { return p->complete(simpleRequest()); });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
    const Result<ChatResponse> result = future.result();
    QVERIFY2(result.ok(), qPrintable(result.errorText()));
    QCOMPARE(result->text, QStringLiteral("from worker"));
    QCOMPARE(result->usage.total(), 5);
}

void TestOpenAiProvider::completeHonoursTheCancelFlag()
{
    ScriptedReply hang = ModelServer::stream({});
    hang.end = ScriptedReply::End::Hang;
    m_server->enqueue(hang);
    auto p = provider([](ProviderConfig &c) {
        c.readTimeoutMs = 5000;
        c.connectTimeoutMs = 5000;
    });
    std::atomic_bool cancel {false};
    AgentError error;
    QFuture<Result<ChatResponse>> future =
            QtConcurrent::run([&] { return p->complete(simpleRequest(), &cancel, &error); });
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, 5000);
    cancel = true;
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 3000);
    QVERIFY(!future.result().ok());
    QCOMPARE(future.result().error().field, QStringLiteral("cancelled"));
    QCOMPARE(error.kind, AgentError::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(TestOpenAiProvider)
#include "tst_openaiprovider.moc"
