// EventText: an event of the log as a person reads it — a one-line title ("Gate tests failed in 1.2 s —
// 2 findings") and a body with the request (context), the response, tool calls with their arguments,
// tool results and gate logs written out as text. The raw JSON stays one click away (rawJson).
#pragma once

#include "core/event.h"

namespace harness::ui {

class EventText
{
public:
    static QString title(const Event &event);
    static QString body(const Event &event);
    static QString rawJson(const Event &event);
};

} // namespace harness::ui
