// RunEventSink: records through the store's asynchronous append and keeps the futures until the
// journal takes them.
#include "runeventsink.h"

namespace harness {

void RunEventSink::record(Event event)
{
    if (event.runId.isEmpty())
        event.runId = m_runId;
    if (event.actor.isEmpty())
        event.actor = QStringLiteral("harness");
    const bool ours = event.runId == m_runId;
    // Not under the lock: an append may wait (a runner makes the run's code durable first). The
    // journal orders what it takes by seq.
    auto future = m_store.appendAsync(QList<Event> {std::move(event)});
    if (!ours)
        return; // another run's event (none today): its journal reads it
    const std::lock_guard lock(m_mutex);
    if (m_pending.size() >= kMaxKept) {
        m_pending.clear();
        m_dropped = true;
    }
    if (!m_dropped)
        m_pending.append(std::move(future));
}

RunEventSink::Committed RunEventSink::takeCommitted()
{
    QList<QFuture<Result<QList<Event>>>> pending;
    Committed out;
    {
        const std::lock_guard lock(m_mutex);
        pending.swap(m_pending);
        out.complete = !m_dropped;
        m_dropped = false;
    }
    for (auto &f : pending) {
        const Result<QList<Event>> r = f.result();
        if (!r)
            out.complete = false;
        else
            out.events += *r;
    }
    return out;
}

} // namespace harness
