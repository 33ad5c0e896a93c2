// The built-in agent uses a third-party MCP server (the real @modelcontextprotocol/server-filesystem, from
// packaging/install-agents.sh) declared in the demo project's policy.json, through the real `harness run
// T1 --approve auto` on a replayed transcript. The server runs inside the run's sandbox, with "/" as its
// allowed directory: its write_file lands in the worktree and in the run's checkpoint, while its
// read_text_file of a canary on the host (beside the repository) fails because the sandbox does not show
// that file; the canary text reaches no event. Both calls pass the permission controller (asked, approved
// by --approve auto) and are tool_call_started/tool_call/tool_result events like the built-in tools.
#include "common/demotask.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
const QByteArray kCanary = "MCP-HOST-CANARY-51d0b7e2";

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject turn(int number, const QString &text, const QJsonArray &calls)
{
    QJsonObject t {{"phase", "build"}, {"iteration", 1}, {"turn", number}};
    t.insert("response",
             QJsonObject {{"text", text},
                          {"tool_calls", calls},
                          {"usage", QJsonObject {{"input_tokens", 100}, {"output_tokens", 20}}},
                          {"stop_reason", calls.isEmpty() ? "end_turn" : "tool_use"},
                          {"model", "replay-demo"}});
    return t;
}

QString git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("git"), QStringList {QStringLiteral("-C"), dir} + args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

} // namespace

