// McpSchema: checks a tool's arguments against its input schema before the tool runs — the subset of
// JSON Schema the harness's tools use: type (object, string, integer, number, boolean, array), properties,
// required, additionalProperties false, items, enum, minimum/maximum, minLength/maxLength,
// minItems/maxItems. The answer names the first offending argument, for the model to correct.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace harness {

class McpSchema
{
public:
    // Empty when value satisfies schema; else "paths[2]: must be a string".
    static QString check(const QJsonObject &schema, const QJsonValue &value, const QString &path = {});
};

} // namespace harness
