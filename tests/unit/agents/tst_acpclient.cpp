// Tests of AcpClient and JsonRpcPeer against a scripted ACP agent process (scriptedacpagent.cpp): a whole
// session using every client service, session/load, cancellation, invalid requests from the agent, and
// every protocol fault ending the session with a clear message instead of a crash or a hang.
#include "agents/acp/acpclient.h"
#include "common/recordingacphandler.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace harness;

namespace {

JsonRpcCommand agentCommand(const QString &scenario)
{
    JsonRpcCommand c;
    c.program = QStringLiteral(SCRIPTED_ACP_AGENT);
    c.arguments = {scenario};
    return c;
}

template<typename T>
struct Box
{
    bool done = false;
    std::optional<T> value;
    void set(T v)
    {
        value = std::move(v);
        done = true;
    }
};

bool processGone(qint64 pid)
{
    return pid <= 0 || ::kill(pid_t(pid), 0) != 0;
}

} // namespace

class TestAcpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aWholeSessionUsesEveryClientService();
    void loadSessionReplaysHistoryWhenTheAgentOffersIt();
    void cancelEndsTheTurnAndAnswersOpenPermissionQuestions();
    void invalidRequestsFromTheAgentGetErrorAnswers();
    void faultsEndTheSessionWithAClearMessage_data();
    void faultsEndTheSessionWithAClearMessage();
    void aMissingProgramIsReportedAtInitialize();
};

