// GateResultEvents: the gate results of a run, read back from its gate_result events — per build/fix
// iteration (the demo's failing first iteration stays visible after the second passed), and the newest
// result of each gate overall — so the Gates view shows what the pipeline recorded.
#pragma once

#include "core/event.h"
#include "core/gateresult.h"

#include <QMap>

namespace harness::ui {

// The gates of one iteration: its results in the order the gates ran, and its verdict once known.
struct GateIteration
{
    int iteration = 0;
    QList<GateResult> results;
    bool finished = false; // verify_finished was recorded
    bool passed = false;
    bool operator==(const GateIteration &other) const;
};

class GateResultEvents
{
public:
    // The newest result of each gate, in the order the gates first ran.
    static QList<GateResult> fromEvents(const QList<Event> &events);
    // One entry per iteration that ran gates, oldest first (a gate run again in the same iteration,
    // after a resume, keeps its newest result).
    static QList<GateIteration> iterations(const QList<Event> &events);
    // One gate_result payload (core/events/verifyevents.h); findings without a source get the gate.
    static Result<GateResult> fromPayload(const QJsonObject &payload);
    // The findings a human accepted in the run (finding_accepted): Finding::id -> reason.
    static QMap<QString, QString> accepted(const QList<Event> &events);
};

} // namespace harness::ui
