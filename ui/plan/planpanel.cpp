// PlanPanel: decisions go through orchestration's ApprovalService on the store thread, bound to the
// subject hash the human saw.
#include "planpanel.h"
#include "common/emptystate.h"
#include "common/repositorysession.h"
#include "orchestration/approvalservice.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace harness::ui {

namespace {
QString bulletList(const QStringList &items)
{
    QString out = QStringLiteral("<ul style='margin-top:0'>");
    for (const QString &i : items)
        out += QStringLiteral("<li>") + i.toHtmlEscaped() + QStringLiteral("</li>");
    return out + QStringLiteral("</ul>");
}

QStringList splitFiles(const QString &text)
{
    QStringList out;
    for (const QString &f : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        out.append(f);
    return out;
}
} // namespace

PlanPanel::PlanPanel(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(tr("No repository is open"), {}, this)), m_queue(new QListWidget(this)),
      m_title(new QLabel(this)), m_summary(new QLabel(this)), m_steps(new QTableWidget(this)),
      m_planView(new QTextBrowser(this)), m_editSteps(new QPushButton(tr("Edit Steps"), this)),
      m_planStack(new QStackedWidget(this)), m_permission(new QLabel(this)),
      m_subjectStack(new QStackedWidget(this)), m_feedback(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_approve(new QPushButton(tr("&Approve"), this)),
      m_changes(new QPushButton(tr("Request &Changes"), this)),
      m_reject(new QPushButton(tr("&Reject"), this)), m_approveAction(new QAction(tr("Approve"), this)),
      m_rejectAction(new QAction(tr("Reject"), this)),
      m_nextAction(new QAction(tr("Next Pending Decision"), this))
{
    setObjectName(QStringLiteral("planPanel"));
    m_queue->setObjectName(QStringLiteral("approvalQueue"));
    m_queue->setMaximumHeight(64);
    m_steps->setObjectName(QStringLiteral("planSteps"));
    m_feedback->setObjectName(QStringLiteral("planFeedback"));
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_status->setObjectName(QStringLiteral("planStatus"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_changes->setObjectName(QStringLiteral("requestChangesButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planView->setObjectName(QStringLiteral("planView"));
    m_planView->setOpenLinks(false);
    m_planView->setFrameShape(QFrame::StyledPanel);
    m_editSteps->setObjectName(QStringLiteral("editStepsButton"));
    m_editSteps->setCheckable(true);
    m_editSteps->setToolTip(tr("Edit the steps and their files before approving"));
    for (QLabel *label : {m_title, m_summary, m_permission, m_status})
        label->setMinimumWidth(10); // wrapped text never widens the dock
    m_permission->setWordWrap(true);
    m_permission->setTextFormat(Qt::RichText);
    m_permission->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->hide();

    m_steps->setColumnCount(2);
    m_steps->setHorizontalHeaderLabels({tr("Step"), tr("Files")});
    m_steps->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_steps->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_steps->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->setWordWrap(true);
    m_steps->setToolTip(tr("Double-click a step or its files to edit them before approving."));
    connect(m_steps, &QTableWidget::itemChanged, this, [this]() {
        if (m_steps->signalsBlocked())
            return;
        m_edited = true;
        m_approve->setText(tr("&Approve Edited Plan"));
    });
    connect(m_editSteps, &QPushButton::toggled, this, [this](bool editing) {
        if (!editing && m_edited) // back to reading: show the steps as edited
            if (auto edited = editedPlan())
                m_planView->setHtml(planHtml(*edited));
        m_planStack->setCurrentIndex(editing ? 1 : 0);
    });

    auto *planPage = new QWidget(this);
    auto *planLayout = new QVBoxLayout(planPage);
    planLayout->setContentsMargins(0, 0, 0, 0);
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_editSteps, 0, Qt::AlignTop);
    planLayout->addLayout(summaryRow);
    m_planStack->addWidget(m_planView);
    m_planStack->addWidget(m_steps);
    planLayout->addWidget(m_planStack, 1);
    auto *permissionPage = new QWidget(this);
    auto *permissionLayout = new QVBoxLayout(permissionPage);
    permissionLayout->setContentsMargins(0, 0, 0, 0);
    permissionLayout->addWidget(m_permission);
    permissionLayout->addStretch(1);
    m_subjectStack->addWidget(planPage);
    m_subjectStack->addWidget(permissionPage);

    m_feedback->setPlaceholderText(tr("Feedback for the agent (required to request changes or reject)"));
    m_feedback->setMaximumHeight(56);
    m_feedback->setTabChangesFocus(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_changes);
    buttons->addWidget(m_reject);
    buttons->addStretch(1);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_queue);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_subjectStack, 1);
    detailLayout->addWidget(m_feedback);
    detailLayout->addWidget(m_status);
    detailLayout->addLayout(buttons);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(detail);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_stack);

    m_approveAction->setObjectName(QStringLiteral("approveAction"));
    m_rejectAction->setObjectName(QStringLiteral("rejectAction"));
    m_nextAction->setObjectName(QStringLiteral("nextPendingAction"));
    m_approveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_rejectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_nextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    for (QAction *a : {m_approveAction, m_rejectAction, m_nextAction}) {
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
    }
    connect(m_approveAction, &QAction::triggered, this, &PlanPanel::approve);
    connect(m_rejectAction, &QAction::triggered, this, &PlanPanel::reject);
    connect(m_nextAction, &QAction::triggered, this, &PlanPanel::nextPending);
    connect(m_approve, &QPushButton::clicked, this, &PlanPanel::approve);
    connect(m_changes, &QPushButton::clicked, this, &PlanPanel::requestChanges);
    connect(m_reject, &QPushButton::clicked, this, &PlanPanel::reject);
    connect(m_queue, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && item->data(Qt::UserRole).toString() != m_current.id)
            showApproval(item->data(Qt::UserRole).toString());
    });
    setSession(nullptr);
}

