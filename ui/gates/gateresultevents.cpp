// GateResultEvents: gate_result payloads back into GateResult values, through the schema's GateResultPayload.
#include "gateresultevents.h"

#include "core/events/verifyevents.h"

namespace harness::ui {

Result<GateResult> GateResultEvents::fromPayload(const QJsonObject &payload)
{
    auto p = GateResultPayload::fromJson(payload);
    if (!p)
        return p.error();
    GateResult r = p->toResult();
    for (Finding &f : r.findings)
        if (f.source.isEmpty())
            f.source = r.gate;
    return r;
}

bool GateIteration::operator==(const GateIteration &other) const
{
    if (iteration != other.iteration || finished != other.finished || passed != other.passed ||
        results.size() != other.results.size())
        return false;
    for (qsizetype i = 0; i < results.size(); ++i)
        if (results[i].toJson() != other.results[i].toJson())
            return false;
    return true;
}

QList<GateIteration> GateResultEvents::iterations(const QList<Event> &events)
{
    QList<GateIteration> out;
    int iteration = 1;
    const auto current = [&out, &iteration]() -> GateIteration & {
        if (out.isEmpty() || out.last().iteration != iteration)
            out.append(GateIteration {iteration, {}, false, false});
        return out.last();
    };
    for (const Event &e : events) {
        if (e.kind == QLatin1String("phase_started")) {
            const QString phase = e.payload.value(QLatin1String("phase")).toString();
            const int it = e.payload.value(QLatin1String("iteration")).toInt(0);
            if ((phase == QLatin1String("build") || phase == QLatin1String("fix") ||
                 phase == QLatin1String("verify")) &&
                it > 0)
                iteration = it;
        } else if (e.kind == QLatin1String("gate_result")) {
            auto r = fromPayload(e.payload);
            if (!r)
                continue;
            GateIteration &it = current();
            bool replaced = false;
            for (GateResult &existing : it.results)
                if (existing.gate == r->gate) {
                    existing = r.value();
                    replaced = true;
                }
            if (!replaced)
                it.results.append(r.value());
        } else if (e.kind == QLatin1String("verify_finished")) {
            GateIteration &it = current();
            it.finished = true;
            it.passed = e.payload.value(QLatin1String("passed")).toBool();
        }
    }
    return out;
}

QList<GateResult> GateResultEvents::fromEvents(const QList<Event> &events)
{
    QList<GateResult> results;
    for (const Event &e : events) {
        if (e.kind != kinds::GateResult)
            continue;
        auto r = fromPayload(e.payload);
        if (!r)
            continue; // a malformed payload is not shown rather than shown wrong
        bool replaced = false;
        for (GateResult &existing : results) {
            if (existing.gate == r->gate) {
                existing = r.value();
                replaced = true;
            }
        }
        if (!replaced)
            results.append(r.value());
    }
    return results;
}

QMap<QString, QString> GateResultEvents::accepted(const QList<Event> &events)
{
    QMap<QString, QString> out;
    for (const Event &e : events)
        if (auto p = payloadIf<FindingAcceptedPayload>(e))
            out.insert(p->finding, p->reason);
    return out;
}

} // namespace harness::ui
