// TaskListPanel: the task list dock — every task of the store, "New Task…", and the selection that
// drives the other views.
#pragma once

#include <QPointer>
#include <QWidget>

class QTreeView;
class QStackedWidget;
class QPushButton;

namespace harness::ui {

class RepositorySession;
class RunTracker;
class TaskListModel;
class EmptyState;

class TaskListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TaskListPanel(QWidget *parent = nullptr);
    // tracker: the session's run folds, for the state of a task whose run the runners drive (optional).
    void setSession(RepositorySession *session, RunTracker *tracker = nullptr);
    QTreeView *view() const { return m_view; }
    TaskListModel *model() const { return m_model; }

public Q_SLOTS:
    // Opens the contract dialog and adds the task to the store.
    void newTask();

Q_SIGNALS:
    void taskAdded(const QString &taskId);
    void errorOccurred(const QString &message);

private:
    void updateEmptyState();
    void syncSelection();

    QPointer<RepositorySession> m_session;
    TaskListModel *m_model;
    QTreeView *m_view;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QPushButton *m_newTask;
};

} // namespace harness::ui
