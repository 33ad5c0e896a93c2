// `harness mcp` end to end (docs/mcp.md). A throw-away demo project runs its replayed task through the
// real `harness run` (iteration 1 fails the rules, iteration 2 passes), then:
//  - the official MCP TypeScript SDK's client (tests/e2e/mcp-client.mjs, from the pinned install of
//    packaging/install-agents.sh) starts `harness mcp` in the run's worktree, lists the tools and calls each:
//    a print() planted in core is reported by check_rules with file and line, run_gate returns the gates'
//    real results, read_contract and latest_findings the run's contract and recorded findings,
//    propose_rule records a rule_suggested event and leaves rules.json as it was;
//  - hostile input straight over stdio: malformed JSON, a batch, a 5 MiB line, unknown methods and tools,
//    bad params, paths out of the worktree (`..`, absolute, symbolic links to a canary outside) — each an
//    error, the server still answering after them, and nothing of the canary in any answer;
//  - an external agent (tests/e2e/mcp-acp-agent.mjs) driven by the ACP executor gets the server in
//    session/new, starts it inside its own sandbox and checks itself mid-turn; its suggestion reaches the
//    store after the turn.
// No skipping: without node or the SDK the test fails saying to run packaging/install-agents.sh.
#include "common/agentinstall.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "core/events/agentevents.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
const QString kClient = QStringLiteral(HARNESS_SOURCE_DIR "/tests/e2e/mcp-client.mjs");
const QString kAgent = QStringLiteral(HARNESS_SOURCE_DIR "/tests/e2e/mcp-acp-agent.mjs");
const QByteArray kCanary = "CANARY-MCP-7731";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject request(int id, const QString &method, const QJsonObject &params = {})
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}

QJsonObject toolCall(int id, const QString &name, const QJsonValue &arguments)
{
    return request(id, "tools/call", {{"name", name}, {"arguments", arguments}});
}

// The tool result's structuredContent, or the SDK's protocol error.
QJsonObject structuredOf(const QJsonObject &entry)
{
    return entry.value("result").toObject().value("structuredContent").toObject();
}

bool hasFinding(const QJsonArray &findings, const QString &file, int line, const QString &rule)
{
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        if (f.value("file").toString() == file && (line < 0 || f.value("line").toInt() == line) &&
            f.value("rule").toString() == rule)
            return true;
    }
    return false;
}

} // namespace

class TestMcpServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_node;
    QString m_sdk;
    QString m_root;
    QString m_store;
    QString m_worktree;

    // The demo project with its task, in a folder of m_dir.
    void makeDemo(const QString &name, QString &root, QString &store)
    {
        auto demo = DemoProject::materialize(m_dir.filePath(name));
        QVERIFY2(demo, qPrintable(demo.errorText()));
        auto project = Project::open(demo->repositoryRoot, demo->storeSpec);
        QVERIFY2(project, qPrintable(project.errorText()));
        QVERIFY(DemoProject::addTask((*project)->store()));
        root = demo->repositoryRoot;
        store = demo->storeSpec;
    }

    int harness(const QString &root, const QString &store, const QStringList &command, QByteArray *said)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(kHarness, QStringList {"--repo", root, "--store", store} + command);
        if (!p.waitForFinished(300000))
            return -1;
        *said = p.readAll();
        return p.exitCode();
    }

    RunState runState(const QString &root, const QString &store)
    {
        auto project = Project::open(root, store);
        if (!project)
            return {};
        auto events = (*project)->store().events(QStringLiteral("R1"));
        return events ? RunState::fold(*events) : RunState {};
    }

    QList<Event> storeWideEvents(const QString &root, const QString &store, const QString &kind)
    {
        QList<Event> out;
        auto project = Project::open(root, store);
        if (!project)
            return out;
        if (const Status flushed = (*project)->store().flush(); !flushed)
            QTest::qFail(qPrintable(flushed.errorText()), __FILE__, __LINE__);
        auto events = (*project)->store().eventsFromLog(0, 100000);
        if (events)
            for (const Event &e : *events)
                if (e.kind == kind)
                    out << e;
        return out;
    }

    // The SDK's client against `harness <args>` started in cwd; what mcp-client.mjs printed.
    QJsonObject sdkClient(const QStringList &args, const QString &cwd, const QJsonArray &calls)
    {
        const QJsonObject config {{"sdk", m_sdk},
                                  {"command", kHarness},
                                  {"args", QJsonArray::fromStringList(args)},
                                  {"cwd", cwd},
                                  {"calls", calls}};
        QProcess p;
        p.start(m_node, {kClient, QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact))});
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            qWarning().noquote() << p.readAllStandardError();
            return {};
        }
        const QByteArray out = p.readAllStandardOutput();
        if (p.exitCode() != 0)
            qWarning().noquote() << "mcp-client.mjs:" << p.readAllStandardError() << out;
        return QJsonDocument::fromJson(out).object();
    }

    // `harness <args>` fed `input` on stdin, which is then closed; its answers by id (errors for a null id
    // under "null:<n>"), and its whole output.
    QMap<QString, QJsonObject> rawServer(const QStringList &args, const QByteArray &input, QByteArray *output,
                                         int *exitCode)
    {
        QProcess p;
        p.start(kHarness, args);
        p.waitForStarted();
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
        }
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        *output = p.readAllStandardOutput();
        QMap<QString, QJsonObject> answers;
        int nulls = 0;
        for (const QByteArray &l : output->split('\n')) {
            if (l.trimmed().isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(l).object();
            const QJsonValue id = o.value("id");
            answers.insert(id.isNull() ? QStringLiteral("null:%1").arg(nulls++) : id.toVariant().toString(),
                           o);
        }
        return answers;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        // The gates' python with pytest: the system's first.
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            QFAIL("node is not installed: run packaging/install-deps.sh, then packaging/install-agents.sh");
        QString error;
        const QString bin = harness::test::agentsBinDir(QStringLiteral(HARNESS_BINARY_DIR), &error);
        if (bin.isEmpty())
            QFAIL(qPrintable(error));
        m_sdk = QDir::cleanPath(bin + QStringLiteral("/../@modelcontextprotocol/sdk"));
        if (!QFile::exists(m_sdk + QStringLiteral("/dist/esm/client/index.js")))
            QFAIL(qPrintable(QStringLiteral("the MCP TypeScript SDK is not installed at %1: run "
                                            "packaging/install-agents.sh")
                                     .arg(m_sdk)));

        // The demo's replayed run: iteration 1 fails the rules and a test, iteration 2 passes: review.
        makeDemo(QStringLiteral("units"), m_root, m_store);
        QVERIFY(!m_root.isEmpty());
        QByteArray said;
        const int code = harness(m_root, m_store, {"run", "T1", "--approve", "auto"}, &said);
        QVERIFY2(code == 6, said.constData());
        const RunState state = runState(m_root, m_store);
        QCOMPARE(runPhaseName(state.phase), QStringLiteral("review"));
        m_worktree = state.worktreePath;
        QVERIFY(QFileInfo(m_worktree).isDir());
    }

    void sdkClientListsAndCallsEveryTool()
    {
        // A rule violation planted in the worktree: print() in units.core, line 5.
        writeFile(m_worktree + "/src/units/core/leak.py",
                  "\"\"\"Loud output.\"\"\"\n\n\ndef shout(text):\n    print(text)\n");
        const QByteArray rulesBefore = readAll(m_root + "/.harness/rules.json");
        const QByteArray worktreeRulesBefore = readAll(m_worktree + "/.harness/rules.json");
        const QJsonObject rule {{"id", "no-shout-in-core"},
                                {"paths", QJsonArray {"src/units/core/**"}},
                                {"pattern", "\\bshout\\("},
                                {"severity", "error"},
                                {"message", "units.core does not shout; return the text."}};
        const QJsonArray calls {
                QJsonObject {{"name", "check_rules"},
                             {"arguments", QJsonObject {{"paths", QJsonArray {"src/units/core/leak.py"}}}}},
                QJsonObject {{"name", "check_rules"}, {"arguments", QJsonObject {}}},
                QJsonObject {{"name", "run_gate"}, {"arguments", QJsonObject {{"gate", "tests"}}}},
                QJsonObject {{"name", "run_gate"}, {"arguments", QJsonObject {{"gate", "rules"}}}},
                QJsonObject {{"name", "read_contract"}, {"arguments", QJsonObject {}}},
                QJsonObject {{"name", "latest_findings"}, {"arguments", QJsonObject {}}},
                QJsonObject {{"name", "latest_findings"}, {"arguments", QJsonObject {{"iteration", 1}}}},
                QJsonObject {{"name", "propose_rule"},
                             {"arguments",
                              QJsonObject {{"kind", "forbidden"},
                                           {"rule", rule},
                                           {"reason", "shouting in core"}}}},
                QJsonObject {{"name", "propose_rule"},
                             {"arguments",
                              QJsonObject {{"kind", "forbidden"},
                                           {"rule",
                                            QJsonObject {{"id", "broken"},
                                                         {"paths", QJsonArray {"src/**"}},
                                                         {"pattern", "(unclosed"},
                                                         {"severity", "error"},
                                                         {"message", "x"}}},
                                           {"reason", "a broken expression"}}}},
                QJsonObject {{"name", "propose_rule"},
                             {"arguments",
                              QJsonObject {{"kind", "forbidden"},
                                           {"rule",
                                            QJsonObject {{"id", "no-print-in-core"},
                                                         {"paths", QJsonArray {"src/**"}},
                                                         {"pattern", "x"},
                                                         {"severity", "error"},
                                                         {"message", "x"}}},
                                           {"reason", "an id that exists"}}}},
                QJsonObject {{"name", "run_gate"}, {"arguments", QJsonObject {{"gate", "no-such-gate"}}}},
                QJsonObject {{"name", "check_rules"},
                             {"arguments", QJsonObject {{"paths", QJsonArray {"../../etc"}}}}},
                QJsonObject {{"name", "delete_everything"}, {"arguments", QJsonObject {}}}};
        // Started in the run's worktree, the server works the run out for itself.
        const QJsonObject got = sdkClient({"--store", m_store, "mcp"}, m_worktree, calls);
        QVERIFY2(!got.isEmpty(), "mcp-client.mjs printed nothing");
        QCOMPARE(got.value("server").toObject().value("name").toString(), QStringLiteral("harness"));
        QVERIFY(got.value("instructions").toString().contains("check_rules"));
        QVERIFY(got.value("capabilities").toObject().contains("tools"));
        QStringList names;
        for (const QJsonValue &t : got.value("tools").toArray()) {
            names << t.toObject().value("name").toString();
            QCOMPARE(t.toObject().value("inputSchema").toObject().value("type").toString(),
                     QStringLiteral("object"));
            QVERIFY(!t.toObject().value("description").toString().isEmpty());
        }
        QCOMPARE(
                names,
                QStringList({"check_rules", "run_gate", "read_contract", "latest_findings", "propose_rule"}));
        const QJsonArray r = got.value("results").toArray();
        QCOMPARE(r.size(), calls.size());
        const auto isError = [&r](int i) {
            return r.at(i).toObject().value("result").toObject().value("isError").toBool();
        };
        const auto text = [&r](int i) {
            return r.at(i)
                    .toObject()
                    .value("result")
                    .toObject()
                    .value("content")
                    .toArray()
                    .at(0)
                    .toObject()
                    .value("text")
                    .toString();
        };

        // check_rules on the file, and on the whole worktree: the planted print() with its file and line.
        QVERIFY2(!isError(0), qPrintable(text(0)));
        QJsonObject s = structuredOf(r.at(0).toObject());
        QCOMPARE(s.value("files_checked").toInt(), 1);
        QVERIFY2(hasFinding(s.value("findings").toArray(), "src/units/core/leak.py", 5, "no-print-in-core"),
                 qPrintable(text(0)));
        QVERIFY(text(0).contains("src/units/core/leak.py:5"));
        s = structuredOf(r.at(1).toObject());
        QVERIFY(s.value("files_checked").toInt() > 5);
        QVERIFY(hasFinding(s.value("findings").toArray(), "src/units/core/leak.py", 5, "no-print-in-core"));
        QCOMPARE(s.value("clean").toBool(), false);

        // run_gate: the tests gate really ran pytest in the sandbox and passed; the rules gate fails on the
        // leak.
        QVERIFY2(!isError(2), qPrintable(text(2)));
        s = structuredOf(r.at(2).toObject());
        QCOMPARE(s.value("status").toString(), QStringLiteral("passed"));
        QCOMPARE(s.value("kind").toString(), QStringLiteral("command"));
        QVERIFY2(s.value("log_tail").toString().contains("passed"),
                 qPrintable(s.value("log_tail").toString()));
        QCOMPARE(s.value("sandbox").toString(), QStringLiteral("harness"));
        s = structuredOf(r.at(3).toObject());
        QCOMPARE(s.value("status").toString(), QStringLiteral("failed"));
        QVERIFY2(hasFinding(s.value("findings").toArray(), "src/units/core/leak.py", 5, "no-print-in-core"),
                 qPrintable(text(3)));

        // read_contract: the demo task's contract, for run R1.
        QVERIFY2(!isError(4), qPrintable(text(4)));
        s = structuredOf(r.at(4).toObject());
        QCOMPARE(s.value("run").toString(), QStringLiteral("R1"));
        QCOMPARE(s.value("task").toString(), QStringLiteral("T1"));
        QVERIFY(s.value("contract").toObject().value("goal").toString().contains("fahrenheit_to_kelvin"));
        QVERIFY(s.value("contract").toObject().value("scope").toArray().contains("src/units/**"));
        QVERIFY(s.value("plan_approved").toBool());
        QVERIFY(text(4).contains("Acceptance criteria"));

        // latest_findings: the latest verification passed; iteration 1's found core importing the CLI.
        s = structuredOf(r.at(5).toObject());
        QCOMPARE(s.value("passed").toBool(), true);
        QCOMPARE(s.value("latest").toBool(), true);
        QStringList verified;
        for (const QJsonValue &i : s.value("verified_iterations").toArray())
            verified << QString::number(i.toInt());
        QCOMPARE(verified.first(), QStringLiteral("1"));
        QCOMPARE(verified.last(), QString::number(s.value("iteration").toInt()));
        s = structuredOf(r.at(6).toObject());
        QCOMPARE(s.value("passed").toBool(), false);
        QVERIFY2(hasFinding(s.value("findings").toArray(), "src/units/core/temperature.py", -1,
                            "units-core-pure"),
                 qPrintable(text(6)));

        // propose_rule: recorded for the human, rules.json untouched; a broken or taken rule is refused.
        QVERIFY2(!isError(7), qPrintable(text(7)));
        const QString suggestion = structuredOf(r.at(7).toObject()).value("suggestion").toString();
        QVERIFY(suggestion.startsWith('S'));
        QVERIFY(isError(8));
        QVERIFY2(text(8).contains("rule.pattern"), qPrintable(text(8)));
        QVERIFY(isError(9));
        QVERIFY2(text(9).contains("no-print-in-core"), qPrintable(text(9)));
        QCOMPARE(readAll(m_root + "/.harness/rules.json"), rulesBefore);
        QCOMPARE(readAll(m_worktree + "/.harness/rules.json"), worktreeRulesBefore);
        const QList<Event> suggested = storeWideEvents(m_root, m_store, QStringLiteral("rule_suggested"));
        QCOMPARE(suggested.size(), 1);
        QCOMPARE(suggested.first().payload.value("suggestion").toString(), suggestion);
        QCOMPARE(suggested.first().payload.value("run").toString(), QStringLiteral("R1"));
        QCOMPARE(suggested.first().payload.value("rule").toObject().value("id").toString(),
                 QStringLiteral("no-shout-in-core"));
        QCOMPARE(suggested.first().actor, QStringLiteral("agent:tst-mcpserver"));

        // An unknown gate and a path out of the worktree are tool errors; an unknown tool a protocol error.
        QVERIFY(isError(10));
        QVERIFY2(text(10).contains("tests") && text(10).contains("rules"), qPrintable(text(10)));
        QVERIFY(isError(11));
        QVERIFY2(text(11).contains(".."), qPrintable(text(11)));
        QCOMPARE(r.at(12).toObject().value("error").toObject().value("code").toInt(), -32602);
        QFile::remove(m_worktree + "/src/units/core/leak.py");
    }

    void hostileInputGetsErrorsAndNothingFromOutside()
    {
        // A canary outside the worktree that the rules would report if a link to it were followed.
        const QString outside = m_dir.filePath("outside");
        writeFile(outside + "/secret.py", "print('" + kCanary + "')\n");
        const QString core = m_worktree + "/src/units/core";
        QVERIFY(QFile::link(outside, core + "/linked"));
        QVERIFY(QFile::link(outside + "/secret.py", core + "/linked_secret.py"));

        QByteArray in;
        in += line(request(1, "tools/list")); // before initialize
        in += line(request(2, "initialize",
                           {{"protocolVersion", "1999-01-01"},
                            {"capabilities", QJsonObject()},
                            {"clientInfo", QJsonObject {{"name", "raw"}, {"version", "1"}}}}));
        in += line(QJsonObject {{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
        in += "this is not json\n";
        in += "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]\n";
        in += "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}\n";
        in += line(request(5, "no/such/method"));
        in += line(toolCall(6, "no_such_tool", QJsonObject()));
        in += "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":[1,2]}\n";
        in += "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}\n";
        in += "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":{\"x\":\"" +
                QByteArray(5 * 1024 * 1024, 'a') + "\"}}\n";
        in += line(request(9, "ping"));
        in += QByteArray(100000, '[') + '\n';
        in += "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\",\"params\":{\"x\":\"\xff\xfe\"}}\n";
        in += line(toolCall(11, "check_rules", QJsonObject {{"paths", QJsonArray {"../../../etc"}}}));
        in += line(toolCall(12, "check_rules", QJsonObject {{"paths", QJsonArray {"/etc/passwd"}}}));
        in += line(
                toolCall(13, "check_rules", QJsonObject {{"paths", QJsonArray {"src/units/core/linked"}}}));
        in += line(toolCall(14, "check_rules",
                            QJsonObject {{"paths", QJsonArray {"src/units/core/linked/secret.py"}}}));
        in += line(toolCall(15, "check_rules",
                            QJsonObject {{"paths", QJsonArray {"src/units/core/linked_secret.py"}}}));
        in += line(toolCall(16, "check_rules", QJsonObject {{"paths", QJsonArray {outside + "/secret.py"}}}));
        in += line(toolCall(17, "check_rules", QJsonObject {{"paths", QJsonArray {"src", 5}}}));
        in += line(toolCall(18, "check_rules", QJsonObject {{"pahts", QJsonArray {"src"}}}));
        in += line(toolCall(19, "check_rules", QJsonObject())); // the whole tree: the links are not followed
        in += line(toolCall(20, "run_gate", QJsonObject {{"gate", QJsonArray {"tests"}}}));
        in += line(toolCall(21, "propose_rule",
                            QJsonObject {{"kind", "secret"}, {"rule", QJsonObject()}, {"reason", "x"}}));
        in += line(request(22, "initialize", {{"protocolVersion", "2025-06-18"}}));
        in += "{\"jsonrpc\":\"2.0\",\"id\":23,\"result\":{}}\n"; // a response to nothing: ignored
        in += line(request(24, "ping")); // the last line, without its newline
        in.chop(1);

        QByteArray output;
        int exitCode = -2;
        const QMap<QString, QJsonObject> a =
                rawServer({"--store", m_store, "mcp", "--worktree", m_worktree}, in, &output, &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY2(!output.contains(kCanary), output.left(4000).constData());
        const auto code = [&a](const QString &id) {
            return a.value(id).value("error").toObject().value("code").toInt();
        };
        const auto toolError = [&a](const QString &id) {
            const QJsonObject result = a.value(id).value("result").toObject();
            return result.value("isError").toBool()
                    ? result.value("content").toArray().at(0).toObject().value("text").toString()
                    : QString();
        };
        QCOMPARE(code("1"), -32600); // not initialized
        QCOMPARE(a.value("2").value("result").toObject().value("protocolVersion").toString(),
                 QStringLiteral("2025-11-25"));
        QCOMPARE(code("null:0"), -32700); // not JSON
        QCOMPARE(code("null:1"), -32600); // a batch
        QCOMPARE(code("4"), -32600); // jsonrpc 1.0
        QCOMPARE(code("5"), -32601); // unknown method
        QCOMPARE(code("6"), -32602); // unknown tool
        QCOMPARE(code("7"), -32602); // params not an object
        QCOMPARE(code("null:2"), -32600); // an id that is an object
        QCOMPARE(code("null:3"), -32600); // the 5 MiB line, skipped
        QVERIFY(a.value("null:3").value("error").toObject().value("message").toString().contains(
                "longer than"));
        QVERIFY(!a.contains("8"));
        QVERIFY(a.value("9").contains("result")); // answered after the huge line
        QCOMPARE(code("null:4"), -32700); // nested past the parser's depth
        QVERIFY(a.contains("10") || a.contains("null:5")); // invalid UTF-8: answered either way, no crash
        for (const char *id : {"11", "12", "13", "14", "15", "16"})
            QVERIFY2(!toolError(QString::fromLatin1(id)).isEmpty(), id);
        QVERIFY2(toolError("11").contains(".."), qPrintable(toolError("11")));
        QVERIFY2(toolError("12").contains("outside the worktree"), qPrintable(toolError("12")));
        QVERIFY2(toolError("13").contains("symbolic link"), qPrintable(toolError("13")));
        QVERIFY2(toolError("14").contains("symbolic link"), qPrintable(toolError("14")));
        QVERIFY2(toolError("15").contains("symbolic link"), qPrintable(toolError("15")));
        QVERIFY2(toolError("16").contains("outside the worktree"), qPrintable(toolError("16")));
        QVERIFY2(toolError("17").contains("paths[1]"), qPrintable(toolError("17")));
        QVERIFY2(toolError("18").contains("pahts"), qPrintable(toolError("18")));
        const QJsonObject whole =
                a.value("19").value("result").toObject().value("structuredContent").toObject();
        QVERIFY(whole.value("files_checked").toInt() > 5);
        for (const QJsonValue &f : whole.value("findings").toArray())
            QVERIFY2(!f.toObject().value("file").toString().contains("linked"),
                     qPrintable(f.toObject().value("file").toString()));
        QVERIFY2(toolError("20").contains("gate"), qPrintable(toolError("20")));
        QVERIFY2(toolError("21").contains("kind"), qPrintable(toolError("21")));
        QCOMPARE(code("22"), -32600); // initialized twice
        QVERIFY(!a.contains("23"));
        QVERIFY(a.value("24").contains("result"));
        QCOMPARE(a.size(), 26); // every request answered once; notifications and responses never
        QFile::remove(core + "/linked");
        QFile::remove(core + "/linked_secret.py");
    }

    void externalAgentChecksItselfInTheSandbox()
    {
        QString root;
        QString store;
        makeDemo(QStringLiteral("units-acp"), root, store);
        QVERIFY(!root.isEmpty());
        // The project's policy names the agent as its executor.
        const QString policyPath = root + "/.harness/policy.json";
        QJsonObject policy = QJsonDocument::fromJson(readAll(policyPath)).object();
        policy.insert("executor",
                      QJsonObject {{"acp", QJsonObject {{"command", QJsonArray {m_node, kAgent, m_sdk}}}}});
        writeFile(policyPath, QJsonDocument(policy).toJson());
        const QByteArray rulesBefore = readAll(root + "/.harness/rules.json");
        QByteArray said;
        const int code = harness(root, store, {"run", "T1", "--approve", "auto"}, &said);
        QVERIFY2(code == 6, said.constData());

        auto project = Project::open(root, store);
        QVERIFY(project);
        auto events = (*project)->store().events(QStringLiteral("R1"));
        QVERIFY(events);
        QList<QJsonObject> reports;
        for (const Event &e : *events)
            if (auto p = payloadIf<AgentResponsePayload>(e))
                if (p->text.startsWith("MCP-REPORT "))
                    reports << QJsonDocument::fromJson(p->text.section('\n', 0, 0).mid(11).toUtf8()).object();
        QVERIFY2(reports.size() >= 2, said.constData());
        const QJsonObject plan = reports.at(0);
        QVERIFY2(plan.value("problem").toString().isEmpty(), qPrintable(plan.value("problem").toString()));
        QCOMPARE(plan.value("tools").toArray().size(), 5);
        QVERIFY(plan.value("contract").toObject().value("text").toString().contains("fahrenheit_to_kelvin"));
        QCOMPARE(plan.value("rules").toObject().value("isError").toBool(), false);

        const QJsonObject build = reports.at(1);
        const QJsonObject caught = build.value("caught").toObject().value("structured").toObject();
        QVERIFY2(hasFinding(caught.value("findings").toArray(), "src/units/core/shout.py", 5,
                            "no-print-in-core"),
                 qPrintable(build.value("caught").toObject().value("text").toString()));
        QCOMPARE(build.value("clean").toObject().value("structured").toObject().value("clean").toBool(),
                 true);
        const QJsonObject gate = build.value("gate").toObject().value("structured").toObject();
        QCOMPARE(gate.value("status").toString(), QStringLiteral("passed"));
        QCOMPARE(gate.value("sandbox").toString(), QStringLiteral("agent"));
        // Bubblewrap does not nest here: the command ran in the agent's sandbox, and the log says so.
        QVERIFY2(!gate.value("log_tail").toString().contains("opted in"),
                 qPrintable(gate.value("log_tail").toString()));
        qInfo().noquote() << "run_gate inside the agent's sandbox:"
                          << gate.value("log_tail").toString().right(300);
        QCOMPARE(build.value("findings")
                         .toObject()
                         .value("structured")
                         .toObject()
                         .value("verified_iterations")
                         .toArray(),
                 QJsonArray());
        QVERIFY2(!build.value("proposal").toObject().value("isError").toBool(),
                 qPrintable(build.value("proposal").toObject().value("text").toString()));
        QCOMPARE(build.value("proposal")
                         .toObject()
                         .value("structured")
                         .toObject()
                         .value("recorded")
                         .toString(),
                 QStringLiteral("after_turn"));
        QCOMPARE(build.value("escape").toObject().value("isError").toBool(), true);

        // The suggestion was recorded after the turn, in the agent's name; rules.json is as it was.
        const QList<Event> suggested = storeWideEvents(root, store, QStringLiteral("rule_suggested"));
        QCOMPARE(suggested.size(), 1);
        QVERIFY2(suggested.first().actor.startsWith("agent:"), qPrintable(suggested.first().actor));
        QCOMPARE(suggested.first().payload.value("run").toString(), QStringLiteral("R1"));
        QCOMPARE(suggested.first().payload.value("rule").toObject().value("id").toString(),
                 QStringLiteral("no-shout-in-core"));
        QCOMPARE(readAll(root + "/.harness/rules.json"), rulesBefore);
        const RunState state = RunState::fold(*events);
        QCOMPARE(runPhaseName(state.phase), QStringLiteral("review"));
        QCOMPARE(readAll(state.worktreePath + "/.harness/rules.json"), rulesBefore);
    }
};

QTEST_GUILESS_MAIN(TestMcpServer)
#include "tst_mcpserver.moc"
