// ConversationBuilder: the built-in agent's conversation for one model turn, rebuilt from the events of
// the current plan round or build/fix iteration, so a restarted harness asks exactly what the first one
// would have asked (and a replayed transcript still matches).
#pragma once

#include "executor.h"

#include "agents/chatrequest.h"
#include "core/event.h"

namespace harness {

class ConversationBuilder
{
public:
    // The prompt, then each answer and each plan_invalid's repair request.
    static ChatRequest plan(const ExecutorTurn &turn, const QList<Event> &roundEvents, int modelTurn);
    // The prompt, then each answer with its tool calls and each call's result.
    static ChatRequest build(const ExecutorTurn &turn, const QList<Event> &iterationEvents, int modelTurn,
                             const QJsonArray &tools);
};

} // namespace harness
