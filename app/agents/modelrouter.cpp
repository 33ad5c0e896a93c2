// ModelRouter implementation.
#include "modelrouter.h"
#include "chatrequest.h"
#include "core/jsonreader.h"

namespace harness {

Result<RouteDecision> ModelRouter::route(const QString &phase, bool degrade) const
{
    if (degrade && !m_fallback.model.isEmpty())
        return RouteDecision {m_fallback, true};
    const auto it = m_routes.constFind(phase);
    if (it != m_routes.cend())
        return RouteDecision {*it, false};
    const auto def = m_routes.constFind(QStringLiteral("default"));
    if (def != m_routes.cend())
        return RouteDecision {*def, false};
    return Error {
            QStringLiteral("no model is configured for the %1 phase; set one (or a default) in the project's "
                           "routing settings")
                    .arg(phase),
            QStringLiteral("routing.phases.%1").arg(phase)};
}

QJsonObject ModelRouter::toJson() const
{
    QJsonObject phases;
    for (auto it = m_routes.cbegin(); it != m_routes.cend(); ++it)
        phases.insert(it.key(),
                      QJsonObject {{QStringLiteral("provider"), it->provider},
                                   {QStringLiteral("model"), it->model}});
    QJsonObject o {{QStringLiteral("phases"), phases}};
    if (!m_fallback.model.isEmpty())
        o.insert(QStringLiteral("fallback"),
                 QJsonObject {{QStringLiteral("provider"), m_fallback.provider},
                              {QStringLiteral("model"), m_fallback.model}});
    return o;
}

Result<ModelRouter> ModelRouter::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ModelRouter router;
    const QJsonObject phases = r.object(QStringLiteral("phases"));
    auto readRoute = [&](const QJsonObject &o, const QString &key) {
        JsonReader rr(o, r.fieldPath(key));
        ModelRoute route {rr.string(QStringLiteral("provider")), rr.string(QStringLiteral("model"))};
        r.adopt(rr.error());
        return route;
    };
    for (auto it = phases.begin(); it != phases.end() && r.ok(); ++it) {
        const QString key = QStringLiteral("phases.") + it.key();
        if (!ChatRequest::isValidPhase(it.key()) && it.key() != QLatin1String("default")) {
            r.fail(key, QStringLiteral("is not a phase (plan, build, fix, summarise or default)"));
            break;
        }
        if (!it.value().isObject()) {
            r.fail(key, QStringLiteral("must be an object {\"provider\", \"model\"}"));
            break;
        }
        router.setRoute(it.key(), readRoute(it.value().toObject(), key));
    }
    if (r.ok() && json.contains(QStringLiteral("fallback")))
        router.setFallback(readRoute(r.object(QStringLiteral("fallback")), QStringLiteral("fallback")));
    if (!r.ok())
        return r.error();
    return router;
}

} // namespace harness
