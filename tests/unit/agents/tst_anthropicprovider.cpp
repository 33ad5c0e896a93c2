// HttpProvider with the Anthropic Messages format, against the loopback ModelServer: content blocks,
// tool_use with input_json_delta, tool_result turns, usage, ping/unknown events, in-stream errors.
#include "agents/httpprovider.h"
#include "common/modelserver.h"
#include "providertesthelpers.h"
#include "testkeys.h"

#include <QJsonArray>
#include <QTest>

using namespace harness;

class TestAnthropicProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void streamsTextToolUseAndUsage();
    void sendsToolResultsAsUserTurns();
    void unknownEventsAreIgnored();
    void overloadedErrorEventIsRetried();
    void errorEventAfterToolUseIsNotRetried();
    void status529IsRetried();
    void rejectedKeyIsNotRetried();
    void cutStreamWithoutMessageStopIsRetried();
    void binaryGarbageWith200FailsFastAndIsRetried();
    void wrongContentTypeFailsFastAndIsRetried();

private:
    std::unique_ptr<ModelServer> m_server;
    std::unique_ptr<HttpProvider> m_provider;
    QString m_key;
};

void TestAnthropicProvider::init()
{
    m_server = std::make_unique<ModelServer>();
    QVERIFY(m_server->listen());
    m_key = testKey(QStringLiteral("anthropic"));
    m_provider = std::make_unique<HttpProvider>(
            loopbackConfig(QStringLiteral("anthropic"), m_server->baseUrl()), m_key);
}

void TestAnthropicProvider::streamsTextToolUseAndUsage()
{
    auto events = ModelServer::anthropicEvents(
            QStringLiteral("claude-test"), {QStringLiteral("Let me "), QStringLiteral("look.")},
            {{QStringLiteral("toolu_01"),
              QStringLiteral("read"),
              {QStringLiteral("{\"path\":"), QStringLiteral(" \"b.h\"}")}}},
            2000, 42);
    m_server->enqueue(ModelServer::stream(ModelServer::rechunk(events, 11)));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "no answer");
    QCOMPARE(out.response->text, QStringLiteral("Let me look."));
    QCOMPARE(out.response->toolCalls.size(), 1);
    QCOMPARE(out.response->toolCalls.first().id, QStringLiteral("toolu_01"));
    QCOMPARE(out.response->toolCalls.first().arguments.value(QStringLiteral("path")).toString(),
             QStringLiteral("b.h"));
    QCOMPARE(out.response->stopReason, QStringLiteral("tool_use"));
    QCOMPARE(out.response->usage.inputTokens, 2000);
    QCOMPARE(out.response->usage.outputTokens, 42);
    QCOMPARE(out.response->model, QStringLiteral("claude-test"));

    const ReceivedRequest req = m_server->requests().first();
    QCOMPARE(req.path, QByteArray("/v1/messages"));
    QVERIFY(req.headers.value("x-api-key") == m_key.toUtf8());
    QCOMPARE(req.headers.value("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(!req.headers.contains("authorization"));
    const QJsonObject body = req.json();
    QCOMPARE(body.value(QStringLiteral("system")).toString(), QStringLiteral("You are a careful engineer."));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 512);
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    const QJsonObject tool = body.value(QStringLiteral("tools")).toArray().first().toObject();
    QCOMPARE(tool.value(QStringLiteral("name")).toString(), QStringLiteral("read"));
    QVERIFY(tool.value(QStringLiteral("input_schema")).isObject());
}

void TestAnthropicProvider::sendsToolResultsAsUserTurns()
{
    m_server->enqueue(ModelServer::stream(
            ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("ok")}, {}, 1, 1)));
    ChatRequest r = simpleRequest();
    r.messages << ChatMessage::assistant(
            QStringLiteral("Reading both."),
            {ToolCall {QStringLiteral("toolu_1"), QStringLiteral("read"),
                       QJsonObject {{QStringLiteral("path"), QStringLiteral("a")}}},
             ToolCall {QStringLiteral("toolu_2"), QStringLiteral("read"),
                       QJsonObject {{QStringLiteral("path"), QStringLiteral("b")}}}});
    r.messages << ChatMessage::toolResult(QStringLiteral("toolu_1"), QStringLiteral("A"));
    r.messages << ChatMessage::toolResult(QStringLiteral("toolu_2"), QStringLiteral("no such file"), true);
    const StreamOutcome out = runStream(*m_provider, r);
    QVERIFY(out.response);
    QCOMPARE(out.response->stopReason, QStringLiteral("end_turn"));
    const QJsonArray messages =
            m_server->requests().first().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 3); // user, assistant, user (both tool results in one turn)
    const QJsonArray assistant = messages.at(1).toObject().value(QStringLiteral("content")).toArray();
    QCOMPARE(assistant.size(), 3);
    QCOMPARE(assistant.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(assistant.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(assistant.at(1)
                     .toObject()
                     .value(QStringLiteral("input"))
                     .toObject()
                     .value(QStringLiteral("path"))
                     .toString(),
             QStringLiteral("a"));
    const QJsonObject results = messages.at(2).toObject();
    QCOMPARE(results.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    const QJsonArray blocks = results.value(QStringLiteral("content")).toArray();
    QCOMPARE(blocks.size(), 2);
    QCOMPARE(blocks.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("tool_result"));
    QCOMPARE(blocks.at(0).toObject().value(QStringLiteral("tool_use_id")).toString(),
             QStringLiteral("toolu_1"));
    QCOMPARE(blocks.at(1).toObject().value(QStringLiteral("is_error")).toBool(), true);
}

void TestAnthropicProvider::unknownEventsAreIgnored()
{
    auto events = ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("fine")}, {}, 1, 1);
    events.insert(
            2,
            ModelServer::sseEvent("future_event",
                                  QJsonObject {{QStringLiteral("type"), QStringLiteral("future_event")}}));
    events.insert(
            3, ModelServer::sseEvent("ping", QJsonObject {{QStringLiteral("type"), QStringLiteral("ping")}}));
    m_server->enqueue(ModelServer::stream(events));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.response);
    QCOMPARE(out.response->text, QStringLiteral("fine"));
}

