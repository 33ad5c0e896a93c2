// QueuePanel: the run queue in the Runners view — the queued, driven and parked runs in claim order, the
// selected run's priority raised or lowered, and the queue's limits (runs driven at once, a spend cap the
// runners check before they claim). Changes go through QueueService on the session's store worker, so they
// are audited with the person's name; errors show in the panel's message line.
#pragma once

#include "store/runqueue.h"

#include <QPointer>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace harness::ui {

class QueueModel;
class RepositorySession;

class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(QWidget *parent = nullptr);
    void setSession(RepositorySession *session);
    // Shows what the Runners view read (keeps the selected run selected).
    void display(const QList<QueueEntry> &entries, const QueueLimits &limits, const QDateTime &now);

    QueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *raiseButton() const { return m_raise; }
    QPushButton *lowerButton() const { return m_lower; }
    QSpinBox *maxRunsBox() const { return m_maxRuns; }
    QDoubleSpinBox *maxSpendBox() const { return m_maxSpend; }
    QPushButton *applyLimitsButton() const { return m_applyLimits; }
    QLabel *messageLabel() const { return m_message; }
    QString selectedRun() const;

Q_SIGNALS:
    // A change was written (or refused): the view reads the queue again.
    void changed();

private:
    void changePriority(int delta);
    void applyLimits();
    void updateButtons();
    void say(const QString &text, bool error);

    QPointer<RepositorySession> m_session;
    QueueModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_raise = nullptr;
    QPushButton *m_lower = nullptr;
    QSpinBox *m_maxRuns = nullptr;
    QDoubleSpinBox *m_maxSpend = nullptr;
    QPushButton *m_applyLimits = nullptr;
    QLabel *m_message = nullptr;
    QueueLimits m_limits;
    bool m_limitsEdited = false;
};

} // namespace harness::ui