void PlanPanel::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_current = {};
    if (session)
        connect(session, &RepositorySession::pendingApprovalsChanged, this, &PlanPanel::refreshQueue);
    refreshQueue();
}

void PlanPanel::refreshQueue()
{
    const QList<Approval> pending = m_session ? m_session->pendingApprovals() : QList<Approval> {};
    m_queue->blockSignals(true);
    m_queue->clear();
    for (const Approval &a : pending) {
        const Run run = m_session->runById(a.runId);
        const QString kind = a.kind == ApprovalKind::Plan ? tr("Plan")
                : a.kind == ApprovalKind::Permission      ? tr("Permission")
                                                          : tr("Merge");
        auto *item = new QListWidgetItem(
                QStringLiteral("%1 · %2 · %3 (%4)").arg(a.id, kind, run.taskId, a.runId), m_queue);
        item->setData(Qt::UserRole, a.id);
        if (a.id == m_current.id)
            m_queue->setCurrentItem(item);
    }
    m_queue->blockSignals(false);
    const bool stillPending = std::any_of(pending.cbegin(), pending.cend(),
                                          [this](const Approval &a) { return a.id == m_current.id; });
    if (!m_session) {
        m_empty->setText(tr("No repository is open"), tr("Plans waiting for approval appear here."));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    if (pending.isEmpty()) {
        m_current = {};
        m_empty->setText(
                tr("Nothing awaits your decision"),
                tr("When an agent proposes a plan, or asks for a permission its profile marks \"ask\", "
                   "it waits here for you."));
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentIndex(1);
    if (!stillPending && !m_deciding)
        showApproval(pending.first().id);
}

void PlanPanel::showApproval(const QString &approvalId)
{
    if (!m_session)
        return;
    for (const Approval &a : m_session->pendingApprovals()) {
        if (a.id != approvalId)
            continue;
        m_current = a;
        m_edited = false;
        m_status->hide();
        m_feedback->clear();
        showCurrent();
        for (int i = 0; i < m_queue->count(); ++i)
            if (m_queue->item(i)->data(Qt::UserRole).toString() == approvalId) {
                m_queue->blockSignals(true);
                m_queue->setCurrentRow(i);
                m_queue->blockSignals(false);
            }
        m_stack->setCurrentIndex(1);
        return;
    }
}

void PlanPanel::showCurrent()
{
    const Run run = m_session->runById(m_current.runId);
    const Task task = m_session->taskById(run.taskId);
    m_approve->setText(tr("&Approve"));
    if (m_current.kind == ApprovalKind::Permission) {
        m_title->setText(tr("%1 asks for a permission — %2 %3").arg(m_current.runId, task.id, task.title));
        const QJsonObject &s = m_current.subject;
        QString html = QStringLiteral("<p><b>%1</b> %2</p>")
                               .arg(tr("Kind:"), s.value(QLatin1String("kind")).toString().toHtmlEscaped());
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                        .arg(tr("Tool:"), s.value(QLatin1String("tool")).toString().toHtmlEscaped());
        html += QStringLiteral("<p><b>%1</b><br><code>%2</code></p>")
                        .arg(tr("Subject:"), s.value(QLatin1String("subject")).toString().toHtmlEscaped());
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                        .arg(tr("Reason:"), s.value(QLatin1String("reason")).toString().toHtmlEscaped());
        m_permission->setText(html);
        m_subjectStack->setCurrentIndex(1);
        m_approve->setText(tr("&Allow"));
        m_reject->setText(tr("&Deny"));
        m_changes->setEnabled(false);
        m_editSteps->hide();
        return;
    }
    m_editSteps->show();
    m_editSteps->setChecked(false);
    m_reject->setText(tr("&Reject"));
    m_changes->setEnabled(true);
    m_subjectStack->setCurrentIndex(0);
    m_title->setText(tr("Plan for %1 %2 (run %3)").arg(task.id, task.title, m_current.runId));
    const Result<Plan> plan = Plan::fromJson(m_current.subject);
    if (!plan) {
        m_summary->setText(
                tr("The plan cannot be read (%1). Reject it or request changes.").arg(plan.errorText()));
        m_steps->setRowCount(0);
        m_planView->clear();
        return;
    }
    m_summary->setText(plan->summary);
    m_steps->blockSignals(true);
    m_steps->setRowCount(int(plan->steps.size()));
    for (int i = 0; i < plan->steps.size(); ++i) {
        m_steps->setItem(i, 0, new QTableWidgetItem(plan->steps[i].description));
        m_steps->setItem(i, 1, new QTableWidgetItem(plan->steps[i].files.join(QStringLiteral(", "))));
    }
    m_steps->blockSignals(false);
    m_planView->setHtml(planHtml(*plan));
}

QString PlanPanel::planHtml(const Plan &plan)
{
    // Every step in full with its files, then risks, tests and subtasks: wrapped to the dock's width.
    QString html = QStringLiteral("<h4 style='margin:0'>%1</h4><ol style='margin-top:2px'>").arg(tr("Steps"));
    for (const PlanStep &step : plan.steps) {
        html += QStringLiteral("<li style='margin-bottom:6px'>%1").arg(step.description.toHtmlEscaped());
        if (!step.files.isEmpty()) {
            QStringList files;
            for (const QString &f : step.files)
                files << QStringLiteral("<code>%1</code>").arg(f.toHtmlEscaped());
            html += QStringLiteral("<br><span style='color:#57606a'>%1</span>")
                            .arg(files.join(QStringLiteral(", ")));
        }
        html += QStringLiteral("</li>");
    }
    html += QStringLiteral("</ol>");
    if (!plan.risks.isEmpty())
        html += QStringLiteral("<h4 style='margin:0'>%1</h4>").arg(tr("Risks")) + bulletList(plan.risks);
    if (!plan.testsToAdd.isEmpty())
        html += QStringLiteral("<h4 style='margin:0'>%1</h4>").arg(tr("Tests to add")) +
                bulletList(plan.testsToAdd);
    if (!plan.subtasks.isEmpty()) {
        QStringList subs;
        for (const ProposedSubtask &s : plan.subtasks)
            subs.append(s.title + QStringLiteral(": ") + s.goal);
        html += QStringLiteral("<h4 style='margin:0'>%1</h4>").arg(tr("Proposed subtasks")) +
                bulletList(subs);
    }
    html += QStringLiteral("<p>%1</p>")
                    .arg(tr("%n file(s) touched.", nullptr, int(plan.touchedFiles().size())));
    return html;
}

Result<Plan> PlanPanel::editedPlan() const
{
    Result<Plan> plan = Plan::fromJson(m_current.subject);
    if (!plan)
        return plan;
    Plan p = *plan;
    p.steps.clear();
    for (int i = 0; i < m_steps->rowCount(); ++i) {
        PlanStep step;
        step.description = m_steps->item(i, 0) ? m_steps->item(i, 0)->text().trimmed() : QString();
        step.files = m_steps->item(i, 1) ? splitFiles(m_steps->item(i, 1)->text()) : QStringList();
        if (step.description.isEmpty())
            continue; // an emptied step is removed
        p.steps.append(step);
    }
    // Validate the edited shape exactly as an agent's plan is validated.
    return Plan::fromJson(p.toJson());
}

void PlanPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color:#8a1c1c;") : QStringLiteral("color:#1b5e20;"));
    m_status->setVisible(!text.isEmpty());
}

void PlanPanel::approve()
{
    decide(ApprovalState::Approved);
}

void PlanPanel::requestChanges()
{
    decide(ApprovalState::ChangesRequested);
}

void PlanPanel::reject()
{
    decide(ApprovalState::Rejected);
}

void PlanPanel::nextPending()
{
    if (!m_session || m_session->pendingApprovals().isEmpty())
        return;
    const QList<Approval> &pending = m_session->pendingApprovals();
    int at = 0;
    for (int i = 0; i < pending.size(); ++i)
        if (pending[i].id == m_current.id)
            at = (i + 1) % int(pending.size());
    showApproval(pending[at].id);
}

void PlanPanel::decide(ApprovalState decision)
{
    if (!m_session || m_current.id.isEmpty() || m_deciding)
        return;
    if (decision == ApprovalState::ChangesRequested && m_current.kind != ApprovalKind::Plan)
        return;
    const QString feedback = m_feedback->toPlainText().trimmed();
    if (decision != ApprovalState::Approved && feedback.isEmpty() && m_current.kind == ApprovalKind::Plan) {
        setStatus(tr("Write feedback for the agent first: it is what the next plan is made from."), true);
        m_feedback->setFocus();
        return;
    }
    std::optional<Plan> edited;
    if (decision == ApprovalState::Approved && m_edited && m_current.kind == ApprovalKind::Plan) {
        const Result<Plan> plan = editedPlan();
        if (!plan) {
            setStatus(tr("The edited plan is not valid: %1").arg(plan.errorText()), true);
            return;
        }
        edited = *plan;
    }
    m_deciding = true;
    const Approval approval = m_current;
    const QString actor = RepositorySession::userActor();
    setStatus(tr("Recording your decision…"), false);
    m_session->worker()->post(
            this,
            [approval, decision, actor, feedback, edited](Store &store) -> Result<Approval> {
                // ApprovalService binds the decision to the subject hash the approval was made for; an
                // edited plan travels with the approval and the waiting run builds exactly that plan.
                ApprovalService service(store);
                if (decision == ApprovalState::Approved)
                    return edited ? service.approveEdited(approval.id, *edited, actor)
                                  : service.approve(approval.id, actor, feedback);
                if (decision == ApprovalState::ChangesRequested)
                    return service.requestChanges(approval.id, actor, feedback);
                return service.reject(approval.id, actor, feedback);
            },
            [this, decision](const Result<Approval> &result) {
                m_deciding = false;
                if (!result) {
                    setStatus(tr("The decision was not recorded: %1").arg(result.errorText()), true);
                    Q_EMIT decisionFailed(result.errorText());
                    m_session->refresh();
                    return;
                }
                const QString what = decision == ApprovalState::Approved ? tr("approved")
                        : decision == ApprovalState::Rejected            ? tr("rejected")
                                                                         : tr("sent back with your feedback");
                setStatus(tr("%1 %2.").arg(result->id, what), false);
                m_feedback->clear();
                m_edited = false;
                m_current = {};
                Q_EMIT decided(result->id, decision);
                m_session->refresh();
            });
}

} // namespace harness::ui
