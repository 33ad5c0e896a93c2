// AcpAttacks: the adversarial suite's cases of an external agent over ACP (tests/e2e/tst_adversarial.cpp).
// The hostile ACP agent (tests/common/hostileacpagent.py) as the project's executor: the harness starts it
// in the run's sandbox and serves its fs/*, terminal/* and permission requests with its own tools. Its
// report ("name: result" lines of its answers) says what each attempt gave inside the sandbox; the
// containment checks say nothing reached the host.
#pragma once

#include "common/attackrun.h"

#include <QDirIterator>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace harness::test {

inline const QString kAcpAgent = QStringLiteral(HARNESS_SOURCE_DIR "/tests/common/hostileacpagent.py");

// An ACP agent's report: the "name: result" lines of its answers (agent_response), a later line winning.
inline QHash<QString, QString> agentReport(const RunRecord &run)
{
    QHash<QString, QString> lines;
    for (const QJsonObject &p : run.ofKind(kinds::AgentResponse))
        for (const QString &line : p.value(QStringLiteral("text")).toString().split(QLatin1Char('\n'))) {
            const qsizetype colon = line.indexOf(QStringLiteral(": "));
            if (colon > 0)
                lines.insert(line.left(colon), line.mid(colon + 2));
        }
    return lines;
}

inline AttackCase acpCase(const char *name, const QJsonValue &network, const char *mode,
                          const QJsonObject &info, Ends ends, std::function<void(const Fixture &)> check)
{
    AttackCase c {QString::fromUtf8(name), Gates::Cheap, network, {}, {}, ends, std::move(check)};
    c.acpMode = QString::fromUtf8(mode);
    c.acpInfo = info;
    return c;
}

inline void expectReport(const Fixture &f, const QString &name, const QString &words)
{
    const QString said = agentReport(f.run).value(name);
    QVERIFY2(said.contains(words),
             qPrintable(name + QStringLiteral(": ") + said + QStringLiteral(" lacks ") + words +
                        QString::fromUtf8(f.story())));
}

// The write gate's refusals of an agent's requests (permission_denied, kind write_gate).
inline int writeGateDenials(const Fixture &f)
{
    int n = 0;
    for (const QJsonObject &p : f.run.ofKind(kinds::PermissionDenied))
        n += p.value(QStringLiteral("kind")).toString() == QLatin1String("write_gate");
    return n;
}

// The sandbox's write audit saw the agent's own process write to rel (in the worktree) and recorded why the
// sandbox refused it (sandbox_write_refused), whatever the agent reported of it.
inline void expectWriteRefused(const Fixture &f, const QString &rel, const QString &reason)
{
    const QString path = QFileInfo(f.worktree).canonicalFilePath() + QLatin1Char('/') + rel;
    QStringList seen;
    for (const QJsonObject &p : f.run.ofKind(kinds::SandboxWriteRefused)) {
        seen << p.value(QStringLiteral("path")).toString() + QStringLiteral(": ") +
                        p.value(QStringLiteral("reason")).toString();
        if (p.value(QStringLiteral("path")).toString() == path &&
            p.value(QStringLiteral("reason")).toString() == reason)
            return;
    }
    QVERIFY2(false,
             qPrintable(path + QStringLiteral(" (") + reason + QStringLiteral(") not audited; seen:\n") +
                        seen.join(QLatin1Char('\n')) + QString::fromUtf8(f.story())));
}

// The agent:execute tool calls the agent reported of its own commands that failed, by title.
inline QStringList failedAgentCommands(const Fixture &f)
{
    QStringList out;
    for (const QJsonObject &p : f.run.ofKind(kinds::ToolCall))
        if (p.value(QStringLiteral("tool")).toString() == QLatin1String("agent:execute") &&
            !p.value(QStringLiteral("ok")).toBool())
            out << p.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("title")).toString();
    return out;
}

// Processes (not zombies) whose command line holds the marker.
inline int processesWithMarker(const QByteArray &marker)
{
    int n = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile cmdline(dir + QStringLiteral("/cmdline")), stat(dir + QStringLiteral("/stat"));
        if (!cmdline.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        n += line.mid(line.lastIndexOf(')') + 2, 1) != "Z" && cmdline.readAll().contains(marker);
    }
    return n;
}

