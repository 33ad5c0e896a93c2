// harness-sandbox-exec: the first program inside an external agent's sandbox. It installs the write audit
// and then becomes the agent:
//   harness-sandbox-exec --audit-fd N -- program args...
// 1. PR_SET_NO_NEW_PRIVS, then a seccomp filter (SECCOMP_FILTER_FLAG_NEW_LISTENER) that hands every
//    file-system write through a path (auditedsyscalls.h; opens only with a write flag) to a supervisor
//    (SECCOMP_RET_USER_NOTIF), refuses io_uring (whose operations would write beside seccomp) with ENOSYS,
//    lets everything else through, and kills a call of another architecture (or x32) so the table cannot
//    be bypassed.
// 2. The filter's listener goes to the harness over the inherited Unix socket N (SCM_RIGHTS); its own
//    copy is closed, so the agent cannot answer for the harness.
// 3. It waits for the harness's one-byte answer (the supervisor holds the listener), closes N, and execs.
// Any failure ends it with status 126 and the reason on stderr before the agent ever runs: an agent never
// runs unaudited in a sandbox that asked for the audit. The filter decides nothing: the supervisor answers
// every call with "continue" and the sandbox's read-only mounts refuse what they refuse.
// Only the C library: it starts before every agent, so it stays small.
#include "../auditedsyscalls.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

#if defined(__x86_64__)
constexpr unsigned kArch = AUDIT_ARCH_X86_64;
constexpr unsigned kX32Bit = 0x40000000u; // __X32_SYSCALL_BIT: x32 calls share the architecture
#elif defined(__aarch64__)
constexpr unsigned kArch = AUDIT_ARCH_AARCH64;
constexpr unsigned kX32Bit = 0;
#else
#error "harness-sandbox-exec knows the system call numbers of x86_64 and aarch64 only"
#endif

constexpr int kHandOverTimeoutMs = 10000;

[[noreturn]] void fail(const char *what, int error)
{
    std::fprintf(stderr,
                 "harness-sandbox-exec: %s%s%s; the agent is not started without the sandbox's write "
                 "audit\n",
                 what, error ? ": " : "", error ? std::strerror(error) : "");
    std::_Exit(126);
}

// A BPF program is at most BPF_MAXINSNS instructions; this one is about 90.
struct Program
{
    sock_filter code[256];
    unsigned short size = 0;
    void add(sock_filter f)
    {
        if (size == sizeof(code) / sizeof(code[0]))
            fail("the seccomp filter is too long", 0);
        code[size++] = f;
    }
    void statement(unsigned short op, unsigned k) { add(BPF_STMT(op, k)); }
    void jump(unsigned short op, unsigned k, unsigned char jt, unsigned char jf)
    {
        add(BPF_JUMP(op, k, jt, jf));
    }
};

Program program; // not a local static: no guard, so the launcher needs no C++ runtime library

constexpr unsigned argLow(int index)
{
    // The low 32 bits of a 64-bit argument (both architectures are little-endian).
    return unsigned(offsetof(seccomp_data, args) + sizeof(__u64) * unsigned(index));
}

void buildFilter(Program &p)
{
    p.statement(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, kArch, 1, 0);
    p.statement(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    p.statement(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
    if (kX32Bit) {
        p.jump(BPF_JMP | BPF_JGE | BPF_K, kX32Bit, 0, 1);
        p.statement(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    }
    for (const int nr : harness::audit::kRefusedSyscalls) {
        p.jump(BPF_JMP | BPF_JEQ | BPF_K, unsigned(nr), 0, 1);
        p.statement(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
    }
    for (const harness::audit::AuditedSyscall &s : harness::audit::kAuditedSyscalls) {
        if (s.flagsArg >= 0) {
            // open/openat: a read-only open (no write flag) is let through here.
            p.jump(BPF_JMP | BPF_JEQ | BPF_K, unsigned(s.nr), 0, 4);
            p.statement(BPF_LD | BPF_W | BPF_ABS, argLow(s.flagsArg));
            p.jump(BPF_JMP | BPF_JSET | BPF_K, harness::audit::kWriteOpenFlags, 0, 1);
            p.statement(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
            p.statement(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        } else {
            p.jump(BPF_JMP | BPF_JEQ | BPF_K, unsigned(s.nr), 0, 1);
            p.statement(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
        }
    }
    p.statement(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
}

int installFilter()
{
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        fail("cannot set no_new_privs", errno);
    buildFilter(program);
    sock_fprog fprog {program.size, program.code};
    const long listener =
            ::syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
    if (listener < 0)
        fail(errno == EBUSY ? "cannot install the seccomp filter: another user-notification filter is "
                              "already installed"
                            : "cannot install the seccomp filter with a user-notification listener",
             errno == EBUSY ? 0 : errno);
    return int(listener);
}

void handOver(int socket, int listener)
{
    harness::audit::ListenerMessage message;
    message.byte = 'L';
    msghdr &msg = message.msg;
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &listener, sizeof(int));
    ssize_t sent;
    do
        sent = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    if (sent != 1)
        fail("cannot hand the audit's listener to the harness", sent < 0 ? errno : 0);
    ::close(listener); // only the harness may answer
    pollfd pfd {socket, POLLIN, 0};
    int ready;
    do
        ready = ::poll(&pfd, 1, kHandOverTimeoutMs);
    while (ready < 0 && errno == EINTR);
    if (ready == 0)
        fail("the harness did not take the audit's listener in time", 0);
    char ack = 0;
    ssize_t got;
    do
        got = ::read(socket, &ack, 1);
    while (got < 0 && errno == EINTR);
    if (got != 1 || ack != 'A')
        fail("the harness did not confirm the sandbox's write audit", got < 0 ? errno : 0);
    ::close(socket);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5 || std::strcmp(argv[1], harness::audit::kAuditFdOption) != 0 ||
        std::strcmp(argv[3], "--") != 0)
        fail("usage: harness-sandbox-exec --audit-fd N -- program [args...]", 0);
    char *end = nullptr;
    const long fd = std::strtol(argv[2], &end, 10);
    int type = 0;
    socklen_t len = sizeof(type);
    if (!end || *end || fd < 3 || fd > 65535 || ::getsockopt(int(fd), SOL_SOCKET, SO_TYPE, &type, &len) != 0)
        fail("the audit descriptor is not an inherited socket", errno);
    handOver(int(fd), installFilter());
    ::execv(argv[4], argv + 4);
    const int error = errno;
    std::fprintf(stderr, "harness-sandbox-exec: cannot start %s: %s\n", argv[4], std::strerror(error));
    return error == ENOENT ? 127 : 126;
}
