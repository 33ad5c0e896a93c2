// ProxyConnection: one client of the sandbox's network proxy, on the proxy's thread. Proxy mode reads
// one HTTP proxy request (CONNECT host:port, or an absolute-form http:// request), checks it against the
// NetworkPolicy, resolves the name here (outside the sandbox), connects and relays bytes both ways;
// refused requests get a 403 with the reason. Forward mode relays to one fixed address (an allow-listed
// port of the host's loopback). Bounded: request head size, head/connect/idle timeouts, and relay
// buffers (a slow reader slows the writer instead of filling memory).
#pragma once

#include "networkpolicy.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>

class QLocalSocket;
class QTcpSocket;
class QHostInfo;

namespace harness {

class ProxyConnection : public QObject
{
    Q_OBJECT
public:
    using DeniedHandler = std::function<void(const QString &host, quint16 port, const QString &reason)>;

    // Proxy mode. Takes ownership of client.
    ProxyConnection(QLocalSocket *client, const NetworkPolicy *policy, DeniedHandler denied, QObject *parent);
    // Forward mode: every byte goes to address:port.
    ProxyConnection(QLocalSocket *client, const QHostAddress &address, quint16 port, QObject *parent);
    ~ProxyConnection() override;

    // Bytes one side sent before it closed that have not reached the other side yet (a command that
    // ends right after `echo x > /dev/tcp/...` still delivers x).
    bool hasUndelivered() const;

    static constexpr qint64 kMaxHeadBytes = 16 * 1024;
    static constexpr int kHeadTimeoutMs = 15 * 1000;
    static constexpr int kConnectTimeoutMs = 15 * 1000;
    static constexpr int kIdleTimeoutMs = 10 * 60 * 1000;

private:
    void readHead();
    void handleHead(const QByteArray &head, QByteArray rest);
    void resolved(const QHostInfo &info);
    void connectNext();
    void upstreamConnected();
    void relay(QIODevice *from, QIODevice *to);
    void endOf(QIODevice *from);
    void closeIfDone();
    void reply(int code, const QByteArray &status, const QString &body);
    void deny(const QString &reason);
    void fail(int code, const QByteArray &status, const QString &message);

    QLocalSocket *m_client;
    QTcpSocket *m_upstream = nullptr;
    const NetworkPolicy *m_policy = nullptr;
    DeniedHandler m_denied;
    QByteArray m_head;
    QByteArray m_toUpstream; // sent once connected: the rewritten request, or early tunnel bytes
    QString m_host;
    quint16 m_port = 0;
    bool m_connect = false; // a CONNECT tunnel (vs. a forwarded plain HTTP request or a fixed forward)
    bool m_relaying = false;
    bool m_clientEnded = false;
    bool m_upstreamEnded = false;
    QList<QHostAddress> m_addresses;
    int m_lookupId = -1;
    int m_closePolls = 0;
    bool m_closing = false;
    QTimer m_timer; // head, connect and idle timeout in turn
};

} // namespace harness
