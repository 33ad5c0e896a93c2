// NetworkProxy: the private socket directory, the proxy thread with its servers, the sandbox-side
// socat bridges and the proxy environment of a command.
#include "networkproxy.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "proxyconnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

namespace harness {

namespace {
QString hexPort(quint16 port)
{
    return QStringLiteral("%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
}
} // namespace

NetworkProxy::NetworkProxy(NetworkPolicy policy, EventSink *events, QString runId)
    : m_policy(std::move(policy)), m_events(events), m_runId(std::move(runId))
{
    QList<quint16> taken;
    for (const HostRule &r : m_policy.loopbackForwards())
        taken << r.port;
    while (taken.contains(m_proxyPort))
        ++m_proxyPort;
}

NetworkProxy::~NetworkProxy()
{
    if (!m_thread)
        return;
    QObject *home = m_home;
    QMetaObject::invokeMethod(
            home,
            [home] {
                // A short grace for what the command sent just before it ended, then every connection ends.
                QElapsedTimer waited;
                waited.start();
                QEventLoop loop;
                while (true) {
                    loop.processEvents(QEventLoop::AllEvents); // data and connections already arrived
                    bool busy = false;
                    for (const QLocalServer *server :
                         home->findChildren<QLocalServer *>(Qt::FindDirectChildrenOnly))
                        busy = busy || server->hasPendingConnections();
                    for (const ProxyConnection *c :
                         home->findChildren<ProxyConnection *>(Qt::FindDirectChildrenOnly))
                        busy = busy || c->hasUndelivered();
                    if (!busy || waited.elapsed() > kFlushGraceMs)
                        break;
                    QTimer::singleShot(5, &loop, &QEventLoop::quit);
                    loop.exec();
                }
                delete home;
            },
            Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

Status NetworkProxy::start()
{
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/harness-net-XXXXXX"));
    if (!m_dir->isValid())
        return Status::failure(QStringLiteral("cannot make the network proxy's directory in %1: %2")
                                       .arg(QDir::tempPath(), m_dir->errorString()));
    const QString dir = m_dir->path();
    if (dir.size() > 80) // sun_path holds 108 bytes
        return Status::failure(
                QStringLiteral("the temporary directory path %1 is too long for the network proxy's sockets; "
                               "set TMPDIR to a shorter path")
                        .arg(dir));
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("sandbox-proxy"));
    m_home = new QObject;
    m_home->moveToThread(m_thread);
    m_thread->start();
    QString error;
    QMetaObject::invokeMethod(
            m_home,
            [this, dir, &error] {
                const auto listen = [&](const QString &name) -> QLocalServer * {
                    auto *server = new QLocalServer(m_home);
                    server->setSocketOptions(QLocalServer::UserAccessOption);
                    if (!server->listen(dir + QLatin1Char('/') + name)) {
                        error = QStringLiteral("the network proxy cannot listen on %1: %2")
                                        .arg(name, server->errorString());
                        return nullptr;
                    }
                    return server;
                };
                const auto tooMany = [this] {
                    return m_home->children().size() > kMaxConnections;
                };
                QLocalServer *proxy = listen(QStringLiteral("proxy.sock"));
                if (!proxy)
                    return;
                QObject::connect(proxy, &QLocalServer::newConnection, proxy, [this, proxy, tooMany] {
                    while (QLocalSocket *s = proxy->nextPendingConnection()) {
                        if (tooMany()) {
                            s->abort();
                            s->deleteLater();
                            continue;
                        }
                        new ProxyConnection(
                                s, &m_policy,
                                [this](const QString &h, quint16 p, const QString &why) {
                                    recordDenied(h, p, why);
                                },
                                m_home);
                    }
                });
                for (const HostRule &r : m_policy.loopbackForwards()) {
                    QLocalServer *fwd = listen(QStringLiteral("fwd-%1.sock").arg(r.port));
                    if (!fwd)
                        return;
                    const quint16 port = r.port;
                    QObject::connect(fwd, &QLocalServer::newConnection, fwd, [this, fwd, port, tooMany] {
                        while (QLocalSocket *s = fwd->nextPendingConnection()) {
                            if (tooMany()) {
                                s->abort();
                                s->deleteLater();
                                continue;
                            }
                            new ProxyConnection(s, QHostAddress(QHostAddress::LocalHost), port, m_home);
                        }
                    });
                }
            },
            Qt::BlockingQueuedConnection);
    if (!error.isEmpty())
        return Status::failure(error);
    return success();
}

QStringList NetworkProxy::bwrapArguments() const
{
    if (!m_dir)
        return {};
    return {QStringLiteral("--ro-bind"), m_dir->path(), sandboxDir()};
}

QMap<QString, QString> NetworkProxy::environment() const
{
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_proxyPort);
    QMap<QString, QString> env;
    for (const char *name : {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}) {
        env.insert(QString::fromLatin1(name), url);
        env.insert(QString::fromLatin1(name).toLower(), url);
    }
    // The sandbox's own loopback (test servers a gate starts, mirrored allow-listed ports) stays direct.
    const QString local = QStringLiteral("localhost,127.0.0.1,::1");
    env.insert(QStringLiteral("NO_PROXY"), local);
    env.insert(QStringLiteral("no_proxy"), local);
    return env;
}

QString NetworkProxy::bridgeScript(const QString &socat) const
{
    QString s =
            QStringLiteral("s='%1'\n").arg(QString(socat).replace(QLatin1Char('\''), QLatin1String("'\\''")));
    QStringList ports {hexPort(m_proxyPort)};
    const QString line =
            QStringLiteral("\"$s\" TCP4-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:%2/%3 "
                           "</dev/null >/dev/null 2>&1 &\npids=\"$pids $!\"\n");
    s += line.arg(m_proxyPort).arg(sandboxDir(), QStringLiteral("proxy.sock"));
    for (const HostRule &r : m_policy.loopbackForwards()) {
        s += line.arg(r.port).arg(sandboxDir(), QStringLiteral("fwd-%1.sock").arg(r.port));
        ports << hexPort(r.port);
    }
    // Wait until every bridge listens (the namespace is new: only ours are there), then run "$@".
    // Not exec: the script stays to let the bridges finish relaying after the command (see below).
    s += QStringLiteral(
                 "n=0\n"
                 "while :; do\n"
                 "  c=0\n"
                 "  while read -r _ l _ st _; do\n"
                 "    [ \"$st\" = 0A ] && case $l in 0100007F:%1) c=$((c+1));; esac\n"
                 "  done </proc/net/tcp\n"
                 "  [ $c -ge %2 ] && break\n"
                 "  n=$((n+1))\n"
                 "  gone=\n"
                 "  for p in $pids; do\n"
                 "    read -r _ _ ps _ </proc/$p/stat 2>/dev/null || ps=Z\n"
                 "    [ \"$ps\" = Z ] && gone=1\n"
                 "  done\n"
                 "  if [ $n -gt 2500 ] || [ -n \"$gone\" ]; then\n"
                 "    echo 'harness: the network bridge (socat) in the sandbox did not start' >&2\n"
                 "    exit 125\n"
                 "  fi\n"
                 "  sleep 0.002\n"
                 "done\n"
                 "\"$@\"\n"
                 "rc=$?\n"
                 // What the command sent last may still sit in a bridge's accept queue or
                 // connection: the sandbox's processes end with the command, so wait (at most
                 // a second) until no socket on a bridge port is queued or open.
                 "n=0\n"
                 "while [ $n -lt 100 ]; do\n"
                 "  busy=\n"
                 "  while read -r _ l _ st q _; do\n"
                 "    case $l in 0100007F:%1) ;; *) continue;; esac\n"
                 "    case $st in 0A) [ \"${q#*:}\" = 00000000 ] || busy=1;; 06|07) ;; *) busy=1;; esac\n"
                 "  done </proc/net/tcp\n"
                 "  [ -z \"$busy\" ] && break\n"
                 "  n=$((n+1))\n"
                 "  sleep 0.01\n"
                 "done\n"
                 "exit $rc\n")
                 .arg(ports.join(QStringLiteral("|0100007F:")))
                 .arg(ports.size());
    return s;
}

void NetworkProxy::recordDenied(const QString &host, quint16 port, const QString &reason)
{
    const int n = ++m_denied;
    if (!m_events || n > kMaxDeniedEvents)
        return;
    m_events->record(makeEvent(
            m_runId,
            NetworkDeniedPayload {host, int(port), reason, m_policy.description(), n == kMaxDeniedEvents}));
}

} // namespace harness
