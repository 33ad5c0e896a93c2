// A tiny scripted Agent Client Protocol agent for the client's tests: it reads JSON-RPC lines on stdin and
// plays the scenario named by its first argument — a well-behaved session that uses every client method,
// or one protocol fault (an oversized line, invalid JSON, a wrong version, an answer to nothing, a flood...).
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

void writeRaw(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void send(const QJsonObject &o)
{
    QJsonObject m = o;
    m.insert(s("jsonrpc"), s("2.0"));
    writeRaw(QJsonDocument(m).toJson(QJsonDocument::Compact) + '\n');
}

QJsonObject readMessage()
{
    std::string line;
    for (;;) {
        if (!std::getline(std::cin, line))
            std::exit(0);
        if (!line.empty())
            return QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
    }
}

// Reads until a request with `method` arrives (notifications in between are ignored).
QJsonObject expect(const char *method)
{
    for (;;) {
        QJsonObject m = readMessage();
        if (m.value(s("method")).toString() == QLatin1String(method))
            return m;
    }
}

int nextId = 100;
// Calls the client and waits for its answer.
QJsonObject call(const QString &method, const QJsonObject &params)
{
    const int id = nextId++;
    send({{s("id"), id}, {s("method"), method}, {s("params"), params}});
    for (;;) {
        QJsonObject m = readMessage();
        if (!m.contains(s("method")) && m.value(s("id")).toInt() == id)
            return m;
    }
}

void update(const QString &session, const QJsonObject &u)
{
    send({{s("method"), s("session/update")},
          {s("params"), QJsonObject {{s("sessionId"), session}, {s("update"), u}}}});
}

void say(const QString &session, const QString &text)
{
    update(session,
           {{s("sessionUpdate"), s("agent_message_chunk")},
            {s("content"), QJsonObject {{s("type"), s("text")}, {s("text"), text}}}});
}

void answerSetup(bool loadSession)
{
    const QJsonObject init = expect("initialize");
    // The client's capabilities come back in the agent's info, so the test can check what was advertised.
    send({{s("id"), init.value(s("id"))},
          {s("result"),
           QJsonObject {
                   {s("protocolVersion"), 1},
                   {s("agentCapabilities"),
                    QJsonObject {{s("loadSession"), loadSession},
                                 {s("promptCapabilities"), QJsonObject {{s("embeddedContext"), true}}}}},
                   {s("agentInfo"), QJsonObject {{s("name"), s("scripted-agent")}, {s("version"), s("1.0")}}},
                   {s("authMethods"), QJsonArray {}},
                   {s("_meta"),
                    QJsonObject {{s("clientCapabilities"),
                                  init.value(s("params")).toObject().value(s("clientCapabilities"))}}}}}});
}

QString answerNewSession()
{
    const QJsonObject m = expect("session/new");
    const QString cwd = m.value(s("params")).toObject().value(s("cwd")).toString();
    send({{s("id"), m.value(s("id"))},
          {s("result"),
           QJsonObject {
                   {s("sessionId"), s("sess-1")},
                   {s("modes"),
                    QJsonObject {{s("currentModeId"), s("ask")},
                                 {s("availableModes"),
                                  QJsonArray {QJsonObject {{s("id"), s("ask")}, {s("name"), s("Ask")}}}}}},
                   {s("_meta"), QJsonObject {{s("cwd"), cwd}}}}}});
    return cwd;
}

// The well-behaved turn: every kind of update, then each of the client's services in turn.
void goodTurn(const QString &cwd)
{
    const QJsonObject prompt = expect("session/prompt");
    const QString session = prompt.value(s("params")).toObject().value(s("sessionId")).toString();
    const QString promptText = prompt.value(s("params"))
                                       .toObject()
                                       .value(s("prompt"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(s("text"))
                                       .toString();
    say(session, s("Working on: ") + promptText);
    update(session,
           {{s("sessionUpdate"), s("plan")},
            {s("entries"),
             QJsonArray {QJsonObject {{s("content"), s("read input")},
                                      {s("priority"), s("high")},
                                      {s("status"), s("in_progress")}},
                         QJsonObject {{s("content"), s("write output")},
                                      {s("priority"), s("medium")},
                                      {s("status"), s("pending")}}}}});
    update(session,
           {{s("sessionUpdate"), s("tool_call")},
            {s("toolCallId"), s("call-1")},
            {s("title"), s("Read input.txt")},
            {s("kind"), s("read")},
            {s("status"), s("pending")},
            {s("locations"), QJsonArray {QJsonObject {{s("path"), cwd + s("/input.txt")}}}}});
    const QJsonObject read =
            call(s("fs/read_text_file"), {{s("sessionId"), session}, {s("path"), cwd + s("/input.txt")}});
    const QString content = read.value(s("result")).toObject().value(s("content")).toString();
    update(session,
           {{s("sessionUpdate"), s("tool_call_update")},
            {s("toolCallId"), s("call-1")},
            {s("status"), s("completed")}});
    const QJsonObject permission = call(s("session/request_permission"),
                                        {{s("sessionId"), session},
                                         {s("toolCall"),
                                          QJsonObject {{s("toolCallId"), s("call-2")},
                                                       {s("title"), s("Write output.txt")},
                                                       {s("kind"), s("edit")}}},
                                         {s("options"),
                                          QJsonArray {QJsonObject {{s("optionId"), s("allow")},
                                                                   {s("name"), s("Allow")},
                                                                   {s("kind"), s("allow_once")}},
                                                      QJsonObject {{s("optionId"), s("reject")},
                                                                   {s("name"), s("Reject")},
                                                                   {s("kind"), s("reject_once")}}}}});
    const QJsonObject outcome = permission.value(s("result")).toObject().value(s("outcome")).toObject();
    if (outcome.value(s("optionId")).toString() == s("allow"))
        call(s("fs/write_text_file"),
             {{s("sessionId"), session},
              {s("path"), cwd + s("/output.txt")},
              {s("content"), content.toUpper()}});
    const QJsonObject terminal = call(s("terminal/create"),
                                      {{s("sessionId"), session},
                                       {s("command"), s("echo")},
                                       {s("args"), QJsonArray {s("hello")}},
                                       {s("cwd"), cwd}});
    const QString terminalId = terminal.value(s("result")).toObject().value(s("terminalId")).toString();
    update(session,
           {{s("sessionUpdate"), s("tool_call")},
            {s("toolCallId"), s("call-3")},
            {s("title"), s("echo hello")},
            {s("kind"), s("execute")},
            {s("status"), s("in_progress")},
            {s("content"),
             QJsonArray {QJsonObject {{s("type"), s("terminal")}, {s("terminalId"), terminalId}}}}});
    const QJsonObject exit =
            call(s("terminal/wait_for_exit"), {{s("sessionId"), session}, {s("terminalId"), terminalId}});
    const QJsonObject output =
            call(s("terminal/output"), {{s("sessionId"), session}, {s("terminalId"), terminalId}});
    call(s("terminal/release"), {{s("sessionId"), session}, {s("terminalId"), terminalId}});
    // What the client answered goes back as text, so the test sees the round trip.
    say(session,
        s("exit=") + QString::number(exit.value(s("result")).toObject().value(s("exitCode")).toInt()) +
                s(" output=") + output.value(s("result")).toObject().value(s("output")).toString().trimmed() +
                s(" permission=") + outcome.value(s("outcome")).toString());
    update(session,
           {{s("sessionUpdate"), s("usage_update")},
            {s("used"), 5000},
            {s("size"), 200000},
            {s("cost"), QJsonObject {{s("amount"), 0.0125}, {s("currency"), s("USD")}}}});
    update(session, {{s("sessionUpdate"), s("something_new")}, {s("detail"), 1}});
    send({{s("id"), prompt.value(s("id"))},
          {s("result"),
           QJsonObject {{s("stopReason"), s("end_turn")},
                        {s("usage"),
                         QJsonObject {{s("inputTokens"), 1200},
                                      {s("outputTokens"), 80},
                                      {s("totalTokens"), 1280}}}}}});
}

} // namespace

int main(int argc, char **argv)
{
    const std::string scenario = argc > 1 ? argv[1] : "good";
    std::fprintf(stderr, "scripted agent: scenario %s\n", scenario.c_str());
    if (scenario == "crash-at-start") {
        std::fprintf(stderr, "fatal: cannot find my model\n");
        return 3;
    }
    if (scenario == "garbage-first") {
        writeRaw("Welcome to the agent!\n");
        readMessage();
        return 0;
    }
    answerSetup(scenario == "good-load");
    if (scenario == "good" || scenario == "good-load") {
        const QString cwd = answerNewSession();
        if (scenario == "good-load") {
            const QJsonObject load = expect("session/load");
            say(load.value(s("params")).toObject().value(s("sessionId")).toString(), s("replayed history"));
            send({{s("id"), load.value(s("id"))}, {s("result"), QJsonValue::Null}});
        }
        goodTurn(cwd);
        readMessage(); // waits for the client to close stdin
        return 0;
    }
    if (scenario == "cancel") {
        answerNewSession();
        const QJsonObject prompt = expect("session/prompt");
        const QString session = prompt.value(s("params")).toObject().value(s("sessionId")).toString();
        say(session, s("thinking for a long time"));
        // A permission question the user never answers; session/cancel must answer it "cancelled".
        send({{s("id"), 900},
              {s("method"), s("session/request_permission")},
              {s("params"),
               QJsonObject {
                       {s("sessionId"), session},
                       {s("toolCall"), QJsonObject {{s("toolCallId"), s("c")}, {s("title"), s("rm -rf")}}},
                       {s("options"),
                        QJsonArray {QJsonObject {{s("optionId"), s("allow")},
                                                 {s("name"), s("Allow")},
                                                 {s("kind"), s("allow_once")}}}}}}});
        QString permissionOutcome;
        bool cancelled = false;
        while (!cancelled || permissionOutcome.isEmpty()) {
            const QJsonObject m = readMessage();
            if (m.value(s("method")).toString() == s("session/cancel"))
                cancelled = true;
            else if (m.value(s("id")).toInt() == 900)
                permissionOutcome = m.value(s("result"))
                                            .toObject()
                                            .value(s("outcome"))
                                            .toObject()
                                            .value(s("outcome"))
                                            .toString();
        }
        say(session, s("permission=") + permissionOutcome);
        send({{s("id"), prompt.value(s("id"))},
              {s("result"), QJsonObject {{s("stopReason"), s("cancelled")}}}});
        readMessage();
        return 0;
    }
    if (scenario == "bad-requests") {
        answerNewSession();
        const QJsonObject prompt = expect("session/prompt");
        const QJsonObject relative = call(
                s("fs/read_text_file"), {{s("sessionId"), s("sess-1")}, {s("path"), s("relative/file.txt")}});
        const QJsonObject unknown = call(s("weird/method"), {});
        const QJsonObject noTerminal = call(s("terminal/output"), {{s("sessionId"), s("sess-1")}});
        say(s("sess-1"),
            QString::number(relative.value(s("error")).toObject().value(s("code")).toInt()) +
                    QLatin1Char(' ') +
                    QString::number(unknown.value(s("error")).toObject().value(s("code")).toInt()) +
                    QLatin1Char(' ') +
                    QString::number(noTerminal.value(s("error")).toObject().value(s("code")).toInt()));
        send({{s("method"), s("session/update")},
              {s("params"), QJsonObject {{s("update"), QJsonObject {}}}}});
        send({{s("id"), prompt.value(s("id"))},
              {s("result"), QJsonObject {{s("stopReason"), s("end_turn")}}}});
        readMessage();
        return 0;
    }
    // The faults: each one answers initialize's successor (session/new) with something wrong.
    const QJsonObject next = expect("session/new");
    const QJsonValue id = next.value(s("id"));
    if (scenario == "long-line") {
        QByteArray line =
                R"({"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"x","update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":")";
        line += QByteArray(2 * 1024 * 1024, 'a'); // over the test's 1 MiB limit, in pieces
        line += "\"}}}}\n";
        for (qsizetype i = 0; i < line.size(); i += 4096)
            writeRaw(line.mid(i, 4096));
    } else if (scenario == "bad-json") {
        writeRaw("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"sessionId\":\n");
    } else if (scenario == "bad-version") {
        writeRaw(R"({"jsonrpc":"1.0","id":)" + QByteArray::number(id.toInt()) +
                 R"(,"result":{"sessionId":"s"}})" + "\n");
    } else if (scenario == "unknown-id") {
        send({{s("id"), 4242}, {s("result"), QJsonObject {{s("sessionId"), s("s")}}}});
    } else if (scenario == "string-id") {
        send({{s("id"), s("abc")}, {s("result"), QJsonObject {}}});
    } else if (scenario == "double-answer") {
        send({{s("id"), id}, {s("result"), QJsonObject {{s("sessionId"), s("s")}}}});
        send({{s("id"), id}, {s("result"), QJsonObject {{s("sessionId"), s("s")}}}});
    } else if (scenario == "both-result-and-error") {
        send({{s("id"), id},
              {s("result"), QJsonObject {}},
              {s("error"), QJsonObject {{s("code"), 1}, {s("message"), s("x")}}}});
    } else if (scenario == "batch") {
        writeRaw("[{\"jsonrpc\":\"2.0\",\"method\":\"session/update\",\"params\":{}}]\n");
    } else if (scenario == "flood") {
        QByteArray chunk;
        const QByteArray one =
                R"({"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{"sessionUpdate":"agent_message_chunk","content":{"type":"text","text":"x"}}}})"
                "\n";
        for (int i = 0; i < 200; ++i)
            chunk += one;
        for (int i = 0; i < 500; ++i) // 100,000 messages as fast as the pipe takes them
            writeRaw(chunk);
    } else if (scenario == "request-flood") {
        for (int i = 0; i < 200; ++i)
            send({{s("id"), 5000 + i},
                  {s("method"), s("session/request_permission")},
                  {s("params"),
                   QJsonObject {{s("sessionId"), s("s")},
                                {s("toolCall"), QJsonObject {{s("toolCallId"), s("t")}}},
                                {s("options"),
                                 QJsonArray {QJsonObject {{s("optionId"), s("a")},
                                                          {s("kind"), s("allow_once")}}}}}}});
    } else if (scenario == "exit-mid-request") {
        std::fprintf(stderr, "panic: out of tokens\n");
        return 7;
    } else if (scenario == "cut-line") {
        writeRaw(R"({"jsonrpc":"2.0","id":)");
        return 0;
    } else if (scenario == "hang") {
        // Answers nothing; the client's timeout ends the request.
    } else if (scenario == "error-answer") {
        send({{s("id"), id},
              {s("error"), QJsonObject {{s("code"), -32000}, {s("message"), s("Authentication required")}}}});
    }
    for (;;)
        readMessage(); // until the client closes stdin
}
