// RunEventSink: gives the lower layers (tools, sandbox, gates) a sink that files their events under
// the run they belong to, and keeps the store's acknowledgements of them, so the run's journal can fold
// in what was committed without reading it back. Thread-safe: the network proxy records from its own
// thread.
#pragma once

#include "core/eventsink.h"
#include "store/store.h"

#include <QFuture>
#include <mutex>

namespace harness {

class RunEventSink : public EventSink
{
public:
    RunEventSink(Store &store, QString runId) : m_store(store), m_runId(std::move(runId)) { }
    void record(Event event) override;

    // What the store committed of this run's events recorded so far (waiting for those still queued),
    // in no particular order. complete is false when an append failed or more were recorded than are
    // kept: then the caller reads the run's events from the store instead.
    struct Committed
    {
        QList<Event> events;
        bool complete = true;
    };
    Committed takeCommitted();

private:
    // Past this many unread acknowledgements the sink forgets them and the journal reads the store.
    static constexpr qsizetype kMaxKept = 256;

    Store &m_store;
    const QString m_runId;
    std::mutex m_mutex;
    QList<QFuture<Result<QList<Event>>>> m_pending; // under m_mutex
    bool m_dropped = false; // under m_mutex
};

} // namespace harness
