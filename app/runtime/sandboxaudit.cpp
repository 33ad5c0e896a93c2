// SandboxAudit: the listener's hand-over, the notification loop and the capped events.
#include "sandboxaudit.h"
#include "auditedsyscalls.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "sandboxexecpath.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace harness {

namespace {

const QString kLauncherName = QStringLiteral("harness-sandbox-exec");

// The process's name: its own choice (prctl), so printable like the path.
QString comm(int pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    QByteArray name = f.read(64);
    if (name.endsWith('\n'))
        name.chop(1);
    return SandboxWriteCheck::printable(name, 64);
}

// Waits until fd is readable (or hung up); false when the wake-up pipe was written.
bool waitFor(int fd, int wake, short *revents)
{
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    while (::poll(fds, 2, -1) < 0)
        if (errno != EINTR)
            return false;
    *revents = fds[0].revents;
    return !fds[1].revents;
}

} // namespace

SandboxAudit::SandboxAudit(Options options)
    : m_check(std::move(options.scope)), m_events(options.events), m_runId(std::move(options.runId))
{ }

SandboxAudit::~SandboxAudit()
{
    if (m_thread.joinable()) {
        const char byte = 'q';
        const ssize_t ignored = ::write(m_wake[1], &byte, 1);
        (void)ignored;
        m_thread.join();
    }
    for (int fd : {m_parentEnd, m_childEnd, m_wake[0], m_wake[1]})
        if (fd >= 0)
            ::close(fd);
}

Result<QString> SandboxAudit::launcher()
{
    QFile actions(QStringLiteral("/proc/sys/kernel/seccomp/actions_avail"));
    if (!actions.open(QIODevice::ReadOnly) || !actions.readAll().contains("user_notif"))
        return Result<QString>::failure(
                QStringLiteral("this kernel has no seccomp user notification (Linux 5.5 or later is needed), "
                               "which the sandbox's write audit needs"));
    QStringList candidates;
    const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    if (!appDir.isEmpty())
        candidates << appDir + QLatin1Char('/') + kLauncherName;
    // The build tree's copy serves only programs of that build tree (its tests): an installed harness
    // never runs a launcher from wherever its package was once built.
    const QString built = QStringLiteral(HARNESS_SANDBOX_EXEC_BUILD_PATH);
    const QString buildRoot = built.section(QLatin1Char('/'), 0, -3) + QLatin1Char('/');
    if (appDir.isEmpty() || (appDir + QLatin1Char('/')).startsWith(buildRoot))
        candidates << built;
    for (const QString &path : std::as_const(candidates))
        if (QFileInfo(path).isExecutable())
            return QFileInfo(path).canonicalFilePath();
    return Result<QString>::failure(
            QStringLiteral("%1 (the sandbox's write audit) is not installed next to the harness (%2)")
                    .arg(kLauncherName, candidates.first()));
}

Status SandboxAudit::start()
{
    auto path = launcher();
    if (!path)
        return path.error();
    m_launcher = *path;
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
        return Status::failure(QStringLiteral("cannot make the write audit's socket: %1")
                                       .arg(QString::fromLocal8Bit(std::strerror(errno))));
    m_parentEnd = pair[0];
    m_childEnd = pair[1];
    if (::pipe2(m_wake, O_CLOEXEC) != 0)
        return Status::failure(QStringLiteral("cannot make the write audit's pipe: %1")
                                       .arg(QString::fromLocal8Bit(std::strerror(errno))));
    m_thread = std::thread([this] { run(); });
    return success();
}

QStringList SandboxAudit::wrap(const QStringList &argv) const
{
    return QStringList {m_launcher, QString::fromLatin1(audit::kAuditFdOption), QString::number(m_childEnd),
                        QStringLiteral("--")} +
            argv;
}

void SandboxAudit::run()
{
    const int listener = receiveListener();
    if (listener < 0)
        return;
    m_attached = true;
    supervise(listener);
    ::close(listener);
}

int SandboxAudit::receiveListener()
{
    short revents = 0;
    while (waitFor(m_parentEnd, m_wake[0], &revents)) {
        audit::ListenerMessage message;
        msghdr &msg = message.msg;
        const ssize_t got = ::recvmsg(m_parentEnd, &msg, MSG_CMSG_CLOEXEC);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        const cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
            c->cmsg_len != CMSG_LEN(sizeof(int)))
            return -1; // not the launcher's message: it gets no answer and starts nothing
        int listener = -1;
        std::memcpy(&listener, CMSG_DATA(c), sizeof(int));
        const char ack = 'A';
        if (::send(m_parentEnd, &ack, 1, MSG_NOSIGNAL) != 1) {
            ::close(listener);
            return -1;
        }
        return listener;
    }
    return -1;
}

void SandboxAudit::supervise(int listener)
{
    short revents = 0;
    while (waitFor(listener, m_wake[0], &revents)) {
        if (!(revents & POLLIN))
            return; // POLLHUP: every process under the filter has ended
        seccomp_notif n;
        std::memset(&n, 0, sizeof(n));
        if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &n) != 0) {
            if (errno == EINTR || errno == ENOENT)
                continue; // the caller went away before we took it
            return;
        }
        ++m_notifications;
        SandboxWriteCheck::Call call;
        call.id = n.id;
        call.pid = int(n.pid);
        call.nr = n.data.nr;
        std::copy(std::begin(n.data.args), std::end(n.data.args), std::begin(call.args));
        if (const auto refusal = m_check.inspect(listener, call))
            record(*refusal, call.pid);
        // The mounts decide: the call goes on as the process made it.
        seccomp_notif_resp resp;
        std::memset(&resp, 0, sizeof(resp));
        resp.id = n.id;
        resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
        if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0 && errno != ENOENT && errno != EINTR)
            return;
    }
}

void SandboxAudit::record(const SandboxWriteCheck::Refusal &refusal, int pid)
{
    const int n = ++m_refused;
    if (!m_events || n > kMaxRefusedEvents)
        return;
    m_events->record(makeEvent(m_runId,
                               SandboxWriteRefusedPayload {refusal.path, refusal.syscall, pid, comm(pid),
                                                           refusal.reason, n == kMaxRefusedEvents}));
}

} // namespace harness
