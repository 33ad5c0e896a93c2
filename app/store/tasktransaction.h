// TaskTransaction: a change to the task graph made under the store's write lock — reads see the tasks as
// they are under the lock, and the events recorded commit together with the task writes, or nothing does.
#pragma once

#include "store.h"

#include <functional>

namespace harness {

class TaskTransaction
{
public:
    virtual ~TaskTransaction() = default;
    virtual Result<QList<Task>> tasks() = 0;
    virtual Result<Task> addTask(Task task) = 0;
    virtual Status updateTask(const Task &task) = 0;
    virtual void record(Event event) = 0;
};

// Runs `work` in one write transaction on the calling thread: it commits when work succeeds (the recorded
// events take their places in the log and its hash chain) and writes nothing when it fails. Blocks, like
// the store's other writes: not for the GUI thread.
Result<QList<Event>> changeTasks(Store &store, const std::function<Status(TaskTransaction &)> &work);

} // namespace harness
