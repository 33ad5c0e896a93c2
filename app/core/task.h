// Task: one node of the task graph, carrying a contract and its dependencies.
#pragma once

#include "contract.h"

#include <QDateTime>

namespace harness {

enum class TaskState {
    Open,
    Running,
    AwaitingApproval,
    Review,
    Merged,
    Discarded,
    Escalated,
    Failed,
    Aborted
};

QString taskStateName(TaskState state);
Result<TaskState> taskStateFromName(const QString &name);

struct Task
{
    QString id; // "T1", "T2", ... within a store
    QString title;
    Contract contract;
    QStringList dependsOn; // task ids
    QString parentId; // the task whose plan proposed this one, if any
    TaskState state = TaskState::Open;
    QDateTime created;

    QJsonObject toJson() const;
    static Result<Task> fromJson(const QJsonObject &json);
    bool operator==(const Task &) const = default;
};

} // namespace harness
