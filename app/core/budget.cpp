// Budget JSON round-trip.
#include "budget.h"
#include "jsonreader.h"

namespace harness {

QJsonObject Budget::toJson() const
{
    return QJsonObject {{QStringLiteral("max_tokens"), maxTokens},
                        {QStringLiteral("max_cost"), maxCost},
                        {QStringLiteral("max_iterations"), maxIterations},
                        {QStringLiteral("max_wall_seconds"), maxWallSeconds}};
}

Result<Budget> Budget::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    Budget b;
    b.maxTokens = r.integer(QStringLiteral("max_tokens"), false, 0);
    b.maxCost = r.number(QStringLiteral("max_cost"), false, 0.0);
    b.maxIterations = int(r.integer(QStringLiteral("max_iterations"), false, 3));
    b.maxWallSeconds = int(r.integer(QStringLiteral("max_wall_seconds"), false, 0));
    if (b.maxTokens < 0)
        r.fail(QStringLiteral("max_tokens"), QStringLiteral("must not be negative"));
    if (b.maxCost < 0)
        r.fail(QStringLiteral("max_cost"), QStringLiteral("must not be negative"));
    if (b.maxIterations < 1 || b.maxIterations > 100)
        r.fail(QStringLiteral("max_iterations"), QStringLiteral("must be between 1 and 100"));
    if (b.maxWallSeconds < 0)
        r.fail(QStringLiteral("max_wall_seconds"), QStringLiteral("must not be negative"));
    if (!r.ok())
        return r.error();
    return b;
}

} // namespace harness
