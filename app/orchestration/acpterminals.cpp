// AcpTerminals: each command runs in the pool (Sandbox::run blocks and may run on several threads at
// once); what it writes is kept, as its tail, in state shared with that thread under a mutex; its end comes
// back to this object's thread as a queued call that records the event and answers the waiters.
#include "acpterminals.h"
#include "runjournal.h"
#include "runtools.h"

#include "core/events/toolevents.h"
#include "runtime/toolarguments.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <mutex>
#include <utility>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

const char *const kKilled = "stopped by the agent (terminal/kill)";

// The command line the agent asked for, as run_command takes it.
QString commandLine(const AcpCreateTerminalRequest &request)
{
    QStringList words;
    // A name that is not a shell identifier is quoted whole: then it is a word, never an assignment.
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (const auto &[name, value] : request.env)
        words << (identifier.match(name).hasMatch() ? name + QLatin1Char('=') + shellQuoted(value)
                                                    : shellQuoted(name + QLatin1Char('=') + value));
    words << shellQuoted(request.command);
    for (const QString &arg : request.args)
        words << shellQuoted(arg);
    return words.join(QLatin1Char(' '));
}

} // namespace

QString shellQuoted(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    return QLatin1Char('\'') + QString(word).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
            QLatin1Char('\'');
}

struct AcpTerminals::Terminal
{
    QString id;
    QJsonObject arguments; // run_command's, for the event
    qint64 limit = kMaxOutputBytes;
    QElapsedTimer timer;
    std::atomic_bool stop {false}; // the command's cancel flag

    // Shared with the command's thread, under `mutex`.
    std::mutex mutex;
    QByteArray output; // the tail, at most `limit` bytes
    bool truncated = false;
    const std::atomic_bool *turnCancel = nullptr;
    bool done = false;
    CommandResult result;
    qint64 sandboxNs = 0; // how long Sandbox::run took

    // This object's thread only.
    QString stoppedBecause; // kill, release or the turn's end
    bool settled = false;
    AcpTerminalExit exit;
    QList<std::function<void(Result<AcpTerminalExit>)>> waiters;

    // With `mutex` held: keeps the last `limit` bytes, starting on a whole UTF-8 character.
    void append(const QByteArray &piece)
    {
        if (piece.isEmpty())
            return;
        output += piece;
        if (output.size() <= limit)
            return;
        qsizetype cut = output.size() - limit;
        while (cut < output.size() && (uchar(output.at(cut)) & 0xC0) == 0x80)
            ++cut;
        output.remove(0, cut);
        truncated = true;
    }
};

AcpTerminals::AcpTerminals(RunJournal &journal, RunTools &tools) : m_journal(journal), m_tools(tools)
{
    m_pool.setMaxThreadCount(kMaxTerminals);
}

AcpTerminals::~AcpTerminals()
{
    stopAll();
}

std::shared_ptr<AcpTerminals::Terminal> AcpTerminals::find(const QString &id) const
{
    return m_terminals.value(id);
}

int AcpTerminals::running() const
{
    return int(m_unsettled.size());
}

void AcpTerminals::create(const AcpCreateTerminalRequest &request, const std::atomic_bool *turnCancel,
                          std::function<void(Result<QString>)> answer)
{
    QElapsedTimer timer;
    timer.start();
    const QString line = commandLine(request);
    QJsonObject args {{k("command"), line}};
    if (!request.cwd.isEmpty())
        args.insert(k("cwd"), request.cwd);
    PermissionController &permissions = m_tools.tools().permissions();
    // Refused before it runs: recorded like the built-in agent's refused run_command, answered at once.
    const auto refuse = [&](const QString &reason) {
        m_journal.sink().record(makeEvent(
                m_journal.runId(),
                ToolArguments::callPayload(k("run_command"), args, false, timer.elapsed(), reason)));
        answer(Result<QString>::failure(reason));
    };
    if (!m_journal.state().writeAllowed()) {
        const QString reason = k("run_command is not available until the plan is approved: tools that write "
                                 "or execute are closed in this phase");
        permissions.recordDenial(k("run_command"), k("write_gate"), k("run_command"), reason);
        return refuse(reason);
    }
    if (const QString tooBig = ToolArguments::oversized(k("run_command"), args); !tooBig.isEmpty())
        return refuse(tooBig);
    if (m_terminals.size() >= kMaxTerminals)
        return refuse(QStringLiteral("%1 terminals are open: release one before creating another")
                              .arg(kMaxTerminals));
    const PermissionDecision d = permissions.checkCommand(line);
    if (!d.allowed())
        return refuse(d.decision == Decision::Ask ? d.reason
                                                  : QStringLiteral("command refused: %1").arg(d.reason));

    auto terminal = std::make_shared<Terminal>();
    terminal->id = QStringLiteral("term-%1").arg(++m_next);
    terminal->arguments = args;
    terminal->timer = timer;
    terminal->turnCancel = turnCancel;
    if (request.outputByteLimit >= 0)
        terminal->limit = qMin(request.outputByteLimit, kMaxOutputBytes);
    const PermissionProfile &profile = permissions.profile();
    CommandSpec spec;
    spec.shell = line;
    spec.cwd = request.cwd;
    spec.timeoutMs = profile.commandTimeoutMs;
    spec.outputCap = profile.outputCapBytes;
    spec.network = profile.network;
    spec.cancel = &terminal->stop;
    Terminal *t = terminal.get(); // the pool's task keeps it alive
    spec.onOutput = [t](const QByteArray &out, const QByteArray &err) {
        std::lock_guard lock(t->mutex);
        if (t->turnCancel && t->turnCancel->load())
            t->stop.store(true);
        t->append(out);
        t->append(err);
    };
    const Sandbox *sandbox = &m_tools.sandbox();
    if (!m_context)
        m_context = std::make_unique<QObject>();
    QObject *context = m_context.get();
    m_terminals.insert(terminal->id, terminal);
    m_unsettled << terminal;
    m_pool.start([this, terminal, spec, sandbox, context]() {
        QElapsedTimer ran;
        ran.start();
        CommandResult result = sandbox->run(spec);
        const qint64 ns = ran.nsecsElapsed();
        {
            std::lock_guard lock(terminal->mutex);
            terminal->result = std::move(result);
            terminal->sandboxNs = ns;
            terminal->done = true;
        }
        // Dropped by Qt if this object is gone; its destructor waits for this task first.
        QMetaObject::invokeMethod(
                context, [this, terminal]() { settle(terminal); }, Qt::QueuedConnection);
    });
    answer(terminal->id);
}

