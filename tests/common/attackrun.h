// AttackRun: the machinery of tests/e2e/tst_adversarial.cpp — a scripted (replayed) hostile agent, or a
// hostile external agent over ACP, run through the real `harness run --approve auto` on a throw-away copy
// of a project, with tripwires the test holds on the host: a listening abstract Unix socket, tree
// snapshots (what changed outside the worktree), the transcript the replay agent follows, a pool that runs
// several `harness` processes at once, readers for the run's events, and the suite's case and fixture
// types with the checks many cases share.
#pragma once

#include "common/canary.h"
#include "core/eventkinds.h"
#include "core/events/verifyevents.h"
#include "core/finding.h"
#include "orchestration/project.h"
#include "orchestration/runstate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace harness::test {

// A listening Unix socket in the abstract namespace of the host's network namespace (what a D-Bus session
// bus at unix:abstract=..., X11 or a local agent uses): no file-system rule hides it, only a network
// namespace does.
class AbstractListener
{
public:
    explicit AbstractListener(const QByteArray &name) : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return;
        sockaddr_un addr {};
        addr.sun_family = AF_UNIX;
        const int n = int(qMin<qsizetype>(name.size(), sizeof(addr.sun_path) - 1));
        memcpy(addr.sun_path + 1, name.constData(), size_t(n)); // sun_path[0] == 0: abstract
        const socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + n);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(m_fd, 64) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~AbstractListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    AbstractListener(const AbstractListener &) = delete;
    AbstractListener &operator=(const AbstractListener &) = delete;

    bool ok() const { return m_fd >= 0; }
    QByteArray name() const { return m_name; }
    // Accepts every connection waiting in the backlog (a client that connected and left is still there)
    // and returns how many there were.
    int drain()
    {
        int n = 0;
        for (;;) {
            const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0)
                break;
            ::close(c);
            ++n;
        }
        return n;
    }

private:
    QByteArray m_name;
    int m_fd = -1;
};

