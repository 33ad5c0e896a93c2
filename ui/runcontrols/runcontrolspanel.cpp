// RunControlsPanel: button states follow the task state and the latest run's fold.
#include "runcontrolspanel.h"
#include "budgetmeter.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/taskstatestyle.h"
#include "runendexplainer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace harness::ui {

RunControlsPanel::RunControlsPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_state(new QLabel(this)), m_message(new QLabel(this)),
      m_stopped(new QLabel(this)), m_start(new QPushButton(tr("Start"), this)),
      m_pause(new QPushButton(tr("Pause"), this)), m_resume(new QPushButton(tr("Resume"), this)),
      m_abort(new QPushButton(tr("Abort"), this)), m_meter(new BudgetMeter(this))
{
    setObjectName(QStringLiteral("runControlsPanel"));
    m_start->setObjectName(QStringLiteral("startRunButton"));
    m_pause->setObjectName(QStringLiteral("pauseRunButton"));
    m_resume->setObjectName(QStringLiteral("resumeRunButton"));
    m_abort->setObjectName(QStringLiteral("abortRunButton"));
    m_state->setObjectName(QStringLiteral("runState"));
    m_message->setObjectName(QStringLiteral("runMessage"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_state->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_stopped->setObjectName(QStringLiteral("runStopExplanation"));
    m_stopped->setWordWrap(true);
    m_stopped->setTextFormat(Qt::RichText);
    m_stopped->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stopped->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    m_stopped->hide();
    for (QLabel *label : {m_title, m_state, m_message, m_stopped})
        label->setMinimumWidth(10); // wrapped text never sets the dock's width
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_start, m_pause, m_resume, m_abort})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addLayout(buttons);
    layout->addWidget(m_meter);
    layout->addWidget(m_stopped);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_start, &QPushButton::clicked, this, [this]() {
        if (m_session && !m_session->currentTaskId().isEmpty())
            Q_EMIT startRequested(m_session->currentTaskId());
    });
    connect(m_pause, &QPushButton::clicked, this, [this]() { Q_EMIT pauseRequested(m_runId); });
    connect(m_resume, &QPushButton::clicked, this, [this]() { Q_EMIT resumeRequested(m_runId); });
    connect(m_abort, &QPushButton::clicked, this, [this]() { Q_EMIT abortRequested(m_runId); });
    setEngineAvailable(false, tr("The run engine is not connected in this build."));
    setSession(nullptr, nullptr);
}

void RunControlsPanel::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_session = session;
    m_tracker = tracker;
    if (session) {
        connect(session, &RepositorySession::currentTaskChanged, this, &RunControlsPanel::refresh);
        connect(session, &RepositorySession::tasksChanged, this, &RunControlsPanel::refresh);
        connect(session, &RepositorySession::runsChanged, this, &RunControlsPanel::refresh);
    }
    if (tracker)
        connect(tracker, &RunTracker::runUpdated, this, &RunControlsPanel::refresh);
    refresh();
}

void RunControlsPanel::setEngineAvailable(bool available, const QString &reasonWhenNot)
{
    m_engine = available;
    m_engineReason = reasonWhenNot;
    refresh();
}

void RunControlsPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color:#8a1c1c;") : QString());
    m_message->setVisible(!text.isEmpty());
    // A wrapped label's height depends on its width, which a dock's layout never asks: reserve it, so a
    // long message (what the demo lacks, why a start was refused) is not cut off.
    m_message->setMinimumHeight(text.isEmpty() ? 0
                                               : m_message->heightForWidth(qMax(m_message->width(), 300)));
}

