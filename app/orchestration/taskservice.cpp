// TaskService: every change runs in changeTasks (store/tasktransaction.h), so the check and the write see the
// same tasks.
#include "taskservice.h"
#include "taskgraph.h"

#include "core/events/runevents.h"
#include "store/tasktransaction.h"

#include <QJsonObject>

namespace harness {

namespace {

Event taskAdded(const Task &task, const QString &actor)
{
    return makeEvent({}, TaskAddedPayload {task.toJson(), false}, actor);
}

Event dependencyAdded(const QString &task, const QString &dependency, const QString &actor)
{
    return makeEvent({}, DependencyAddedPayload {task, dependency}, actor);
}

// "Refused: T1 cannot wait for T3, because T3 already waits for T1 (T3 waits for T2 waits for T1)."
QString refusal(const QList<Task> &tasks, const QString &task, const QString &dependency, const Status &why)
{
    QList<Task> next = tasks;
    for (Task &t : next)
        if (t.id == task)
            t.dependsOn << dependency;
    QStringList cycle = TaskGraph(next).cycle(); // closed: first == last
    if (cycle.size() > 2) {
        cycle.removeLast();
        for (qsizetype i = 0; i < cycle.size(); ++i) {
            if (cycle.at(i) == task && cycle.at((i + 1) % cycle.size()) == dependency) {
                QStringList chain;
                for (qsizetype k = 1; k <= cycle.size(); ++k)
                    chain << cycle.at((i + k) % cycle.size());
                return QStringLiteral("Refused: %1 cannot wait for %2, because %2 already waits for %1 (%3). "
                                      "A dependency cycle could never start.")
                        .arg(task, dependency, chain.join(QStringLiteral(" waits for ")));
            }
        }
    }
    return QStringLiteral("Refused: %1").arg(why.errorText());
}

Status checkDependencies(const QList<Task> &tasks, const Task &task)
{
    for (const QString &dep : task.dependsOn) {
        bool found = false;
        for (const Task &t : tasks)
            found = found || t.id == dep;
        if (!found)
            return Status::failure(
                    QStringLiteral("%1 is not a task; a task can only wait for tasks that exist").arg(dep),
                    QStringLiteral("depends_on"));
    }
    return success();
}

} // namespace

Result<Task> TaskService::addTask(Task task, const QString &actor)
{
    task.id.clear();
    task.state = TaskState::Open;
    Task added;
    auto done = changeTasks(m_store, [&](TaskTransaction &tx) -> Status {
        auto tasks = tx.tasks();
        if (!tasks)
            return tasks.error();
        if (Status deps = checkDependencies(*tasks, task); !deps)
            return deps;
        auto made = tx.addTask(task);
        if (!made)
            return made.error();
        added = *made;
        tx.record(taskAdded(added, actor));
        return success();
    });
    if (!done)
        return done.error();
    return added;
}

Result<Task> TaskService::addSubtask(const QString &parentId, Task subtask, const QString &actor)
{
    subtask.id.clear();
    subtask.state = TaskState::Open;
    subtask.parentId = parentId;
    Task added;
    auto done = changeTasks(m_store, [&](TaskTransaction &tx) -> Status {
        auto tasks = tx.tasks();
        if (!tasks)
            return tasks.error();
        Task parent;
        for (const Task &t : *tasks)
            if (t.id == parentId)
                parent = t;
        if (parent.id.isEmpty())
            return Status::failure(QStringLiteral("there is no task %1 to add a subtask to").arg(parentId));
        if (Status deps = checkDependencies(*tasks, subtask); !deps)
            return deps;
        auto made = tx.addTask(subtask);
        if (!made)
            return made.error();
        added = *made;
        parent.dependsOn << added.id;
        if (Status updated = tx.updateTask(parent); !updated)
            return updated;
        tx.record(taskAdded(added, actor));
        tx.record(dependencyAdded(parent.id, added.id, actor));
        return success();
    });
    if (!done)
        return done.error();
    return added;
}

Status TaskService::addDependency(const QString &taskId, const QString &dependencyId, const QString &actor)
{
    auto done = changeTasks(m_store, [&](TaskTransaction &tx) -> Status {
        auto tasks = tx.tasks();
        if (!tasks)
            return tasks.error();
        const TaskGraph graph(*tasks);
        const Task *task = graph.find(taskId);
        if (task && task->dependsOn.contains(dependencyId))
            return success(); // already waits: nothing to record
        if (Status allowed = graph.canAddDependency(taskId, dependencyId); !allowed)
            return Status::failure(refusal(*tasks, taskId, dependencyId, allowed));
        Task changed = *task;
        changed.dependsOn << dependencyId;
        if (Status updated = tx.updateTask(changed); !updated)
            return updated;
        tx.record(dependencyAdded(taskId, dependencyId, actor));
        return success();
    });
    if (!done)
        return done.error();
    return success();
}

} // namespace harness
