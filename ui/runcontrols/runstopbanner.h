// RunStopBanner: the strip across the window when the selected task's run stopped without a merge —
// escalated, failed, aborted or out of budget — or a start was refused: what happened, the next step,
// and "Show in timeline" for the run's last events.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace harness::ui {

class RepositorySession;
class RunTracker;

class RunStopBanner : public QWidget
{
    Q_OBJECT
public:
    explicit RunStopBanner(QWidget *parent = nullptr);
    void setSession(RepositorySession *session, RunTracker *tracker);
    // A start that was refused (e.g. a broken configuration file): shown until dismissed.
    void showRefusal(const QString &message);
    QString text() const;
    QString runId() const { return m_runId; }
    QPushButton *timelineButton() const { return m_timeline; }
    QPushButton *dismissButton() const { return m_dismiss; }

Q_SIGNALS:
    void showInTimelineRequested(const QString &runId);

private:
    void refresh();

    QPointer<RepositorySession> m_session;
    QPointer<RunTracker> m_tracker;
    QString m_runId;
    QString m_dismissed; // the run whose banner was dismissed
    QString m_refusal;
    QLabel *m_label;
    QPushButton *m_timeline;
    QPushButton *m_dismiss;
};

} // namespace harness::ui