void RunControlsPanel::refresh()
{
    for (QPushButton *b : {m_start, m_pause, m_resume, m_abort}) {
        b->setEnabled(false);
        b->setToolTip(m_engine ? QString() : m_engineReason);
    }
    const QString taskId = m_session ? m_session->currentTaskId() : QString();
    if (!m_session || taskId.isEmpty()) {
        m_title->setText(m_session ? tr("No task selected") : tr("No repository is open"));
        m_state->setText(m_session ? tr("Select a task in the task list or the graph to run it.")
                                   : QString());
        m_meter->clear();
        m_runId.clear();
        m_stopped->hide();
        return;
    }
    const Task task = m_session->taskById(taskId);
    m_title->setText(tr("%1 %2").arg(task.id, task.title));
    m_runId = m_tracker ? m_tracker->latestRunOf(taskId) : QString();
    const RunSummary fold = m_tracker && !m_runId.isEmpty() ? m_tracker->summary(m_runId) : RunSummary {};
    qint64 tokens = 0;
    double cost = 0;
    if (m_tracker)
        for (const Run &r : m_session->runsOfTask(taskId)) {
            const RunSummary f = m_tracker->summary(r.id);
            tokens += f.tokens;
            cost += f.cost;
        }
    QString state = tr("Task: %1").arg(TaskStateStyle::label(task.state));
    if (!m_runId.isEmpty()) {
        state += QStringLiteral(" · ") + tr("run %1").arg(m_runId);
        if (!fold.step.isEmpty())
            state += QStringLiteral(" · ") +
                    tr("%1, iteration %2 of %3")
                            .arg(fold.step)
                            .arg(fold.iteration)
                            .arg(task.contract.budget.maxIterations);
        if (fold.paused)
            state += QStringLiteral(" · ") + tr("paused");
        if (fold.finished)
            state += QStringLiteral(" · ") + tr("ended (%1)").arg(fold.outcome);
        if (fold.queued)
            state += QStringLiteral("\n") + queuedText(fold);
    } else {
        state += QStringLiteral(" · ") + tr("no run yet");
    }
    m_state->setText(state);
    const RunEndExplanation why =
            RunEndExplainer::explain(m_runId, fold.finished ? fold.outcome : QString(), fold.endReason);
    m_stopped->setVisible(why.stopped);
    if (why.stopped)
        m_stopped->setText(QStringLiteral("<b>%1</b><br>%2<br><b>%3</b> %4")
                                   .arg(why.title.toHtmlEscaped(), why.reason.toHtmlEscaped(), tr("Next:"),
                                        why.nextStep.toHtmlEscaped()));
    if (m_runId.isEmpty())
        m_meter->clear();
    else
        m_meter->setSpent(tokens, cost, task.contract.budget);
    if (!m_engine)
        return;
    // A queued run is live from the moment it is queued, while its task still says open: runners drive it.
    const bool active = !m_runId.isEmpty() && !fold.finished &&
            (fold.queued || task.state == TaskState::Running || task.state == TaskState::AwaitingApproval);
    const bool startable = !active &&
            (task.state == TaskState::Open || task.state == TaskState::Failed ||
             task.state == TaskState::Aborted || task.state == TaskState::Escalated);
    m_start->setEnabled(startable);
    m_pause->setEnabled(active && !fold.paused);
    m_resume->setEnabled(active && fold.paused);
    m_abort->setEnabled(active);
    if (active && fold.queued) {
        // Nothing here drives the run: each button records a decision its runner obeys.
        const QString runner = fold.runner.isEmpty() ? tr("the runner that claims it") : tr("its runner");
        m_pause->setToolTip(tr("Records a pause; %1 stops at its next safe point.").arg(runner));
        m_resume->setToolTip(
                tr("Records that the run may go on; %1 continues it (it is not driven here).").arg(runner));
        m_abort->setToolTip(tr("Ends the run; %1 stops at its next safe point.").arg(runner));
    }
}

QString RunControlsPanel::queuedText(const RunSummary &fold)
{
    if (fold.finished)
        return fold.runner.isEmpty() ? tr("It was queued for the runners.")
                                     : tr("It was driven by runner %1.").arg(fold.runnerText());
    if (fold.runner.isEmpty())
        return tr("Queued for the runners: waiting for a runner to claim it. Runners on other machines drive "
                  "it, not this workbench.");
    if (fold.phase == RunPhase::Review)
        return tr("Driven by runner %1, which left it for your review.").arg(fold.runnerText());
    return tr("Queued for the runners: claimed by runner %1, which drives it.").arg(fold.runnerText());
}

} // namespace harness::ui
