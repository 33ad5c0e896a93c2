// PermissionProfile defaults and JSON round-trip.
#include "permissionprofile.h"
#include "core/jsonreader.h"
#include "globpattern.h"

#include <QJsonArray>

namespace harness {

QString decisionName(Decision decision)
{
    switch (decision) {
    case Decision::Allow:
        return QStringLiteral("allow");
    case Decision::Deny:
        return QStringLiteral("deny");
    case Decision::Ask:
        return QStringLiteral("ask");
    }
    return {};
}

PermissionProfile PermissionProfile::defaultFor(const QString &worktreeRoot)
{
    Q_UNUSED(worktreeRoot) // globs are relative to the worktree, so the root itself is not stored
    PermissionProfile p;
    p.denyCommands = {QStringLiteral("sudo *"),       QStringLiteral("su *"),
                      QStringLiteral("doas *"),       QStringLiteral("git push*"),
                      QStringLiteral("git remote *"), QStringLiteral("git config *")};
    p.allowCommands = {QStringLiteral("*")};
    p.unmatchedCommand = Decision::Ask;
    return p;
}

PermissionProfile PermissionProfile::readOnly()
{
    PermissionProfile p;
    p.writable.clear();
    p.allowedTools = {QStringLiteral("read_file"), QStringLiteral("list_files"), QStringLiteral("search")};
    p.unmatchedCommand = Decision::Deny;
    return p;
}

bool PermissionProfile::toolAllowed(const QString &tool) const
{
    return allowedTools.isEmpty() || allowedTools.contains(tool);
}

QJsonObject PermissionProfile::toJson() const
{
    return QJsonObject {
            {QStringLiteral("readable"), QJsonArray::fromStringList(readable)},
            {QStringLiteral("writable"), QJsonArray::fromStringList(writable)},
            {QStringLiteral("allowed_tools"), QJsonArray::fromStringList(allowedTools)},
            {QStringLiteral("commands"),
             QJsonObject {{QStringLiteral("deny"), QJsonArray::fromStringList(denyCommands)},
                          {QStringLiteral("ask"), QJsonArray::fromStringList(askCommands)},
                          {QStringLiteral("allow"), QJsonArray::fromStringList(allowCommands)},
                          {QStringLiteral("unmatched"), decisionName(unmatchedCommand)}}},
            {QStringLiteral("network"), network.toJson()},
            {QStringLiteral("command_timeout_ms"), commandTimeoutMs},
            {QStringLiteral("output_cap_bytes"), outputCapBytes},
    };
}

Result<PermissionProfile> PermissionProfile::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    PermissionProfile p;
    p.readable =
            json.contains(QStringLiteral("readable")) ? r.stringList(QStringLiteral("readable")) : p.readable;
    p.writable =
            json.contains(QStringLiteral("writable")) ? r.stringList(QStringLiteral("writable")) : p.writable;
    p.allowedTools = r.stringList(QStringLiteral("allowed_tools"));
    const QJsonObject commands = r.object(QStringLiteral("commands"), false);
    JsonReader c(commands, QStringLiteral("commands"));
    p.denyCommands = c.stringList(QStringLiteral("deny"));
    p.askCommands = c.stringList(QStringLiteral("ask"));
    p.allowCommands = c.stringList(QStringLiteral("allow"));
    const QString unmatched = c.optionalString(QStringLiteral("unmatched"), QStringLiteral("ask"));
    if (unmatched == QLatin1String("allow"))
        p.unmatchedCommand = Decision::Allow;
    else if (unmatched == QLatin1String("deny"))
        p.unmatchedCommand = Decision::Deny;
    else if (unmatched == QLatin1String("ask"))
        p.unmatchedCommand = Decision::Ask;
    else
        c.fail(QStringLiteral("unmatched"), QStringLiteral("must be allow, ask or deny"));
    r.adopt(c.error());
    auto network = NetworkPolicy::fromJson(json.value(QStringLiteral("network")));
    if (network)
        p.network = *network;
    else
        r.adopt(network.error());
    p.commandTimeoutMs = int(r.integer(QStringLiteral("command_timeout_ms"), false, p.commandTimeoutMs));
    p.outputCapBytes = r.integer(QStringLiteral("output_cap_bytes"), false, p.outputCapBytes);
    if (p.commandTimeoutMs <= 0)
        r.fail(QStringLiteral("command_timeout_ms"), QStringLiteral("must be positive"));
    if (p.outputCapBytes <= 0)
        r.fail(QStringLiteral("output_cap_bytes"), QStringLiteral("must be positive"));
    for (const QStringList *list : {&p.readable, &p.writable}) {
        for (const QString &glob : *list) {
            const GlobPattern pattern(glob, GlobPattern::Mode::Path);
            const QString field =
                    list == &p.readable ? QStringLiteral("readable") : QStringLiteral("writable");
            if (!pattern.isValid())
                r.fail(field, QStringLiteral("invalid glob \"%1\": %2").arg(glob, pattern.errorString()));
            else if (glob.contains(QLatin1String("..")))
                r.fail(field,
                       QStringLiteral("invalid glob \"%1\": \"..\" would reach outside the worktree")
                               .arg(glob));
        }
    }
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
