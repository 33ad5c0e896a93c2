// TaskStateStyle: the colour and the user-facing name of each task state, shared by the task list,
// the graph (nodes and legend) and the timeline lanes.
#pragma once

#include "core/task.h"

#include <QColor>
#include <QList>

namespace harness::ui {

struct TaskStateStyle
{
    static QColor color(TaskState state);
    static QString label(TaskState state);
    static QList<TaskState> allStates();
};

} // namespace harness::ui
