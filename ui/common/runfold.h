// RunFold: what the views need to know about a run, folded from its events in order — current phase
// and iteration, tokens and cost spent, whether it is paused or finished. The event vocabulary the
// views understand is kept here, in one place.
#pragma once

#include "core/event.h"

#include <QStringList>

namespace harness::ui {

struct RunFold
{
    QString phase; // "plan", "approve", "build", "verify", "fix", "review", ... ; empty before the first
    int iteration = 0; // 1-based once the run has started
    qint64 tokens = 0; // input + output tokens reported by model calls
    double cost = 0.0; // money reported by model calls
    bool paused = false;
    bool finished = false;
    QString outcome; // the finishing event's kind ("merged", "aborted", ...)
    QString reason; // why it ended, as the finishing event says (escalated, failed, aborted, budget)
    qint64 lastSeq = 0; // the last event folded in
    QDateTime started;
    QDateTime lastTime;

    void apply(const Event &event);

    // The phase (and iteration) this event opens, if it opens one; false otherwise.
    static bool opensPhase(const Event &event, QString *phase, int *iteration);
    // True when the event ends the run.
    static bool endsRun(const Event &event);
    // Tokens and cost an event reports (model responses carry them in their payload).
    static qint64 tokensOf(const Event &event);
    static double costOf(const Event &event);
    // The order of the phases in one iteration, for progress display.
    static QStringList phaseOrder();
    // Progress through the current iteration's phases, 0..1 (1 when finished).
    double progress() const;
};

} // namespace harness::ui
