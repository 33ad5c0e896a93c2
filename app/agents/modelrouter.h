// ModelRouter: which provider and model answer each phase (plan, build, fix, summarise), configurable
// per project, and the cheaper model to use once the budget passes its degrade threshold.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QJsonObject>

namespace harness {

struct ModelRoute
{
    QString provider; // a ProviderConfig id
    QString model;
    bool operator==(const ModelRoute &) const = default;
};

struct RouteDecision
{
    ModelRoute route;
    bool degraded = false;
};

class ModelRouter
{
public:
    void setRoute(const QString &phase, ModelRoute route) { m_routes.insert(phase, std::move(route)); }
    void setFallback(ModelRoute route) { m_fallback = std::move(route); }
    ModelRoute fallback() const { return m_fallback; }

    // The route for a phase ("default" serves phases without their own); `degrade` picks the cheaper
    // fallback when one is configured. An error names the phase that has no route.
    Result<RouteDecision> route(const QString &phase, bool degrade = false) const;

    // {"phases":{"plan":{"provider","model"},...,"default":{...}}, "fallback":{"provider","model"}}
    QJsonObject toJson() const;
    static Result<ModelRouter> fromJson(const QJsonObject &json,
                                        const QString &path = QStringLiteral("routing"));

private:
    QHash<QString, ModelRoute> m_routes;
    ModelRoute m_fallback;
};

} // namespace harness