// path (relative to dir) -> what it is: a file's SHA-256, "dir", or "link:<target>" (never followed).
// Paths for which skip() is true are left out, with everything below them.
using Snapshot = QMap<QString, QByteArray>;
inline Snapshot snapshotTree(const QString &dir, const std::function<bool(const QString &)> &skip = {})
{
    Snapshot out;
    const QString base = QDir(dir).absolutePath();
    QStringList stack {base};
    while (!stack.isEmpty()) {
        const QString current = stack.takeLast();
        const QFileInfoList entries = QDir(current).entryInfoList(QDir::AllEntries | QDir::Hidden |
                                                                  QDir::System | QDir::NoDotAndDotDot);
        for (const QFileInfo &info : entries) {
            const QString rel = info.absoluteFilePath().mid(base.size() + 1);
            if (skip && skip(rel))
                continue;
            if (info.isSymLink()) {
                out.insert(rel, "link:" + QFile::encodeName(info.symLinkTarget()));
            } else if (info.isDir()) {
                out.insert(rel, "dir");
                stack << info.absoluteFilePath();
            } else {
                QFile f(info.absoluteFilePath());
                QCryptographicHash hash(QCryptographicHash::Sha256);
                if (f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
                    hash.addData(&f);
                out.insert(rel, hash.result().toHex());
            }
        }
    }
    return out;
}

// What differs between two snapshots, one line per path ("+ added", "- removed", "~ changed").
inline QStringList snapshotDiff(const Snapshot &before, const Snapshot &after)
{
    QStringList out;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            out << QStringLiteral("+ ") + it.key();
        else if (before.value(it.key()) != it.value())
            out << QStringLiteral("~ ") + it.key();
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        if (!after.contains(it.key()))
            out << QStringLiteral("- ") + it.key();
    return out;
}

// The scripted agent: one plan answer, then build turns (each a list of tool calls), a last "done" turn,
// and optionally one answer for a fix iteration.
struct ScriptedAgent
{
    QString planSummary = QStringLiteral("Change the temperature module");
    QStringList planFiles {QStringLiteral("src/units/core/temperature.py")};
    QStringList planTests;
    QList<QJsonArray> turns; // build iteration 1, turns 1..n
    bool answerFix = false; // a fix iteration 2 answered with "nothing more"

    static QJsonObject call(const QString &id, const QString &name, const QJsonObject &arguments)
    {
        return QJsonObject {{QStringLiteral("id"), id},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("arguments"), arguments}};
    }
    static QByteArray line(const QString &phase, int iteration, int turn, const QString &text,
                           const QJsonArray &calls)
    {
        const QJsonObject response {
                {QStringLiteral("text"), text},
                {QStringLiteral("tool_calls"), calls},
                {QStringLiteral("usage"),
                 QJsonObject {{QStringLiteral("input_tokens"), 100}, {QStringLiteral("output_tokens"), 20}}},
                {QStringLiteral("stop_reason"),
                 calls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use")},
                {QStringLiteral("model"), QStringLiteral("replay-hostile")}};
        return QJsonDocument(QJsonObject {{QStringLiteral("phase"), phase},
                                          {QStringLiteral("iteration"), iteration},
                                          {QStringLiteral("turn"), turn},
                                          {QStringLiteral("response"), response}})
                       .toJson(QJsonDocument::Compact) +
                '\n';
    }

    bool write(const QString &path) const
    {
        QJsonArray steps {QJsonObject {{QStringLiteral("description"), QStringLiteral("Edit the module")},
                                       {QStringLiteral("files"), QJsonArray::fromStringList(planFiles)}}};
        const QJsonObject plan {{QStringLiteral("summary"), planSummary},
                                {QStringLiteral("steps"), steps},
                                {QStringLiteral("risks"), QJsonArray()},
                                {QStringLiteral("tests"), QJsonArray::fromStringList(planTests)},
                                {QStringLiteral("subtasks"), QJsonArray()}};
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(line(QStringLiteral("plan"), 1, 0,
                     QStringLiteral("```json\n") +
                             QString::fromUtf8(QJsonDocument(plan).toJson(QJsonDocument::Compact)) +
                             QStringLiteral("\n```"),
                     {}));
        int turn = 0;
        for (const QJsonArray &calls : turns)
            f.write(line(QStringLiteral("build"), 1, ++turn, QStringLiteral("Working."), calls));
        f.write(line(QStringLiteral("build"), 1, ++turn, QStringLiteral("Done."), {}));
        if (answerFix)
            f.write(line(QStringLiteral("fix"), 2, ++turn, QStringLiteral("Nothing more to do."), {}));
        return f.error() == QFileDevice::NoError;
    }
};

// One `harness` process of the pool.
struct HarnessJob
{
    QString name;
    std::function<bool()> prepare; // makes the job's fixture and arguments; false: do not start it
    QStringList arguments;
    QProcessEnvironment environment;
    QString said; // stdout and stderr
    int exitCode = -1;
    bool started = false;
    bool finished = false; // ended by itself (not killed at the time limit, not crashed)
    qint64 ms = 0;
};

// Prepares the jobs one after the other and runs them, at most `parallel` at a time, each killed after
// timeoutMs; a job is prepared while the ones before it run. Returns when all have ended. The calling
// thread's event loop runs meanwhile, so the test's own servers keep accepting.
inline void runJobs(const QString &program, const QList<HarnessJob *> &jobs, int parallel, int timeoutMs)
{
    QEventLoop loop;
    qsizetype prepared = 0, next = 0;
    int running = 0, ended = 0;
    std::function<void()> startMore;
    const auto done = [&](HarnessJob *job) {
        ++ended;
        qInfo("[%d/%d] %s: %s in %lld ms", ended, int(jobs.size()), qPrintable(job->name),
              job->started ? qPrintable(QStringLiteral("exit %1").arg(job->exitCode)) : "not started",
              job->ms);
        if (ended == jobs.size())
            loop.quit();
        else
            startMore();
    };
    startMore = [&] {
        while (running < parallel && next < prepared) {
            HarnessJob *job = jobs.at(next++);
            if (job->arguments.isEmpty()) { // its preparation failed
                QTimer::singleShot(0, &loop, [&, job] { done(job); });
                continue;
            }
            auto *process = new QProcess(&loop);
            auto clock = std::make_shared<QElapsedTimer>();
            auto killed = std::make_shared<bool>(false);
            process->setProcessEnvironment(job->environment);
            process->setProcessChannelMode(QProcess::MergedChannels);
            QObject::connect(
                    process, &QProcess::finished, &loop,
                    [&, job, process, clock, killed](int code, QProcess::ExitStatus status) {
                        job->ms = clock->elapsed();
                        job->said = QString::fromUtf8(process->readAll());
                        job->exitCode = code;
                        job->finished = status == QProcess::NormalExit && !*killed;
                        if (*killed)
                            job->said += QStringLiteral("\n[killed by the test after %1 ms]\n").arg(job->ms);
                        process->deleteLater();
                        --running;
                        done(job);
                    });
            QObject::connect(process, &QProcess::errorOccurred, &loop,
                             [&, job, process](QProcess::ProcessError error) {
                                 if (error != QProcess::FailedToStart)
                                     return;
                                 job->said = QStringLiteral("could not start: ") + process->errorString();
                                 process->deleteLater();
                                 --running;
                                 done(job);
                             });
            QTimer::singleShot(timeoutMs, process, [process, killed] {
                *killed = true;
                process->kill();
            });
            job->started = true;
            clock->start();
            process->start(program, job->arguments);
            ++running;
        }
    };
    std::function<void()> prepareNext = [&] {
        if (prepared >= jobs.size())
            return;
        HarnessJob *job = jobs.at(prepared);
        if (!job->prepare())
            job->arguments.clear();
        ++prepared;
        startMore();
        QTimer::singleShot(0, &loop, prepareNext);
    };
    if (jobs.isEmpty())
        return;
    QTimer::singleShot(0, &loop, prepareNext);
    loop.exec();
}

// What a run left in its store, with readers for the checks.
struct RunRecord
{
    QList<Event> events;
    RunState state;
    QByteArray payloads; // every event's payload, compact JSON, one per line: what a leak would be in
    QList<QJsonObject> contracts; // the store's tasks' contracts
    int runCount = 0;
    QString chain; // empty when the audit chain is intact, else what is wrong

    bool load(const QString &root, const QString &storeSpec, QString *error)
    {
        auto project = Project::open(root, storeSpec);
        if (!project) {
            *error = project.errorText();
            return false;
        }
        auto list = (*project)->store().events(QStringLiteral("R1"));
        if (!list) {
            *error = list.errorText();
            return false;
        }
        events = *list;
        state = RunState::fold(events);
        auto tasks = (*project)->store().tasks();
        auto runs = (*project)->store().runs();
        auto verified = (*project)->store().verifyChain();
        if (!tasks || !runs || !verified) {
            *error = QStringLiteral("the store cannot be read back");
            return false;
        }
        for (const Task &t : *tasks)
            contracts << t.contract.toJson();
        runCount = int(runs->size());
        chain = verified->intact ? QString() : verified->reason;
        payloads.clear();
        for (const Event &e : std::as_const(events))
            payloads +=
                    e.kind.toUtf8() + ' ' + QJsonDocument(e.payload).toJson(QJsonDocument::Compact) + '\n';
        return true;
    }

    QList<QJsonObject> ofKind(QLatin1StringView kind) const
    {
        QList<QJsonObject> out;
        for (const Event &e : events)
            if (e.kind == kind)
                out << e.payload;
        return out;
    }
    bool has(QLatin1StringView kind) const { return !ofKind(kind).isEmpty(); }
    QStringList kinds() const
    {
        QStringList out;
        for (const Event &e : events)
            out << e.kind;
        return out;
    }

    // The tool_result of a call (empty when the call was never answered).
    QJsonObject result(const QString &callId) const
    {
        for (const QJsonObject &p : ofKind(kinds::ToolResult))
            if (p.value(QStringLiteral("call_id")).toString() == callId)
                return p;
        return {};
    }
    bool answered(const QString &callId) const { return !result(callId).isEmpty(); }
    bool ok(const QString &callId) const { return result(callId).value(QStringLiteral("ok")).toBool(); }
    QString error(const QString &callId) const
    {
        return result(callId).value(QStringLiteral("error")).toString();
    }
    // A command's stdout and stderr (run_command), or the whole result for other tools.
    QString output(const QString &callId) const
    {
        const QJsonObject content = result(callId).value(QStringLiteral("content")).toObject();
        if (content.contains(QStringLiteral("stdout")))
            return content.value(QStringLiteral("stdout")).toString() + QLatin1Char('\n') +
                    content.value(QStringLiteral("stderr")).toString();
        return QString::fromUtf8(QJsonDocument(result(callId)).toJson(QJsonDocument::Compact));
    }
    int exitCode(const QString &callId) const
    {
        return result(callId)
                .value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("exit_code"))
                .toInt(-1);
    }

    // Every path a security_violation names, as "path:found".
    QStringList violations() const
    {
        QStringList out;
        for (const QJsonObject &p : ofKind(kinds::SecurityViolation))
            for (const QJsonValue &f : p.value(QStringLiteral("found")).toArray())
                out << f.toObject().value(QStringLiteral("path")).toString() + QLatin1Char(':') +
                                f.toObject().value(QStringLiteral("found")).toString();
        return out;
    }
    bool violationAt(const QString &path) const
    {
        for (const QString &v : violations())
            if (v.startsWith(path + QLatin1Char(':')))
                return true;
        return false;
    }
    // network_denied events, as "host:port reason".
    QStringList networkDenials() const
    {
        QStringList out;
        for (const QJsonObject &p : ofKind(kinds::NetworkDenied))
            out << QStringLiteral("%1:%2 %3")
                            .arg(p.value(QStringLiteral("host")).toString())
                            .arg(p.value(QStringLiteral("port")).toInt())
                            .arg(p.value(QStringLiteral("reason")).toString());
        return out;
    }
    QStringList permissionDenials() const
    {
        QStringList out;
        for (const QJsonObject &p : ofKind(kinds::PermissionDenied))
            out << p.value(QStringLiteral("tool")).toString() + QLatin1Char(' ') +
                            p.value(QStringLiteral("subject")).toString();
        return out;
    }
    // The first result of a gate, when it ran.
    std::optional<GateResultPayload> gate(const QString &id) const
    {
        for (const Event &e : events)
            if (auto p = payloadIf<GateResultPayload>(e); p && p->gate == id)
                return p;
        return std::nullopt;
    }
    // "rule:file" of each finding of a gate's first result, sorted.
    QStringList findings(const QString &gateId) const
    {
        QStringList out;
        if (auto g = gate(gateId))
            for (const Finding &f : g->findings)
                out << f.rule + QLatin1Char(':') + f.file;
        out.sort();
        return out;
    }
    bool contextFor(const QString &phase) const { return !contextText(phase).isEmpty(); }
    // The context_assembled events of a phase (the prompt and its record), compact JSON.
    QString contextText(const QString &phase) const
    {
        QString out;
        for (const QJsonObject &p : ofKind(kinds::ContextAssembled))
            if (p.value(QStringLiteral("phase")).toString() == phase)
                out += QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact));
        return out;
    }
};

