// EventDescription: one line that says what an event records, read through its typed payload — the
// same words in `harness log`, the timeline's event list and anywhere else an event is listed. An event
// of a kind this release does not know, or whose payload does not read, is shown by its payload's
// most telling field.
#pragma once

#include "core/event.h"

namespace harness {

class EventDescription
{
public:
    // At most maxLength characters (longer text ends in "...").
    static QString describe(const Event &event, int maxLength = 160);

private:
    static QString fallback(const Event &event);
};

} // namespace harness
