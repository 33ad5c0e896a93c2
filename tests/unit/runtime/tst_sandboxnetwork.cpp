// The sandbox's network with the real bubblewrap, socat, curl and real sockets: a listener on the host's
// loopback gets nothing with the network off, nor with it on unless its host:port is allow-listed; an
// allow-listed loopback HTTP server is reached (through the proxy and on the mirrored port) while others
// are refused with a 403 and a network_denied event; a host abstract Unix socket and the D-Bus session
// bus (with the keychain behind it) are unreachable in every mode.
#include "core/eventkinds.h"
#include "runtime/sandbox.h"
#include "runtimetesthelpers.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <future>

using namespace harness;
using namespace harness::testing;

Q_DECLARE_METATYPE(harness::NetworkPolicy)

namespace {
// A minimal HTTP/1.0 server on 127.0.0.1 answering every request with `body` and counting connections.
class HttpServer : public QTcpServer
{
public:
    explicit HttpServer(QByteArray body) : m_body(std::move(body))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                ++connections;
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_requests[s] += s->readAll();
                    if (!m_requests[s].contains("\r\n\r\n"))
                        return;
                    lastRequest = m_requests.take(s);
                    s->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                             QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
                    s->disconnectFromHost();
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost);
    }
    int connections = 0;
    QByteArray lastRequest;

private:
    QByteArray m_body;
    QHash<QTcpSocket *, QByteArray> m_requests;
};

// A listening abstract Unix socket (like an X server's or a D-Bus daemon's "unix:abstract=").
class AbstractListener
{
public:
    explicit AbstractListener(const QByteArray &name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr {};
        addr.sun_family = AF_UNIX;
        memcpy(addr.sun_path + 1, name.constData(), size_t(name.size()));
        const socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + name.size());
        m_ok = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), len) == 0 &&
                ::listen(m_fd, 8) == 0;
    }
    ~AbstractListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_ok; }
    // Accepts what is pending; returns how many connections arrived.
    int drain()
    {
        int n = 0;
        pollfd p {m_fd, POLLIN, 0};
        while (::poll(&p, 1, 50) > 0) {
            const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0)
                break;
            ::close(c);
            ++n;
        }
        return n;
    }

private:
    int m_fd = -1;
    bool m_ok = false;
};
} // namespace

