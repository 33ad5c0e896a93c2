// PlanPanel: the approval queue — pending plans and permission "ask" requests — and the selected one
// in full: a plan's summary, steps with files (editable), risks, tests and subtasks, or a permission
// request's tool, subject and reason. Approve, request changes with feedback, or reject; shortcuts for
// approve / reject / next pending.
#pragma once

#include "core/approval.h"
#include "core/plan.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTextBrowser;

namespace harness::ui {

class EmptyState;
class RepositorySession;

class PlanPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PlanPanel(QWidget *parent = nullptr);
    void setSession(RepositorySession *session);

    QString currentApprovalId() const { return m_current.id; }
    bool stepsEdited() const { return m_edited; }
    // The plan as currently shown, with the user's step edits.
    Result<Plan> editedPlan() const;

    QListWidget *queue() const { return m_queue; }
    QTableWidget *stepsTable() const { return m_steps; }
    // The plan as text (every step with its files, risks, tests), read before deciding.
    QTextBrowser *planView() const { return m_planView; }
    // Switches between reading the plan and editing its steps.
    QPushButton *editStepsButton() const { return m_editSteps; }
    QPlainTextEdit *feedbackEdit() const { return m_feedback; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *requestChangesButton() const { return m_changes; }
    QPushButton *rejectButton() const { return m_reject; }
    QAction *approveAction() const { return m_approveAction; }
    QAction *rejectAction() const { return m_rejectAction; }
    QAction *nextPendingAction() const { return m_nextAction; }
    bool isDeciding() const { return m_deciding; }

public Q_SLOTS:
    void showApproval(const QString &approvalId);
    void approve();
    void requestChanges();
    void reject();
    void nextPending();

Q_SIGNALS:
    void decided(const QString &approvalId, harness::ApprovalState decision);
    void decisionFailed(const QString &message);

private:
    void refreshQueue();
    void showCurrent();
    void decide(ApprovalState decision);
    void setStatus(const QString &text, bool error);
    static QString planHtml(const Plan &plan);

    QPointer<RepositorySession> m_session;
    Approval m_current;
    bool m_edited = false;
    bool m_deciding = false;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QListWidget *m_queue;
    QLabel *m_title;
    QLabel *m_summary;
    QTableWidget *m_steps;
    QTextBrowser *m_planView;
    QPushButton *m_editSteps;
    QStackedWidget *m_planStack;
    QLabel *m_permission;
    QStackedWidget *m_subjectStack;
    QPlainTextEdit *m_feedback;
    QLabel *m_status;
    QPushButton *m_approve;
    QPushButton *m_changes;
    QPushButton *m_reject;
    QAction *m_approveAction;
    QAction *m_rejectAction;
    QAction *m_nextAction;
};

} // namespace harness::ui
