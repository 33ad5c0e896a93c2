// RunStopBanner: follows the selected task's newest run through the run tracker.
#include "runstopbanner.h"
#include "runendexplainer.h"

#include "common/repositorysession.h"
#include "common/runtracker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace harness::ui {

RunStopBanner::RunStopBanner(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_timeline(new QPushButton(tr("Show in Timeline"), this)),
      m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("runStopBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#runStopBanner { background: #ffe8e6; border-bottom: 1px solid #e0a09a; }"
                                 "#runStopBanner QLabel { color: #6b1a12; }"));
    m_label->setObjectName(QStringLiteral("runStopText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setMinimumWidth(10);
    m_timeline->setObjectName(QStringLiteral("runStopTimeline"));
    m_dismiss->setObjectName(QStringLiteral("runStopDismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_timeline);
    layout->addWidget(m_dismiss);
    connect(m_timeline, &QPushButton::clicked, this, [this] { Q_EMIT showInTimelineRequested(m_runId); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        m_dismissed = m_runId;
        m_refusal.clear();
        refresh();
    });
    hide();
}

void RunStopBanner::setSession(RepositorySession *session, RunTracker *tracker)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_session = session;
    m_tracker = tracker;
    m_refusal.clear();
    if (session) {
        connect(session, &RepositorySession::currentTaskChanged, this, [this] {
            m_refusal.clear();
            refresh();
        });
        connect(session, &RepositorySession::runsChanged, this, &RunStopBanner::refresh);
    }
    if (tracker)
        connect(tracker, &RunTracker::runUpdated, this, &RunStopBanner::refresh);
    refresh();
}

void RunStopBanner::showRefusal(const QString &message)
{
    m_refusal = message;
    refresh();
}

QString RunStopBanner::text() const
{
    return isVisibleTo(parentWidget()) ? m_label->text() : QString();
}

void RunStopBanner::refresh()
{
    if (!m_refusal.isEmpty()) {
        m_runId.clear();
        m_label->setText(tr("<b>The run was not started.</b> %1").arg(m_refusal.toHtmlEscaped()));
        m_timeline->hide();
        show();
        return;
    }
    const QString taskId = m_session ? m_session->currentTaskId() : QString();
    const QString runId = m_tracker && !taskId.isEmpty() ? m_tracker->latestRunOf(taskId) : QString();
    const RunSummary fold = m_tracker && !runId.isEmpty() ? m_tracker->summary(runId) : RunSummary {};
    const RunEndExplanation e =
            RunEndExplainer::explain(runId, fold.finished ? fold.outcome : QString(), fold.endReason);
    m_runId = runId;
    if (!e.stopped || runId == m_dismissed) {
        hide();
        return;
    }
    m_label->setText(QStringLiteral("<b>%1:</b> %2<br><b>%3</b> %4")
                             .arg(e.title.toHtmlEscaped(), e.reason.toHtmlEscaped(), tr("Next:"),
                                  e.nextStep.toHtmlEscaped()));
    m_timeline->show();
    show();
}

} // namespace harness::ui
