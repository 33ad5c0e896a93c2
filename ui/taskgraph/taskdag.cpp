// TaskDag: breadth-first search over "depends on" edges.
#include "taskdag.h"

#include <QHash>
#include <QQueue>

namespace harness::ui {

QStringList TaskDag::pathBetween(const QList<Task> &tasks, const QString &from, const QString &to)
{
    // Edges run from a task to the tasks it depends on; a path from -> to exists when `from`
    // (transitively) depends on `to`.
    QHash<QString, QStringList> dependsOn;
    for (const Task &t : tasks)
        dependsOn.insert(t.id, t.dependsOn);
    QHash<QString, QString> parent;
    QQueue<QString> queue;
    queue.enqueue(from);
    parent.insert(from, QString());
    while (!queue.isEmpty()) {
        const QString v = queue.dequeue();
        if (v == to) {
            QStringList path;
            for (QString at = to; !at.isEmpty(); at = parent.value(at))
                path.prepend(at);
            return path;
        }
        for (const QString &w : dependsOn.value(v))
            if (!parent.contains(w)) {
                parent.insert(w, v);
                queue.enqueue(w);
            }
    }
    return {};
}

bool TaskDag::wouldCreateCycle(const QList<Task> &tasks, const QString &prerequisite,
                               const QString &dependent)
{
    if (prerequisite == dependent)
        return true;
    // The new edge says dependent -> prerequisite; a cycle exists if prerequisite already reaches dependent.
    return !pathBetween(tasks, prerequisite, dependent).isEmpty();
}

} // namespace harness::ui
