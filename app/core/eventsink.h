// EventSink: where the lower layers (runtime, agents, verify) record what they did, without knowing
// the store. The store's event log implements it; tests may collect into a list.
#pragma once

#include "event.h"

namespace harness {

class EventSink
{
public:
    virtual ~EventSink() = default;
    // Records an event. Implementations assign seq, time and hashes; the call may return before the
    // event is durable (use the store's acknowledged append where durability matters).
    virtual void record(Event event) = 0;
};

} // namespace harness
