// Budget: the limits a task's runs must stay within. Zero means "no limit" for each figure.
#pragma once

#include "result.h"

#include <QJsonObject>

namespace harness {

struct Budget
{
    qint64 maxTokens = 0;
    double maxCost = 0.0; // in the price table's currency (USD by default)
    int maxIterations = 3;
    int maxWallSeconds = 0;

    QJsonObject toJson() const;
    static Result<Budget> fromJson(const QJsonObject &json, const QString &path = QStringLiteral("budget"));
    bool operator==(const Budget &) const = default;
};

} // namespace harness
