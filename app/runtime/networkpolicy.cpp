// NetworkPolicy: allow-list parsing, matching and the address classes the proxy refuses by default.
#include "networkpolicy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace harness {

namespace {
const QRegularExpression kHostName(QStringLiteral("^(\\*|(\\*\\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?"
                                                  "(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*)$"));

QString normalHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    const QHostAddress literal(host);
    if (!literal.isNull() && literal.protocol() == QAbstractSocket::IPv6Protocol)
        return literal.toString(); // one spelling per IPv6 address
    return host;
}

// Names of the host's IPv4 loopback that a sandbox can mirror on its own 127.0.0.1.
bool isLoopbackName(const QString &host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
}
} // namespace

bool HostRule::matches(const QString &hostName, quint16 p) const
{
    if (port != 0 && port != p)
        return false;
    const QString h = normalHost(hostName);
    if (host == QLatin1String("*"))
        return true;
    if (host.startsWith(QLatin1String("*.")))
        return h.endsWith(host.mid(1)) && h.size() > host.size() - 1;
    return h == host;
}

QString HostRule::toString() const
{
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return port == 0 ? h : h + QLatin1Char(':') + QString::number(port);
}

Result<HostRule> HostRule::parse(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.contains(QLatin1Char('/')) || t.contains(QLatin1Char('@')))
        return Result<HostRule>::failure(
                QStringLiteral(
                        "\"%1\" is not a host name: give the host (and :port), without scheme, user or path")
                        .arg(text));
    QString host = t;
    QString portText;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Result<HostRule>::failure(QStringLiteral("\"%1\": missing ']'").arg(text));
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))
            return Result<HostRule>::failure(QStringLiteral("\"%1\": expected :port after ']'").arg(text));
        portText = rest.mid(1);
        if (rest == QLatin1String(":"))
            portText = QStringLiteral("x"); // an empty port is an error below
    } else if (t.count(QLatin1Char(':')) == 1) {
        host = t.section(QLatin1Char(':'), 0, 0);
        portText = t.section(QLatin1Char(':'), 1);
        if (portText.isEmpty())
            portText = QStringLiteral("x");
    }
    HostRule rule;
    if (!portText.isEmpty()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return Result<HostRule>::failure(
                    QStringLiteral("\"%1\": the port must be a number from 1 to 65535").arg(text));
        rule.port = quint16(port);
    }
    const QHostAddress literal(host);
    if (literal.isNull() && !kHostName.match(host).hasMatch())
        return Result<HostRule>::failure(
                QStringLiteral("\"%1\" is not a host name, an IP address, \"*\" or \"*.domain\" (with an "
                               "optional :port)")
                        .arg(text));
    rule.host = normalHost(host);
    return rule;
}

NetworkPolicy NetworkPolicy::publicInternet()
{
    return proxy({HostRule {QStringLiteral("*"), 0}});
}

bool NetworkPolicy::allowsAllPublicHosts() const
{
    if (m_mode != Mode::Proxy)
        return false;
    for (const HostRule &r : m_allow)
        if (r.host == QLatin1String("*") && r.port == 0)
            return true;
    return false;
}

QString NetworkPolicy::refusalByName(const QString &host, quint16 port) const
{
    if (m_mode == Mode::Off)
        return QStringLiteral("the network is off for this command");
    for (const HostRule &r : m_allow)
        if (r.matches(host, port))
            return {};
    return QStringLiteral("not on the network allow-list");
}

QString NetworkPolicy::refusal(const QString &host, quint16 port, const QHostAddress &address) const
{
    const QString byName = refusalByName(host, port);
    if (!byName.isEmpty())
        return byName;
    const bool loopback = isLoopback(address);
    if (!loopback && !isNonPublic(address))
        return {};
    for (const HostRule &r : m_allow) {
        if (r.isWildcard() || !r.matches(host, port))
            continue;
        if (!loopback || r.port != 0)
            return {};
    }
    if (loopback)
        return QStringLiteral("the host's loopback (%1) is reachable only for a host:port pair on the "
                              "allow-list")
                .arg(address.toString());
    return QStringLiteral("%1 is a private, link-local or reserved address; only a host named on the "
                          "allow-list (no wildcard) may reach it")
            .arg(address.toString());
}

QList<HostRule> NetworkPolicy::loopbackForwards() const
{
    QList<HostRule> out;
    if (m_mode != Mode::Proxy)
        return out;
    for (const HostRule &r : m_allow)
        if (r.port >= 1024 && isLoopbackName(r.host)) {
            bool seen = false;
            for (const HostRule &o : std::as_const(out))
                seen = seen || o.port == r.port;
            if (!seen)
                out << r;
        }
    return out;
}