void TestAnthropicProvider::overloadedErrorEventIsRetried()
{
    auto events = ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("second try")}, {}, 1, 1);
    QList<QByteArray> failing = events.mid(0, 3);
    failing << ModelServer::sseEvent(
            "error",
            QJsonObject {{QStringLiteral("type"), QStringLiteral("error")},
                         {QStringLiteral("error"),
                          QJsonObject {{QStringLiteral("type"), QStringLiteral("overloaded_error")},
                                       {QStringLiteral("message"), QStringLiteral("Overloaded")}}}});
    m_server->enqueue(ModelServer::stream(failing));
    m_server->enqueue(ModelServer::stream(events));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("second try"));
    QCOMPARE(m_server->requestCount(), 2);
}

void TestAnthropicProvider::errorEventAfterToolUseIsNotRetried()
{
    auto events = ModelServer::anthropicEvents(
            QStringLiteral("c"), {},
            {{QStringLiteral("toolu_9"), QStringLiteral("run"), {QStringLiteral("{\"command\":\"rm x\"}")}}},
            1, 1);
    QList<QByteArray> failing = events.mid(0, 4); // message_start, ping, tool_use start, its input
    failing << ModelServer::sseEvent(
            "error",
            QJsonObject {{QStringLiteral("type"), QStringLiteral("error")},
                         {QStringLiteral("error"),
                          QJsonObject {{QStringLiteral("type"), QStringLiteral("overloaded_error")},
                                       {QStringLiteral("message"), QStringLiteral("Overloaded")}}}});
    m_server->enqueue(ModelServer::stream(failing));
    m_server->enqueue(ModelServer::stream(events));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Server);
    QVERIFY(out.error->message.contains(QStringLiteral("overloaded_error")));
    QVERIFY(out.error->message.contains(QStringLiteral("Not retried")));
    QVERIFY(out.error->rawExcerpt.contains(QStringLiteral("Overloaded")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestAnthropicProvider::status529IsRetried()
{
    m_server->enqueue(ModelServer::jsonError(
            529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
    m_server->enqueue(ModelServer::stream(
            ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("ok")}, {}, 1, 1)));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.response);
    QCOMPARE(m_server->requestCount(), 2);
}

void TestAnthropicProvider::rejectedKeyIsNotRetried()
{
    m_server->enqueue(ModelServer::jsonError(
            401,
            R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::KeyRejected);
    QVERIFY(out.error->message.contains(QStringLiteral("invalid x-api-key")));
    QVERIFY(out.error->message.contains(QStringLiteral("Settings")));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestAnthropicProvider::cutStreamWithoutMessageStopIsRetried()
{
    auto events = ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("whole")}, {}, 1, 1);
    m_server->enqueue(
            ModelServer::stream(events.mid(0, events.size() - 1))); // closes cleanly, no message_stop
    m_server->enqueue(ModelServer::stream(events));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.response);
    QCOMPARE(out.response->text, QStringLiteral("whole"));
    QCOMPARE(m_server->requestCount(), 2);
}

void TestAnthropicProvider::binaryGarbageWith200FailsFastAndIsRetried()
{
    QByteArray garbage("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    garbage += QByteArray(8192, '\xff');
    for (int i = 0; i < 2; ++i) {
        ScriptedReply reply = ModelServer::stream({garbage});
        reply.contentType = "text/event-stream"; // the header claims a stream; the bytes are not one
        reply.end = ScriptedReply::End::Hang;
        m_server->enqueue(reply);
    }
    m_server->enqueue(ModelServer::stream(
            ModelServer::anthropicEvents(QStringLiteral("c"), {QStringLiteral("third")}, {}, 1, 1)));
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY2(out.response, out.error ? qPrintable(out.error->message) : "");
    QCOMPARE(out.response->text, QStringLiteral("third"));
    QCOMPARE(out.restartDelays.size(), 2);
    QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));
}

void TestAnthropicProvider::wrongContentTypeFailsFastAndIsRetried()
{
    for (int i = 0; i < 3; ++i) {
        ScriptedReply reply = ModelServer::stream({QByteArray(1024, 'x')});
        reply.contentType = "application/octet-stream";
        reply.end = ScriptedReply::End::Hang;
        m_server->enqueue(reply);
    }
    const StreamOutcome out = runStream(*m_provider, simpleRequest());
    QVERIFY(out.error);
    QCOMPARE(out.error->kind, AgentError::Kind::Server);
    QVERIFY2(out.error->message.contains(QStringLiteral("not an event stream")) &&
                     out.error->message.contains(QStringLiteral("application/octet-stream")),
             qPrintable(out.error->message));
    QCOMPARE(out.error->attempts, 3);
    QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));
}

QTEST_GUILESS_MAIN(TestAnthropicProvider)
#include "tst_anthropicprovider.moc"
