// RunEventSink: gives the lower layers (tools, sandbox, gates) a sink that files their events under
// the run they belong to.
#pragma once

#include "core/eventsink.h"
#include "store/store.h"

namespace harness {

class RunEventSink : public EventSink
{
public:
    RunEventSink(Store &store, QString runId) : m_store(store), m_runId(std::move(runId)) { }
    void record(Event event) override
    {
        if (event.runId.isEmpty())
            event.runId = m_runId;
        if (event.actor.isEmpty())
            event.actor = QStringLiteral("harness");
        m_store.record(std::move(event));
    }

private:
    Store &m_store;
    QString m_runId;
};

} // namespace harness
