// AcpTerminals: the terminals an external agent opens over ACP (terminal/create, output, wait_for_exit,
// kill, release), each one command of the agent run in the run's sandbox exactly like the built-in agent's
// run_command: the write gate, the argument size policy and the permission controller first (refused
// calls are recorded and answered at once), then Sandbox::run with the permission profile's time limit,
// output cap and network — on a thread of its own, so terminal/create answers with the terminal's id while
// the command runs, terminal/output serves the output so far (its tail, within outputByteLimit), and
// terminal/wait_for_exit is answered when the command ends, without holding up the event loop. The
// `tool_call` event of each command is recorded when it ends. A command still running when its turn ends
// (or is cancelled) is stopped and waited for, so nothing of the agent runs between turns unobserved.
#pragma once

#include "agents/acp/acpagentrequests.h"
#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace harness {

// One word for the sandbox's shell, quoted only when it needs to be ("a b" -> 'a b').
QString shellQuoted(const QString &word);

class RunJournal;
class RunTools;

class AcpTerminals
{
public:
    AcpTerminals(RunJournal &journal, RunTools &tools);
    ~AcpTerminals(); // stops every command and waits for it

    // turnCancel: the flag of the turn under way; when it is set the command stops. It must stay valid
    // until stopAll() (AcpToolBridge calls it when the turn's flag changes).
    void create(const AcpCreateTerminalRequest &request, const std::atomic_bool *turnCancel,
                std::function<void(Result<QString>)> answer);
    void output(const QString &id, std::function<void(Result<AcpTerminalOutput>)> answer);
    void waitForExit(const QString &id, std::function<void(Result<AcpTerminalExit>)> answer);
    void kill(const QString &id, std::function<void(Status)> answer);
    void release(const QString &id, std::function<void(Status)> answer);

    // Stops every running command, waits until each has ended, records its event and answers its waiters.
    void stopAll();
    int running() const;
    // How long Sandbox::run took for the terminal settled last, in nanoseconds (on the command's thread):
    // what a terminal costs beyond it is the harness's own (bench_acpbridge).
    qint64 lastSandboxNs() const { return m_lastSandboxNs; }

    static constexpr int kMaxTerminals = 16; // open at once (running or not yet released)
    static constexpr qint64 kMaxOutputBytes = 32 * 1024; // kept per terminal: the tail

    struct Terminal; // shared with the thread that runs its command

private:
    std::shared_ptr<Terminal> find(const QString &id) const;
    void settle(const std::shared_ptr<Terminal> &terminal); // on this thread, once the command ended

    RunJournal &m_journal;
    RunTools &m_tools;
    QHash<QString, std::shared_ptr<Terminal>> m_terminals;
    QList<std::shared_ptr<Terminal>> m_unsettled; // running, released or not
    int m_next = 0;
    qint64 m_lastSandboxNs = 0;
    QThreadPool m_pool; // its own: a command never waits for another pool's work
    // Made by the first create(), in the thread that serves the agent's requests: a command's end is
    // delivered there (the executor may be made on another thread than the one that runs its turns).
    std::unique_ptr<QObject> m_context;
};

} // namespace harness
