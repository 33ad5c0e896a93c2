// RunControlsPanel: start, pause, resume and abort for the selected task's run, its phase and iteration,
// and the budget meter. The panel asks; the run engine (orchestration's RunController, connected by
// the main window) acts, and the new state comes back through the event log. A run queued for the
// runners says so (waiting for a runner, or which runner on which machine has it); its Pause, Resume and
// Abort record decisions the runner obeys, and none of them drives it here.
#pragma once

#include "orchestration/runsummary.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace harness::ui {

class BudgetMeter;
class RepositorySession;
class RunTracker;

class RunControlsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunControlsPanel(QWidget *parent = nullptr);
    void setSession(RepositorySession *session, RunTracker *tracker);
    // Whether a run engine is connected; without one the buttons stay disabled and say why.
    void setEngineAvailable(bool available, const QString &reasonWhenNot = {});
    // A message from the engine (e.g. why a start was refused).
    void showMessage(const QString &text, bool error);

    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *abortButton() const { return m_abort; }
    BudgetMeter *budgetMeter() const { return m_meter; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *messageLabel() const { return m_message; }
    // Why the run stopped and what to do next (hidden while there is nothing to explain).
    QLabel *stopLabel() const { return m_stopped; }
    QString currentRunId() const { return m_runId; }
    // The line a queued run's state gains: waiting for a runner, or the runner (and machine) that has it.
    static QString queuedText(const RunSummary &fold);

Q_SIGNALS:
    void startRequested(const QString &taskId);
    void pauseRequested(const QString &runId);
    void resumeRequested(const QString &runId);
    void abortRequested(const QString &runId);

private:
    void refresh();

    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
    bool m_engine = false;
    QString m_engineReason;
    QString m_runId;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_message;
    QLabel *m_stopped;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_abort;
    BudgetMeter *m_meter;
};

} // namespace harness::ui
