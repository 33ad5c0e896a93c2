// TaskStateStyle: the colour and the user-facing name of each task state, shared by the task list,
// the graph (nodes and legend) and the timeline lanes; and how a task looks given its newest run's
// summary, for a run the runners drive (queued, claimed) that the task's own state does not show.
#pragma once

#include "core/task.h"
#include "orchestration/runsummary.h"

#include <QColor>
#include <QList>

namespace harness::ui {

// How a view shows a task, its state read with its newest run's summary (the fold's, never the view's).
struct TaskLook
{
    QColor color;
    QString label; // "Queued", or the state's name
    QString runner; // the runner that claimed the newest run and drives it now (empty: none)
    QString detail; // one sentence about the runners for a tool tip (empty: the run is not theirs)
    bool queued = false; // the newest run waits in the runners' queue, no runner has claimed it yet
};

struct TaskStateStyle
{
    static QColor color(TaskState state);
    static QString label(TaskState state);
    static QList<TaskState> allStates();

    // A task whose newest run waits in the runners' queue: its own state stays open until a runner takes
    // the run, yet it is not idle.
    static QColor queuedColor();
    static QString queuedLabel();
    // The task as the views show it: "Queued" (not "Open") while its newest run waits for a runner, and
    // the runner that claimed it while it drives the run; otherwise the state's own colour and name.
    static TaskLook look(TaskState state, const RunSummary &newestRun);
};

} // namespace harness::ui