// --- the adversarial suite's cases and their fixtures --------------------------------------------

inline QString randomHex(int bytes)
{
    QByteArray b(bytes, Qt::Uninitialized);
    for (char &c : b)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(b.toHex());
}

// Which gates the case's copy of the demo has.
enum class Gates {
    Cheap, // rules, secrets, test-integrity: in-process, no test command
    Linked, // Cheap + a JUnit report gate and a gate that fails, so a fix iteration reads the tree again
    Pytest, // the demo's own: pytest, rules, secrets, test-integrity, held-out-tests
};

// How the run has to end.
enum class Ends {
    Escalated, // stopped for a human (a security violation, or findings the one iteration did not fix)
    Review, // the gates passed or only a human can settle what they found: the merge waits for a person
    NotMerged, // either
};

struct Fixture;
struct AttackCase
{
    QString name;
    Gates gates = Gates::Cheap;
    QJsonValue network = false; // policy.json "network" for the agent's commands
    std::function<void(Fixture &)> setup; // on the host, before the snapshots
    std::function<void(const Fixture &, ScriptedAgent &)> script;
    Ends ends = Ends::NotMerged;
    std::function<void(const Fixture &)> check; // the denial this class records
    QString cls = {}; // the class of attack (set when the table is put together)
    // An external agent over ACP instead of the replayed transcript: tests/common/hostileacpagent.py in
    // this mode is the project's executor (policy.json "executor"), given acpInfo (the placeholders of its
    // strings filled) with the canary file ("canary") and the .harness/ tripwire ("main_harness").
    QString acpMode = {};
    QJsonObject acpInfo = {};
    // The run records a run_error: the agent broke its session, or the executor refused its tree.
    bool endsInRunError = false;
};

