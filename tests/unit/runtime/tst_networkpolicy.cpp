// NetworkPolicy: the JSON forms of "network" (false, true, {mode, allow}) and their errors, allow-list
// entries, which destinations each policy refuses (the host's loopback only for an exact host:port,
// private and link-local addresses never through a wildcard), mirrored loopback ports and descriptions.
#include "runtime/networkpolicy.h"
#include "runtime/permissionprofile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace harness;

namespace {
NetworkPolicy parse(const QByteArray &json)
{
    const QJsonValue v = QJsonDocument::fromJson("[" + json + "]").array().at(0);
    auto p = NetworkPolicy::fromJson(v);
    return p ? *p : NetworkPolicy::off();
}
} // namespace

class TestNetworkPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonForms_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QByteArray>("roundTrip");
        QTest::newRow("false") << QByteArray("false") << "network: off" << QByteArray("false");
        QTest::newRow("absent") << QByteArray("null") << "network: off" << QByteArray("false");
        QTest::newRow("true") << QByteArray("true") << "network: proxy to all public hosts"
                              << QByteArray("true");
        QTest::newRow("allow") << QByteArray("{\"mode\": \"proxy\", \"allow\": [\"api.anthropic.com\", "
                                             "\"registry.npmjs.org:443\", \"127.0.0.1:8123\"]}")
                               << "network: proxy to 3 allowed hosts"
                               << QByteArray("{\"allow\":[\"api.anthropic.com\",\"registry.npmjs.org:443\","
                                             "\"127.0.0.1:8123\"],\"mode\":\"proxy\"}");
        QTest::newRow("mode implied")
                << QByteArray("{\"allow\": [\"*.npmjs.org\"]}") << "network: proxy to 1 allowed host"
                << QByteArray("{\"allow\":[\"*.npmjs.org\"],\"mode\":\"proxy\"}");
        QTest::newRow("off keeps list")
                << QByteArray("{\"mode\": \"off\", \"allow\": [\"a.org\"]}") << "network: off"
                << QByteArray("{\"allow\":[\"a.org\"],\"mode\":\"off\"}");
        QTest::newRow("all and more")
                << QByteArray("{\"allow\": [\"*\", \"localhost:8123\"]}")
                << "network: proxy to all public hosts and 1 listed host"
                << QByteArray("{\"allow\":[\"*\",\"localhost:8123\"],\"mode\":\"proxy\"}");
        QTest::newRow("ipv6") << QByteArray("{\"allow\": [\"[::1]:8080\", \"2001:db8::1\"]}")
                              << "network: proxy to 2 allowed hosts"
                              << QByteArray(
                                         "{\"allow\":[\"[::1]:8080\",\"[2001:db8::1]\"],\"mode\":\"proxy\"}");
    }
    void jsonForms()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, description);
        QFETCH(QByteArray, roundTrip);
        const QJsonValue v = QJsonDocument::fromJson("[" + json + "]").array().at(0);
        auto p = NetworkPolicy::fromJson(v);
        QVERIFY2(p.ok(), qPrintable(p.errorText()));
        QCOMPARE(p->description(), description);
        const QJsonValue back = p->toJson();
        QCOMPARE(QJsonDocument(QJsonArray {back}).toJson(QJsonDocument::Compact), "[" + roundTrip + "]");
        QCOMPARE(*NetworkPolicy::fromJson(back), *p);
    }
    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("number") << QByteArray("1") << "network: must be true, false or an object";
        QTest::newRow("mode") << QByteArray("{\"mode\": \"open\"}")
                              << "network.mode: must be \"off\" or \"proxy\"";
        QTest::newRow("key") << QByteArray("{\"hosts\": []}") << "unknown key \"hosts\"";
        QTest::newRow("allow type") << QByteArray("{\"allow\": \"a.org\"}")
                                    << "network.allow: must be a list";
        QTest::newRow("port") << QByteArray("{\"allow\": [\"a.org:99999\"]}")
                              << "the port must be a number from 1 to 65535";
        QTest::newRow("empty port") << QByteArray("{\"allow\": [\"a.org:\"]}") << "the port must be a number";
        QTest::newRow("scheme") << QByteArray("{\"allow\": [\"https://a.org\"]}") << "is not a host name";
        QTest::newRow("mid wildcard") << QByteArray("{\"allow\": [\"a.*.org\"]}") << "is not a host name";
        QTest::newRow("entry type") << QByteArray("{\"allow\": [3]}") << "every entry must be a string";
    }
    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto p = NetworkPolicy::fromJson(QJsonDocument::fromJson("[" + json + "]").array().at(0));
        QVERIFY(!p.ok());
        QVERIFY2(p.errorText().contains(message), qPrintable(p.errorText()));
    }
    void refusals_data()
    {
        QTest::addColumn<QByteArray>("policy");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("refusal"); // empty: allowed
        const QByteArray everything("true");
        const QByteArray list("{\"allow\": [\"api.anthropic.com\", \"*.npmjs.org:443\", \"127.0.0.1:8123\", "
                              "\"localhost\", \"intranet.corp\"]}");
        QTest::newRow("off") << QByteArray("false") << "a.org" << 443 << "93.184.215.14"
                             << "the network is off";
        QTest::newRow("public ok") << everything << "example.org" << 443 << "93.184.215.14"
                                   << "";
        QTest::newRow("all: loopback") << everything << "127.0.0.1" << 8123 << "127.0.0.1"
                                       << "loopback";
        QTest::newRow("all: name to loopback") << everything << "evil.example" << 80 << "127.0.0.2"
                                               << "loopback";
        QTest::newRow("all: v6 loopback") << everything << "::1" << 80 << "::1"
                                          << "loopback";
        QTest::newRow("all: metadata") << everything << "169.254.169.254" << 80 << "169.254.169.254"
                                       << "private, link-local";
        QTest::newRow("all: rfc1918") << everything << "router" << 80 << "192.168.1.1"
                                      << "private";
        QTest::newRow("all: mapped") << everything << "x" << 80 << "::ffff:10.0.0.1"
                                     << "private";
        QTest::newRow("all: ula") << everything << "x" << 80 << "fd00::1"
                                  << "private";
        QTest::newRow("listed name") << list << "api.anthropic.com" << 443 << "160.79.104.10"
                                     << "";
        QTest::newRow("listed name other port ok") << list << "api.anthropic.com" << 8443 << "160.79.104.10"
                                                   << "";
        QTest::newRow("not listed") << list << "example.org" << 443 << "93.184.215.14"
                                    << "not on the network allow-list";
        QTest::newRow("wildcard sub") << list << "registry.npmjs.org" << 443 << "104.16.0.1"
                                      << "";
        QTest::newRow("wildcard apex") << list << "npmjs.org" << 443 << "104.16.0.1"
                                       << "not on the network allow-list";
        QTest::newRow("wildcard port") << list << "registry.npmjs.org" << 80 << "104.16.0.1"
                                       << "not on the network allow-list";
        QTest::newRow("wildcard to private") << list << "x.npmjs.org" << 443 << "10.0.0.5"
                                             << "private";
        QTest::newRow("loopback exact") << list << "127.0.0.1" << 8123 << "127.0.0.1"
                                        << "";
        QTest::newRow("loopback other port") << list << "127.0.0.1" << 22 << "127.0.0.1"
                                             << "not on the network allow-list";
        QTest::newRow("loopback without port") << list << "localhost" << 5432 << "127.0.0.1"
                                               << "host:port pair";
        QTest::newRow("named private") << list << "intranet.corp" << 443 << "10.1.2.3"
                                       << "";
        QTest::newRow("case and dot") << list << "API.Anthropic.COM." << 443 << "160.79.104.10"
                                      << "";
    }
    void refusals()
    {
        QFETCH(QByteArray, policy);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, address);
        QFETCH(QString, refusal);
        const QString why = parse(policy).refusal(host, quint16(port), QHostAddress(address));
        if (refusal.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(refusal), qPrintable(why));
    }
    void loopbackForwards()
    {
        const NetworkPolicy p =
                parse("{\"allow\": [\"127.0.0.1:8123\", \"localhost:8123\", \"localhost:9000\", "
                      "\"localhost\", \"127.0.0.1:80\", \"[::1]:7000\", \"a.org:8123\"]}");
        QStringList ports;
        for (const HostRule &r : p.loopbackForwards())
            ports << QString::number(r.port);
        QCOMPARE(ports, (QStringList {"8123", "9000"}));
        QVERIFY(NetworkPolicy(true).loopbackForwards().isEmpty());
    }
    void permissionProfileReadsBothForms()
    {
        QJsonObject o {{QStringLiteral("network"), true}};
        auto p = PermissionProfile::fromJson(o);
        QVERIFY(p.ok());
        QVERIFY(p->network.allowsAllPublicHosts());
        o.insert(QStringLiteral("network"),
                 QJsonObject {{QStringLiteral("allow"), QJsonArray {QStringLiteral("h.org:443")}}});
        p = PermissionProfile::fromJson(o);
        QVERIFY(p.ok());
        QCOMPARE(p->network.description(), QStringLiteral("network: proxy to 1 allowed host"));
        QCOMPARE(*PermissionProfile::fromJson(p->toJson()), *p);
        o.insert(QStringLiteral("network"), QStringLiteral("yes"));
        QVERIFY(!PermissionProfile::fromJson(o).ok());
        QVERIFY(!PermissionProfile::fromJson({}).value().network.enabled());
    }
};

QTEST_GUILESS_MAIN(TestNetworkPolicy)
#include "tst_networkpolicy.moc"
