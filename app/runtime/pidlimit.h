// PidLimit: a process-count limit for one sandboxed command through a cgroup's pids.max, so a fork
// bomb stays contained even when the harness runs as root (where RLIMIT_NPROC does not apply).
// Best effort: when no writable pids controller exists, isActive() is false and the caller reports it.
#pragma once

#include <QByteArray>
#include <QString>

namespace harness {

class PidLimit
{
public:
    explicit PidLimit(int maxPids);
    ~PidLimit();
    PidLimit(const PidLimit &) = delete;
    PidLimit &operator=(const PidLimit &) = delete;

    bool isActive() const { return !m_dir.isEmpty(); }
    QString reason() const { return m_reason; }
    // The cgroup.procs file a child writes "0" to (before exec) to join the group.
    QByteArray procsFile() const { return m_procsFile; }
    // Kills whatever is still in the group (stragglers after the sandbox died).
    void killAll() const;

private:
    QString m_dir;
    QByteArray m_procsFile;
    QString m_reason;
};

} // namespace harness
