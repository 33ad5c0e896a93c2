// McpClient against a tiny scripted MCP server of this test's own (Python, one mode per case): the whole
// exchange (initialize, notifications/initialized before tools/list, paged tools/list, tools/call), a tool
// list the server changes (notifications/tools/list_changed, listed again under the same checks), and
// every hostile answer — a line that is not JSON, a line over the limit, silence (timeouts), an unknown
// protocol version, tool names with bad characters, a schema too large, a cursor that loops, a result that
// is not an object, a huge result, a server that dies — each refused with a clear message, quickly.
#include "agents/mcp/mcpclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace harness;

namespace {

const char kServer[] = R"PY(
import sys, json, time
mode = sys.argv[1]
initialized = False
def send(o):
    sys.stdout.write(json.dumps(o) + "\n"); sys.stdout.flush()
def result(i, r): send({"jsonrpc": "2.0", "id": i, "result": r})
def text(s): return {"content": [{"type": "text", "text": s}]}
big_schema = {"type": "object", "properties": {("p%d" % n): {"type": "string", "description": "x" * 200} for n in range(100)}}
page1 = [{"name": "echo", "description": "echoes", "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}},
         {"name": "bad name!", "inputSchema": {"type": "object"}},
         {"name": "../etc/passwd", "inputSchema": {"type": "object"}},
         {"name": "big", "inputSchema": big_schema},
         {"name": "noschema"},
         {"name": "echo", "inputSchema": {"type": "object"}}]
page2 = [{"name": n, "inputSchema": {"type": "object"}} for n in ["slow", "fail", "rpcerror", "garbage", "huge", "badline", "die"]]
changed = False
if mode == "exit":
    sys.stderr.write("scripted server: missing configuration file\n"); sys.exit(3)
for line in sys.stdin:
    m = json.loads(line)
    i = m.get("id"); meth = m.get("method"); params = m.get("params") or {}
    if meth == "initialize":
        if mode == "malformed": sys.stdout.write("this is not json\n"); sys.stdout.flush(); continue
        if mode == "oversize": sys.stdout.write('{"jsonrpc":"2.0","id":0,"result":{"x":"' + "a" * 2000000 + '"}}\n'); sys.stdout.flush(); continue
        if mode == "silent": continue
        version = "1999-01-01" if mode == "oldversion" else params.get("protocolVersion")
        caps = {} if mode == "notools" else {"tools": {"listChanged": False}}
        result(i, {"protocolVersion": version, "capabilities": caps, "serverInfo": {"name": "scripted", "version": "1.0"}})
    elif meth == "notifications/initialized":
        initialized = True
    elif meth == "tools/list":
        if not initialized:
            send({"jsonrpc": "2.0", "id": i, "error": {"code": -32600, "message": "not initialized"}}); continue
        if mode == "cursorloop": result(i, {"tools": [], "nextCursor": "same"}); continue
        if mode == "notarray": result(i, {"tools": "none"}); continue
        if mode == "changing":
            later = [{"name": "fresh", "inputSchema": {"type": "object"}}, {"name": "bad/name", "inputSchema": {"type": "object"}}]
            first = [{"name": "echo", "inputSchema": {"type": "object"}}]
            result(i, {"tools": (later if changed else first) + [{"name": "change", "inputSchema": {"type": "object"}}]}); continue
        if params.get("cursor") == "p2": result(i, {"tools": page2})
        else: result(i, {"tools": page1, "nextCursor": "p2"})
    elif meth == "tools/call":
        name = params.get("name"); args = params.get("arguments") or {}
        if name == "echo":
            send({"jsonrpc": "2.0", "id": 900, "method": "ping"})
            result(i, {"content": [{"type": "text", "text": "echo:" + args.get("text", "")}, {"type": "image", "data": "AAAA", "mimeType": "image/png"}]})
        elif name == "change":
            changed = True
            send({"jsonrpc": "2.0", "method": "notifications/tools/list_changed"})
            result(i, text("changed"))
        elif name == "slow": time.sleep(30)
        elif name == "fail": result(i, dict(text("it failed: no such file"), isError=True))
        elif name == "rpcerror": send({"jsonrpc": "2.0", "id": i, "error": {"code": -32001, "message": "tool exploded"}})
        elif name == "garbage": result(i, "not an object")
        elif name == "huge": result(i, text("z" * 200000))
        elif name == "badline": sys.stdout.write("{not json\n"); sys.stdout.flush()
        elif name == "die": sys.stderr.write("scripted server: dying now\n"); sys.exit(1)
)PY";

} // namespace

class TestMcpClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_script;

    JsonRpcCommand command(const char *mode) const
    {
        JsonRpcCommand c;
        c.program = QStandardPaths::findExecutable(QStringLiteral("python3"));
        c.arguments = {m_script, QString::fromLatin1(mode)};
        return c;
    }

    static McpClient::Limits quick()
    {
        McpClient::Limits limits;
        limits.startTimeoutMs = 3000;
        limits.listTimeoutMs = 3000;
        limits.maxLineBytes = 1024 * 1024;
        return limits;
    }

    // Starts a client in `mode`, expecting the start to fail; returns the message.
    QString failedStart(const char *mode, McpClient::Limits limits = quick())
    {
        McpClient client(QStringLiteral("scripted"), limits);
        auto s = client.start(command(mode), nullptr);
        if (s)
            return QStringLiteral("(started)");
        return s.errorText();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty(),
                 "python3 is needed for the scripted MCP server: run packaging/install-deps.sh");
        m_script = m_dir.filePath(QStringLiteral("server.py"));
        QFile f(m_script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kServer);
    }

    void wholeExchangeAndRefusedTools()
    {
        McpClient client(QStringLiteral("scripted"), quick());
        auto started = client.start(command("ok"), nullptr);
        QVERIFY2(started, qPrintable(started.errorText()));
        QCOMPARE(client.protocolVersion(), QStringLiteral("2025-06-18"));
        QCOMPARE(client.serverInfo(), QStringLiteral("scripted 1.0"));
        auto tools = client.listTools(nullptr); // two pages; tools/list only after notifications/initialized
        QVERIFY2(tools, qPrintable(tools.errorText()));
        QStringList names;
        for (const McpRemoteTool &t : *tools)
            names << t.name;
        QCOMPARE(names,
                 (QStringList {"echo", "slow", "fail", "rpcerror", "garbage", "huge", "badline", "die"}));
        const QString refused = client.refused().join(QLatin1Char('\n'));
        QCOMPARE(client.refused().size(), 5);
        QVERIFY2(refused.contains(QStringLiteral("tool \"bad name!\": its name must be 1 to 64 characters of "
                                                 "A-Z, a-z, 0-9, _ and -")),
                 qPrintable(refused));
        QVERIFY(refused.contains(QStringLiteral("tool \"../etc/passwd\": its name must be")));
        QVERIFY(refused.contains(QStringLiteral("tool \"big\": its inputSchema is")));
        QVERIFY(refused.contains(QStringLiteral("over the 16384-byte limit")));
        QVERIFY(refused.contains(QStringLiteral("tool \"noschema\": its inputSchema is not a JSON Schema")));
        QVERIFY(refused.contains(QStringLiteral("tool \"echo\": listed twice")));
        // Each refusal also names its tool, for the run's mcp_tool_refused events.
        QStringList refusedNames;
        for (const McpRefusedTool &r : client.refusedTools())
            refusedNames << r.tool;
        QCOMPARE(refusedNames, (QStringList {"bad name!", "../etc/passwd", "big", "noschema", "echo"}));
        QCOMPARE(client.refusedTools().at(2).reason, client.refused().at(2));
        QVERIFY(!client.toolsChanged());

        // A request from the server (ping) in the middle is answered; other blocks are named, not shown.
        auto echo = client.callTool(QStringLiteral("echo"), {{"text", "hi"}}, 3000, nullptr);
        QVERIFY2(echo, qPrintable(echo.errorText()));
        QVERIFY(!echo->isError);
        QCOMPARE(echo->text, QStringLiteral("echo:hi\n[image content not shown]"));
        auto fail = client.callTool(QStringLiteral("fail"), {}, 3000, nullptr);
        QVERIFY(fail);
        QVERIFY(fail->isError);
        QCOMPARE(fail->text, QStringLiteral("it failed: no such file"));
        auto rpc = client.callTool(QStringLiteral("rpcerror"), {}, 3000, nullptr);
        QVERIFY(!rpc);
        QVERIFY2(rpc.errorText().contains(QStringLiteral("tool exploded")), qPrintable(rpc.errorText()));
        auto garbage = client.callTool(QStringLiteral("garbage"), {}, 3000, nullptr);
        QVERIFY(!garbage);
        QVERIFY2(garbage.errorText().contains(QStringLiteral("its result is not an object")),
                 qPrintable(garbage.errorText()));
        auto huge = client.callTool(QStringLiteral("huge"), {}, 3000, nullptr);
        QVERIFY2(huge, qPrintable(huge.errorText()));
        QVERIFY(huge->truncated);
        QVERIFY(huge->text.size() < 64 * 1024 + 100);
        QVERIFY(huge->text.endsWith(QStringLiteral("[cut: the result had 200000 characters]")));
        QVERIFY(client.isRunning());
        // A line that is not JSON ends the session: later calls say so.
        auto bad = client.callTool(QStringLiteral("badline"), {}, 3000, nullptr);
        QVERIFY(!bad);
        QVERIFY2(bad.errorText().contains(
                         QStringLiteral("the MCP server \"scripted\" failed the call of badline")),
                 qPrintable(bad.errorText()));
        QVERIFY(!client.isRunning());
        QVERIFY(!client.callTool(QStringLiteral("echo"), {}, 3000, nullptr));
    }

    // notifications/tools/list_changed is noted; the next listTools() reads the new list under the same
    // checks, and clears the note.
    void aChangedToolListIsListedAgain()
    {
        McpClient client(QStringLiteral("scripted"), quick());
        auto started = client.start(command("changing"), nullptr);
        QVERIFY2(started, qPrintable(started.errorText()));
        const auto names = [](const QList<McpRemoteTool> &tools) {
            QStringList out;
            for (const McpRemoteTool &t : tools)
                out << t.name;
            return out;
        };
        auto first = client.listTools(nullptr);
        QVERIFY2(first, qPrintable(first.errorText()));
        QCOMPARE(names(*first), (QStringList {"echo", "change"}));
        QVERIFY(!client.toolsChanged());
        auto changed = client.callTool(QStringLiteral("change"), {}, 3000, nullptr);
        QVERIFY2(changed, qPrintable(changed.errorText()));
        QVERIFY(client.toolsChanged()); // the notification came before the call's answer
        auto second = client.listTools(nullptr);
        QVERIFY2(second, qPrintable(second.errorText()));
        QCOMPARE(names(*second), (QStringList {"fresh", "change"}));
        QVERIFY(!client.toolsChanged());
        QCOMPARE(client.refusedTools().size(), 1);
        QCOMPARE(client.refusedTools().first().tool, QStringLiteral("bad/name"));
        QVERIFY2(client.refusedTools().first().reason.contains(QStringLiteral("A-Z, a-z, 0-9, _ and -")),
                 qPrintable(client.refusedTools().first().reason));
        QVERIFY(client.isRunning());
    }

    void callTimeoutStopsTheServer()
    {
        McpClient client(QStringLiteral("scripted"), quick());
        QVERIFY(client.start(command("ok"), nullptr));
        QVERIFY(client.listTools(nullptr));
        QElapsedTimer timer;
        timer.start();
        auto slow = client.callTool(QStringLiteral("slow"), {}, 400, nullptr);
        QVERIFY(!slow);
        QVERIFY2(slow.errorText().contains(QStringLiteral("no answer within 400 ms; the server was stopped")),
                 qPrintable(slow.errorText()));
        QVERIFY(!client.isRunning());
        QVERIFY(timer.elapsed() < 5000);
    }

    void cancelStopsAWaitAtOnce()
    {
        McpClient client(QStringLiteral("scripted"), quick());
        QVERIFY(client.start(command("ok"), nullptr));
        QVERIFY(client.listTools(nullptr));
        std::atomic_bool cancel {false};
        QTimer::singleShot(200, [&cancel] { cancel = true; });
        QElapsedTimer timer;
        timer.start();
        auto slow = client.callTool(QStringLiteral("slow"), {}, 20000, &cancel);
        QVERIFY(!slow);
        QVERIFY2(slow.errorText().contains(QStringLiteral("cancelled")), qPrintable(slow.errorText()));
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY(!client.isRunning());
    }

    void aServerThatDiesIsReportedWithItsOutput()
    {
        McpClient client(QStringLiteral("scripted"), quick());
        QVERIFY(client.start(command("ok"), nullptr));
        QVERIFY(client.listTools(nullptr));
        auto died = client.callTool(QStringLiteral("die"), {}, 3000, nullptr);
        QVERIFY(!died);
        QVERIFY2(died.errorText().contains(QStringLiteral("dying now")), qPrintable(died.errorText()));
        const QString exited = failedStart("exit");
        QVERIFY2(exited.contains(QStringLiteral("did not initialise")), qPrintable(exited));
        QVERIFY2(exited.contains(QStringLiteral("missing configuration file")), qPrintable(exited));
    }

    void hostileStartsAreRefused()
    {
        QElapsedTimer timer;
        timer.start();
        const QString malformed = failedStart("malformed");
        QVERIFY2(malformed.contains(QStringLiteral("the MCP server \"scripted\" did not initialise")),
                 qPrintable(malformed));
        QVERIFY2(malformed.contains(QStringLiteral("JSON"), Qt::CaseInsensitive), qPrintable(malformed));
        const QString oversize = failedStart("oversize");
        QVERIFY2(oversize.contains(QStringLiteral("did not initialise")), qPrintable(oversize));
        QVERIFY2(oversize.contains(QStringLiteral("a line longer than 1048576 bytes")), qPrintable(oversize));
        McpClient::Limits shortStart = quick();
        shortStart.startTimeoutMs = 300;
        const QString silent = failedStart("silent", shortStart);
        QVERIFY2(silent.contains(QStringLiteral("did not initialise")), qPrintable(silent));
        QVERIFY2(silent.contains(QStringLiteral("did not initialise: no answer within 300 ms")),
                 qPrintable(silent));
        const QString old = failedStart("oldversion");
        QVERIFY2(old.contains(QStringLiteral("it answered protocol version 1999-01-01; this client speaks "
                                             "2025-06-18")),
                 qPrintable(old));
        const QString noTools = failedStart("notools");
        QVERIFY2(noTools.contains(QStringLiteral("it offers no tools")), qPrintable(noTools));
        QVERIFY(timer.elapsed() < 10000);
    }

    void hostileListingsAreRefused()
    {
        for (const char *mode : {"cursorloop", "notarray"}) {
            McpClient client(QStringLiteral("scripted"), quick());
            QVERIFY(client.start(command(mode), nullptr));
            auto tools = client.listTools(nullptr);
            QVERIFY(!tools);
            QVERIFY2(tools.errorText().contains(QStringLiteral("did not list its tools")),
                     qPrintable(tools.errorText()));
        }
        McpClient::Limits few = quick();
        few.maxTools = 3;
        McpClient client(QStringLiteral("scripted"), few);
        QVERIFY(client.start(command("ok"), nullptr));
        auto tools = client.listTools(nullptr);
        QVERIFY(tools);
        QCOMPARE(tools->size(), 3);
        QVERIFY2(client.refused().join('\n').contains(
                         QStringLiteral("more than 3 tools; the rest are not offered")),
                 qPrintable(client.refused().join('\n')));
    }

    void toolNames()
    {
        QVERIFY(McpClient::validToolName(QStringLiteral("read_text_file"), 64));
        QVERIFY(McpClient::validToolName(QStringLiteral("a-b_C9"), 64));
        for (const char *bad : {"", "a b", "a.b", "a/b", "a\nb", "é", "a;rm"})
            QVERIFY2(!McpClient::validToolName(QString::fromUtf8(bad), 64), bad);
        QVERIFY(!McpClient::validToolName(QString(65, QLatin1Char('a')), 64));
        QCOMPARE(McpClient::shown(QStringLiteral("a\nb")), QStringLiteral("a?b"));
    }
};

QTEST_GUILESS_MAIN(TestMcpClient)
#include "tst_mcpclient.moc"
