// ProxyConnection: request parsing (RFC 9110 section 9.3.6 CONNECT, RFC 9112 section 3.2.2 absolute
// form), the allow-list check, name resolution and the bounded two-way relay.
#include "proxyconnection.h"

#include <QHostInfo>
#include <QLocalSocket>
#include <QTcpSocket>

namespace harness {

namespace {
constexpr qint64 kRelayBuffer = 256 * 1024; // per direction, in Qt's buffers
constexpr qint64 kChunk = 64 * 1024;

// "host:port", "[v6]:port" or "host" (then defaultPort); false when malformed.
bool splitHostPort(const QByteArray &authority, quint16 defaultPort, QString *host, quint16 *port)
{
    QByteArray h = authority;
    QByteArray p;
    if (h.startsWith('[')) {
        const qsizetype close = h.indexOf(']');
        if (close < 0)
            return false;
        p = h.mid(close + 1);
        h = h.mid(1, close - 1);
        if (!p.isEmpty() && !p.startsWith(':'))
            return false;
        p = p.mid(1);
    } else if (h.count(':') == 1) {
        p = h.mid(h.indexOf(':') + 1);
        h = h.left(h.indexOf(':'));
    }
    if (h.isEmpty())
        return false;
    *port = defaultPort;
    if (!p.isEmpty()) {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok || n < 1 || n > 65535)
            return false;
        *port = quint16(n);
    }
    *host = QString::fromLatin1(h).toLower();
    return *port != 0;
}
} // namespace

ProxyConnection::ProxyConnection(QLocalSocket *client, const NetworkPolicy *policy, DeniedHandler denied,
                                 QObject *parent)
    : QObject(parent), m_client(client), m_policy(policy), m_denied(std::move(denied))
{
    m_client->setParent(this);
    m_client->setReadBufferSize(kRelayBuffer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_relaying) {
            m_client->abort();
            if (m_upstream)
                m_upstream->abort();
            deleteLater();
        } else if (m_upstream || m_lookupId >= 0) {
            fail(504, "Gateway Timeout",
                 QStringLiteral("%1:%2 did not answer in time").arg(m_host).arg(m_port));
        } else {
            fail(408, "Request Timeout", QStringLiteral("the request head did not arrive in time"));
        }
    });
    connect(m_client, &QLocalSocket::readyRead, this, &ProxyConnection::readHead);
    connect(m_client, &QLocalSocket::readChannelFinished, this, [this] { endOf(m_client); });
    connect(m_client, &QLocalSocket::disconnected, this, [this] { endOf(m_client); });
    m_timer.start(kHeadTimeoutMs);
    if (m_client->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ProxyConnection::readHead, Qt::QueuedConnection);
}

ProxyConnection::ProxyConnection(QLocalSocket *client, const QHostAddress &address, quint16 port,
                                 QObject *parent)
    : QObject(parent), m_client(client)
{
    m_client->setParent(this);
    m_client->setReadBufferSize(kRelayBuffer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteLater();
    });
    connect(m_client, &QLocalSocket::readChannelFinished, this, [this] { endOf(m_client); });
    connect(m_client, &QLocalSocket::disconnected, this, [this] { endOf(m_client); });
    m_host = address.toString();
    m_port = port;
    m_connect = true;
    m_addresses = {address};
    connectNext();
}

ProxyConnection::~ProxyConnection()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
}

bool ProxyConnection::hasUndelivered() const
{
    if (!m_relaying)
        return (m_upstream || m_lookupId >= 0) && (!m_toUpstream.isEmpty() || m_client->bytesAvailable() > 0);
    const bool upOpen = m_upstream->state() != QAbstractSocket::UnconnectedState;
    const bool clientOpen = m_client->state() != QLocalSocket::UnconnectedState;
    return (upOpen && (m_upstream->bytesToWrite() > 0 || m_client->bytesAvailable() > 0)) ||
            (clientOpen && (m_client->bytesToWrite() > 0 || m_upstream->bytesAvailable() > 0));
}

void ProxyConnection::readHead()
{
    if (m_upstream || m_lookupId >= 0 || !m_policy)
        return; // past the head: the relay reads from now on
    m_head += m_client->read(kMaxHeadBytes + 1 - m_head.size());
    qsizetype end = m_head.indexOf("\r\n\r\n");
    qsizetype sepLen = 4;
    if (end < 0) {
        end = m_head.indexOf("\n\n");
        sepLen = 2;
    }
    if (end < 0) {
        if (m_head.size() > kMaxHeadBytes)
            fail(431, "Request Header Fields Too Large",
                 QStringLiteral("the request head is larger than %1 bytes").arg(kMaxHeadBytes));
        return;
    }
    const QByteArray head = m_head.left(end);
    QByteArray rest = m_head.mid(end + sepLen) + m_client->readAll();
    m_head.clear();
    handleHead(head, rest);
}

