// McpSchema: a small JSON Schema checker for the tools' own schemas.
#include "mcp/mcpschema.h"

#include <QJsonArray>

#include <cmath>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

QString named(const QString &path)
{
    return path.isEmpty() ? k("the arguments") : path;
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && d == std::floor(d);
}

QString typeProblem(const QString &type, const QJsonValue &v)
{
    bool fits = true;
    if (type == QLatin1String("object"))
        fits = v.isObject();
    else if (type == QLatin1String("string"))
        fits = v.isString();
    else if (type == QLatin1String("integer"))
        fits = isInteger(v);
    else if (type == QLatin1String("number"))
        fits = v.isDouble() && std::isfinite(v.toDouble());
    else if (type == QLatin1String("boolean"))
        fits = v.isBool();
    else if (type == QLatin1String("array"))
        fits = v.isArray();
    return fits ? QString()
                : QStringLiteral("must be %1 %2")
                          .arg(type == QLatin1String("integer") || type == QLatin1String("array") ||
                                               type == QLatin1String("object")
                                       ? k("an")
                                       : k("a"),
                               type);
}

} // namespace

QString McpSchema::check(const QJsonObject &schema, const QJsonValue &value, const QString &path)
{
    const QString where = named(path);
    if (const QJsonValue type = schema.value(k("type")); type.isString())
        if (const QString problem = typeProblem(type.toString(), value); !problem.isEmpty())
            return QStringLiteral("%1: %2").arg(where, problem);
    if (const QJsonValue options = schema.value(k("enum"));
        options.isArray() && !options.toArray().contains(value)) {
        QStringList names;
        for (const QJsonValue &o : options.toArray())
            names << o.toVariant().toString();
        return QStringLiteral("%1: must be one of %2").arg(where, names.join(QStringLiteral(", ")));
    }
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (schema.contains(k("minimum")) && d < schema.value(k("minimum")).toDouble())
            return QStringLiteral("%1: must be at least %2")
                    .arg(where)
                    .arg(schema.value(k("minimum")).toDouble());
        if (schema.contains(k("maximum")) && d > schema.value(k("maximum")).toDouble())
            return QStringLiteral("%1: must be at most %2")
                    .arg(where)
                    .arg(schema.value(k("maximum")).toDouble());
    }
    if (value.isString()) {
        const qsizetype n = value.toString().size();
        if (schema.contains(k("minLength")) && n < schema.value(k("minLength")).toInteger())
            return QStringLiteral("%1: must not be empty").arg(where);
        if (schema.contains(k("maxLength")) && n > schema.value(k("maxLength")).toInteger())
            return QStringLiteral("%1: is longer than %2 characters")
                    .arg(where)
                    .arg(schema.value(k("maxLength")).toInteger());
    }
    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        if (schema.contains(k("minItems")) && items.size() < schema.value(k("minItems")).toInteger())
            return QStringLiteral("%1: needs at least %2 items")
                    .arg(where)
                    .arg(schema.value(k("minItems")).toInteger());
        if (schema.contains(k("maxItems")) && items.size() > schema.value(k("maxItems")).toInteger())
            return QStringLiteral("%1: has more than %2 items")
                    .arg(where)
                    .arg(schema.value(k("maxItems")).toInteger());
        const QJsonObject itemSchema = schema.value(k("items")).toObject();
        for (qsizetype i = 0; i < items.size(); ++i)
            if (const QString problem =
                        check(itemSchema, items.at(i), QStringLiteral("%1[%2]").arg(path).arg(i));
                !problem.isEmpty())
                return problem;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(k("properties")).toObject();
        for (const QJsonValue &required : schema.value(k("required")).toArray())
            if (!object.contains(required.toString()))
                return QStringLiteral("%1: is required")
                        .arg(path.isEmpty() ? required.toString() : path + u'.' + required.toString());
        const bool closed = schema.value(k("additionalProperties")) == QJsonValue(false);
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString at = path.isEmpty() ? it.key() : path + u'.' + it.key();
            if (!properties.contains(it.key())) {
                if (closed)
                    return QStringLiteral("%1: is not an argument of this tool (it takes: %2)")
                            .arg(at.left(200), properties.keys().join(QStringLiteral(", ")));
                continue;
            }
            if (const QString problem = check(properties.value(it.key()).toObject(), it.value(), at);
                !problem.isEmpty())
                return problem;
        }
    }
    return {};
}

} // namespace harness
