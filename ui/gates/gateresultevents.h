// GateResultEvents: the gate results of a run, read back from its gate_result events (the newest result of
// each gate, in the order the gates first ran), so the Gates view shows what the pipeline recorded.
#pragma once

#include "core/event.h"
#include "core/gateresult.h"

namespace harness::ui {

class GateResultEvents
{
public:
    static QList<GateResult> fromEvents(const QList<Event> &events);
    // One gate_result payload (core/events/verifyevents.h); findings without a source get the gate.
    static Result<GateResult> fromPayload(const QJsonObject &payload);
};

} // namespace harness::ui