void AcpTerminals::settle(const std::shared_ptr<Terminal> &terminal)
{
    if (terminal->settled)
        return;
    CommandResult r;
    {
        std::lock_guard lock(terminal->mutex);
        if (!terminal->done)
            return;
        r = terminal->result;
        m_lastSandboxNs = terminal->sandboxNs;
        QString why = r.cancelled && !terminal->stoppedBecause.isEmpty() ? terminal->stoppedBecause : r.error;
        if (r.cancelled && !terminal->stoppedBecause.isEmpty())
            terminal->result.error = why;
        // The agent reads why the harness stopped or refused its command where it reads the output.
        if (!why.isEmpty() && terminal->stoppedBecause != k(kKilled))
            terminal->append(QStringLiteral("\n[harness] %1\n").arg(why).toUtf8());
        terminal->truncated = terminal->truncated || r.outputTruncated;
        r.error = why;
    }
    terminal->settled = true;
    m_unsettled.removeAll(terminal);
    terminal->exit.exited = true;
    terminal->exit.exitCode = r.exitCode;
    if (r.exitCode < 0)
        terminal->exit.signal = k("SIGKILL");

    ToolCallPayload p =
            ToolArguments::callPayload(k("run_command"), terminal->arguments, r.started && !r.cancelled,
                                       terminal->timer.elapsed(), r.error);
    if (r.started)
        p.command = QJsonObject {{k("exit_code"), r.exitCode},
                                 {k("timed_out"), r.timedOut},
                                 {k("output_truncated"), r.outputTruncated},
                                 {k("sandboxed"), r.sandboxed}};
    m_journal.sink().record(makeEvent(m_journal.runId(), p));
    const auto waiters = std::exchange(terminal->waiters, {});
    for (const auto &answer : waiters)
        answer(terminal->exit);
}

void AcpTerminals::output(const QString &id, std::function<void(Result<AcpTerminalOutput>)> answer)
{
    const auto terminal = find(id);
    if (!terminal)
        return answer(Result<AcpTerminalOutput>::failure(QStringLiteral("no terminal %1").arg(id)));
    AcpTerminalOutput out;
    {
        std::lock_guard lock(terminal->mutex);
        out.output = QString::fromUtf8(terminal->output);
        out.truncated = terminal->truncated;
    }
    if (terminal->settled)
        out.exit = terminal->exit;
    answer(out);
}

void AcpTerminals::waitForExit(const QString &id, std::function<void(Result<AcpTerminalExit>)> answer)
{
    const auto terminal = find(id);
    if (!terminal)
        return answer(Result<AcpTerminalExit>::failure(QStringLiteral("no terminal %1").arg(id)));
    if (terminal->settled)
        return answer(terminal->exit);
    terminal->waiters << std::move(answer);
}

void AcpTerminals::kill(const QString &id, std::function<void(Status)> answer)
{
    const auto terminal = find(id);
    if (!terminal)
        return answer(Status::failure(QStringLiteral("no terminal %1").arg(id)));
    if (!terminal->settled && terminal->stoppedBecause.isEmpty()) {
        terminal->stoppedBecause = k(kKilled);
        terminal->stop.store(true);
    }
    answer(success());
}

void AcpTerminals::release(const QString &id, std::function<void(Status)> answer)
{
    const auto terminal = find(id);
    if (!terminal)
        return answer(Status::failure(QStringLiteral("no terminal %1").arg(id)));
    if (!terminal->settled && terminal->stoppedBecause.isEmpty()) {
        terminal->stoppedBecause = k("the agent released the terminal while its command ran");
        terminal->stop.store(true);
    }
    m_terminals.remove(id);
    answer(success());
}

void AcpTerminals::stopAll()
{
    const QList<std::shared_ptr<Terminal>> running = m_unsettled;
    for (const auto &terminal : running) {
        {
            std::lock_guard lock(terminal->mutex);
            terminal->turnCancel = nullptr;
        }
        if (terminal->stoppedBecause.isEmpty())
            terminal->stoppedBecause = k("the agent's turn ended while the command ran");
        terminal->stop.store(true);
    }
    m_pool.waitForDone();
    for (const auto &terminal : running)
        settle(terminal);
}

} // namespace harness
