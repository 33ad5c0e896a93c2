// TaskGraph: Kahn's algorithm for order, depth-first search with colours for the cycle path.
#include "taskgraph.h"

#include <functional>

namespace harness {

TaskGraph::TaskGraph(const QList<Task> &tasks) : m_tasks(tasks)
{
    m_index.reserve(tasks.size());
    for (qsizetype i = 0; i < m_tasks.size(); ++i)
        m_index.insert(m_tasks.at(i).id, i);
}

const Task *TaskGraph::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_tasks.at(*it);
}

QStringList TaskGraph::cycle() const
{
    // 0 = unvisited, 1 = on the current path, 2 = done. Iterative to survive deep graphs.
    QHash<QString, int> colour;
    QStringList path;
    for (const auto &start : m_tasks) {
        if (colour.value(start.id) != 0)
            continue;
        struct Frame
        {
            QString id;
            qsizetype next;
        };
        QList<Frame> stack {{start.id, 0}};
        colour[start.id] = 1;
        path = {start.id};
        while (!stack.isEmpty()) {
            Frame &top = stack.last();
            const Task *t = find(top.id);
            const QStringList deps = t ? t->dependsOn : QStringList();
            if (top.next >= deps.size()) {
                colour[top.id] = 2;
                stack.removeLast();
                path.removeLast();
                continue;
            }
            const QString dep = deps.at(top.next++);
            if (!m_index.contains(dep))
                continue;
            const int c = colour.value(dep);
            if (c == 1) {
                QStringList out = path.mid(path.indexOf(dep));
                out << dep;
                return out;
            }
            if (c == 0) {
                colour[dep] = 1;
                path << dep;
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
    Task &t = next.m_tasks[next.m_index.value(task)];
    if (!t.dependsOn.contains(dependency))
        t.dependsOn << dependency;
    const QStringList c = next.cycle();
    if (!c.isEmpty())
        return Status::failure(QStringLiteral("refused: %1 depending on %2 would make a cycle: %3")
                                       .arg(task, dependency, c.join(QStringLiteral(" -> "))));
    return success();
}

Result<QStringList> TaskGraph::topologicalOrder() const
{
    QHash<QString, int> pending;
    QHash<QString, QStringList> users;
    for (const auto &t : m_tasks) {
        int n = 0;
        for (const auto &d : t.dependsOn)
            if (m_index.contains(d)) {
                ++n;
                users[d] << t.id;
            }
        pending.insert(t.id, n);
    }
    QStringList queue;
    for (const auto &t : m_tasks)
        if (pending.value(t.id) == 0)
            queue << t.id;
    QStringList order;
    order.reserve(m_tasks.size());
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const QString id = queue.at(i);
        order << id;
        for (const auto &u : users.value(id))
            if (--pending[u] == 0)
                queue << u;
    }
    if (order.size() != m_tasks.size())
        return Result<QStringList>::failure(
                QStringLiteral("the task graph has a cycle: %1").arg(cycle().join(QStringLiteral(" -> "))));
    return order;
}

QStringList TaskGraph::readyTasks() const
{
    auto order = topologicalOrder();
    if (!order)
        return {};
    QStringList out;
    for (const auto &id : *order) {
        const Task *t = find(id);
        if (t->state != TaskState::Open)
            continue;
        bool ready = true;
        for (const auto &d : t->dependsOn) {
            const Task *dep = find(d);
            if (!dep || dep->state != TaskState::Merged) {
                ready = false;
                break;
            }
        }
        if (ready)
            out << id;
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
