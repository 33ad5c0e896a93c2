// McpServerConfig: policy.json's "mcp_servers", read strictly (unknown keys and bad names are errors).
#include "mcpserverconfig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace harness {

namespace {

QString k(const char *s)
{
    return QString::fromLatin1(s);
}

bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9_-]+$"));
    return !name.isEmpty() && name.size() <= McpServerConfig::kMaxNameChars && re.match(name).hasMatch();
}

Result<McpServerConfig> serverFromJson(const QString &name, const QJsonValue &json, const QString &field)
{
    using R = Result<McpServerConfig>;
    if (!json.isObject())
        return R::failure(QStringLiteral("must be an object: {\"command\": [program, arguments...], \"env\": "
                                         "{...}, \"permission\": \"ask\"|\"allow\", \"timeout_s\": N}"),
                          field);
    const QJsonObject o = json.toObject();
    static const QStringList known {k("command"), k("env"), k("permission"), k("timeout_s")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return R::failure(QStringLiteral("unknown key \"%1\"; known keys: %2")
                                      .arg(it.key().left(80), known.join(QStringLiteral(", "))),
                              field);
    McpServerConfig server;
    server.name = name;
    const QString commandField = field + k(".command");
    if (!o.value(k("command")).isArray())
        return R::failure(QStringLiteral("is required: the server's program and its arguments"),
                          commandField);
    for (const QJsonValue &part : o.value(k("command")).toArray()) {
        if (!part.isString() || part.toString().isEmpty())
            return R::failure(QStringLiteral("every element must be a non-empty string"), commandField);
        server.command << part.toString();
    }
    if (server.command.isEmpty())
        return R::failure(QStringLiteral("must name the server's program"), commandField);
    if (server.command.first() == QLatin1String("npx"))
        return R::failure(
                QStringLiteral("\"npx\" would download the server at every run; install it and name "
                               "its program (for example [\"/usr/bin/node\", \"/path/to/index.js\"])"),
                commandField);
    const QJsonValue env = o.value(k("env"));
    if (!env.isUndefined()) {
        if (!env.isObject())
            return R::failure(QStringLiteral("must be an object of strings"), field + k(".env"));
        const QJsonObject vars = env.toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it) {
            if (!it.value().isString())
                return R::failure(QStringLiteral("must be a string"), field + k(".env.") + it.key());
            server.env.insert(it.key(), it.value().toString());
        }
    }
    const QJsonValue permission = o.value(k("permission"));
    if (!permission.isUndefined()) {
        if (permission != QJsonValue(k("ask")) && permission != QJsonValue(k("allow")))
            return R::failure(QStringLiteral("must be \"ask\" (each call needs an approval; --approve auto "
                                             "gives it) or \"allow\""),
                              field + k(".permission"));
        server.askPermission = permission == QJsonValue(k("ask"));
    }
    const QJsonValue timeout = o.value(k("timeout_s"));
    if (!timeout.isUndefined()) {
        const double t = timeout.toDouble(-1);
        if (!timeout.isDouble() || t != double(int(t)) || t < 1 || t > 600)
            return R::failure(QStringLiteral("must be a whole number of seconds from 1 to 600"),
                              field + k(".timeout_s"));
        server.timeoutS = int(t);
    }
    return server;
}

} // namespace

QStringList McpServerConfig::argvFor(const QString &worktree) const
{
    QStringList argv = command;
    for (QString &a : argv)
        a.replace(QStringLiteral("${worktree}"), worktree);
    return argv;
}

Result<QList<McpServerConfig>> McpServerConfig::listFromJson(const QJsonValue &json, const QString &field)
{
    using R = Result<QList<McpServerConfig>>;
    QList<McpServerConfig> out;
    if (json.isUndefined() || json.isNull())
        return out;
    if (!json.isObject())
        return R::failure(QStringLiteral("must be an object: {\"<name>\": {\"command\": [...]}}"), field);
    const QJsonObject o = json.toObject();
    if (o.size() > kMaxServers)
        return R::failure(
                QStringLiteral("declares %1 servers; at most %2 are allowed").arg(o.size()).arg(kMaxServers),
                field);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!validName(it.key())) {
            QString shown = it.key().left(40);
            for (QChar &c : shown)
                if (!c.isPrint())
                    c = QLatin1Char('?');
            return R::failure(
                    QStringLiteral("the server name \"%1\" is refused: a name is 1 to %2 characters of "
                                   "a-z, 0-9, _ and - (it becomes part of the tool names)")
                            .arg(shown)
                            .arg(kMaxNameChars),
                    field);
        }
        auto server = serverFromJson(it.key(), it.value(), field + QLatin1Char('.') + it.key());
        if (!server)
            return server.error();
        out << *server;
    }
    return out;
}

QJsonValue McpServerConfig::listToJson(const QList<McpServerConfig> &servers)
{
    QJsonObject out;
    for (const McpServerConfig &s : servers) {
        QJsonObject env;
        for (auto it = s.env.cbegin(); it != s.env.cend(); ++it)
            env.insert(it.key(), it.value());
        out.insert(s.name,
                   QJsonObject {{k("command"), QJsonArray::fromStringList(s.command)},
                                {k("env"), env},
                                {k("permission"), s.askPermission ? k("ask") : k("allow")},
                                {k("timeout_s"), s.timeoutS}});
    }
    return out;
}

} // namespace harness