class TestSandboxNetwork : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const SandboxStatus s = Sandbox::probe();
        QVERIFY2(s.available, qPrintable(s.reason));
        QVERIFY2(!s.socat.isEmpty(), "socat is needed for network-on commands (packaging/install-deps.sh)");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty(), "curl is needed");
    }
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_tree = m_dir->path() + QStringLiteral("/tree");
        QDir().mkpath(m_tree);
        m_sink.clear();
    }

    void modesDescribeThemselves()
    {
        QCOMPARE(NetworkPolicy::off().description(), QStringLiteral("network: off"));
        QCOMPARE(NetworkPolicy(true).description(), QStringLiteral("network: proxy to all public hosts"));
        QCOMPARE(allow({"api.anthropic.com", "registry.npmjs.org:443", "127.0.0.1:8123"}).description(),
                 QStringLiteral("network: proxy to 3 allowed hosts"));
    }
    void loopbackListenerGetsNothingWithNetworkOff()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const CommandResult r = run(devTcp(server.serverPort()), NetworkPolicy::off());
        QVERIFY(r.started);
        QVERIFY(r.exitCode != 0);
        QVERIFY(!server.waitForNewConnection(300));
        // Inside, only the sandbox's own loopback exists.
        const CommandResult links =
                run(QStringLiteral("cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '"),
                    NetworkPolicy::off());
        QCOMPARE(links.stdoutData.trimmed(), QByteArray("lo"));
    }
    void loopbackListenerGetsNothingUnlessAllowListed()
    {
        HttpServer listed("listed\n");
        HttpServer other("other\n");
        const NetworkPolicy policy =
                allow({QStringLiteral("127.0.0.1:%1").arg(listed.serverPort()), "registry.npmjs.org:443"});
        // Direct, through the proxy variables, and through the proxy by hand: the other port gets nothing.
        const CommandResult r =
                run(QStringLiteral("%1; curl -sS -m 5 http://127.0.0.1:%2/; curl -sS -m 5 "
                                   "--noproxy '' -x \"$HTTP_PROXY\" http://127.0.0.1:%2/ -o /dev/null "
                                   "-w '%{http_code}\\n'")
                            .arg(devTcp(other.serverPort()))
                            .arg(other.serverPort()),
                    policy);
        QVERIFY2(r.started, qPrintable(r.error));
        QCOMPARE(other.connections, 0);
        QVERIFY2(r.stdoutData.contains("403"), r.stdoutData.constData());
        QVERIFY(!r.stdoutData.contains("other"));
        const QList<Event> denied = m_sink.ofKind(QString(kinds::NetworkDenied));
        QCOMPARE(denied.size(), 1);
        QCOMPARE(denied.first().payload.value(QStringLiteral("host")).toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(denied.first().payload.value(QStringLiteral("port")).toInt(), int(other.serverPort()));
        QCOMPARE(listed.connections, 0);
    }
    void allowListedLoopbackServerIsReached()
    {
        HttpServer server("hello from the model endpoint\n");
        const NetworkPolicy policy = allow({QStringLiteral("127.0.0.1:%1").arg(server.serverPort())});
        // Through the proxy (absolute-form request), and on the port mirrored into the sandbox.
        const CommandResult r = run(QStringLiteral("curl -sS -m 10 --noproxy '' -x \"$HTTP_PROXY\" "
                                                   "http://127.0.0.1:%1/v1/models; curl -sS -m 10 "
                                                   "http://127.0.0.1:%1/direct")
                                            .arg(server.serverPort()),
                                    policy);
        QVERIFY2(r.exitCode == 0, r.stderrData.constData());
        QCOMPARE(r.stdoutData, QByteArray("hello from the model endpoint\nhello from the model endpoint\n"));
        QCOMPARE(server.connections, 2);
        QVERIFY(server.lastRequest.startsWith("GET /direct HTTP/1.1\r\n"));
        QCOMPARE(m_sink.count(QString(kinds::NetworkDenied)), 0);
    }
    void absoluteFormRequestIsRewrittenForTheServer()
    {
        HttpServer server("ok\n");
        const NetworkPolicy policy = allow({QStringLiteral("localhost:%1").arg(server.serverPort())});
        const CommandResult r = run(
                QStringLiteral(
                        "curl -sS -m 10 --noproxy '' -x \"$HTTP_PROXY\" -H 'Proxy-Authorization: Basic eDp5' "
                        "'http://localhost:%1/path?q=1'")
                        .arg(server.serverPort()),
                policy);
        QVERIFY2(r.exitCode == 0, r.stderrData.constData());
        QVERIFY2(server.lastRequest.startsWith("GET /path?q=1 HTTP/1.1\r\n"), server.lastRequest.constData());
        QVERIFY(server.lastRequest.contains("Connection: close\r\n"));
        QVERIFY(!server.lastRequest.toLower().contains("proxy-"));
    }
    void hostNotOnTheListIsRefusedWithAnEvent()
    {
        const CommandResult r =
                run(QStringLiteral("curl -sS -m 10 https://blocked.example.org/ 2>&1; curl -sS -m 10 "
                                   "http://blocked.example.org:8080/x"),
                    allow({"registry.npmjs.org:443"}));
        QVERIFY(r.started);
        QVERIFY2(r.stdoutData.contains("Blocked by the harness sandbox: blocked.example.org:8080"),
                 r.stdoutData.constData());
        QVERIFY(r.stdoutData.contains("not on the network allow-list"));
        const QList<Event> denied = m_sink.ofKind(QString(kinds::NetworkDenied));
        QCOMPARE(denied.size(), 2);
        QCOMPARE(denied.at(0).payload.value(QStringLiteral("host")).toString(),
                 QStringLiteral("blocked.example.org"));
        QCOMPARE(denied.at(0).payload.value(QStringLiteral("port")).toInt(), 443);
        QCOMPARE(denied.at(1).payload.value(QStringLiteral("port")).toInt(), 8080);
        QCOMPARE(denied.at(0).runId, QStringLiteral("R1"));
        QVERIFY(r.warning.contains(QStringLiteral("refused 2 connection")));
    }
    void everyPublicHostStillExcludesTheHostLoopback()
    {
        // `"network": true` used to share the host's namespace; now it cannot reach the host's listeners.
        HttpServer server("secret local service\n");
        const CommandResult r =
                run(QStringLiteral("%1; curl -sS -m 5 --noproxy '' -x \"$HTTP_PROXY\" "
                                   "http://127.0.0.1:%2/ ; curl -sS -m 5 http://localhost:%2/")
                            .arg(devTcp(server.serverPort()))
                            .arg(server.serverPort()),
                    NetworkPolicy(true));
        QVERIFY(r.started);
        QCOMPARE(server.connections, 0);
        QVERIFY(!r.stdoutData.contains("secret local service"));
        QVERIFY2(r.stdoutData.contains("loopback"), r.stdoutData.constData());
        QCOMPARE(m_sink.count(QString(kinds::NetworkDenied)), 1);
    }
    void abstractUnixSocketUnreachableInEveryMode_data()
    {
        QTest::addColumn<NetworkPolicy>("policy");
        QTest::newRow("off") << NetworkPolicy::off();
        QTest::newRow("every public host") << NetworkPolicy(true);
        QTest::newRow("allow-list") << allow({"127.0.0.1:9", "registry.npmjs.org"});
    }
    void abstractUnixSocketUnreachableInEveryMode()
    {
        QFETCH(NetworkPolicy, policy);
        const QByteArray name =
                "harness-test-abstract-" + QByteArray::number(QCoreApplication::applicationPid());
        AbstractListener listener(name);
        QVERIFY(listener.ok());
        const QString connect =
                QStringLiteral("socat -u OPEN:/dev/null ABSTRACT-CONNECT:%1").arg(QString::fromLatin1(name));
        // Positive control: from the host the socket answers.
        QProcess host;
        host.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), connect});
        QVERIFY(host.waitForFinished(10000));
        QCOMPARE(host.exitCode(), 0);
        QCOMPARE(listener.drain(), 1);
        const CommandResult r = run(connect, policy);
        QVERIFY(r.started);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.stderrData.contains("Connection refused"), r.stderrData.constData());
        QCOMPARE(listener.drain(), 0);
    }
    void abstractSessionBusUnreachable()
    {
        // The attack: a bus listening on an abstract address (what dbus-launch and many desktops use).
        QProcess daemon;
        daemon.start(QStringLiteral("dbus-daemon"),
                     {QStringLiteral("--session"), QStringLiteral("--nofork"),
                      QStringLiteral("--print-address=1"),
                      QStringLiteral("--address=unix:abstract=harness-test-bus-%1")
                              .arg(QCoreApplication::applicationPid())});
        QVERIFY(daemon.waitForReadyRead(10000));
        const QString address = QString::fromUtf8(daemon.readLine()).trimmed();
        QVERIFY2(address.startsWith(QStringLiteral("unix:abstract=")), qPrintable(address));
        const QString call =
                QStringLiteral("dbus-send --bus='%1' --print-reply --dest=org.freedesktop.DBus / "
                               "org.freedesktop.DBus.ListNames")
                        .arg(address);
        QProcess host;
        host.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), call});
        QVERIFY(host.waitForFinished(10000));
        QVERIFY(host.readAllStandardOutput().contains("org.freedesktop.DBus")); // positive control
        for (const NetworkPolicy &policy :
             {NetworkPolicy::off(), NetworkPolicy(true), allow({"127.0.0.1:9"})}) {
            const CommandResult r = run(call, policy);
            QVERIFY(r.started);
            QVERIFY2(r.exitCode != 0, qPrintable(policy.description()));
            QVERIFY(!r.stdoutData.contains("org.freedesktop"));
        }
        daemon.kill();
        daemon.waitForFinished();
    }
    void sessionBusAndKeychainUnreachable()
    {
        const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (address.isEmpty() || QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty()) {
            if (qEnvironmentVariableIsSet("HARNESS_TEST_SCRATCH"))
                QFAIL("the test session should provide a D-Bus session with a Secret Service");
            QFAIL("no D-Bus session with a Secret Service here: run the tests with packaging/run-tests.sh");
        }
        const QByteArray secret =
                "sk-harness-sandbox-keychain-" + QByteArray::number(QCoreApplication::applicationPid());
        QProcess store;
        store.start(QStringLiteral("secret-tool"),
                    {QStringLiteral("store"), QStringLiteral("--label=harness test"),
                     QStringLiteral("harness-test"), QStringLiteral("sandbox-network")});
        store.write(secret);
        store.closeWriteChannel();
        QVERIFY(store.waitForFinished(20000));
        QCOMPARE(store.exitCode(), 0);
        const QString lookup =
                QStringLiteral(
                        "DBUS_SESSION_BUS_ADDRESS='%1' secret-tool lookup harness-test sandbox-network")
                        .arg(address);
        // Positive control: the host's own lookup finds it.
        QProcess hostLookup;
        hostLookup.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), lookup});
        QVERIFY(hostLookup.waitForFinished(20000));
        QCOMPARE(hostLookup.readAllStandardOutput().trimmed(), secret);
        for (const NetworkPolicy &policy :
             {NetworkPolicy::off(), NetworkPolicy(true), allow({"127.0.0.1:9"})}) {
            const CommandResult r =
                    run(lookup +
                                QStringLiteral("; DBUS_SESSION_BUS_ADDRESS='%1' dbus-send --session "
                                               "--print-reply --dest=org.freedesktop.DBus / "
                                               "org.freedesktop.DBus.ListNames")
                                        .arg(address),
                        policy);
            QVERIFY(r.started);
            QVERIFY2(r.exitCode != 0, qPrintable(policy.description()));
            QVERIFY(!r.stdoutData.contains(secret));
            QVERIFY(!r.stdoutData.contains("org.freedesktop"));
        }
        QProcess clear;
        clear.start(
                QStringLiteral("secret-tool"),
                {QStringLiteral("clear"), QStringLiteral("harness-test"), QStringLiteral("sandbox-network")});
        QVERIFY(clear.waitForFinished(20000));
    }

private:
    static NetworkPolicy allow(const QStringList &hosts)
    {
        QList<HostRule> rules;
        for (const QString &h : hosts)
            rules << *HostRule::parse(h);
        return NetworkPolicy::proxy(rules);
    }
    static QString devTcp(quint16 port)
    {
        return QStringLiteral("bash -c 'echo leak > /dev/tcp/127.0.0.1/%1'").arg(port);
    }
    // Runs on a worker thread (run() blocks) while this thread serves the test's own servers.
    CommandResult run(const QString &command, const NetworkPolicy &policy)
    {
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.events = &m_sink;
        c.runId = QStringLiteral("R1");
        const Sandbox sandbox(c);
        CommandSpec spec;
        spec.shell = command;
        spec.network = policy;
        spec.timeoutMs = 60000;
        auto future = std::async(std::launch::async, [&] { return sandbox.run(spec); });
        while (future.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::processEvents();
        return future.get();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_tree;
    CollectingSink m_sink;
};

QTEST_GUILESS_MAIN(TestSandboxNetwork)
#include "tst_sandboxnetwork.moc"
