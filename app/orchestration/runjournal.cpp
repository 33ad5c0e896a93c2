// RunJournal: reads in pages, appends in one commit, and skips the read-back when what the store
// committed is exactly what a read would return.
#include "runjournal.h"

#include "core/events/runevents.h"
#include "store/store.h"

#include <algorithm>

namespace harness {

RunJournal::RunJournal(Store &store, QString runId)
    : m_store(store), m_runId(std::move(runId)), m_sink(store, m_runId)
{ }

Status RunJournal::sync()
{
    if (m_run.id.isEmpty()) {
        auto run = m_store.run(m_runId);
        if (!run)
            return Status::failure(QStringLiteral("there is no run %1").arg(m_runId));
        m_run = *run;
        auto task = m_store.task(m_run.taskId);
        if (!task)
            return task.error();
        m_task = *task;
    }
    // What the lower layers recorded and the store acknowledged is folded in without reading it back
    // when it follows on; the read below then finds only what others appended (usually nothing).
    absorbContiguous(m_sink.takeCommitted(), {});
    constexpr int kPage = 2000;
    for (;;) {
        ++m_storeReads;
        auto events = m_store.events(m_runId, m_state.lastSeq + 1, -1, kPage);
        if (!events)
            return events.error();
        for (const auto &e : *events)
            absorb(e);
        if (events->size() < kPage)
            break;
    }
    if (m_state.taskId.isEmpty())
        m_state.taskId = m_run.taskId;
    return success();
}

void RunJournal::absorb(const Event &e)
{
    m_state.apply(e);
    m_history.apply(e);
    if (e.kind == kinds::PhaseStarted)
        m_phaseEvents.clear();
    m_phaseEvents.append(e);
    if (m_observer)
        m_observer(e);
}

bool RunJournal::absorbContiguous(RunEventSink::Committed recorded, const QList<Event> &appended)
{
    QList<Event> events = std::move(recorded.events);
    events += appended;
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.seq < b.seq; });
    // Skips what a read already folded in (an event recorded on another thread while the journal read).
    qsizetype from = 0;
    while (from < events.size() && events.at(from).seq <= m_state.lastSeq)
        ++from;
    qint64 expected = m_state.lastSeq + 1;
    for (qsizetype i = from; i < events.size(); ++i)
        if (events.at(i).seq != expected++)
            return false;
    if (!recorded.complete && from < events.size())
        return false; // some recorded event is unaccounted for: only a read can place it
    for (qsizetype i = from; i < events.size(); ++i)
        absorb(events.at(i));
    return true;
}

Status RunJournal::absorbAppended(const QList<Event> &appended)
{
    // The store hands back what it committed (seq, time, hash), and the sink what it committed of the
    // lower layers' events. When together they follow on from the last event folded in (nothing else
    // joined the run in between, such as a decision from another process), that is exactly what a read
    // would return, so no read is needed; otherwise sync() reads the run's new events in order.
    if (absorbContiguous(m_sink.takeCommitted(), appended))
        return success();
    return sync();
}

Status RunJournal::append(const QList<Event> &events)
{
    // The store bounds every payload by the size policy (EventLogWriter); the journal absorbs what the
    // store hands back, so its state sees the stored (possibly cut) form.
    auto appended = m_store.append(events);
    if (!appended)
        return appended.error();
    return absorbAppended(*appended);
}

StepResult RunJournal::commit(const QList<Event> &events, StepOutcome then)
{
    if (auto s = append(events); !s)
        return s.error();
    return then;
}

StepResult RunJournal::end(QLatin1StringView kind, const QString &reason)
{
    return commit({makeEvent(m_runId, kind, RunEndedPayload {reason, {}})}, StepOutcome::Finished);
}

} // namespace harness
