// TaskListModel: a table over RepositorySession::tasks(); the state column also over RunTracker's summaries.
#include "tasklistmodel.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/taskstatestyle.h"

namespace harness::ui {

TaskListModel::TaskListModel(QObject *parent) : QAbstractTableModel(parent) { }

void TaskListModel::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    beginResetModel();
    m_session = session;
    m_tracker = session ? tracker : nullptr;
    endResetModel();
    if (m_tracker)
        connect(m_tracker, &RunTracker::runUpdated, this, &TaskListModel::runUpdated);
    if (m_session) {
        connect(m_session, &RepositorySession::tasksChanged, this, &TaskListModel::reload);
        connect(m_session, &RepositorySession::runsChanged, this, &TaskListModel::reload);
        // The rows come from the session: when it goes (the repository closed), so do they, with a reset.
        connect(m_session, &QObject::destroyed, this, &TaskListModel::reload);
    }
}

void TaskListModel::reload()
{
    beginResetModel();
    endResetModel();
}

void TaskListModel::runUpdated(const QString &runId)
{
    if (!m_session)
        return;
    const int row = rowOfTask(m_session->runById(runId).taskId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_session ? 0 : int(m_session->tasks().size());
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!m_session || !index.isValid() || index.row() >= m_session->tasks().size())
        return {};
    const Task &t = m_session->tasks().at(index.row());
    if (role == TaskIdRole)
        return t.id;
    if (index.column() == StateColumn)
        return stateData(t, role);
    if (role == Qt::ToolTipRole && index.column() == TitleColumn)
        return t.contract.goal;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return t.id;
    case TitleColumn:
        return t.title;
    case DependsColumn:
        return t.dependsOn.join(QStringLiteral(", "));
    case RunsColumn:
        return int(m_session->runsOfTask(t.id).size());
    }
    return {};
}

QVariant TaskListModel::stateData(const Task &task, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::DecorationRole && role != Qt::ToolTipRole)
        return {};
    // The state as the fold of the task's newest run shows it: a run waiting for the runners, say.
    const TaskLook look = TaskStateStyle::look(
            task.state, m_tracker ? m_tracker->summary(m_tracker->latestRunOf(task.id)) : RunSummary {});
    if (role == Qt::DecorationRole)
        return look.color;
    if (role == Qt::ToolTipRole)
        return look.detail.isEmpty() ? QVariant() : QVariant(look.detail);
    return look.runner.isEmpty() ? look.label : tr("%1 on %2").arg(look.label, look.runner);
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TitleColumn:
        return tr("Title");
    case StateColumn:
        return tr("State");
    case DependsColumn:
        return tr("Depends on");
    case RunsColumn:
        return tr("Runs");
    }
    return {};
}

int TaskListModel::rowOfTask(const QString &taskId) const
{
    if (!m_session)
        return -1;
    for (int i = 0; i < m_session->tasks().size(); ++i)
        if (m_session->tasks().at(i).id == taskId)
            return i;
    return -1;
}

} // namespace harness::ui
