// TaskService: how people change the task graph — a new task, a subtask, a dependency. Each change is one
// store transaction together with its audited event (task_added, dependency_added), and the cycle check
// runs inside it, on the tasks as they are under the write lock (not on a copy a view holds).
#pragma once

#include "store/store.h"

namespace harness {

class TaskService
{
public:
    explicit TaskService(Store &store) : m_store(store) { }

    // Adds an Open task (the store assigns its id); every dependency must name a task. Records task_added.
    Result<Task> addTask(Task task, const QString &actor);
    // Adds `subtask` under `parentId` and makes the parent wait for it: task_added and dependency_added,
    // all in one transaction.
    Result<Task> addSubtask(const QString &parentId, Task subtask, const QString &actor);
    // Makes `taskId` wait for `dependencyId` and records dependency_added; refused, naming the chain,
    // when it would close a cycle (TaskGraph::canAddDependency). Already waiting: success, nothing written.
    Status addDependency(const QString &taskId, const QString &dependencyId, const QString &actor);

private:
    Store &m_store;
};

} // namespace harness
