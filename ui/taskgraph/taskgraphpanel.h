// TaskGraphPanel: the task graph view with its tool bar (zoom, fit, add subtask), the state legend, an
// inline message line, and the inspector for the selected task (contract and runs).
#pragma once

#include "taskgraph/graphlayout.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace harness::ui {

class EmptyState;
class RepositorySession;
class RunTracker;
class TaskGraphView;

class TaskGraphPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TaskGraphPanel(QWidget *parent = nullptr);
    ~TaskGraphPanel() override;
    void setSession(RepositorySession *session, RunTracker *tracker);

    TaskGraphView *graphView() const { return m_view; }
    QLabel *messageLine() const { return m_message; }
    QTextBrowser *inspector() const { return m_inspector; }
    QListWidget *runList() const { return m_runs; }
    QToolButton *addSubtaskButton() const { return m_addSubtask; }
    bool isLayoutRunning() const { return m_layoutWatcher.isRunning() || m_layoutPending; }
    QString layoutEngine() const { return m_engine; }

public Q_SLOTS:
    void addSubtask();
    // Makes `dependent` depend on `prerequisite`, unless that would close a cycle (then says so).
    void addDependency(const QString &prerequisite, const QString &dependent);

Q_SIGNALS:
    void layoutFinished();
    void dependencyAdded(const QString &prerequisite, const QString &dependent);

private:
    void onTasksChanged();
    void startLayout();
    void showInspector(const QString &taskId);
    void showMessage(const QString &text, bool error);
    void updateProgress(const QString &runId);

    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
    TaskGraphView *m_view;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QLabel *m_message;
    QTextBrowser *m_inspector;
    QListWidget *m_runs;
    QToolButton *m_addSubtask;
    QFutureWatcher<Result<GraphLayout>> m_layoutWatcher;
    bool m_layoutPending = false;
    QString m_structureKey; // ids and edges of the laid-out graph
    QString m_engine;
};

} // namespace harness::ui