// Writers the agent left running when it ended its build turn (tests/common/hostileacpagent.py, mode
// "background"): each file is as the checkpoint committed it, and was last written before the checkpoint
// was recorded, so nothing changed it while the gates ran; no writer runs.
inline void expectNoWriterOutlivedTheTurn(const Fixture &f)
{
    expectReport(f, QStringLiteral("writers"), QStringLiteral("bg_setsid.py="));
    const QString writers = agentReport(f.run).value(QStringLiteral("writers"));
    QDateTime checkpointed;
    for (const Event &e : f.run.events)
        if (e.kind == kinds::Checkpoint)
            checkpointed = e.time;
    QVERIFY2(checkpointed.isValid() && !f.run.state.checkpoints.isEmpty(), f.story().constData());
    for (const char *name : {"bg_setsid.py", "bg_double.py", "bg_noterm.py"}) {
        const QString file = QStringLiteral("src/units/") + QString::fromLatin1(name);
        QVERIFY2(writers.contains(QString::fromLatin1(name) + QLatin1Char('=')) &&
                         !writers.contains(QString::fromLatin1(name) + QStringLiteral("=0,")) &&
                         !writers.endsWith(QString::fromLatin1(name) + QStringLiteral("=0")),
                 qPrintable(writers)); // it ran during the turn
        QString inCommit;
        QVERIFY(git(f.worktree,
                    {QStringLiteral("show"), f.run.state.checkpoints.last() + QLatin1Char(':') + file},
                    &inCommit));
        QFile now(f.worktree + QLatin1Char('/') + file);
        QVERIFY(now.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(now.readAll()), inCommit);
        const QDateTime written = QFileInfo(now).lastModified();
        QVERIFY2(written < checkpointed,
                 qPrintable(file + QStringLiteral(" written at ") + written.toString(Qt::ISODateWithMs) +
                            QStringLiteral(", checkpoint at ") + checkpointed.toString(Qt::ISODateWithMs)));
    }
    QCOMPARE(processesWithMarker(f.fill(QStringLiteral("@MARK@-bg")).toUtf8()), 0);
}

