// A permission "ask" without `--approve auto`, end to end: the real `harness run T1 --approve wait` runs an
// agent whose request the permission policy marks "ask", the request waits as a pending approval in the
// store's queue (the one the workbench and `harness approve` serve) and the run blocks on it; the real
// `harness approve` unblocks it and `harness reject` refuses it, each decision audited (approval_requested,
// permission_ask, permission_granted or permission_refused, permission_allowed or permission_denied, with
// the deciding human as actor). Two agents ask:
//   - an external agent over ACP (tests/common/hostileacpagent.py, mode "ask"): session/request_permission
//     for commands with a command substitution, which no wildcard rule may allow, so the policy asks;
//   - the built-in agent calling a third-party MCP server's tools (the real server-filesystem from
//     packaging/install-agents.sh) whose policy.json permission is "ask".
#include "common/demotask.h"
#include "common/tools.h"
#include "core/eventkinds.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");
const QString kAgent = QStringLiteral(HARNESS_SOURCE_DIR "/tests/common/hostileacpagent.py");
const QString kHuman = QStringLiteral("approver");

QProcessEnvironment harnessEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HARNESS_STORE"));
    env.insert(QStringLiteral("HARNESS_USER"), kHuman);
    return env;
}

// The demo with its task limited to one iteration (the agent asks once; the run then ends for a human).
std::optional<harness::test::DemoTask> oneIterationDemo(const QString &where, QString *error)
{
    auto made = harness::test::demoWithTask(where, error);
    if (!made)
        return std::nullopt;
    auto project = Project::open(made->root, made->store);
    auto task = project ? (*project)->store().task(QStringLiteral("T1"))
                        : Result<Task>::failure(project.errorText());
    if (!task) {
        *error = task.errorText();
        return std::nullopt;
    }
    task->contract.budget.maxIterations = 1;
    if (auto updated = (*project)->store().updateTask(*task); !updated) {
        *error = updated.errorText();
        return std::nullopt;
    }
    return made;
}

bool editPolicy(const QString &root, const std::function<void(QJsonObject &)> &edit)
{
    QFile f(root + QStringLiteral("/.harness/policy.json"));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QJsonObject policy = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    edit(policy);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(QJsonDocument(policy).toJson());
    f.close();
    QProcess git;
    git.setWorkingDirectory(root);
    git.start(QStringLiteral("git"),
              {QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
               QStringLiteral("user.email=t@example.invalid"), QStringLiteral("commit"),
               QStringLiteral("-qam"), QStringLiteral("policy")});
    return git.waitForFinished(30000) && git.exitCode() == 0;
}

// One `harness run T1 --approve wait` in the background, and the human's side: the store's queue read
// while it waits, and `harness approve` / `harness reject`.
class AskingRun
{
public:
    AskingRun(const QString &root, const QString &store, const QStringList &extra)
        : m_root(root), m_store(store)
    {
        m_run.setProcessEnvironment(harnessEnvironment());
        m_run.setProcessChannelMode(QProcess::MergedChannels);
        m_run.start(kHarness,
                    QStringList {QStringLiteral("--repo"), root, QStringLiteral("--store"), store,
                                 QStringLiteral("run"), QStringLiteral("T1"), QStringLiteral("--approve"),
                                 QStringLiteral("wait")} +
                            extra);
    }
    ~AskingRun()
    {
        if (m_run.state() != QProcess::NotRunning) {
            m_run.kill();
            m_run.waitForFinished(10000);
        }
    }

    Store &store()
    {
        if (!m_project)
            m_project = *Project::open(m_root, m_store);
        return m_project->store();
    }
    QList<Event> events()
    {
        auto e = store().events(QStringLiteral("R1"));
        return e ? *e : QList<Event> {};
    }
    bool running() const { return m_run.state() != QProcess::NotRunning; }
    QString said()
    {
        m_said += QString::fromUtf8(m_run.readAll());
        return m_said;
    }

