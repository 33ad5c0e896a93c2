// A real external agent (Claude Code through claude-agent-acp, opencode, Gemini CLI or Codex through
// codex-acp; REAL_AGENT names which), installed by packaging/install-agents.sh, driven through AcpClient
// against the scripted loopback model: one turn in which the model has the agent read a file, write a file
// and run a command. The test asserts what really happened on disk and what crossed the protocol, and
// prints the agent's behaviour (fs/* or its own writes, terminal/* or its own commands, session/load,
// usage) for docs/agents.md. A second agent process then takes the session up with session/load.
#include "agents/acp/acpagentprofile.h"
#include "agents/acp/acpclient.h"
#include "common/agentinstall.h"
#include "common/recordingacphandler.h"
#include "common/scriptedmodel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kInput = QStringLiteral("alpha beta gamma\n");
const QString kOutput = QStringLiteral("ALPHA BETA GAMMA\n");
const QString kMarker = QStringLiteral("ran-by-agent");

QString firstOf(const QStringList &offered, const QStringList &candidates)
{
    for (const QString &c : candidates)
        if (offered.contains(c))
            return c;
    return candidates.first();
}

// The three tool calls, named and shaped for the tools this agent offers.
QList<ModelTurn> scriptFor(const QString &agent, const ScriptedModel::ToolSchemas &tools, const QString &dir)
{
    const QString input = dir + QStringLiteral("/input.txt");
    const QString output = dir + QStringLiteral("/output.txt");
    const QString command = QStringLiteral("echo %1 > ran.txt && cat ran.txt").arg(kMarker);
    auto shapes = [&](const QString &tool) {
        return tools.value(tool);
    };
    QList<ModelTurn> turns;
    if (agent == QLatin1String("codex")) {
        // Codex has no file tools of its own in the Responses tool list: it reads and writes by command.
        const QString exec = firstOf(tools.keys(), {QStringLiteral("exec_command"), QStringLiteral("shell")});
        auto run = [&](const QString &id, const QString &cmd) {
            const QJsonObject args = exec == QLatin1String("shell")
                    ? QJsonObject {{QStringLiteral("command"),
                                    QJsonArray {QStringLiteral("bash"), QStringLiteral("-lc"), cmd}},
                                   {QStringLiteral("workdir"), dir}}
                    : QJsonObject {{QStringLiteral("cmd"), cmd}, {QStringLiteral("workdir"), dir}};
            return ScriptedModel::call(id, exec, args);
        };
        turns << ModelTurn {QStringLiteral("Reading the input."),
                            {run(QStringLiteral("call_read"), QStringLiteral("cat ") + input)}};
        turns << ModelTurn {QString(),
                            {run(QStringLiteral("call_write"),
                                 QStringLiteral("printf 'ALPHA BETA GAMMA\\n' > ") + output)}};
        turns << ModelTurn {QString(), {run(QStringLiteral("call_run"), command)}};
        turns << ModelTurn {QStringLiteral("Done: the output is written."), {}};
        return turns;
    }
    const QString read = firstOf(tools.keys(),
                                 {QStringLiteral("Read"), QStringLiteral("mcp__acp__Read"),
                                  QStringLiteral("read"), QStringLiteral("read_file")});
    const QString write = firstOf(tools.keys(),
                                  {QStringLiteral("Write"), QStringLiteral("mcp__acp__Write"),
                                   QStringLiteral("write"), QStringLiteral("write_file")});
    const QString shell = firstOf(tools.keys(),
                                  {QStringLiteral("Bash"), QStringLiteral("mcp__acp__Bash"),
                                   QStringLiteral("bash"), QStringLiteral("run_shell_command")});
    const QString pathKey = firstOf(shapes(read),
                                    {QStringLiteral("file_path"), QStringLiteral("filePath"),
                                     QStringLiteral("absolute_path"), QStringLiteral("path")});
    const QString writePathKey = firstOf(shapes(write),
                                         {QStringLiteral("file_path"), QStringLiteral("filePath"),
                                          QStringLiteral("absolute_path"), QStringLiteral("path")});
    QJsonObject shellArgs {{QStringLiteral("command"), command}};
    if (shapes(shell).contains(QStringLiteral("description")))
        shellArgs.insert(QStringLiteral("description"), QStringLiteral("Leave a marker file"));
    turns << ModelTurn {QStringLiteral("Reading the input."),
                        {ScriptedModel::call(QStringLiteral("toolu_read"), read, {{pathKey, input}})}};
    turns << ModelTurn {
            QString(),
            {ScriptedModel::call(QStringLiteral("toolu_write"), write,
                                 {{writePathKey, output}, {QStringLiteral("content"), kOutput}})}};
    turns << ModelTurn {QString(), {ScriptedModel::call(QStringLiteral("toolu_run"), shell, shellArgs)}};
    turns << ModelTurn {QStringLiteral("Done: the output is written."), {}};
    return turns;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

template<typename T>
bool waitFor(std::optional<T> &box, int ms)
{
    return QTest::qWaitFor([&] { return box.has_value(); }, ms);
}

} // namespace

class TestRealAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWritesAndRunsThroughTheProtocol();
};

void TestRealAgent::readsWritesAndRunsThroughTheProtocol()
{
    const QString agent = QStringLiteral(REAL_AGENT);
    QString installError;
    const QString bin = test::agentsBinDir(QStringLiteral(HARNESS_BINARY_DIR), &installError);
    if (bin.isEmpty())
        QFAIL(qPrintable(installError));

    // The agent's home lies outside /tmp: codex-acp refuses to install its sandbox helper under /tmp.
    QDir().mkpath(QStringLiteral(HARNESS_BINARY_DIR "/agent-homes"));
    QTemporaryDir home(QStringLiteral(HARNESS_BINARY_DIR "/agent-homes/%1-XXXXXX").arg(agent));
    QTemporaryDir work;
    QVERIFY(home.isValid() && work.isValid());
    const QString dir = QDir(work.path()).canonicalPath();
    {
        QFile input(dir + QStringLiteral("/input.txt"));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(kInput.toUtf8());
    }
    if (agent == QLatin1String("gemini")) {
        // Gemini CLI 0.61.0 cannot create a new file through fs/*: it receives the client's "Resource not
        // found" as a plain JSON-RPC error object, not an Error with code ENOENT, and fails the write with
        // "Error checking existing file". Writing over an existing file works; docs/agents.md records this.
        QFile existing(dir + QStringLiteral("/output.txt"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
    }
    QProcess git;
    git.setWorkingDirectory(dir);
    git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
    QVERIFY(git.waitForFinished(10000));

    ModelServer server;
    QVERIFY(server.listen());
    ScriptedModel model(server, {});
    model.setTurnBuilder(
            [&](const ScriptedModel::ToolSchemas &tools) { return scriptFor(agent, tools, dir); });

    Result<AcpAgentProfile> profile = AcpAgentProfile::byId(agent);
    QVERIFY2(profile, qPrintable(profile.errorText()));
    // Codex needs a model name for a provider of its own; the others use their defaults.
    const AcpAgentEndpoint endpoint {server.baseUrl(), QStringLiteral("harness-test-agent-secret"),
                                     agent == QLatin1String("codex") ? QStringLiteral("gpt-5") : QString()};
    const JsonRpcCommand command = profile->command(bin, endpoint, home.path());
    test::RecordingAcpHandler handler;
    AcpClient::Options options;
    options.promptTimeoutMs = 300000;
    AcpClient client(&handler, options);
    QList<AcpSessionUpdate> updates;
    connect(&client, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { updates << u; });
    QString failure;
    connect(&client, &AcpClient::failed, this, [&](const QString &why) { failure = why; });
    client.start(command);
    auto context = [&] {
        QStringList results;
        for (const SeenToolResult &r : model.toolResults())
            results << r.callId + QStringLiteral(": ") + r.content.left(300);
        return QStringLiteral("\n  tool results the model received: %7\n  agent stderr: %1\n  model "
                              "requests: %2 main, %3 side; turn served %4; tools offered: %5; problems: %6")
                .arg(client.peer().stderrTail().right(1500))
                .arg(model.mainRequests())
                .arg(model.sideRequests())
                .arg(model.lastTurnServed())
                .arg(model.toolNamesOffered().join(QLatin1Char(',')).left(400),
                     model.problems().join(QLatin1Char(';')), results.join(QStringLiteral("\n    ")));
    };

    std::optional<Result<AcpInitializeResult>> init;
    client.initialize([&](Result<AcpInitializeResult> r) { init = std::move(r); });
    QVERIFY2(waitFor(init, 90000), qPrintable(QStringLiteral("no answer to init in time") + context()));
    QVERIFY2(*init, qPrintable(init->errorText() + context()));
    const AcpInitializeResult info = init->value();
    if (!profile->authMethod.isEmpty()) {
        std::optional<Status> auth;
        client.authenticate(profile->authMethod, [&](Status s) { auth = std::move(s); });
        QVERIFY2(waitFor(auth, 90000),
                 qPrintable(QStringLiteral("no answer to authenticate in time") + context()));
        QVERIFY2(*auth, qPrintable(auth->errorText() + context()));
    }
    std::optional<Result<AcpSessionInfo>> session;
    client.newSession(dir, {}, [&](Result<AcpSessionInfo> r) { session = std::move(r); });
    QVERIFY2(waitFor(session, 150000),
             qPrintable(QStringLiteral("no answer to session in time") + context()));
    QVERIFY2(*session, qPrintable(session->errorText() + context()));
    const QString sessionId = session->value().sessionId;
    if (!profile->sessionMode.isEmpty()) {
        std::optional<Status> mode;
        client.setMode(sessionId, profile->sessionMode, [&](Status s) { mode = std::move(s); });
        QVERIFY2(waitFor(mode, 60000),
                 qPrintable(QStringLiteral("no answer to session/set_mode in time") + context()));
        QVERIFY2(*mode, qPrintable(mode->errorText() + context()));
    }

    std::optional<Result<AcpPromptResult>> turn;
    client.prompt(sessionId,
                  AcpClient::promptText(
                          QStringLiteral("Copy input.txt to output.txt in upper case, then leave a marker.")),
                  [&](Result<AcpPromptResult> r) { turn = std::move(r); });
    QVERIFY2(waitFor(turn, 300000), qPrintable(QStringLiteral("no answer to turn in time") + context()));
    QVERIFY2(*turn, qPrintable(turn->errorText() + context()));

    // What the agent did, whichever way it did it.
    const QString readBack = model.toolResults().value(0).content;
    const QString output = readFile(dir + QStringLiteral("/output.txt"));
    const QString marker = readFile(dir + QStringLiteral("/ran.txt"));
    // Tool calls the agent told us about: tool_call updates, updates of calls first named in a
    // permission request (Gemini CLI announces those only there), and the permission requests.
    QSet<QString> callIds;
    QStringList kinds;
    AcpUsage usage;
    for (const AcpSessionUpdate &u : std::as_const(updates)) {
        if (u.kind == AcpSessionUpdate::Kind::ToolCall || u.kind == AcpSessionUpdate::Kind::ToolCallUpdate) {
            if (u.kind == AcpSessionUpdate::Kind::ToolCall)
                kinds << u.toolCall.kind;
            callIds.insert(u.toolCall.id);
        }
        if (u.kind == AcpSessionUpdate::Kind::Usage)
            usage = u.usage;
    }
    for (const AcpPermissionRequest &p : std::as_const(handler.permissions))
        callIds.insert(p.toolCall.id);
    const int toolCalls = int(callIds.size());
    auto called = [&](const QString &call) {
        return handler.calls.contains(call);
    };
    const AcpUsage &promptUsage = turn->value().usage;
    const QString usageText = QStringLiteral("%1%2").arg(
            usage.isEmpty() ? QString()
                            : QStringLiteral("usage_update used=%1 size=%2 cost=%3 %4; ")
                                      .arg(usage.contextUsed)
                                      .arg(usage.contextSize)
                                      .arg(usage.costAmount)
                                      .arg(usage.costCurrency),
            promptUsage.isEmpty() ? QStringLiteral("no prompt usage")
                                  : QStringLiteral("prompt usage in=%1 out=%2 total=%3")
                                            .arg(promptUsage.inputTokens)
                                            .arg(promptUsage.outputTokens)
                                            .arg(promptUsage.totalTokens));
    qInfo().noquote() << QStringLiteral("AGENT-REPORT | %1 %2 | wire: %3 | fs/read: %4 | fs/write: %5 | "
                                        "terminal: %6 | permission requests: %7 | session/load: %8 | tool "
                                        "calls reported: %9 (tool_call kinds: %10) | %11 | stop: %12")
                                 .arg(info.agentName, info.agentVersion,
                                      ScriptedModel::wireName(model.wire()))
                                 .arg(called(QStringLiteral("read input.txt")) ? QStringLiteral("client")
                                                                               : QStringLiteral("itself"))
                                 .arg(called(QStringLiteral("write output.txt")) ? QStringLiteral("client")
                                                                                 : QStringLiteral("itself"))
                                 .arg(std::any_of(handler.calls.cbegin(), handler.calls.cend(),
                                                  [](const QString &c) {
                                                      return c.startsWith(QStringLiteral("terminal "));
                                                  })
                                              ? QStringLiteral("client")
                                              : QStringLiteral("itself"))
                                 .arg(handler.permissions.size())
                                 .arg(info.loadSession ? QStringLiteral("offered")
                                                       : QStringLiteral("not offered"))
                                 .arg(toolCalls)
                                 .arg(kinds.join(QLatin1Char(',')), usageText, turn->value().stopReason);
    qInfo().noquote() << QStringLiteral("AGENT-CALLS | %1").arg(handler.calls.join(QStringLiteral(" | ")));

    QCOMPARE(turn->value().stopReason, QStringLiteral("end_turn"));
    QVERIFY2(model.lastTurnServed() == model.turns().size() - 1,
             qPrintable(QStringLiteral("the script was not played to its end") + context()));
    QVERIFY2(readBack.contains(QStringLiteral("alpha beta gamma")),
             qPrintable(QStringLiteral("read result: ") + readBack.left(400) + context()));
    QVERIFY2(output == kOutput,
             qPrintable(QStringLiteral("output.txt holds \"%1\"").arg(output) + context()));
    QCOMPARE(marker.trimmed(), kMarker);
    QVERIFY2(toolCalls >= 3, qPrintable(QStringLiteral("%1 tool calls reported").arg(toolCalls)));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    if (agent == QLatin1String("gemini")) {
        // Gemini CLI records the chat in its home (tmp/<project>/chats/session-*-<id8>.jsonl); the record is
        // waited for before the process is closed, so a failed load below is the agent's, not a lost write.
        const auto recorded = [&] {
            QDirIterator it(home.path(), {QStringLiteral("session-*")}, QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (readFile(path).contains(sessionId))
                    return true;
            }
            return false;
        };
        if (!QTest::qWaitFor(recorded, 30000)) {
            QStringList files;
            QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next().mid(home.path().size());
            QFAIL(qPrintable(
                    QStringLiteral("Gemini CLI recorded no session file for %1 in 30 s; its home holds: ")
                            .arg(sessionId) +
                    files.join(QStringLiteral(", "))));
        }
    }
    client.close();
    QTRY_VERIFY_WITH_TIMEOUT(!client.peer().isRunning(), 10000);

    // A new agent process takes the session up again with session/load, replaying its history.
    AcpClient again(&handler, options);
    QList<AcpSessionUpdate> replayed;
    connect(&again, &AcpClient::sessionUpdate, this, [&](const AcpSessionUpdate &u) { replayed << u; });
    again.start(command);
    std::optional<Result<AcpInitializeResult>> reinit;
    again.initialize([&](Result<AcpInitializeResult> r) { reinit = std::move(r); });
    QVERIFY2(waitFor(reinit, 90000) && *reinit, "the second agent process did not initialize");
    if (!profile->authMethod.isEmpty()) {
        std::optional<Status> auth;
        again.authenticate(profile->authMethod, [&](Status st) { auth = std::move(st); });
        QVERIFY(waitFor(auth, 90000) && *auth);
    }
    std::optional<Status> load;
    again.loadSession(sessionId, dir, {}, [&](Status st) { load = std::move(st); });
    QVERIFY2(waitFor(load, 150000), "no answer to session/load in time");
    QStringList replayedText;
    for (const AcpSessionUpdate &u : std::as_const(replayed))
        if (!u.text.isEmpty())
            replayedText << u.kindName + QLatin1Char(':') + u.text.left(60);
    qInfo().noquote() << QStringLiteral("AGENT-LOAD | %1 | %2 updates replayed | %3")
                                 .arg(*load ? QStringLiteral("session/load works")
                                            : QStringLiteral("session/load fails: ") + load->errorText())
                                 .arg(replayed.size())
                                 .arg(replayedText.join(QStringLiteral(" / ")).left(600));
    if (agent == QLatin1String("gemini") && !*load) {
        // Gemini CLI 0.61.0 names its chat record session-<minute>-<id8>.jsonl and a loading process starts
        // a fresh record for the same id before it reads: within the same minute it overwrites the history
        // it is about to load and answers "No previous sessions found". docs/agents.md records this; the
        // harness does not rely on session/load for this agent. Any other failure is one.
        QVERIFY2(load->errorText().contains(QStringLiteral("No previous sessions found")),
                 qPrintable(load->errorText()));
        qInfo().noquote() << QStringLiteral(
                "AGENT-KNOWN-DEFECT | gemini | session/load within the same minute "
                "loses the history it loads");
        again.close();
        return;
    }
    QVERIFY2(*load, qPrintable(load->errorText()));
    QVERIFY2(!replayed.isEmpty(), "session/load replayed no history");
    again.close();
}

QTEST_GUILESS_MAIN(TestRealAgent)
#include "tst_realagent.moc"