void TestAcpClient::aWholeSessionUsesEveryClientService()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile input(dir.filePath(QStringLiteral("input.txt")));
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write("make me loud\n");
    input.close();

    harness::test::RecordingAcpHandler handler;
    AcpClient client(&handler);
    QList<AcpSessionUpdate> updates;
    connect(&client, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { updates << u; });
    QSignalSpy failed(&client, &AcpClient::failed);
    client.start(agentCommand(QStringLiteral("good")));

    Box<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(init.done, 10000);
    QVERIFY2(*init.value, qPrintable(init.value->errorText()));
    QCOMPARE((*init.value)->agentName, QStringLiteral("scripted-agent"));
    QCOMPARE((*init.value)->protocolVersion, 1);
    QVERIFY(!(*init.value)->loadSession);
    // What the client advertised, as the agent received it.
    const QJsonObject advertised = (*init.value)
                                           ->raw.value(QStringLiteral("_meta"))
                                           .toObject()
                                           .value(QStringLiteral("clientCapabilities"))
                                           .toObject();
    QCOMPARE(advertised.value(QStringLiteral("fs")).toObject().value(QStringLiteral("readTextFile")).toBool(),
             true);
    QCOMPARE(
            advertised.value(QStringLiteral("fs")).toObject().value(QStringLiteral("writeTextFile")).toBool(),
            true);
    QCOMPARE(advertised.value(QStringLiteral("terminal")).toBool(), true);

    Box<Result<AcpSessionInfo>> session;
    client.newSession(dir.path(), {}, [&](Result<AcpSessionInfo> r) { session.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(session.done, 10000);
    QVERIFY2(*session.value, qPrintable(session.value->errorText()));
    QCOMPARE((*session.value)->sessionId, QStringLiteral("sess-1"));
    QCOMPARE((*session.value)->currentModeId, QStringLiteral("ask"));

    Box<Result<AcpPromptResult>> turn;
    client.prompt(QStringLiteral("sess-1"), AcpClient::promptText(QStringLiteral("shout the input")),
                  [&](Result<AcpPromptResult> r) { turn.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(turn.done, 20000);
    QVERIFY2(*turn.value, qPrintable(turn.value->errorText()));
    QCOMPARE((*turn.value)->stopReason, QStringLiteral("end_turn"));
    QCOMPARE((*turn.value)->usage.totalTokens, 1280);
    QCOMPARE((*turn.value)->usage.inputTokens, 1200);

    // The agent's calls reached the handler in order, and their effects are real.
    QCOMPARE(handler.calls,
             (QStringList {QStringLiteral("read input.txt"), QStringLiteral("permission Write output.txt"),
                           QStringLiteral("write output.txt"), QStringLiteral("terminal echo"),
                           QStringLiteral("release term-1")}));
    QCOMPARE(handler.permissions.at(0).options.size(), 2);
    QFile output(dir.filePath(QStringLiteral("output.txt")));
    QVERIFY(output.open(QIODevice::ReadOnly));
    QCOMPARE(output.readAll(), QByteArray("MAKE ME LOUD\n"));

    // Every kind of update arrived typed.
    auto find = [&](AcpSessionUpdate::Kind kind, int nth = 0) -> const AcpSessionUpdate * {
        for (const AcpSessionUpdate &u : std::as_const(updates))
            if (u.kind == kind && nth-- == 0)
                return &u;
        return nullptr;
    };
    const AcpSessionUpdate *first = find(AcpSessionUpdate::Kind::AgentMessageChunk);
    QVERIFY(first);
    QCOMPARE(first->text, QStringLiteral("Working on: shout the input"));
    const AcpSessionUpdate *last = find(AcpSessionUpdate::Kind::AgentMessageChunk, 1);
    QVERIFY(last);
    QCOMPARE(last->text, QStringLiteral("exit=0 output=hello permission=selected"));
    const AcpSessionUpdate *plan = find(AcpSessionUpdate::Kind::Plan);
    QVERIFY(plan);
    QCOMPARE(plan->plan.size(), 2);
    QCOMPARE(plan->plan.at(0).status, QStringLiteral("in_progress"));
    const AcpSessionUpdate *readCall = find(AcpSessionUpdate::Kind::ToolCall);
    QVERIFY(readCall);
    QCOMPARE(readCall->toolCall.kind, QStringLiteral("read"));
    QCOMPARE(readCall->toolCall.locations, QStringList {dir.filePath(QStringLiteral("input.txt"))});
    const AcpSessionUpdate *readDone = find(AcpSessionUpdate::Kind::ToolCallUpdate);
    QVERIFY(readDone);
    QCOMPARE(readDone->toolCall.status, QStringLiteral("completed"));
    const AcpSessionUpdate *execute = find(AcpSessionUpdate::Kind::ToolCall, 1);
    QVERIFY(execute);
    QCOMPARE(execute->toolCall.terminalIds(), QStringList {QStringLiteral("term-1")});
    const AcpSessionUpdate *usage = find(AcpSessionUpdate::Kind::Usage);
    QVERIFY(usage);
    QCOMPARE(usage->usage.contextUsed, 5000);
    QCOMPARE(usage->usage.costAmount, 0.0125);
    QCOMPARE(usage->usage.costCurrency, QStringLiteral("USD"));
    const AcpSessionUpdate *unknown = find(AcpSessionUpdate::Kind::Other);
    QVERIFY(unknown);
    QCOMPARE(unknown->kindName, QStringLiteral("something_new"));
    QCOMPARE(failed.count(), 0);

    // Closing ends the agent's process group.
    const qint64 pid = client.peer().processId();
    QSignalSpy finished(&client, &AcpClient::finished);
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 5000);
    QCOMPARE(failed.count(), 0);
}

void TestAcpClient::loadSessionReplaysHistoryWhenTheAgentOffersIt()
{
    QTemporaryDir dir;
    harness::test::RecordingAcpHandler handler;
    AcpClient client(&handler);
    QStringList texts;
    connect(&client, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { texts << u.text; });
    client.start(agentCommand(QStringLiteral("good-load")));
    Box<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(init.done, 10000);
    QVERIFY((*init.value)->loadSession);
    Box<Result<AcpSessionInfo>> session;
    client.newSession(dir.path(), {}, [&](Result<AcpSessionInfo> r) { session.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(session.done, 10000);
    Box<Status> load;
    client.loadSession(QStringLiteral("sess-1"), dir.path(), {}, [&](Status s) { load.set(std::move(s)); });
    QTRY_VERIFY_WITH_TIMEOUT(load.done, 10000);
    QVERIFY2(*load.value, qPrintable(load.value->errorText()));
    QVERIFY(texts.contains(QStringLiteral("replayed history")));

    // An agent that does not offer session/load is not asked.
    AcpClient other(&handler);
    other.start(agentCommand(QStringLiteral("good")));
    Box<Result<AcpInitializeResult>> otherInit;
    other.initialize([&](Result<AcpInitializeResult> r) { otherInit.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(otherInit.done, 10000);
    Box<Status> refused;
    other.loadSession(QStringLiteral("sess-1"), dir.path(), {}, [&](Status s) { refused.set(std::move(s)); });
    QVERIFY(refused.done);
    QVERIFY(!*refused.value);
    QVERIFY2(refused.value->errorText().contains(QStringLiteral("does not offer session/load")),
             qPrintable(refused.value->errorText()));
}

void TestAcpClient::cancelEndsTheTurnAndAnswersOpenPermissionQuestions()
{
    QTemporaryDir dir;
    harness::test::RecordingAcpHandler handler;
    handler.answerPermissions = false; // the human never answers
    AcpClient client(&handler);
    QStringList texts;
    connect(&client, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { texts << u.text; });
    client.start(agentCommand(QStringLiteral("cancel")));
    Box<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init.set(std::move(r)); });
    Box<Result<AcpSessionInfo>> session;
    client.newSession(dir.path(), {}, [&](Result<AcpSessionInfo> r) { session.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(session.done, 10000);
    Box<Result<AcpPromptResult>> turn;
    client.prompt(QStringLiteral("sess-1"), AcpClient::promptText(QStringLiteral("work forever")),
                  [&](Result<AcpPromptResult> r) { turn.set(std::move(r)); });
    QTRY_COMPARE_WITH_TIMEOUT(handler.permissions.size(), 1, 10000);
    QVERIFY(!turn.done);
    client.cancel(QStringLiteral("sess-1"));
    QTRY_VERIFY_WITH_TIMEOUT(turn.done, 10000);
    QVERIFY2(*turn.value, qPrintable(turn.value->errorText()));
    QCOMPARE((*turn.value)->stopReason, QStringLiteral("cancelled"));
    QVERIFY2(texts.contains(QStringLiteral("permission=cancelled")),
             qPrintable(texts.join(QLatin1Char('|'))));
}

void TestAcpClient::invalidRequestsFromTheAgentGetErrorAnswers()
{
    QTemporaryDir dir;
    harness::test::RecordingAcpHandler handler;
    AcpClient client(&handler);
    QStringList texts;
    QStringList ignored;
    connect(&client, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { texts << u.text; });
    connect(&client, &AcpClient::ignoredMessage, this, [&](const QString &why) { ignored << why; });
    client.start(agentCommand(QStringLiteral("bad-requests")));
    client.initialize([](Result<AcpInitializeResult>) {});
    Box<Result<AcpSessionInfo>> session;
    client.newSession(dir.path(), {}, [&](Result<AcpSessionInfo> r) { session.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(session.done, 10000);
    Box<Result<AcpPromptResult>> turn;
    client.prompt(QStringLiteral("sess-1"), AcpClient::promptText(QStringLiteral("x")),
                  [&](Result<AcpPromptResult> r) { turn.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(turn.done, 10000);
    QVERIFY2(*turn.value, qPrintable(turn.value->errorText()));
    // A relative path and a terminal request without a terminal id: invalid params; an unknown method:
    // method not found. None reached the handler, and the session went on.
    QCOMPARE(texts, QStringList {QStringLiteral("-32602 -32601 -32602")});
    QVERIFY(handler.calls.isEmpty());
    QCOMPARE(ignored.size(), 1);
    QVERIFY2(ignored.at(0).contains(QStringLiteral("names no session")), qPrintable(ignored.at(0)));
}

void TestAcpClient::faultsEndTheSessionWithAClearMessage_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("sessionEnds");
    QTest::newRow("line over the limit") << "long-line"
                                         << "longer than 1048576 bytes" << true;
    QTest::newRow("invalid JSON") << "bad-json"
                                  << "not JSON" << true;
    QTest::newRow("wrong jsonrpc version") << "bad-version"
                                           << "not JSON-RPC 2.0" << true;
    QTest::newRow("answer to an unknown id") << "unknown-id"
                                             << "answered request 4242, which was never sent" << true;
    QTest::newRow("answer with a string id") << "string-id"
                                             << "answered request \"abc\", which was never sent" << true;
    QTest::newRow("second answer to one request") << "double-answer"
                                                  << "already answered" << true;
    QTest::newRow("result and error") << "both-result-and-error"
                                      << "exactly one of result and error" << true;
    QTest::newRow("batch") << "batch"
                           << "batch" << true;
    QTest::newRow("notification flood") << "flood"
                                        << "flooded the connection" << true;
    QTest::newRow("request flood") << "request-flood"
                                   << "requests waiting for an answer" << true;
    QTest::newRow("exit during a request") << "exit-mid-request"
                                           << "exited with code 7; its last words: " << true;
    QTest::newRow("output cut mid-message") << "cut-line"
                                            << "ended in the middle of a message" << true;
    QTest::newRow("banner before JSON") << "garbage-first"
                                        << "not JSON" << true;
    QTest::newRow("crash at start") << "crash-at-start"
                                    << "cannot find my model" << true;
    QTest::newRow("no answer in time") << "hang"
                                       << "did not answer session/new within the time limit" << false;
    QTest::newRow("error answer") << "error-answer"
                                  << "Authentication required (error -32000)" << false;
}

void TestAcpClient::faultsEndTheSessionWithAClearMessage()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    QFETCH(bool, sessionEnds);
    QTemporaryDir dir;
    harness::test::RecordingAcpHandler handler;
    handler.answerPermissions = false;
    AcpClient::Options options;
    options.limits.maxLineBytes = 1024 * 1024;
    options.limits.floodMessages = 5000;
    options.limits.floodWindowMs = 2000;
    options.sessionTimeoutMs = 1500;
    AcpClient client(&handler, options);
    QSignalSpy failed(&client, &AcpClient::failed);
    QSignalSpy finished(&client, &AcpClient::finished);
    client.start(agentCommand(scenario));
    Box<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init.set(std::move(r)); });
    Box<Result<AcpSessionInfo>> session;
    client.newSession(dir.path(), {}, [&](Result<AcpSessionInfo> r) { session.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(session.done, 15000);
    QVERIFY(init.done);
    if (scenario == QLatin1String("double-answer")) {
        QVERIFY(*session.value); // the first answer is good; the second one ends the session
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    } else {
        QVERIFY(!*session.value);
        QVERIFY2(session.value->errorText().contains(expected), qPrintable(session.value->errorText()));
    }
    if (sessionEnds) {
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(expected), qPrintable(failed.at(0).at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // Nothing more is sent to a failed session; later requests fail at once with the same reason.
        Box<Result<AcpPromptResult>> after;
        client.prompt(QStringLiteral("s"), AcpClient::promptText(QStringLiteral("x")),
                      [&](Result<AcpPromptResult> r) { after.set(std::move(r)); });
        QTRY_VERIFY(after.done);
        QVERIFY(after.value->errorText().contains(expected));
    } else {
        QCOMPARE(failed.count(), 0);
        QVERIFY(client.peer().isRunning());
    }
}

void TestAcpClient::aMissingProgramIsReportedAtInitialize()
{
    harness::test::RecordingAcpHandler handler;
    AcpClient client(&handler);
    JsonRpcCommand command;
    command.program = QStringLiteral("/nonexistent/claude-agent-acp");
    client.start(command);
    Box<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init.set(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(init.done, 10000);
    QVERIFY(!*init.value);
    QVERIFY2(init.value->errorText().contains(QStringLiteral("could not be started")),
             qPrintable(init.value->errorText()));
    QVERIFY(init.value->errorText().contains(QStringLiteral("install-agents.sh")));
}

QTEST_GUILESS_MAIN(TestAcpClient)
#include "tst_acpclient.moc"
