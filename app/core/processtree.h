// ProcessTree: the processes a child of the harness started, found through /proc and ended for certain.
// The tree is the child and every process that descends from it by parent pid. For a sandbox (bubblewrap
// with its own PID namespace) that is every process inside it: one that leaves its session or forks twice
// is reparented to the namespace's init, which is bubblewrap's own child and so in the tree; and once that
// init has exited (a zombie, dead or gone), the kernel has killed every process of the namespace. Each
// process is kept with its start time (field 22 of /proc/<pid>/stat), so a pid the kernel has since given
// to another process is never signalled or waited for. Linux only; elsewhere a tree is empty.
#pragma once

#include <QList>
#include <QtGlobal>
#include <optional>

namespace harness {

class ProcessTree
{
public:
    struct Process
    {
        qint64 pid = 0;
        quint64 startTime = 0; // clock ticks after boot (/proc/<pid>/stat field 22)
        friend bool operator==(const Process &, const Process &) = default;
    };

    ProcessTree() = default;
    // Records `rootPid` (when it runs) and every process that descends from it now.
    explicit ProcessTree(qint64 rootPid) { add(rootPid); }

    // Records `pid` as well (when it runs and is not recorded yet), with what descends from it now.
    void add(qint64 pid);
    // Records what descends from the recorded processes now (children they started since).
    void refresh();
    // SIGKILLs every recorded process that still runs, looking for new descendants before each round,
    // until a round finds none (a process may fork as it is killed).
    void killAll();
    // No recorded process can run any more.
    bool ended() const { return running().isEmpty(); }
    QList<Process> running() const;
    // Blocks until ended() or timeoutMs has passed; true when ended. It waits on the processes' pidfds
    // (readable when a process has exited), looking again at least every 50 ms.
    bool waitEnded(int timeoutMs) const;
    const QList<Process> &processes() const { return m_processes; }

    // The process runs: /proc has it with this start time, and it (or one of its threads) is neither a
    // zombie nor dead. False for a pid that names another process now.
    static bool runs(const Process &process);
    // The process `pid` as it is now, or nullopt when there is none (or it is a zombie).
    static std::optional<Process> find(qint64 pid);

private:
    bool recorded(const Process &process) const { return m_processes.contains(process); }

    QList<Process> m_processes;
};

} // namespace harness
