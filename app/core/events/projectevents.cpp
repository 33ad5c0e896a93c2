// Project file change payloads: JSON round trips.
#include "projectevents.h"

#include <QJsonArray>

namespace harness {

QJsonObject RulesChangedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("path"), path},
                   {QStringLiteral("before"), before},
                   {QStringLiteral("after"), after},
                   {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                   {QStringLiteral("removed"), QJsonArray::fromStringList(removed)},
                   {QStringLiteral("changed"), QJsonArray::fromStringList(changed)},
                   {QStringLiteral("settings_changed"), settingsChanged}};
    if (!backup.isEmpty())
        o.insert(QStringLiteral("backup"), backup);
    return withVersion(o, kVersion);
}

Result<RulesChangedPayload> RulesChangedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RulesChangedPayload>(json, kind);
    RulesChangedPayload p;
    p.path = r.string(QStringLiteral("path"));
    p.before = r.optionalString(QStringLiteral("before"));
    p.after = r.optionalString(QStringLiteral("after"));
    p.added = r.stringList(QStringLiteral("added"));
    p.removed = r.stringList(QStringLiteral("removed"));
    p.changed = r.stringList(QStringLiteral("changed"));
    p.settingsChanged = r.boolean(QStringLiteral("settings_changed"));
    p.backup = r.optionalString(QStringLiteral("backup"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
