// AgentSettings JSON round-trip and cross-checks.
#include "agentsettings.h"
#include "core/jsonreader.h"
#include "providerfactory.h"

#include <QJsonArray>
#include <QSet>

namespace harness {

const ProviderConfig *AgentSettings::provider(const QString &id) const
{
    for (const ProviderConfig &p : providers)
        if (p.id == id)
            return &p;
    return nullptr;
}

QJsonObject AgentSettings::toJson() const
{
    QJsonArray list;
    for (const ProviderConfig &p : providers)
        list.append(p.toJson());
    return QJsonObject {{QStringLiteral("providers"), list},
                        {QStringLiteral("routing"), routing.toJson()},
                        {QStringLiteral("prices"), prices.toJson()},
                        {QStringLiteral("degrade_at"), degradeAt},
                        {QStringLiteral("plan_repairs"), planRepairs}};
}

Result<AgentSettings> AgentSettings::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    AgentSettings s;
    const QJsonArray list = r.array(QStringLiteral("providers"), true);
    QSet<QString> ids;
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("providers[%1]").arg(i);
        auto p = ProviderConfig::fromJson(list.at(i).toObject(), r.fieldPath(key));
        if (!p) {
            r.adopt(p.error());
            break;
        }
        if (ids.contains(p->id)) {
            r.fail(key + QStringLiteral(".id"),
                   QStringLiteral("\"%1\" is used by another provider").arg(p->id));
            break;
        }
        ids.insert(p->id);
        s.providers.append(*p);
    }
    if (r.ok()) {
        auto routing = ModelRouter::fromJson(r.object(QStringLiteral("routing")),
                                             r.fieldPath(QStringLiteral("routing")));
        if (!routing)
            r.adopt(routing.error());
        else
            s.routing = *routing;
    }
    if (r.ok() && json.contains(QStringLiteral("prices"))) {
        auto prices = PriceTable::fromJson(r.object(QStringLiteral("prices")),
                                           r.fieldPath(QStringLiteral("prices")));
        if (!prices)
            r.adopt(prices.error());
        else
            s.prices = *prices;
    }
    s.degradeAt = r.number(QStringLiteral("degrade_at"), false, s.degradeAt);
    s.planRepairs = int(r.integer(QStringLiteral("plan_repairs"), false, s.planRepairs));
    if (r.ok() && (s.degradeAt <= 0.0 || s.degradeAt > 1.0))
        r.fail(QStringLiteral("degrade_at"), QStringLiteral("must be above 0 and at most 1"));
    if (r.ok() && (s.planRepairs < 0 || s.planRepairs > 10))
        r.fail(QStringLiteral("plan_repairs"), QStringLiteral("must be between 0 and 10"));
    if (r.ok()) {
        const QJsonObject routing = s.routing.toJson();
        const QJsonObject phases = routing.value(QStringLiteral("phases")).toObject();
        for (auto it = phases.begin(); it != phases.end() && r.ok(); ++it) {
            const QString id = it.value().toObject().value(QStringLiteral("provider")).toString();
            if (!ids.contains(id))
                r.fail(QStringLiteral("routing.phases.%1.provider").arg(it.key()),
                       QStringLiteral("names \"%1\", which is not among the providers").arg(id));
        }
        const QString fallback = s.routing.fallback().provider;
        if (r.ok() && !fallback.isEmpty() && !ids.contains(fallback))
            r.fail(QStringLiteral("routing.fallback.provider"),
                   QStringLiteral("names \"%1\", which is not among the providers").arg(fallback));
    }
    if (!r.ok())
        return r.error();
    return s;
}

AgentSettings AgentSettings::replayOnly(const QString &transcriptPath)
{
    AgentSettings s;
    const ProviderConfig replay = ProviderFactory::replayConfig(transcriptPath);
    s.providers.append(replay);
    s.routing.setRoute(QStringLiteral("default"), {replay.id, replay.defaultModel});
    return s;
}

} // namespace harness
