// TaskDag: checks on the task dependency graph — would a new dependency close a cycle.
#pragma once

#include "core/task.h"

#include <QList>

namespace harness::ui {

struct TaskDag
{
    // True when making `dependent` depend on `prerequisite` would create a cycle (or a self-loop).
    static bool wouldCreateCycle(const QList<Task> &tasks, const QString &prerequisite,
                                 const QString &dependent);
    // The chain prerequisite -> ... -> dependent that already exists, for the refusal message.
    static QStringList pathBetween(const QList<Task> &tasks, const QString &from, const QString &to);
};

} // namespace harness::ui
