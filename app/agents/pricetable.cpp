// PriceTable implementation.
#include "pricetable.h"
#include "core/jsonreader.h"

namespace harness {

double PriceTable::cost(const QString &model, const TokenUsage &usage) const
{
    const ModelPrice p = m_prices.value(model);
    return (double(usage.inputTokens) * p.inputPerMTok + double(usage.outputTokens) * p.outputPerMTok) / 1e6;
}

QJsonObject PriceTable::toJson() const
{
    QJsonObject o;
    for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it)
        o.insert(it.key(),
                 QJsonObject {{QStringLiteral("input"), it->inputPerMTok},
                              {QStringLiteral("output"), it->outputPerMTok}});
    return o;
}

Result<PriceTable> PriceTable::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    PriceTable t;
    for (auto it = json.begin(); it != json.end() && r.ok(); ++it) {
        if (!it.value().isObject()) {
            r.fail(it.key(), QStringLiteral("must be an object {\"input\": $/Mtok, \"output\": $/Mtok}"));
            break;
        }
        const QJsonObject entry = it.value().toObject();
        JsonReader er(entry, r.fieldPath(it.key()));
        ModelPrice p {er.number(QStringLiteral("input")), er.number(QStringLiteral("output"))};
        if (er.ok() && (p.inputPerMTok < 0 || p.outputPerMTok < 0))
            er.fail(p.inputPerMTok < 0 ? QStringLiteral("input") : QStringLiteral("output"),
                    QStringLiteral("must not be negative"));
        r.adopt(er.error());
        t.set(it.key(), p);
    }
    if (!r.ok())
        return r.error();
    return t;
}

} // namespace harness
