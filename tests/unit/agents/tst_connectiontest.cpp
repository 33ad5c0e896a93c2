// ModelCatalog and ConnectionTest against real HTTP on 127.0.0.1 (the loopback ModelServer): the model
// list of both wire formats (Anthropic's pages followed, each with its headers), and each failure a user
// must be told apart — DNS, refused, TLS, 401, 404 model, timeout, cancel — from a real socket.
#include "agents/connectiontest.h"
#include "agents/modelcatalog.h"
#include "common/modelserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace harness;
using K = ProviderProblem::Kind;

namespace {
ProviderConfig config(const QString &kind, const QString &baseUrl)
{
    ProviderConfig c;
    c.id = QStringLiteral("test-") + kind;
    c.kind = kind;
    c.baseUrl = baseUrl;
    return c;
}

QJsonObject modelList(const QStringList &ids, bool hasMore = false)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(
                QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("model")}});
    QJsonObject o {{QStringLiteral("data"), data}};
    if (hasMore) {
        o.insert(QStringLiteral("has_more"), true);
        o.insert(QStringLiteral("last_id"), ids.constLast());
    }
    return o;
}

ConnectionReport runTest(const ProviderConfig &c, const QString &key, const QString &model,
                         int timeoutMs = 5000)
{
    ConnectionTest test;
    QSignalSpy done(&test, &ConnectionTest::finished);
    test.start(c, key, model, timeoutMs);
    if (!done.wait(timeoutMs + 10000))
        qFatal("ConnectionTest never finished");
    return done.constFirst().constFirst().value<ConnectionReport>();
}
} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openAiListIsFetchedWithTheBearerKey()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(modelList({"qwen2.5-coder:7b", "llama3.1:8b", "qwen2.5-coder:7b"})));
        ModelCatalog catalog;
        QSignalSpy fetched(&catalog, &ModelCatalog::fetched);
        catalog.fetch(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))),
                      QStringLiteral("sk-one"));
        QVERIFY(catalog.isFetching());
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched.constFirst().constFirst().toStringList(),
                 (QStringList {"llama3.1:8b", "qwen2.5-coder:7b"}));
        QCOMPARE(server.requestCount(), 1);
        const ReceivedRequest r = server.requests().constFirst();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, QByteArray("/v1/models"));
        QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer sk-one"));
    }

    void anthropicPagesAreFollowed()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(modelList({"claude-a", "claude-b"}, true)));
        server.enqueue(ModelServer::json(modelList({"claude-c"})));
        ModelCatalog catalog;
        QSignalSpy fetched(&catalog, &ModelCatalog::fetched);
        catalog.fetch(config(QStringLiteral("anthropic"), server.baseUrl()), QStringLiteral("sk-ant-two"));
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched.constFirst().constFirst().toStringList(),
                 (QStringList {"claude-a", "claude-b", "claude-c"}));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(0).path, QByteArray("/v1/models?limit=1000"));
        QCOMPARE(server.requests().at(1).path, QByteArray("/v1/models?limit=1000&after_id=claude-b"));
        QCOMPARE(server.requests().at(0).headers.value("x-api-key"), QByteArray("sk-ant-two"));
        QCOMPARE(server.requests().at(0).headers.value("anthropic-version"), QByteArray("2023-06-01"));
    }

    void aListThatIsNotOneIsAProtocolProblem()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(QJsonObject {{QStringLiteral("models"), QJsonArray {1, 2}}}));
        ModelCatalog catalog;
        QSignalSpy failed(&catalog, &ModelCatalog::failed);
        catalog.fetch(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))), {});
        QVERIFY(failed.wait(5000));
        const auto p = failed.constFirst().constFirst().value<ProviderProblem>();
        QCOMPARE(p.kind, K::Protocol);
        QVERIFY2(p.detail.contains(QStringLiteral("\"data\"")), qPrintable(p.detail));
    }

    void reachableKeyAcceptedAndModelFound()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(modelList({"m-small", "m-large"})));
        const ConnectionReport r =
                runTest(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))),
                        QStringLiteral("k"), QStringLiteral("m-large"));
        QVERIFY(r.ok());
        QVERIFY(r.reachable && r.keyAccepted && r.modelChecked && r.modelExists);
        QCOMPARE(r.modelsListed, 2);
        QCOMPARE(server.requestCount(), 1); // found in the list: no second request
    }

    void aModelMissingFromTheListIsLookedUpAnd404IsReported()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(modelList({"claude-a"})));
        server.enqueue(ModelServer::jsonError(
                404,
                R"({"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}})"));
        const ConnectionReport r = runTest(config(QStringLiteral("anthropic"), server.baseUrl()),
                                           QStringLiteral("k"), QStringLiteral("claude-nope"));
        QVERIFY(!r.ok());
        QVERIFY(r.reachable && r.keyAccepted && r.modelChecked && !r.modelExists);
        QCOMPARE(r.problem.kind, K::NotFound);
        QCOMPARE(r.problem.httpStatus, 404);
        QCOMPARE(r.problem.detail, QStringLiteral("model: claude-nope"));
        QCOMPARE(server.requests().at(1).path, QByteArray("/v1/models/claude-nope"));
    }

    void aRejectedKeyIs401()
    {
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::jsonError(401, R"({"error":{"message":"Incorrect API key provided"}})"));
        const ConnectionReport r =
                runTest(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))),
                        QStringLiteral("sk-wrong"), QStringLiteral("m"));
        QCOMPARE(r.problem.kind, K::KeyRejected);
        QCOMPARE(r.problem.httpStatus, 401);
        QVERIFY(r.reachable);
        QVERIFY(!r.keyAccepted);
        QCOMPARE(r.problem.detail, QStringLiteral("Incorrect API key provided"));
    }

    void refusedConnection()
    {
        QTcpServer closed; // a port that was free a moment ago: nothing listens once it is closed
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        const ConnectionReport r = runTest(
                config(QStringLiteral("openai"), QStringLiteral("http://127.0.0.1:%1/v1").arg(port)), {}, {});
        QCOMPARE(r.problem.kind, K::Refused);
        QVERIFY(!r.reachable);
    }

    void unknownHostIsDns()
    {
        // .invalid never resolves (RFC 6761); the resolver says so without a network.
        const ConnectionReport r = runTest(
                config(QStringLiteral("openai"), QStringLiteral("http://no-such-host.invalid/v1")), {}, {});
        QCOMPARE(r.problem.kind, K::Dns);
    }

    void tlsToAPlainServerIsATlsFailure()
    {
        // A server that answers the TLS hello with plain HTTP (an https:// URL for a local http server).
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
        connect(&plain, &QTcpServer::newConnection, this, [&plain]() {
            QTcpSocket *socket = plain.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket]() {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        const ConnectionReport r =
                runTest(config(QStringLiteral("openai"),
                               QStringLiteral("https://127.0.0.1:%1/v1").arg(plain.serverPort())),
                        {}, {});
        QCOMPARE(r.problem.kind, K::Tls);
        QVERIFY(!r.reachable);
    }

    void aSilentServerTimesOut()
    {
        ModelServer server;
        QVERIFY(server.listen());
        ScriptedReply hang;
        hang.end = ScriptedReply::End::Hang;
        server.enqueue(hang);
        QElapsedTimer clock;
        clock.start();
        const ConnectionReport r =
                runTest(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))), {}, {}, 400);
        QCOMPARE(r.problem.kind, K::Timeout);
        QCOMPARE(r.problem.detail, QStringLiteral("400"));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void cancelStopsAtOnce()
    {
        ModelServer server;
        QVERIFY(server.listen());
        ScriptedReply hang;
        hang.end = ScriptedReply::End::Hang;
        server.enqueue(hang);
        ConnectionTest test;
        QSignalSpy done(&test, &ConnectionTest::finished);
        test.start(config(QStringLiteral("openai"), server.baseUrl(QStringLiteral("/v1"))), {}, {}, 30000);
        QTRY_COMPARE(server.requestCount(), 1);
        QVERIFY(test.isRunning());
        test.cancel();
        QCOMPARE(done.size(), 1); // answered at once, not after the 30 s limit
        QCOMPARE(done.constFirst().constFirst().value<ConnectionReport>().problem.kind, K::Cancelled);
        QVERIFY(!test.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
