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

QList<TaskState> TaskStateStyle::allStates()
{
    return {TaskState::Open,      TaskState::Running, TaskState::AwaitingApproval,
            TaskState::Review,    TaskState::Merged,  TaskState::Discarded,
            TaskState::Escalated, TaskState::Failed,  TaskState::Aborted};
}

} // namespace harness::ui
