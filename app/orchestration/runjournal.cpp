// RunJournal: reads in pages, appends in one commit, and skips the read-back when what the store
// committed is exactly what a read would return.
#include "runjournal.h"

#include "core/events/runevents.h"
#include "store/store.h"

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
    constexpr int kPage = 2000;
    for (;;) {
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

Status RunJournal::absorbAppended(const QList<Event> &appended)
{
    // The store hands back what it committed (seq, time, hash). When nothing else joined the run in
    // between (a sandbox event, a decision from another process), that is exactly what a read would
    // return, so no read is needed; otherwise sync() reads the run's new events in order.
    qint64 expected = m_state.lastSeq + 1;
    for (const auto &e : appended)
        if (e.seq != expected++)
            return sync();
    for (const auto &e : appended)
        absorb(e);
    return success();
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
