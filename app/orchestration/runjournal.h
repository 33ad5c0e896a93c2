// RunJournal: the run's log as the engine and its executor see it. It reads what was appended since
// the last look (by this process or any other), folds it into the one RunState, and appends events as
// one commit each, folded in at once: the single "append these events or return the error" path of a
// run, and the place where every append of a run would be fenced. Not thread-safe: one per driving thread.
#pragma once

#include "iterationhistory.h"
#include "runeventsink.h"
#include "runstate.h"

#include "core/events/payload.h"
#include "core/run.h"
#include "core/task.h"

#include <functional>

namespace harness {

class Store;

// What a step did, and so what the engine does next.
enum class StepOutcome {
    Progressed, // recorded something; step again
    Waiting, // a human decision is needed (plan approval or review)
    Paused, // the run is paused or the step was cancelled
    Finished // the run reached a terminal phase
};
using StepResult = Result<StepOutcome>;

class RunJournal
{
public:
    RunJournal(Store &store, QString runId);

    // Reads the run's events recorded since the last sync into the state (the first sync also reads the
    // run and its task).
    Status sync();
    // Appends the events as one commit (all or none) and folds them in.
    Status append(const QList<Event> &events);
    template<OneKindPayload P>
    Status append(const P &payload, const QString &actor = QStringLiteral("harness"))
    {
        return append(QList<Event> {makeEvent(m_runId, payload, actor)});
    }
    template<typename P>
    Status append(QLatin1StringView kind, const P &payload, const QString &actor = QStringLiteral("harness"))
    {
        return append(QList<Event> {makeEvent(m_runId, kind, payload, actor)});
    }

    // Appends and returns `then`, or the append's error: what most steps end with.
    StepResult commit(const QList<Event> &events, StepOutcome then = StepOutcome::Progressed);
    template<OneKindPayload P>
    StepResult commit(const P &payload, StepOutcome then = StepOutcome::Progressed,
                      const QString &actor = QStringLiteral("harness"))
    {
        return commit(QList<Event> {makeEvent(m_runId, payload, actor)}, then);
    }
    // Ends the run (escalated, failed) with the reason.
    StepResult end(QLatin1StringView kind, const QString &reason);

    const QString &runId() const { return m_runId; }
    Store &store() const { return m_store; }
    const Run &run() const { return m_run; }
    void setRun(const Run &run) { m_run = run; }
    const Task &task() const { return m_task; }
    void setTask(const Task &task) { m_task = task; }
    const RunState &state() const { return m_state; }
    // The events since the phase in progress started (the current plan round or build/fix iteration),
    // its phase_started included.
    const QList<Event> &phaseEvents() const { return m_phaseEvents; }
    const IterationHistory &history() const { return m_history; }
    // How many times the journal read the run's events from the store: what it folded in from the store's
    // acknowledgements was not read back.
    qint64 storeReads() const { return m_storeReads; }
    // For the lower layers (tools, sandbox, gates): files their events under this run. They arrive in
    // the state at the next sync.
    EventSink &sink() { return m_sink; }
    // Called for every event as the journal folds it in (its own and others'), on the driving thread.
    void setObserver(std::function<void(const Event &)> observer) { m_observer = std::move(observer); }

private:
    void absorb(const Event &event);
    Status absorbAppended(const QList<Event> &appended);
    // Folds in what the store acknowledged (recorded by the sink, appended by the journal) when it
    // follows on from the last event folded in, and says whether it did.
    bool absorbContiguous(RunEventSink::Committed recorded, const QList<Event> &appended);

    Store &m_store;
    QString m_runId;
    Run m_run;
    Task m_task;
    RunState m_state;
    QList<Event> m_phaseEvents;
    IterationHistory m_history;
    RunEventSink m_sink;
    std::function<void(const Event &)> m_observer;
    qint64 m_storeReads = 0;
};

} // namespace harness