    // The pending approval of this kind whose subject holds `words`, once the run asks (or nullopt after
    // the time limit or when the run ended without asking).
    std::optional<Approval> waitForPending(ApprovalKind kind, const QString &words, int ms = 30000)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < ms) {
            if (auto pending = store().approvals(true, QStringLiteral("R1")))
                for (const Approval &a : *pending)
                    if (a.kind == kind &&
                        QString::fromUtf8(QJsonDocument(a.subject).toJson(QJsonDocument::Compact))
                                .contains(words))
                        return a;
            if (!running())
                return std::nullopt;
            QTest::qWait(50);
        }
        return std::nullopt;
    }

    // `harness approve <id>` or `harness reject <id> --feedback ...`: what it printed, with its exit code.
    QString decide(const QString &command, const QString &approval, const QString &feedback = {})
    {
        QProcess p;
        p.setProcessEnvironment(harnessEnvironment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args {
                QStringLiteral("--repo"), m_root, QStringLiteral("--store"), m_store, command, approval};
        if (!feedback.isEmpty())
            args << QStringLiteral("--feedback") << feedback;
        p.start(kHarness, args);
        p.waitForFinished(30000);
        return QStringLiteral("exit=%1 %2").arg(p.exitCode()).arg(QString::fromUtf8(p.readAll()).trimmed());
    }

    bool finish(int ms = 60000) { return running() ? m_run.waitForFinished(ms) : true; }

private:
    QString m_root;
    QString m_store;
    QProcess m_run;
    QString m_said;
    std::shared_ptr<Project> m_project;
};

int count(const QList<Event> &events, QLatin1StringView kind, const QString &field = {},
          const QString &value = {})
{
    int n = 0;
    for (const Event &e : events)
        n += e.kind == kind &&
                (field.isEmpty() || e.payload.value(field).toVariant().toString().contains(value));
    return n;
}

QString kindsOf(const QList<Event> &events)
{
    QStringList out;
    for (const Event &e : events)
        out << e.kind;
    return out.join(QLatin1Char(' '));
}

// The decisions audited: each asked permission is an approval_requested (kind permission), a
// permission_ask with the human's answer, the answer itself in the human's name and the decision the
// permission controller took from it.
void expectAudited(const QList<Event> &events, const QString &granted, const QString &refused)
{

    QCOMPARE(count(events, kinds::ApprovalRequested, QStringLiteral("kind"), QStringLiteral("permission")),
             2);
    QCOMPARE(count(events, kinds::PermissionAsk, QStringLiteral("answer"), QStringLiteral("allowed")), 1);
    QCOMPARE(count(events, kinds::PermissionAsk, QStringLiteral("answer"), QStringLiteral("denied")), 1);
    QCOMPARE(count(events, kinds::PermissionAllowed, QStringLiteral("reason"),
                   QStringLiteral("approved by a human")),
             1);
    QCOMPARE(count(events, kinds::PermissionDenied, QStringLiteral("reason"),
                   QStringLiteral("denied by a human")),
             1);
    bool grantSeen = false, refusalSeen = false;
    for (const Event &e : events) {
        const QString subject = QJsonDocument(e.payload.value(QStringLiteral("subject")).toObject()).toJson();
        if (e.kind == kinds::PermissionGranted) {
            QCOMPARE(e.actor, QStringLiteral("human:") + kHuman);
            QVERIFY2(subject.contains(granted), qPrintable(subject));
            grantSeen = true;
        } else if (e.kind == kinds::PermissionRefused) {
            QCOMPARE(e.actor, QStringLiteral("human:") + kHuman);
            QVERIFY2(subject.contains(refused), qPrintable(subject));
            QCOMPARE(e.payload.value(QStringLiteral("feedback")).toString(), QStringLiteral("not this one"));
            refusalSeen = true;
        }
    }
    QVERIFY2(grantSeen && refusalSeen, qPrintable(kindsOf(events)));
}

} // namespace

