// TaskListModel: the tasks of the opened repository's store, one row per task (real data, refreshed
// when the session sees the store change). With a RunTracker the state column reads each task with its
// newest run's summary: "Queued" while the run waits for the runners, "Running on build-3" once one drives
// it.
#pragma once

#include "core/task.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace harness::ui {

class RepositorySession;
class RunTracker;

class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TitleColumn, StateColumn, DependsColumn, RunsColumn, ColumnCount };
    enum Role { TaskIdRole = Qt::UserRole + 1 };

    explicit TaskListModel(QObject *parent = nullptr);
    void setSession(RepositorySession *session, RunTracker *tracker = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowOfTask(const QString &taskId) const;

private:
    void reload();
    void runUpdated(const QString &runId);
    QVariant stateData(const Task &task, int role) const;
    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
};

} // namespace harness::ui
