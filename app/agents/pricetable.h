// PriceTable: what each model costs, in currency units per million tokens in and out, from the
// settings: {"gpt-4o":{"input":2.5,"output":10}, ...}. Unknown models cost nothing and are reported.
#pragma once

#include "chatresponse.h"

#include <QHash>

namespace harness {

struct ModelPrice
{
    double inputPerMTok = 0.0;
    double outputPerMTok = 0.0;
    bool operator==(const ModelPrice &) const = default;
};

class PriceTable
{
public:
    void set(const QString &model, ModelPrice price) { m_prices.insert(model, price); }
    bool knows(const QString &model) const { return m_prices.contains(model); }
    ModelPrice price(const QString &model) const { return m_prices.value(model); }
    double cost(const QString &model, const TokenUsage &usage) const;

    QJsonObject toJson() const;
    static Result<PriceTable> fromJson(const QJsonObject &json,
                                       const QString &path = QStringLiteral("prices"));
    bool operator==(const PriceTable &) const = default;

private:
    QHash<QString, ModelPrice> m_prices;
};

} // namespace harness