void ProxyConnection::handleHead(const QByteArray &head, QByteArray rest)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &l : lines)
        if (l.endsWith('\r'))
            l.chop(1);
    const QList<QByteArray> requestLine = lines.value(0).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400, "Bad Request", QStringLiteral("not an HTTP/1.x proxy request"));
        return;
    }
    const QByteArray method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    if (method == "CONNECT") {
        m_connect = true;
        if (!splitHostPort(target, 0, &m_host, &m_port)) {
            fail(400, "Bad Request", QStringLiteral("CONNECT needs host:port"));
            return;
        }
        m_toUpstream = rest; // a client may send its TLS hello before our answer
    } else {
        if (!target.startsWith("http://")) {
            fail(400, "Bad Request",
                 target.startsWith("https://")
                         ? QStringLiteral("https:// requests go through CONNECT")
                         : QStringLiteral("a proxy request needs an absolute http:// URL or CONNECT"));
            return;
        }
        const qsizetype authorityStart = 7;
        qsizetype pathStart = target.size();
        for (char c : {'/', '?', '#'}) {
            const qsizetype i = target.indexOf(c, authorityStart);
            if (i >= 0 && i < pathStart)
                pathStart = i;
        }
        QByteArray authority = target.mid(authorityStart, pathStart - authorityStart);
        if (authority.contains('@'))
            authority = authority.mid(authority.lastIndexOf('@') + 1);
        if (!splitHostPort(authority, 80, &m_host, &m_port)) {
            fail(400, "Bad Request",
                 QStringLiteral("cannot read the host in %1").arg(QString::fromLatin1(target.left(200))));
            return;
        }
        QByteArray path = target.mid(pathStart);
        if (path.isEmpty() || !path.startsWith('/'))
            path.prepend('/');
        if (path.contains('#'))
            path = path.left(path.indexOf('#'));
        QByteArray out = method + ' ' + path + ' ' + requestLine.at(2) + "\r\n";
        bool hasHost = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray name = lines.at(i).left(lines.at(i).indexOf(':')).trimmed().toLower();
            if (name == "proxy-connection" || name == "proxy-authorization" || name == "connection" ||
                name == "keep-alive")
                continue;
            hasHost = hasHost || name == "host";
            out += lines.at(i) + "\r\n";
        }
        if (!hasHost)
            out += "Host: " + authority + "\r\n";
        // One request per connection: a second request on it could name another host.
        out += "Connection: close\r\n\r\n";
        m_toUpstream = out + rest;
    }
    const QString refused = m_policy->refusalByName(m_host, m_port);
    if (!refused.isEmpty()) {
        deny(refused);
        return;
    }
    const QHostAddress literal(m_host);
    if (!literal.isNull()) {
        QHostInfo info;
        info.setAddresses({literal});
        resolved(info);
        return;
    }
    m_lookupId = QHostInfo::lookupHost(m_host, this, &ProxyConnection::resolved);
}

void ProxyConnection::resolved(const QHostInfo &info)
{
    m_lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        fail(502, "Bad Gateway", QStringLiteral("cannot resolve %1: %2").arg(m_host, info.errorString()));
        return;
    }
    QString firstRefusal;
    for (const QHostAddress &a : info.addresses()) {
        const QString why = m_policy->refusal(m_host, m_port, a);
        if (why.isEmpty())
            m_addresses << a;
        else if (firstRefusal.isEmpty())
            firstRefusal = why;
    }
    if (m_addresses.isEmpty()) {
        deny(firstRefusal);
        return;
    }
    connectNext();
}

void ProxyConnection::connectNext()
{
    if (m_addresses.isEmpty()) {
        fail(502, "Bad Gateway", QStringLiteral("cannot connect to %1:%2").arg(m_host).arg(m_port));
        return;
    }
    if (m_upstream)
        m_upstream->deleteLater();
    m_upstream = new QTcpSocket(this);
    m_upstream->setReadBufferSize(kRelayBuffer);
    connect(m_upstream, &QTcpSocket::connected, this, &ProxyConnection::upstreamConnected);
    QTcpSocket *attempt = m_upstream;
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this, attempt] {
        if (attempt != m_upstream || m_relaying)
            return; // a relay's end arrives through disconnected
        connectNext();
    });
    m_timer.start(kConnectTimeoutMs);
    m_upstream->connectToHost(m_addresses.takeFirst(), m_port);
}

