// TaskStateStyle: colours chosen to stay distinct for the common forms of colour blindness.
#include "taskstatestyle.h"

#include <QCoreApplication>

namespace harness::ui {

QColor TaskStateStyle::color(TaskState state)
{
    switch (state) {
    case TaskState::Open:
        return QColor(0xb0, 0xb7, 0xc0);
    case TaskState::Running:
        return QColor(0x3d, 0x8b, 0xfd);
    case TaskState::AwaitingApproval:
        return QColor(0xf0, 0xa2, 0x02);
    case TaskState::Review:
        return QColor(0x8e, 0x6b, 0xd8);
    case TaskState::Merged:
        return QColor(0x2e, 0xa0, 0x43);
    case TaskState::Discarded:
        return QColor(0x6e, 0x76, 0x81);
    case TaskState::Escalated:
        return QColor(0xe3, 0x6c, 0x09);
    case TaskState::Failed:
        return QColor(0xd7, 0x3a, 0x49);
    case TaskState::Aborted:
        return QColor(0x8b, 0x4a, 0x4a);
    }
    return Qt::gray;
}

QString TaskStateStyle::label(TaskState state)
{
    switch (state) {
    case TaskState::Open:
        return QCoreApplication::translate("TaskStateStyle", "Open");
    case TaskState::Running:
        return QCoreApplication::translate("TaskStateStyle", "Running");
    case TaskState::AwaitingApproval:
        return QCoreApplication::translate("TaskStateStyle", "Awaiting approval");
    case TaskState::Review:
        return QCoreApplication::translate("TaskStateStyle", "Review");
    case TaskState::Merged:
        return QCoreApplication::translate("TaskStateStyle", "Merged");
    case TaskState::Discarded:
        return QCoreApplication::translate("TaskStateStyle", "Discarded");
    case TaskState::Escalated:
        return QCoreApplication::translate("TaskStateStyle", "Escalated");
    case TaskState::Failed:
        return QCoreApplication::translate("TaskStateStyle", "Failed");
    case TaskState::Aborted:
        return QCoreApplication::translate("TaskStateStyle", "Aborted");
    }
    return {};
}

QColor TaskStateStyle::queuedColor()
{
    return QColor(0x4f, 0xb3, 0xbf);
}

QString TaskStateStyle::queuedLabel()
{
    return QCoreApplication::translate("TaskStateStyle", "Queued");
}

TaskLook TaskStateStyle::look(TaskState state, const RunSummary &newestRun)
{
    TaskLook look {color(state), label(state), {}, {}, false};
    if (newestRun.finished || (!newestRun.queued && newestRun.runner.isEmpty()))
        return look;
    const bool driving =
            state == TaskState::Open || state == TaskState::Running || state == TaskState::AwaitingApproval;
    if (newestRun.runner.isEmpty()) {
        if (state == TaskState::Open) {
            look.color = queuedColor();
            look.label = queuedLabel();
            look.queued = true;
        }
        look.detail = QCoreApplication::translate("TaskStateStyle",
                                                  "Waiting in the runners' queue for a runner to claim it");
    } else if (driving) {
        if (state == TaskState::Open) { // claimed; the runner has not taken the task up yet
            look.color = color(TaskState::Running);
            look.label = label(TaskState::Running);
        }
        look.runner = newestRun.runner;
        look.detail = QCoreApplication::translate("TaskStateStyle", "Claimed by runner %1, which drives it")
                              .arg(newestRun.runnerText());
    } else {
        look.detail = QCoreApplication::translate("TaskStateStyle", "Left here by runner %1")
                              .arg(newestRun.runnerText());
    }
    return look;
}

QList<TaskState> TaskStateStyle::allStates()
{
    return {TaskState::Open,      TaskState::Running, TaskState::AwaitingApproval,
            TaskState::Review,    TaskState::Merged,  TaskState::Discarded,
            TaskState::Escalated, TaskState::Failed,  TaskState::Aborted};
}

} // namespace harness::ui