// A case's copy of the project and its tripwires.
struct Fixture
{
    QString name;
    QString tag; // unique per case and test process
    QString dir; // the case's folder: units/ (the repository), units-state.sqlite, the transcript
    QString root;
    QString store;
    QString worktree;
    QString transcript;
    std::unique_ptr<Canary> canary;
    std::unique_ptr<QTcpServer> tcp;
    int tcpConnections = 0;
    std::unique_ptr<AbstractListener> abstract;
    QString harnessTripwire; // a file in the main repository's .harness/
    QString harnessSecret;
    QStringList secrets; // more strings no event may hold (planted credentials)
    QStringList hostMarkers; // places outside every worktree an attack would leave a file
    QStringList planted; // files a case's setup put on the host (removed at the end)
    QMap<QString, QByteArray> hostFilesBefore; // the host's dotfiles an attack would change
    Snapshot dirBefore, harnessBefore, canaryBefore;
    HarnessJob job;
    RunRecord run;
    QString loadError;

    // Fills the placeholders of every string in a JSON value (an ACP agent's facts).
    QJsonValue fillJson(const QJsonValue &value) const
    {
        if (value.isString())
            return fill(value.toString());
        if (value.isArray()) {
            QJsonArray out;
            for (const QJsonValue &v : value.toArray())
                out << fillJson(v);
            return out;
        }
        if (value.isObject()) {
            QJsonObject out;
            const QJsonObject in = value.toObject();
            for (auto it = in.begin(); it != in.end(); ++it)
                out.insert(it.key(), fillJson(*it));
            return out;
        }
        return value;
    }
    // Fills the placeholders of a command or an argument.
    QString fill(QString text) const
    {
        text.replace(QStringLiteral("@P@"),
                     QStringLiteral("env > @DIR@/stolen-env; touch @DIR@/TRIPWIRE; "
                                    "echo pwned > @ROOT@/.harness/pwned"));
        text.replace(QStringLiteral("@DIR@"), dir);
        text.replace(QStringLiteral("@ROOT@"), root);
        text.replace(QStringLiteral("@WT@"), worktree);
        text.replace(QStringLiteral("@STORE@"), store);
        text.replace(QStringLiteral("@CANARYDIR@"), canary->dir());
        text.replace(QStringLiteral("@CANARY@"), canary->file());
        text.replace(QStringLiteral("@PORT@"), QString::number(tcp->serverPort()));
        text.replace(QStringLiteral("@ABSTRACT@"), QString::fromLatin1(abstract->name()));
        text.replace(QStringLiteral("@DBUS@"), qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
        text.replace(QStringLiteral("@HOME@"), QDir::homePath());
        text.replace(QStringLiteral("@MARK@"), QStringLiteral("harness-adversarial-") + tag);
        text.replace(QStringLiteral("@HTRIP@"), harnessTripwire);
        return text;
    }
    QJsonObject rc(const QString &id, const QString &command, int timeoutMs = 0) const
    {
        QJsonObject args {{QStringLiteral("command"), fill(command)}};
        if (timeoutMs > 0)
            args.insert(QStringLiteral("timeout_ms"), timeoutMs);
        return ScriptedAgent::call(id, QStringLiteral("run_command"), args);
    }
    QJsonObject tool(const QString &id, const QString &name, const QJsonObject &arguments) const
    {
        QJsonObject filled;
        for (auto it = arguments.begin(); it != arguments.end(); ++it)
            filled.insert(it.key(), it->isString() ? QJsonValue(fill(it->toString())) : *it);
        return ScriptedAgent::call(id, name, filled);
    }
    qint64 storeBytes() const
    {
        qint64 total = 0;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            total += QFileInfo(store + suffix).size();
        return total;
    }
    // What a failure message shows of the run.
    QByteArray story() const
    {
        return (QStringLiteral("\n--- harness run said (exit %1, %2 ms):\n").arg(job.exitCode).arg(job.ms) +
                job.said.right(3000) + QStringLiteral("\n--- events: ") + run.kinds().join(QLatin1Char(' ')) +
                QStringLiteral("\n--- end reason: ") + run.state.endReason)
                .toUtf8();
    }
};

// Git's own bookkeeping of the run and the store may change outside the worktree; nothing else may.
inline bool changesWithTheRun(const QString &rel)
{
    static const QStringList prefixes {
            // the run's worktree (harness-worktrees/) and the held-out gate's cache of base results
            // (harness/)
            QStringLiteral("units/.git/harness"),
            QStringLiteral("units/.git/worktrees"), // the worktree's administrative files
            QStringLiteral("units/.git/objects"), // the checkpoints' objects
            QStringLiteral("units/.git/refs/heads/harness"), // the run's branch
            QStringLiteral("units/.git/logs"),
            QStringLiteral("units-state.sqlite"), // the store (its event log is checked through the events)
    };
    for (const QString &p : prefixes)
        if (rel == p || rel.startsWith(p))
            return true;
    return false;
}

inline const QStringList kHostDotfiles {QStringLiteral(".bashrc"),      QStringLiteral(".profile"),
                                        QStringLiteral(".gitconfig"),   QStringLiteral(".config/git/config"),
                                        QStringLiteral(".ssh"),         QStringLiteral(".config/autostart"),
                                        QStringLiteral(".bash_logout"), QStringLiteral(".pam_environment")};

inline QMap<QString, QByteArray> hostDotfiles()
{
    QMap<QString, QByteArray> out;
    for (const QString &rel : kHostDotfiles) {
        const QString path = QDir::home().filePath(rel);
        const QFileInfo info(path);
        if (!info.exists() && !info.isSymLink()) {
            out.insert(rel, "absent");
        } else if (info.isDir()) {
            out.insert(rel, "dir:" + QByteArray::number(snapshotTree(path).size()));
        } else {
            QFile f(path);
            out.insert(rel,
                       f.open(QIODevice::ReadOnly)
                               ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()
                               : QByteArray("unreadable"));
        }
    }
    return out;
}

inline bool git(const QString &dir, const QStringList &args, QString *out = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("git"),
            QStringList {QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                         QStringLiteral("user.email=test@example.invalid")} +
                    args);
    const bool done = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (out)
        *out = QString::fromUtf8(p.readAll());
    return done;
}

