// RuleOrigin JSON form.
#include "rule.h"

#include "core/jsonreader.h"

namespace harness {

QJsonObject RuleOrigin::toJson() const
{
    QJsonObject o;
    if (!incident.isEmpty())
        o.insert(QStringLiteral("incident"), incident);
    if (!run.isEmpty())
        o.insert(QStringLiteral("run"), run);
    if (!finding.isEmpty())
        o.insert(QStringLiteral("finding"), finding);
    if (!created.isEmpty())
        o.insert(QStringLiteral("created"), created);
    return o;
}

RuleOrigin RuleOrigin::read(JsonReader &reader, const QJsonObject &json)
{
    RuleOrigin o;
    o.incident = reader.optionalString(QStringLiteral("incident"));
    o.run = reader.optionalString(QStringLiteral("run"));
    o.created = reader.optionalString(QStringLiteral("created"));
    const QJsonValue f = json.value(QStringLiteral("finding"));
    if (f.isObject())
        o.finding = f.toObject();
    else if (!f.isUndefined() && !f.isNull())
        reader.fail(QStringLiteral("finding"), QStringLiteral("must be an object"));
    return o;
}

} // namespace harness
