// TaskListModel: a table over RepositorySession::tasks().
#include "tasklistmodel.h"
#include "common/repositorysession.h"
#include "common/taskstatestyle.h"

namespace harness::ui {

TaskListModel::TaskListModel(QObject *parent) : QAbstractTableModel(parent) { }

void TaskListModel::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    beginResetModel();
    m_session = session;
    endResetModel();
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
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return TaskStateStyle::color(t.state);
    if (role == Qt::ToolTipRole && index.column() == TitleColumn)
        return t.contract.goal;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return t.id;
    case TitleColumn:
        return t.title;
    case StateColumn:
        return TaskStateStyle::label(t.state);
    case DependsColumn:
        return t.dependsOn.join(QStringLiteral(", "));
    case RunsColumn:
        return int(m_session->runsOfTask(t.id).size());
    }
    return {};
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
