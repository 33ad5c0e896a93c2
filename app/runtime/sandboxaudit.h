// SandboxAudit: the harness's side of the write audit of one sandboxed process (an external agent, an MCP
// server). The process starts as harness-sandbox-exec (app/runtime/sandboxexec/), which installs a seccomp
// filter that turns every file-system write through a path into a user notification and hands the
// filter's listener over an inherited Unix socket; this class's thread takes it, confirms, and then
// receives each notification, lets SandboxWriteCheck say whether the write lands where the sandbox is
// read-only, records a `sandbox_write_refused` event when it does (at most kMaxRefusedEvents per launch,
// the last one saying more were not recorded), and ALWAYS answers SECCOMP_USER_NOTIF_FLAG_CONTINUE.
// It is an audit, not the enforcement: the sandbox's read-only mounts refuse the write either way, and
// the supervisor never makes a write possible or impossible. Writes that land on writable paths cost one
// notification round trip and record nothing. The thread polls with a wake-up pipe, so destroying the
// object ends it at once.
#pragma once

#include "core/result.h"
#include "sandboxwritecheck.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <thread>

namespace harness {

class EventSink;

class SandboxAudit
{
public:
    struct Options
    {
        SandboxWriteCheck::Scope scope;
        EventSink *events = nullptr;
        QString runId;
    };

    explicit SandboxAudit(Options options);
    ~SandboxAudit();
    SandboxAudit(const SandboxAudit &) = delete;
    SandboxAudit &operator=(const SandboxAudit &) = delete;

    // harness-sandbox-exec next to the running program (installed beside `harness`), else in the build
    // tree's bin/; an error saying what is missing. Also refuses a kernel without seccomp user
    // notification.
    static Result<QString> launcher();

    // Makes the socket pair and starts the thread that waits for the launcher's listener.
    Status start();
    // The command line that runs argv under the audit: launcher --audit-fd N -- argv.
    QStringList wrap(const QStringList &argv) const;
    QString launcherPath() const { return m_launcher; }
    // The launcher's end of the socket, to be inherited by the process (close-on-exec in the harness).
    int inheritableFd() const { return m_childEnd; }
    // Whether the launcher has handed its listener over (the filter is in place).
    bool attached() const { return m_attached.load(); }
    int refusedCount() const { return m_refused.load(); }
    int notificationCount() const { return m_notifications.load(); }

    static constexpr int kMaxRefusedEvents = 20; // per launch: a retry loop does not flood the log

private:
    void run();
    int receiveListener();
    void supervise(int listener);
    void record(const SandboxWriteCheck::Refusal &refusal, int pid);

    const SandboxWriteCheck m_check;
    EventSink *m_events;
    QString m_runId;
    QString m_launcher;
    int m_parentEnd = -1;
    int m_childEnd = -1;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
    std::atomic_bool m_attached {false};
    std::atomic_int m_refused {0};
    std::atomic_int m_notifications {0};
};

} // namespace harness
