// AgentSettings: the agents part of a project's settings: the providers, the model per phase with its
// cheaper fallback, the price table, the degrade threshold and the plan repair limit. Never holds a key.
#pragma once

#include "modelrouter.h"
#include "pricetable.h"
#include "providerconfig.h"

#include <QList>

namespace harness {

struct AgentSettings
{
    QList<ProviderConfig> providers;
    ModelRouter routing;
    PriceTable prices;
    double degradeAt = 0.8; // fraction of a budget limit past which the cheaper model is used
    int planRepairs = 2; // repair requests after an invalid plan

    const ProviderConfig *provider(const QString &id) const;

    // {"providers":[...], "routing":{...}, "prices":{...}, "degrade_at":0.8, "plan_repairs":2}. Checks that
    // provider ids are unique and that the routing names only configured providers.
    QJsonObject toJson() const;
    static Result<AgentSettings> fromJson(const QJsonObject &json,
                                          const QString &path = QStringLiteral("agents"));

    // The embedded default: every phase answered by the replay agent from `transcriptPath`.
    static AgentSettings replayOnly(const QString &transcriptPath);
};

} // namespace harness