void ProxyConnection::upstreamConnected()
{
    m_relaying = true;
    m_timer.start(kIdleTimeoutMs);
    QTcpSocket *up = m_upstream;
    disconnect(m_client, &QLocalSocket::readyRead, this, nullptr);
    connect(m_client, &QLocalSocket::readyRead, this, [this, up] { relay(m_client, up); });
    connect(up, &QTcpSocket::readyRead, this, [this, up] { relay(up, m_client); });
    connect(m_client, &QLocalSocket::bytesWritten, this, [this, up] { relay(up, m_client); });
    connect(up, &QTcpSocket::bytesWritten, this, [this, up] { relay(m_client, up); });
    connect(up, &QTcpSocket::disconnected, this, [this, up] { endOf(up); });
    if (m_policy && m_connect)
        m_client->write("HTTP/1.1 200 Connection established\r\n\r\n");
    if (!m_toUpstream.isEmpty())
        up->write(std::exchange(m_toUpstream, {}));
    relay(m_client, up);
    if (m_clientEnded) {
        m_clientEnded = false;
        endOf(m_client);
    }
}

void ProxyConnection::relay(QIODevice *from, QIODevice *to)
{
    m_timer.start(kIdleTimeoutMs);
    while (from->bytesAvailable() > 0 && to->bytesToWrite() < kRelayBuffer) {
        const QByteArray chunk = from->read(kChunk);
        if (chunk.isEmpty() || to->write(chunk) < 0)
            break;
    }
}

void ProxyConnection::endOf(QIODevice *from)
{
    bool &ended = from == m_client ? m_clientEnded : m_upstreamEnded;
    if (ended)
        return;
    ended = true;
    if (!m_relaying) {
        if (from != m_client)
            return;
        if (m_upstream || m_lookupId >= 0) {
            // Said everything before the connection stood (`echo x > /dev/tcp/...`): delivered once it does.
            m_toUpstream += m_client->readAll();
            return;
        }
        m_client->abort(); // gone with no request to act on
        deleteLater();
        return;
    }
    // What is still buffered (at most one relay buffer) goes out, then the other side closes.
    if (from == m_client) {
        m_upstream->write(m_client->readAll());
        m_upstream->disconnectFromHost();
    } else {
        m_client->write(m_upstream->readAll());
        m_client->disconnectFromServer();
    }
    if (!std::exchange(m_closing, true))
        closeIfDone();
}

void ProxyConnection::closeIfDone()
{
    const bool clientClosed = m_client->state() == QLocalSocket::UnconnectedState;
    const bool upClosed = !m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState;
    if ((clientClosed && upClosed) || ++m_closePolls > 300) { // 30 s to flush, then cut
        m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteLater();
    } else {
        QTimer::singleShot(100, this, &ProxyConnection::closeIfDone);
    }
}

void ProxyConnection::reply(int code, const QByteArray &status, const QString &body)
{
    const QByteArray text = body.toUtf8() + '\n';
    m_client->write("HTTP/1.1 " + QByteArray::number(code) + ' ' + status +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: " +
                    QByteArray::number(text.size()) + "\r\n\r\n" + text);
    m_client->disconnectFromServer();
    m_relaying = false;
    m_timer.stop();
    if (m_upstream)
        m_upstream->abort();
    if (!std::exchange(m_closing, true))
        closeIfDone();
}

void ProxyConnection::deny(const QString &reason)
{
    if (m_denied)
        m_denied(m_host, m_port, reason);
    reply(403, "Forbidden",
          QStringLiteral("Blocked by the harness sandbox: %1:%2 is refused (%3). A project allows hosts in "
                         "\"network\": {\"mode\": \"proxy\", \"allow\": [...]} of .harness/policy.json.")
                  .arg(m_host)
                  .arg(m_port)
                  .arg(reason));
}

void ProxyConnection::fail(int code, const QByteArray &status, const QString &message)
{
    if (!m_policy) { // a forward has no HTTP to answer in
        m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteLater();
        return;
    }
    reply(code, status, QStringLiteral("harness sandbox proxy: %1").arg(message));
}

} // namespace harness
