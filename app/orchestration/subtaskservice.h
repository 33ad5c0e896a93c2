// SubtaskService: a plan may propose subtasks; the human accepts them (all, some, or edited) and they
// become tasks of the graph, each remembering the task whose plan proposed it.
#pragma once

#include "core/plan.h"
#include "store/store.h"

namespace harness {

class SubtaskService
{
public:
    explicit SubtaskService(Store &store) : m_store(store) { }

    // The subtasks the run's latest plan proposed.
    Result<QList<ProposedSubtask>> proposed(const QString &runId);
    // Adds the chosen subtasks (indices into proposed(); empty = all) as tasks. `edited`, when given,
    // replaces the proposals (the human's edits). The parent task's contract budget and constraints
    // carry over; each new task is Open with no dependencies.
    Result<QList<Task>> accept(const QString &runId, const QList<int> &indices, const QString &actor,
                               const QList<ProposedSubtask> &edited = {});

private:
    Store &m_store;
};

} // namespace harness
