// NetworkPolicy: what a sandboxed command may reach. The sandbox always has its own network namespace;
// "off" leaves it only its own loopback, "proxy" lets HTTP(S) out through the harness's proxy to the
// hosts on an allow-list. JSON: `false` (off), `true` (proxy to every public host) or
// {"mode": "proxy", "allow": ["api.example.com", "*.npmjs.org:443", "127.0.0.1:8123"]}.
#pragma once

#include "core/result.h"

#include <QHostAddress>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <concepts>

namespace harness {

// One allow-list entry: a host name or address ("*" any host, "*.example.com" its subdomains) and a
// port (0: any port).
struct HostRule
{
    QString host; // lower case; IPv6 without brackets
    quint16 port = 0;
    bool isWildcard() const { return host.startsWith(QLatin1Char('*')); }
    bool matches(const QString &host, quint16 port) const;
    QString toString() const;
    static Result<HostRule> parse(const QString &text);
    bool operator==(const HostRule &) const = default;
};

class NetworkPolicy
{
public:
    enum class Mode { Off, Proxy };

    NetworkPolicy() = default;
    // `true` and `false` read as in policy.json: true is the proxy to every public host (the host's
    // loopback and private networks excluded), false is no network. Only a real bool converts.
    template<typename B>
    requires std::same_as<B, bool> NetworkPolicy(B on) : NetworkPolicy(on ? publicInternet() : off()) { }

    static NetworkPolicy off() { return NetworkPolicy(Mode::Off, {}); }
    static NetworkPolicy publicInternet();
    static NetworkPolicy proxy(QList<HostRule> allow) { return NetworkPolicy(Mode::Proxy, std::move(allow)); }

    Mode mode() const { return m_mode; }
    bool enabled() const { return m_mode != Mode::Off; }
    explicit operator bool() const { return enabled(); }
    const QList<HostRule> &allow() const { return m_allow; }
    bool allowsAllPublicHosts() const;

    // Why host:port (a name or an address literal) may not be reached at `address`, or an empty string
    // when it may. The host's loopback needs an entry naming host and port exactly; other non-public
    // addresses (private, link-local, metadata services) need an entry naming the host without a
    // wildcard, so "*" never reaches them and a public name resolving to them is refused.
    QString refusal(const QString &host, quint16 port, const QHostAddress &address) const;
    // The refusal that needs no address (the name is on no entry), or empty.
    QString refusalByName(const QString &host, quint16 port) const;
    // Entries naming the host's IPv4 loopback (127.0.0.1 or localhost) with a port: these ports are
    // mirrored on the sandbox's own 127.0.0.1, so clients that ignore proxy variables (or obey
    // NO_PROXY=localhost) reach them too. One entry per port; ports below 1024 are not mirrored (binding
    // them needs a capability the sandbox drops) and stay reachable through the proxy.
    QList<HostRule> loopbackForwards() const;

    // "network: off", "network: proxy to all public hosts", "network: proxy to 3 allowed hosts".
    QString description() const;
    QJsonValue toJson() const;
    static Result<NetworkPolicy> fromJson(const QJsonValue &json,
                                          const QString &field = QStringLiteral("network"));
    bool operator==(const NetworkPolicy &) const = default;

    static bool isLoopback(const QHostAddress &address);
    // Loopback, private (RFC 1918, unique local), link-local, shared (RFC 6598), unspecified, multicast.
    static bool isNonPublic(const QHostAddress &address);

private:
    NetworkPolicy(Mode mode, QList<HostRule> allow) : m_mode(mode), m_allow(std::move(allow)) { }
    Mode m_mode = Mode::Off;
    QList<HostRule> m_allow;
};

} // namespace harness
