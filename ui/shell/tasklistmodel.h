// TaskListModel: the tasks of the opened repository's store, one row per task (real data, refreshed
// when the session sees the store change).
#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace harness::ui {

class RepositorySession;

class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TitleColumn, StateColumn, DependsColumn, RunsColumn, ColumnCount };
    enum Role { TaskIdRole = Qt::UserRole + 1 };

    explicit TaskListModel(QObject *parent = nullptr);
    void setSession(RepositorySession *session);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowOfTask(const QString &taskId) const;

private:
    void reload();
    QPointer<RepositorySession> m_session;
};

} // namespace harness::ui
