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

} // namespace harness::ui