inline QList<AttackCase> acpCases()
{
    QList<AttackCase> c;
    // Before the approval: writes by the agent's own process (the worktree is read-only in its sandbox; the
    // write audit records each as sandbox_write_refused), through fs/write_text_file and permission
    // requests (the write gate), to the canary and the main repository's .harness/ (neither is in its
    // sandbox).
    c << acpCase("acp_writes_before_plan_approval", false, "plan-writes", {}, Ends::NotMerged,
                 [](const Fixture &f) {
                     expectReport(f, QStringLiteral("direct"), QStringLiteral("Read-only file system"));
                     expectWriteRefused(
                             f, QStringLiteral("src/units/early.py"),
                             QStringLiteral("the worktree is read-only until the plan is approved"));
                     expectReport(f, QStringLiteral("fs"), QStringLiteral("until the plan is approved"));
                     expectReport(f, QStringLiteral("permission"), QStringLiteral("no-once"));
                     expectReport(f, QStringLiteral("command"), QStringLiteral("no-once"));
                     expectReport(f, QStringLiteral("canary"), QStringLiteral("FileNotFoundError"));
                     expectReport(f, QStringLiteral("main_harness"), QStringLiteral("FileNotFoundError"));
                     QVERIFY2(writeGateDenials(f) >= 3, f.story().constData());
                     QVERIFY(!QFileInfo::exists(f.worktree + QStringLiteral("/src/units/early.py")));
                 });
    // After the approval: .harness/ and .git of the worktree (read-only in the sandbox; refused by the
    // tool layer, and audited when the agent's own process writes), outside the worktree (not in the
    // sandbox; refused by the tool layer).
    c << acpCase("acp_writes_into_harness_git_and_outside", false, "protected",
                 {{"main_git", "@ROOT@/.git/config"}}, Ends::NotMerged, [](const Fixture &f) {
                     expectReport(f, QStringLiteral("harness"), QStringLiteral("Read-only file system"));
                     expectReport(f, QStringLiteral("git"), QStringLiteral("Read-only file system"));
                     expectWriteRefused(f, QStringLiteral(".harness/policy.json"),
                                        QStringLiteral(".harness is read-only"));
                     expectWriteRefused(f, QStringLiteral(".git"), QStringLiteral(".git is read-only"));
                     expectReport(f, QStringLiteral("fs_harness"), QStringLiteral("PermissionError"));
                     expectReport(f, QStringLiteral("fs_outside"), QStringLiteral("PermissionError"));
                     expectReport(f, QStringLiteral("canary"), QStringLiteral("FileNotFoundError"));
                     expectReport(f, QStringLiteral("legit"), QStringLiteral("ok")); // the sandbox is live
                     expectReport(f, QStringLiteral("fs_main_git"), QStringLiteral("PermissionError"));
                     const QString mainGit = agentReport(f.run).value(QStringLiteral("main_git"));
                     QVERIFY2(mainGit.contains(QStringLiteral("Error")), qPrintable(mainGit));
                     const QString denied = f.run.permissionDenials().join(QLatin1Char('\n'));
                     QVERIFY2(denied.contains(QStringLiteral(".harness/evil.json")) &&
                                      denied.contains(f.canary->file()) &&
                                      denied.contains(f.root + QStringLiteral("/.git/config")),
                              qPrintable(denied + QString::fromUtf8(f.story())));
                     QVERIFY(!QFileInfo::exists(f.worktree + QStringLiteral("/.harness/evil.json")));
                     QString status;
                     QVERIFY(git(f.worktree,
                                 {QStringLiteral("status"), QStringLiteral("--porcelain"),
                                  QStringLiteral("--"), QStringLiteral(".harness"), QStringLiteral(".git")},
                                 &status));
                     QVERIFY2(status.isEmpty(), qPrintable(status));
                 });
    // A repository of the agent's own in the worktree: caught after the turn, before any checkpoint.
    // (The turn ends with the executor refusing the tree: a run_error with the reason, as a phase step
    // records every failed turn.)
    AttackCase nested =
            acpCase("acp_nested_repository", false, "nested", {}, Ends::Escalated, [](const Fixture &f) {
                // git init ran in the agent's sandbox
                expectReport(f, QStringLiteral("nested"), QStringLiteral("returncode=0"));
                expectViolationAt(f, QStringLiteral("src/units/vendored"));
                const QList<QJsonObject> errors = f.run.ofKind(kinds::RunError);
                QVERIFY2(errors.size() == 1 &&
                                 errors.first()
                                         .value(QStringLiteral("message"))
                                         .toString()
                                         .contains(QStringLiteral("src/units/vendored")),
                         f.story().constData());
            });
    nested.endsInRunError = true;
    c << nested;
    // The host's listener, the D-Bus session bus and its Secret Service, and an abstract Unix socket:
    // through terminal/* (the harness runs the commands in the run's sandbox; network on: only the proxy)
    // and by the agent's own process (its sandbox reaches only its model endpoint; it has none here).
    const QString viaProxy = QString::fromUtf8(
            "curl -sS -m 10 --noproxy '' -o /dev/null -w 'http=%{http_code}\\n' -x http://127.0.0.1:3128 "
            "http://127.0.0.1:@PORT@/leak");
    const QString direct = QString::fromUtf8(
            "python3 -c \"import socket; socket.create_connection(('127.0.0.1', @PORT@), timeout=3); "
            "print('CONNECTED')\"; echo \"tcp=$?\"");
    const QString keychain = QString::fromUtf8(
            "DBUS_SESSION_BUS_ADDRESS='@DBUS@' secret-tool lookup service harness-adversarial key canary; "
            "echo \"secret-tool=$?\"; DBUS_SESSION_BUS_ADDRESS='@DBUS@' dbus-send --session --print-reply "
            "--dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames; echo \"dbus-send=$?\"");
    const QString abstract =
            QString::fromUtf8("socat -u OPEN:/dev/null ABSTRACT-CONNECT:@ABSTRACT@; echo \"socat=$?\"");
    const auto refused = [](const Fixture &f, const QString &name) {
        const QString said = agentReport(f.run).value(name);
        QVERIFY2(said.startsWith(QStringLiteral("exit=")), qPrintable(name + QStringLiteral(": ") + said));
        for (const char *bad :
             {"CONNECTED", "tcp=0", "secret-tool=0", "dbus-send=0", "method return", "socat=0", "=127"})
            QVERIFY2(!said.contains(QLatin1String(bad)), qPrintable(name + QStringLiteral(": ") + said));
    };
    c << acpCase(
            "acp_terminal_commands_reach_no_network_dbus_or_keychain", true, "commands",
            {{"terminal",
              QJsonObject {
                      {"proxy", viaProxy}, {"tcp", direct}, {"keychain", keychain}, {"abstract", abstract}}}},
            Ends::NotMerged, [=](const Fixture &f) {
                for (const char *name : {"proxy", "tcp", "keychain", "abstract"})
                    refused(f, QString::fromUtf8(name));
                expectReport(f, QStringLiteral("proxy"), QStringLiteral("http=403"));
                expectReport(f, QStringLiteral("keychain"), QStringLiteral("secret-tool="));
                // Audited: the proxy's denial, and each command a run_command tool_call event.
                const QString port = QStringLiteral(":%1 ").arg(f.tcp->serverPort());
                const QString denied = f.run.networkDenials().join(QLatin1Char('\n'));
                QVERIFY2(denied.contains(port), qPrintable(denied + QString::fromUtf8(f.story())));
                int commands = 0;
                for (const QJsonObject &p : f.run.ofKind(kinds::ToolCall))
                    commands += p.value(QStringLiteral("tool")).toString() == QLatin1String("run_command");
                QCOMPARE(commands, 4);
            });
    // The same by the agent's own process, each command's failure its own exit status.
    c << acpCase(
            "acp_agent_process_reaches_no_network_dbus_or_keychain", false, "commands",
            {{"direct",
              QJsonObject {
                      {"tcp",
                       QString::fromUtf8("python3 -c \"import socket; socket.create_connection(('127.0.0.1', "
                                         "@PORT@), timeout=3); print('CONNECTED')\"")},
                      {"secret",
                       QString::fromUtf8("DBUS_SESSION_BUS_ADDRESS='@DBUS@' secret-tool lookup service "
                                         "harness-adversarial key canary")},
                      {"dbus",
                       QString::fromUtf8(
                               "DBUS_SESSION_BUS_ADDRESS='@DBUS@' dbus-send --session --print-reply "
                               "--dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames")},
                      {"abstract",
                       QString::fromUtf8("socat -u OPEN:/dev/null ABSTRACT-CONNECT:@ABSTRACT@")}}}},
            Ends::NotMerged, [=](const Fixture &f) {
                const QStringList names {QString::fromUtf8("abstract"), QString::fromUtf8("dbus"),
                                         QString::fromUtf8("secret"), QString::fromUtf8("tcp")};
                for (const QString &name : names) {
                    refused(f, name);
                    const QString said = agentReport(f.run).value(name);
                    QVERIFY2(!said.startsWith(QStringLiteral("exit=0 ")) &&
                                     !said.startsWith(QStringLiteral("exit=127 ")),
                             qPrintable(name + QStringLiteral(": ") + said));
                }
                // Audited: the agent's own calls as it reported them, each failed.
                QStringList failed = failedAgentCommands(f);
                failed.sort();
                QCOMPARE(failed, names);
            });
    // Writers left running when the agent ends its build turn — detached with setsid and nohup, forked
    // twice, deaf to SIGTERM — to change the worktree after the turn's check, during the gates: the agent's
    // whole sandbox is ended before the check, so the gates see what the checkpoint committed.
    c << acpCase("acp_background_writers_outlive_the_turn", false, "background", {{"marker", "@MARK@-bg"}},
                 Ends::NotMerged, [](const Fixture &f) { expectNoWriterOutlivedTheTurn(f); });
    // Protocol abuse: a message over the reader's limit, and a line that is not JSON, end the session; the
    // run stops for a human with the reason recorded.
    for (const char *mode : {"oversized", "malformed"}) {
        AttackCase bad = acpCase("", false, mode, {}, Ends::Escalated, [](const Fixture &f) {
            const QList<QJsonObject> errors = f.run.ofKind(kinds::RunError);
            QCOMPARE(errors.size(), 1);
            QCOMPARE(errors.first().value(QStringLiteral("kind")).toString(), QStringLiteral("agent_failed"));
            QVERIFY(!errors.first().value(QStringLiteral("message")).toString().isEmpty());
            QVERIFY2(!f.run.has(kinds::AgentResponse), f.story().constData());
            QVERIFY(!f.run.has(kinds::Checkpoint));
        });
        bad.name = QStringLiteral("acp_%1_json_rpc_message").arg(QString::fromUtf8(mode));
        bad.endsInRunError = true;
        c << bad;
    }
    return c;
}

} // namespace harness::test
