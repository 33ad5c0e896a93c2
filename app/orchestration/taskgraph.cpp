// TaskGraph: Kahn's algorithm for order, depth-first search with colours for the cycle path, both on
// task indices.
#include "taskgraph.h"

namespace harness {

TaskGraph::TaskGraph(const QList<Task> &tasks)
    : m_tasks(tasks), m_dependencies(tasks.size()), m_users(tasks.size())
{
    // Ids are hashed once here; every walk below runs on indices.
    m_index.reserve(tasks.size());
    for (qsizetype i = 0; i < m_tasks.size(); ++i)
        m_index.insert(m_tasks.at(i).id, i);
    for (qsizetype i = 0; i < m_tasks.size(); ++i)
        addEdges(i);
}

void TaskGraph::addEdges(qsizetype task)
{
    for (const QString &d : std::as_const(m_tasks.at(task).dependsOn)) {
        const auto it = m_index.constFind(d);
        if (it == m_index.cend() || m_dependencies.at(task).contains(*it))
            continue;
        m_dependencies[task] << *it;
        m_users[*it] << task;
    }
}

const Task *TaskGraph::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_tasks.at(*it);
}

QStringList TaskGraph::cycle() const
{
    // 0 = unvisited, 1 = on the current path, 2 = done. Iterative to survive deep graphs.
    QList<char> colour(m_tasks.size(), 0);
    struct Frame
    {
        qsizetype task;
        qsizetype next;
    };
    for (qsizetype start = 0; start < m_tasks.size(); ++start) {
        if (colour.at(start) != 0)
            continue;
        QList<Frame> stack {{start, 0}};
        colour[start] = 1;
        while (!stack.isEmpty()) {
            Frame &top = stack.last();
            const QList<qsizetype> &deps = m_dependencies.at(top.task);
            if (top.next >= deps.size()) {
                colour[top.task] = 2;
                stack.removeLast();
                continue;
            }
            const qsizetype dep = deps.at(top.next++);
            if (colour.at(dep) == 1) {
                // The path from dep's frame to the top, closed by dep again.
                QStringList out;
                qsizetype i = stack.size() - 1;
                while (stack.at(i).task != dep)
                    --i;
                for (; i < stack.size(); ++i)
                    out << m_tasks.at(stack.at(i).task).id;
                out << m_tasks.at(dep).id;
                return out;
            }
            if (colour.at(dep) == 0) {
                colour[dep] = 1;
                stack.append({dep, 0});
            }
        }
    }
    return {};
}

Status TaskGraph::canAddDependency(const QString &task, const QString &dependency) const
{
    if (!find(task))
        return Status::failure(QStringLiteral("there is no task %1").arg(task));
    if (!find(dependency))
        return Status::failure(QStringLiteral("there is no task %1").arg(dependency));
    if (task == dependency)
        return Status::failure(QStringLiteral("a task cannot depend on itself (%1)").arg(task));
    TaskGraph next(*this);
    const qsizetype index = next.m_index.value(task);
    Task &t = next.m_tasks[index];
    if (!t.dependsOn.contains(dependency))
        t.dependsOn << dependency;
    next.addEdges(index);
    const QStringList c = next.cycle();
    if (!c.isEmpty())
        return Status::failure(QStringLiteral("refused: %1 depending on %2 would make a cycle: %3")
                                       .arg(task, dependency, c.join(QStringLiteral(" -> "))));
    return success();
}

QList<qsizetype> TaskGraph::order() const
{
    QList<int> pending(m_tasks.size());
    QList<qsizetype> queue;
    queue.reserve(m_tasks.size());
    for (qsizetype i = 0; i < m_tasks.size(); ++i) {
        pending[i] = int(m_dependencies.at(i).size());
        if (pending.at(i) == 0)
            queue << i;
    }
    for (qsizetype head = 0; head < queue.size(); ++head)
        for (const qsizetype user : m_users.at(queue.at(head)))
            if (--pending[user] == 0)
                queue << user;
    return queue;
}

Result<QStringList> TaskGraph::topologicalOrder() const
{
    const QList<qsizetype> indices = order();
    if (indices.size() != m_tasks.size())
        return Result<QStringList>::failure(
                QStringLiteral("the task graph has a cycle: %1").arg(cycle().join(QStringLiteral(" -> "))));
    QStringList out;
    out.reserve(indices.size());
    for (const qsizetype i : indices)
        out << m_tasks.at(i).id;
    return out;
}

QStringList TaskGraph::readyTasks() const
{
    const QList<qsizetype> indices = order();
    if (indices.size() != m_tasks.size())
        return {};
    QStringList out;
    for (const qsizetype i : indices) {
        const Task &t = m_tasks.at(i);
        if (t.state != TaskState::Open)
            continue;
        bool ready = true;
        for (qsizetype k = 0; ready && k < m_dependencies.at(i).size(); ++k)
            ready = m_tasks.at(m_dependencies.at(i).at(k)).state == TaskState::Merged;
        // A dependency naming no task is never merged: the task waits.
        for (qsizetype k = 0; ready && k < t.dependsOn.size(); ++k)
            ready = m_index.contains(t.dependsOn.at(k));
        if (ready)
            out << t.id;
    }
    return out;
}

QStringList TaskGraph::dependents(const QString &id) const
{
    QStringList out;
    for (const auto &t : m_tasks)
        if (t.dependsOn.contains(id))
            out << t.id;
    return out;
}

} // namespace harness