QString NetworkPolicy::description() const
{
    if (m_mode == Mode::Off)
        return QStringLiteral("network: off");
    if (allowsAllPublicHosts()) {
        const qsizetype more = m_allow.size() - 1;
        return more > 0 ? QStringLiteral("network: proxy to all public hosts and %1 listed host%2")
                                  .arg(more)
                                  .arg(more == 1 ? QString() : QStringLiteral("s"))
                        : QStringLiteral("network: proxy to all public hosts");
    }
    if (m_allow.isEmpty())
        return QStringLiteral("network: proxy, no host allowed");
    return QStringLiteral("network: proxy to %1 allowed host%2")
            .arg(m_allow.size())
            .arg(m_allow.size() == 1 ? QString() : QStringLiteral("s"));
}

QJsonValue NetworkPolicy::toJson() const
{
    if (m_mode == Mode::Off && m_allow.isEmpty())
        return false;
    if (*this == publicInternet())
        return true;
    QJsonArray allow;
    for (const HostRule &r : m_allow)
        allow.append(r.toString());
    return QJsonObject {
            {QStringLiteral("mode"), m_mode == Mode::Off ? QStringLiteral("off") : QStringLiteral("proxy")},
            {QStringLiteral("allow"), allow}};
}

Result<NetworkPolicy> NetworkPolicy::fromJson(const QJsonValue &json, const QString &field)
{
    if (json.isUndefined() || json.isNull())
        return off();
    if (json.isBool())
        return NetworkPolicy(json.toBool());
    if (!json.isObject())
        return Result<NetworkPolicy>::failure(
                QStringLiteral("must be true, false or an object such as {\"mode\": \"proxy\", \"allow\": "
                               "[\"registry.npmjs.org:443\"]}"),
                field);
    const QJsonObject o = json.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("mode") && it.key() != QLatin1String("allow"))
            return Result<NetworkPolicy>::failure(
                    QStringLiteral("unknown key \"%1\"; expected mode and allow").arg(it.key()), field);
    const QJsonValue modeValue = o.value(QStringLiteral("mode"));
    Mode mode = Mode::Proxy;
    if (!modeValue.isUndefined()) {
        const QString m = modeValue.toString();
        if (m == QLatin1String("off"))
            mode = Mode::Off;
        else if (m != QLatin1String("proxy"))
            return Result<NetworkPolicy>::failure(QStringLiteral("must be \"off\" or \"proxy\""),
                                                  field + QStringLiteral(".mode"));
    }
    const QJsonValue allowValue = o.value(QStringLiteral("allow"));
    if (!allowValue.isUndefined() && !allowValue.isArray())
        return Result<NetworkPolicy>::failure(QStringLiteral("must be a list of \"host\" or \"host:port\""),
                                              field + QStringLiteral(".allow"));
    QList<HostRule> allow;
    for (const QJsonValue &v : allowValue.toArray()) {
        if (!v.isString())
            return Result<NetworkPolicy>::failure(QStringLiteral("every entry must be a string"),
                                                  field + QStringLiteral(".allow"));
        auto rule = HostRule::parse(v.toString());
        if (!rule)
            return Result<NetworkPolicy>::failure(rule.error().message, field + QStringLiteral(".allow"));
        if (!allow.contains(*rule))
            allow << *rule;
    }
    return NetworkPolicy(mode, allow);
}

bool NetworkPolicy::isLoopback(const QHostAddress &address)
{
    bool v4 = false;
    const quint32 a = address.toIPv4Address(&v4);
    if (v4)
        return (a >> 24) == 127;
    return address == QHostAddress(QHostAddress::LocalHostIPv6);
}

bool NetworkPolicy::isNonPublic(const QHostAddress &address)
{
    if (address.isNull())
        return true;
    bool v4 = false;
    const quint32 a = address.toIPv4Address(&v4); // also unwraps ::ffff:a.b.c.d
    if (v4) {
        const auto in = [a](quint32 net, int bits) {
            return (a >> (32 - bits)) == (net >> (32 - bits));
        };
        return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) ||
                in(0xA9FE0000, 16) || in(0xAC100000, 12) || in(0xC0000000, 24) || in(0xC0A80000, 16) ||
                in(0xC6120000, 15) || in(0xE0000000, 4) || in(0xF0000000, 4);
    }
    const Q_IPV6ADDR b = address.toIPv6Address();
    bool zeroPrefix = true;
    for (int i = 0; i < 15; ++i)
        zeroPrefix = zeroPrefix && b[i] == 0;
    if (zeroPrefix && (b[15] == 0 || b[15] == 1))
        return true; // :: and ::1
    return (b[0] & 0xfe) == 0xfc // unique local fc00::/7
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // site-local fec0::/10
            || b[0] == 0xff; // multicast
}

} // namespace harness
