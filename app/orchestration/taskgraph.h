// TaskGraph: the tasks as a DAG — cycle refusal that names the cycle, topological order, and the
// tasks that are ready to start (every dependency merged).
#pragma once

#include "core/task.h"

#include <QHash>
#include <QList>

namespace harness {

class TaskGraph
{
public:
    TaskGraph() = default;
    explicit TaskGraph(const QList<Task> &tasks);

    const QList<Task> &tasks() const { return m_tasks; }
    const Task *find(const QString &id) const;

    // The cycle the graph contains, as a path "T1 -> T2 -> T1", or empty when acyclic.
    QStringList cycle() const;
    // Whether adding "task depends on dependency" keeps the graph acyclic; the error names the cycle.
    Status canAddDependency(const QString &task, const QString &dependency) const;
    // Every task before the tasks that depend on it; fails naming the cycle if there is one.
    Result<QStringList> topologicalOrder() const;
    // Open tasks whose dependencies are all merged, in topological order.
    QStringList readyTasks() const;
    // Tasks that depend on the given one, directly.
    QStringList dependents(const QString &id) const;

private:
    void addEdges(qsizetype task);
    // Kahn's algorithm on indices; fewer entries than tasks when there is a cycle.
    QList<qsizetype> order() const;

    QList<Task> m_tasks;
    QHash<QString, qsizetype> m_index;
    // By task index: the known dependencies (an id naming no task is left out), and their users.
    QList<QList<qsizetype>> m_dependencies;
    QList<QList<qsizetype>> m_users;
};

} // namespace harness