class TestMcpBuiltin : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        const QString prefix = qEnvironmentVariableIsSet("HARNESS_AGENTS_DIR")
                ? qEnvironmentVariable("HARNESS_AGENTS_DIR")
                : QStringLiteral(HARNESS_BINARY_DIR "/agents");
        m_server = prefix +
                QStringLiteral("/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
        if (!QFile::exists(QStringLiteral("/usr/bin/node")) || !QFile::exists(m_server))
            QFAIL(qPrintable(
                    QStringLiteral("node (/usr/bin/node) or @modelcontextprotocol/server-filesystem (%1) "
                                   "is missing: run `bash packaging/install-agents.sh %2` and point "
                                   "HARNESS_AGENTS_DIR at it")
                            .arg(m_server, prefix)));
    }

    void filesystemServerWritesTheWorktreeAndCannotSeeTheHost()
    {
        QString error;
        const auto demo = harness::test::demoWithTask(m_dir.filePath(QStringLiteral("units")), &error);
        QVERIFY2(demo, qPrintable(error));
        const QString root = demo->root;
        // The canary lies on the host beside the repository; the server may read anything under "/".
        const QString canary = m_dir.filePath(QStringLiteral("outside/host-note.txt"));
        QVERIFY(QDir().mkpath(QFileInfo(canary).absolutePath()));
        {
            QFile f(canary);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kCanary + '\n');
        }
        const QString policyPath = root + QStringLiteral("/.harness/policy.json");
        QFile policyFile(policyPath);
        QVERIFY(policyFile.open(QIODevice::ReadOnly));
        QJsonObject policy = QJsonDocument::fromJson(policyFile.readAll()).object();
        policyFile.close();
        policy.insert("mcp_servers",
                      QJsonObject {{"fs",
                                    QJsonObject {{"command",
                                                  QJsonArray {"/usr/bin/node", m_server, "${worktree}", "/"}},
                                                 {"timeout_s", 20}}}});
        QVERIFY(policyFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        policyFile.write(QJsonDocument(policy).toJson());
        policyFile.close();
        git(root, {"add", "-A"});
        git(root, {"-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "mcp server"});

        const QByteArray plan = harness::test::demoPlanLine(root);
        QVERIFY(!plan.trimmed().isEmpty());
        const QJsonArray calls {QJsonObject {{"id", "call_w"},
                                             {"name", "mcp__fs__write_file"},
                                             {"arguments",
                                              QJsonObject {{"path", "tests/mcp_note.txt"},
                                                           {"content", "written through MCP\n"}}}},
                                QJsonObject {{"id", "call_r"},
                                             {"name", "mcp__fs__read_text_file"},
                                             {"arguments", QJsonObject {{"path", canary}}}}};
        const QString transcript = m_dir.filePath(QStringLiteral("mcp.jsonl"));
        {
            QFile f(transcript);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(plan + line(turn(1, "Writing a note through the filesystem server.", calls)) +
                    line(turn(2, "Done.", {})));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HARNESS_STORE"));
        QProcess run;
        run.setProcessEnvironment(env);
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(kHarness,
                  {QStringLiteral("--repo"), root, QStringLiteral("--store"), demo->store,
                   QStringLiteral("run"), QStringLiteral("T1"), QStringLiteral("--approve"),
                   QStringLiteral("auto"), QStringLiteral("--agent"), transcript});
        QVERIFY(run.waitForFinished(120000));
        const QString said = QString::fromUtf8(run.readAll()) +
                QStringLiteral("\n[exit %1, status %2]").arg(run.exitCode()).arg(int(run.exitStatus()));

        auto project = Project::open(root, demo->store);
        QVERIFY2(project, qPrintable(project.errorText()));
        auto events = (*project)->store().events(QStringLiteral("R1"));
        QVERIFY2(events && !events->isEmpty(), qPrintable(said));
        const RunState state = RunState::fold(*events);

        // The write landed in the worktree and in the iteration's checkpoint (the run's diff).
        QFile note(state.worktreePath + QStringLiteral("/tests/mcp_note.txt"));
        QVERIFY2(note.open(QIODevice::ReadOnly), qPrintable(said));
        QCOMPARE(note.readAll(), QByteArray("written through MCP\n"));
        const QString diff = git(state.worktreePath, {"diff", "--name-only", state.baseCommit, "HEAD"});
        QVERIFY2(diff.contains(QStringLiteral("tests/mcp_note.txt")), qPrintable(diff + said));

        QMap<QString, QJsonObject> results, calls2;
        QStringList started, permissions;
        for (const Event &e : *events) {
            QVERIFY2(!QJsonDocument(e.payload).toJson().contains(kCanary), qPrintable(e.kind));
            const QString call = e.payload.value("call_id").toString();
            if (e.kind == kinds::ToolResult)
                results.insert(call, e.payload);
            else if (e.kind == kinds::ToolCallStarted)
                started << call;
            else if (e.kind == kinds::ToolCall)
                calls2.insert(e.payload.value("tool").toString(), e.payload);
            else if (e.kind == kinds::PermissionAllowed)
                permissions << e.payload.value("tool").toString() + QLatin1Char(' ') +
                                e.payload.value("reason").toString();
        }
        QVERIFY2(results.contains("call_w") && results.contains("call_r"), qPrintable(said));
        QVERIFY(started.contains("call_w") && started.contains("call_r"));
        QVERIFY2(results["call_w"].value("ok").toBool(),
                 qPrintable(QJsonDocument(results["call_w"]).toJson()));
        QVERIFY(!results["call_r"].value("ok").toBool());
        const QString readError = results["call_r"].value("error").toString();
        QVERIFY2(readError.contains(QStringLiteral("ENOENT")) ||
                         readError.contains(QStringLiteral("no such file")),
                 qPrintable(readError));
        QVERIFY(calls2.contains("mcp__fs__write_file") && calls2["mcp__fs__write_file"].value("ok").toBool());
        QVERIFY(calls2.contains("mcp__fs__read_text_file") &&
                !calls2["mcp__fs__read_text_file"].value("ok").toBool());
        const QString allowed = permissions.join('\n');
        QVERIFY2(allowed.contains(QStringLiteral("mcp__fs__write_file approved by --approve auto")),
                 qPrintable(allowed));
        QVERIFY(allowed.contains(QStringLiteral("mcp__fs__read_text_file approved by --approve auto")));
        // The model was offered the server's tools under their mcp__fs__ names (the replay records no
        // request; the server's own listing is checked by the calls above succeeding by name).
        QVERIFY2(!said.contains(QStringLiteral("did not start")), qPrintable(said));
    }
};

QTEST_GUILESS_MAIN(TestMcpBuiltin)
#include "tst_mcpbuiltin.moc"