class TestAcpMcpAsk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Approves the run's plan through `harness approve` once it is proposed.
    static void approvePlan(AskingRun &run)
    {
        const auto plan = run.waitForPending(ApprovalKind::Plan, QString());
        QVERIFY2(plan, qPrintable(run.said()));
        const QString approved = run.decide(QStringLiteral("approve"), plan->id);
        QVERIFY2(approved.startsWith(QStringLiteral("exit=0")), qPrintable(approved));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kHarness), "build the harness executable first");
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        QVERIFY(m_dir.isValid());
        // The demo's gates' python with pytest: the system's first.
        qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));
    }

    void externalAgentPermissionWaitsForTheHuman()
    {
        QString error;
        const auto demo = oneIterationDemo(m_dir.filePath(QStringLiteral("acp/units")), &error);
        QVERIFY2(demo, qPrintable(error));
        // A command substitution: no wildcard rule can allow it, so the default policy asks.
        const QString first = QStringLiteral("echo $(id -u)");
        const QString second = QStringLiteral("echo `id -g`");
        const QJsonObject info {{"ask", QJsonArray {first, second}}};
        QVERIFY(editPolicy(demo->root, [&](QJsonObject &policy) {
            policy.insert(
                    "executor",
                    QJsonObject {{"acp",
                                  QJsonObject {{"command",
                                                QJsonArray {kAgent, "ask",
                                                            QString::fromUtf8(QJsonDocument(info).toJson(
                                                                    QJsonDocument::Compact))}}}}});
        }));
        AskingRun run(demo->root, demo->store, {});
        approvePlan(run);
        if (QTest::currentTestFailed())
            return;

        const auto asked = run.waitForPending(ApprovalKind::Permission, QStringLiteral("id -u"));
        QVERIFY2(asked, qPrintable(run.said()));
        // It blocks: the run waits on the human, the agent's turn does not end.
        QTest::qWait(1000);
        QVERIFY2(run.running(), qPrintable(run.said()));
        QVERIFY(run.store().approval(asked->id)->isPending());
        QCOMPARE(count(run.events(), kinds::AgentResponse, QStringLiteral("phase"), QStringLiteral("build")),
                 0);
        const double approvedAt = QDateTime::currentMSecsSinceEpoch() / 1000.0;
        const QString approved = run.decide(QStringLiteral("approve"), asked->id);
        QVERIFY2(approved.contains(QStringLiteral("approved by human:") + kHuman), qPrintable(approved));

        const auto refused = run.waitForPending(ApprovalKind::Permission, QStringLiteral("id -g"));
        QVERIFY2(refused, qPrintable(run.said()));
        const QString rejected =
                run.decide(QStringLiteral("reject"), refused->id, QStringLiteral("not this one"));
        QVERIFY2(rejected.startsWith(QStringLiteral("exit=0")), qPrintable(rejected));
        QVERIFY2(run.finish(), qPrintable(run.said()));

        const QList<Event> events = run.events();
        QString report;
        for (const Event &e : events)
            if (e.kind == kinds::AgentResponse &&
                e.payload.value(QStringLiteral("phase")).toString() == QLatin1String("build"))
                report = e.payload.value(QStringLiteral("text")).toString();
        // The agent got "allow once" only after the human approved, and "reject once" for the other.
        const QRegularExpression allowed(QStringLiteral("ask0: yes-once at=([0-9.]+)"));
        const auto match = allowed.match(report);
        QVERIFY2(match.hasMatch(), qPrintable(report + run.said()));
        QVERIFY2(match.captured(1).toDouble() >= approvedAt - 0.05, qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("ask1: no-once")), qPrintable(report));
        expectAudited(events, QStringLiteral("id -u"), QStringLiteral("id -g"));
        QVERIFY(run.store().verifyChain()->intact);
    }

    void mcpToolCallWaitsForTheHuman()
    {
        const QString prefix = qEnvironmentVariableIsSet("HARNESS_AGENTS_DIR")
                ? qEnvironmentVariable("HARNESS_AGENTS_DIR")
                : QStringLiteral(HARNESS_BINARY_DIR "/agents");
        const QString server = prefix +
                QStringLiteral("/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
        if (!QFile::exists(QStringLiteral("/usr/bin/node")) || !QFile::exists(server))
            QFAIL(qPrintable(
                    QStringLiteral("node or @modelcontextprotocol/server-filesystem (%1) is missing: run "
                                   "`bash packaging/install-agents.sh %2` and point HARNESS_AGENTS_DIR at it")
                            .arg(server, prefix)));
        QString error;
        const auto demo = oneIterationDemo(m_dir.filePath(QStringLiteral("mcp/units")), &error);
        QVERIFY2(demo, qPrintable(error));
        // The server's permission is left at its default: "ask".
        QVERIFY(editPolicy(demo->root, [&](QJsonObject &policy) {
            policy.insert("mcp_servers",
                          QJsonObject {{"fs",
                                        QJsonObject {{"command",
                                                      QJsonArray {"/usr/bin/node", server, "${worktree}"}},
                                                     {"timeout_s", 20}}}});
        }));
        const auto call = [](const char *id, const char *path) {
            return QJsonObject {
                    {"id", id},
                    {"name", "mcp__fs__write_file"},
                    {"arguments", QJsonObject {{"path", path}, {"content", "written through MCP\n"}}}};
        };
        const auto turn = [](int number, const char *text, const QJsonArray &calls) {
            return QJsonDocument(
                           QJsonObject {
                                   {"phase", "build"},
                                   {"iteration", 1},
                                   {"turn", number},
                                   {"response",
                                    QJsonObject {{"text", text},
                                                 {"tool_calls", calls},
                                                 {"usage",
                                                  QJsonObject {{"input_tokens", 100}, {"output_tokens", 20}}},
                                                 {"stop_reason", calls.isEmpty() ? "end_turn" : "tool_use"},
                                                 {"model", "replay-demo"}}}})
                           .toJson(QJsonDocument::Compact) +
                    '\n';
        };
        const QString transcript = m_dir.filePath(QStringLiteral("mcp.jsonl"));
        {
            QFile f(transcript);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(harness::test::demoPlanLine(demo->root) +
                    turn(1, "Two notes.",
                         {call("call_yes", "tests/approved_note.txt"),
                          call("call_no", "tests/refused_note.txt")}) +
                    turn(2, "Done.", {}));
        }
        AskingRun run(demo->root, demo->store, {QStringLiteral("--agent"), transcript});
        approvePlan(run);
        if (QTest::currentTestFailed())
            return;

        const auto asked = run.waitForPending(ApprovalKind::Permission, QStringLiteral("approved_note"));
        QVERIFY2(asked, qPrintable(run.said()));
        QTest::qWait(1000); // it blocks: the call is not answered while the approval waits
        QVERIFY2(run.running(), qPrintable(run.said()));
        QCOMPARE(
                count(run.events(), kinds::ToolResult, QStringLiteral("call_id"), QStringLiteral("call_yes")),
                0);
        const QString approved = run.decide(QStringLiteral("approve"), asked->id);
        QVERIFY2(approved.startsWith(QStringLiteral("exit=0")), qPrintable(approved));

        const auto refused = run.waitForPending(ApprovalKind::Permission, QStringLiteral("refused_note"));
        QVERIFY2(refused, qPrintable(run.said()));
        const QString rejected =
                run.decide(QStringLiteral("reject"), refused->id, QStringLiteral("not this one"));
        QVERIFY2(rejected.startsWith(QStringLiteral("exit=0")), qPrintable(rejected));
        QVERIFY2(run.finish(), qPrintable(run.said()));

        const QList<Event> events = run.events();
        QJsonObject yes, no;
        for (const Event &e : events)
            if (e.kind == kinds::ToolResult)
                (e.payload.value(QStringLiteral("call_id")).toString() == QLatin1String("call_yes") ? yes
                                                                                                    : no) =
                        e.payload;
        QVERIFY2(yes.value(QStringLiteral("ok")).toBool(),
                 qPrintable(QJsonDocument(yes).toJson() + run.said()));
        QVERIFY2(!no.value(QStringLiteral("ok")).toBool() &&
                         no.value(QStringLiteral("error"))
                                 .toString()
                                 .contains(QStringLiteral("denied by a human")),
                 qPrintable(QJsonDocument(no).toJson()));
        const RunState state = RunState::fold(events);
        QVERIFY(QFile::exists(state.worktreePath + QStringLiteral("/tests/approved_note.txt")));
        QVERIFY(!QFile::exists(state.worktreePath + QStringLiteral("/tests/refused_note.txt")));
        expectAudited(events, QStringLiteral("approved_note"), QStringLiteral("refused_note"));
        QVERIFY(run.store().verifyChain()->intact);
    }
};

QTEST_GUILESS_MAIN(TestAcpMcpAsk)
#include "tst_acpmcpask.moc"
