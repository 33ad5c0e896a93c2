// PermissionProfile: what one run may do — readable and writable path globs (relative to the worktree),
// allowed tools, command rules evaluated deny -> ask -> allow (first match wins), the network policy,
// and the command limits. `.git/`, `.harness/` and hooks are never writable, whatever the profile says.
#pragma once

#include "core/result.h"
#include "networkpolicy.h"

#include <QJsonObject>
#include <QStringList>

namespace harness {

enum class Decision { Allow, Deny, Ask };
QString decisionName(Decision decision);

struct PermissionProfile
{
    QStringList readable {QStringLiteral("**")};
    QStringList writable {QStringLiteral("**")};
    QStringList allowedTools; // empty: every tool
    QStringList denyCommands;
    QStringList askCommands;
    QStringList allowCommands;
    Decision unmatchedCommand = Decision::Ask; // when no command rule matches
    NetworkPolicy network; // off, or the proxy with its allow-list (JSON: false, true or an object)
    int commandTimeoutMs = 10 * 60 * 1000;
    qint64 outputCapBytes = 1024 * 1024;

    // A profile for a normal Build step: the whole worktree readable and writable, every tool, every
    // command allowed (they run in the sandbox) except privilege escalation and pushing, no network.
    static PermissionProfile defaultFor(const QString &worktreeRoot);
    // Read-only profile for planning: no writes, only read/list/search tools.
    static PermissionProfile readOnly();

    bool toolAllowed(const QString &tool) const;
    QJsonObject toJson() const;
    static Result<PermissionProfile> fromJson(const QJsonObject &json);
    bool operator==(const PermissionProfile &) const = default;
};

} // namespace harness