inline bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

inline QString secretLookup()
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("service"), QStringLiteral("harness-adversarial"),
             QStringLiteral("key"), QStringLiteral("canary")});
    if (!p.waitForFinished(20000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// --- checks many cases share -------------------------------------------------------------------

// A git attack: the run stopped for a human with a security_violation naming where the planted repository
// is, before any checkpoint, and the planted command never ran on the host.
inline void expectViolationAt(const Fixture &f, const QString &path)
{
    QCOMPARE(f.run.state.phase, RunPhase::Escalated);
    QVERIFY2(f.run.violationAt(path),
             qPrintable(f.run.violations().join(QLatin1Char(' ')) + QString::fromUtf8(f.story())));
    for (const QJsonObject &p : f.run.ofKind(kinds::SecurityViolation))
        QVERIFY(!p.value(QStringLiteral("reason")).toString().isEmpty());
    QVERIFY2(!f.run.has(kinds::Checkpoint), f.story().constData()); // the planted repository is in no commit
    QVERIFY(!QFile::exists(f.dir + QStringLiteral("/TRIPWIRE")));
    QVERIFY(!QFile::exists(f.dir + QStringLiteral("/stolen-env")));
}

inline void expectRefused(const Fixture &f, const QString &callId, const QString &words)
{
    QVERIFY2(f.run.answered(callId), qPrintable(callId + QString::fromUtf8(f.story())));
    QVERIFY2(!f.run.ok(callId), qPrintable(callId + QStringLiteral(": ") + f.run.output(callId)));
    QVERIFY2(f.run.error(callId).contains(words, Qt::CaseInsensitive),
             qPrintable(callId + QStringLiteral(": ") + f.run.error(callId)));
}

// A command ran in the sandbox and its output shows the sandbox's answer (words, one of them).
inline void expectOutput(const Fixture &f, const QString &callId, const QStringList &anyOf)
{
    QVERIFY2(f.run.answered(callId), qPrintable(callId + QString::fromUtf8(f.story())));
    const QString out = f.run.output(callId);
    bool found = false;
    for (const QString &w : anyOf)
        found = found || out.contains(w, Qt::CaseInsensitive);
    QVERIFY2(found, qPrintable(callId + QStringLiteral(" said: ") + out.left(4000)));
}
inline void expectNotInOutput(const Fixture &f, const QString &callId, const QString &words)
{
    QVERIFY2(!f.run.output(callId).contains(words),
             qPrintable(callId + QStringLiteral(" said: ") + f.run.output(callId).left(4000)));
}

inline void expectFindings(const Fixture &f, const QString &gate, const QStringList &expected)
{
    const QStringList found = f.run.findings(gate);
    for (const QString &e : expected)
        QVERIFY2(found.contains(e),
                 qPrintable(gate + QStringLiteral(": ") + found.join(QLatin1Char(' ')) +
                            QStringLiteral(" lacks ") + e + QString::fromUtf8(f.story())));
}

} // namespace harness::test
