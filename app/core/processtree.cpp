// ProcessTree implementation: /proc/<pid>/stat read with plain system calls (state, parent, start time),
// signals and waits through pidfds where the kernel has them, so a process is named by more than its pid.
#include "core/processtree.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QSet>

#include <csignal>
#include <vector>
#ifdef Q_OS_LINUX
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace harness {

namespace {

struct Stat
{
    char state = '?';
    qint64 ppid = 0;
    quint64 startTime = 0;
};

#ifdef Q_OS_LINUX

QByteArray readSmall(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    return n > 0 ? QByteArray(buffer, int(n)) : QByteArray();
}

// "pid (comm) state ppid ... starttime ...": the command name may hold spaces and parentheses, so the
// fields are counted from the last ')'.
std::optional<Stat> parseStat(const QByteArray &line)
{
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.size())
        return std::nullopt;
    const QList<QByteArray> f = line.mid(close + 2).split(' ');
    if (f.size() < 20 || f.at(0).isEmpty())
        return std::nullopt;
    Stat s;
    s.state = f.at(0).at(0);
    bool ok1 = false, ok2 = false;
    s.ppid = f.at(1).toLongLong(&ok1);
    s.startTime = f.at(19).toULongLong(&ok2); // field 22
    if (!ok1 || !ok2)
        return std::nullopt;
    return s;
}

std::optional<Stat> statOf(qint64 pid)
{
    return parseStat(readSmall("/proc/" + QByteArray::number(pid) + "/stat"));
}

bool stopped(char state)
{
    return state == 'Z' || state == 'X' || state == 'x';
}

// Every numeric entry of a /proc folder.
QList<qint64> numericEntries(const QByteArray &dir)
{
    QList<qint64> out;
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return out;
    while (const dirent *e = ::readdir(d)) {
        bool ok = false;
        const qint64 n = QByteArray(e->d_name).toLongLong(&ok);
        if (ok && n > 0)
            out << n;
    }
    ::closedir(d);
    return out;
}

int pidfdOpen(qint64 pid)
{
#ifdef SYS_pidfd_open
    return int(::syscall(SYS_pidfd_open, pid_t(pid), 0));
#else
    Q_UNUSED(pid);
    errno = ENOSYS;
    return -1;
#endif
}

// The process's pidfd when it is still the recorded one (checked after opening, so the descriptor names
// that very process), else -1.
int pidfdIfSame(const ProcessTree::Process &p)
{
    const int fd = pidfdOpen(p.pid);
    if (fd >= 0 && !ProcessTree::runs(p)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void killOne(const ProcessTree::Process &p)
{
    const int fd = pidfdOpen(p.pid);
    if (fd >= 0) {
        if (ProcessTree::runs(p)) {
#ifdef SYS_pidfd_send_signal
            ::syscall(SYS_pidfd_send_signal, fd, SIGKILL, nullptr, 0);
#endif
        }
        ::close(fd);
        return;
    }
    if (ProcessTree::runs(p)) // no pidfds here: the start time was checked just before
        ::kill(pid_t(p.pid), SIGKILL);
}

#endif

} // namespace

bool ProcessTree::runs(const Process &process)
{
#ifdef Q_OS_LINUX
    const auto s = statOf(process.pid);
    if (!s || s->startTime != process.startTime)
        return false;
    if (!stopped(s->state))
        return true;
    // A zombie thread-group leader whose other threads still run is not over.
    const QByteArray tasks = "/proc/" + QByteArray::number(process.pid) + "/task";
    for (const qint64 tid : numericEntries(tasks)) {
        const auto t = parseStat(readSmall(tasks + '/' + QByteArray::number(tid) + "/stat"));
        if (t && !stopped(t->state))
            return true;
    }
    return false;
#else
    Q_UNUSED(process);
    return false;
#endif
}

std::optional<ProcessTree::Process> ProcessTree::find(qint64 pid)
{
#ifdef Q_OS_LINUX
    if (pid <= 0)
        return std::nullopt;
    const auto s = statOf(pid);
    if (!s || stopped(s->state))
        return std::nullopt;
    return Process {pid, s->startTime};
#else
    Q_UNUSED(pid);
    return std::nullopt;
#endif
}

void ProcessTree::add(qint64 pid)
{
    if (const auto p = find(pid); p && !recorded(*p))
        m_processes << *p;
    refresh();
}

void ProcessTree::refresh()
{
#ifdef Q_OS_LINUX
    if (m_processes.isEmpty())
        return;
    // One pass over /proc: each process with its parent; then the recorded processes' descendants.
    QHash<qint64, QList<Process>> children;
    QHash<qint64, quint64> started;
    for (const qint64 pid : numericEntries("/proc")) {
        const auto s = statOf(pid);
        if (!s)
            continue;
        started.insert(pid, s->startTime);
        if (!stopped(s->state))
            children[s->ppid] << Process {pid, s->startTime};
    }
    QList<Process> queue;
    for (const Process &p : std::as_const(m_processes))
        if (started.value(p.pid) == p.startTime)
            queue << p;
    QSet<qint64> seen;
    while (!queue.isEmpty()) {
        const Process p = queue.takeFirst();
        if (seen.contains(p.pid))
            continue;
        seen.insert(p.pid);
        for (const Process &child : children.value(p.pid)) {
            if (!recorded(child))
                m_processes << child;
            queue << child;
        }
    }
#endif
}

QList<ProcessTree::Process> ProcessTree::running() const
{
    QList<Process> out;
    for (const Process &p : m_processes)
        if (runs(p))
            out << p;
    return out;
}

void ProcessTree::killAll()
{
#ifdef Q_OS_LINUX
    for (int round = 0; round < 16; ++round) {
        const qsizetype before = m_processes.size();
        refresh();
        if (round > 0 && m_processes.size() == before)
            return;
        for (const Process &p : running())
            killOne(p);
    }
#endif
}

bool ProcessTree::waitEnded(int timeoutMs) const
{
#ifdef Q_OS_LINUX
    const QDeadlineTimer deadline(qMax(0, timeoutMs));
    for (;;) {
        const QList<Process> left = running();
        if (left.isEmpty())
            return true;
        if (deadline.hasExpired())
            return false;
        std::vector<pollfd> fds;
        for (const Process &p : left)
            if (const int fd = pidfdIfSame(p); fd >= 0)
                fds.push_back(pollfd {fd, POLLIN, 0});
        // A pidfd is readable once its process has exited; without pidfds this is a short tick.
        const int slice = int(qMin<qint64>(deadline.remainingTime(), fds.empty() ? 5 : 50));
        ::poll(fds.data(), nfds_t(fds.size()), qMax(0, slice));
        for (const pollfd &p : fds)
            ::close(p.fd);
    }
#else
    Q_UNUSED(timeoutMs);
    return true;
#endif
}

} // namespace harness
