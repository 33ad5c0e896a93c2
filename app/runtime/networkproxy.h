// NetworkProxy: the harness side of "network on" for one sandboxed command. The sandbox's namespace has
// only its own loopback; this proxy listens on Unix sockets in a private directory that is bind-mounted
// into the sandbox, where socat bridges 127.0.0.1:<port> to them. proxy.sock speaks HTTP proxy (CONNECT
// and absolute-form http://) and enforces the NetworkPolicy's allow-list, recording `network_denied`;
// fwd-<port>.sock relays to an allow-listed port of the host's loopback. Runs on a thread of its own;
// destroying it ends every connection the command still had.
#pragma once

#include "core/result.h"
#include "networkpolicy.h"

#include <QMap>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;
class QObject;
class QTemporaryDir;

namespace harness {

class EventSink;

class NetworkProxy
{
public:
    NetworkProxy(NetworkPolicy policy, EventSink *events, QString runId);
    ~NetworkProxy();
    NetworkProxy(const NetworkProxy &) = delete;
    NetworkProxy &operator=(const NetworkProxy &) = delete;

    // Makes the private directory, starts the thread and listens. Blocks until listening.
    Status start();

    // Where the sockets appear inside the sandbox.
    static QString sandboxDir() { return QStringLiteral("/tmp/.harness-net"); }
    // The proxy's port on the sandbox's loopback (not one of the forwarded ports).
    quint16 proxyPort() const { return m_proxyPort; }
    // bwrap arguments that bind the socket directory into the sandbox.
    QStringList bwrapArguments() const;
    // HTTP_PROXY, HTTPS_PROXY, ALL_PROXY (both cases) and NO_PROXY for the command.
    QMap<QString, QString> environment() const;
    // A /bin/sh script that starts the socat bridges inside the sandbox, waits until they listen, runs
    // "$@" and exits with its status once the bridges have relayed what it sent (at most a second).
    // socat is the absolute path of socat (the host's /usr is the sandbox's).
    QString bridgeScript(const QString &socat) const;

    int deniedCount() const { return m_denied.load(); }
    static constexpr int kMaxDeniedEvents = 20; // per command: a retry loop does not flood the log
    static constexpr int kMaxConnections = 256;
    static constexpr int kFlushGraceMs = 500; // when the command has ended

private:
    void recordDenied(const QString &host, quint16 port, const QString &reason);

    const NetworkPolicy m_policy;
    EventSink *m_events;
    QString m_runId;
    std::unique_ptr<QTemporaryDir> m_dir;
    QThread *m_thread = nullptr;
    QObject *m_home = nullptr; // lives in m_thread; parent of the servers and connections
    quint16 m_proxyPort = 3128;
    std::atomic_int m_denied {0};
};

} // namespace harness
