// ApprovalBanner: follows RepositorySession::pendingApprovals().
#include "approvalbanner.h"
#include "common/repositorysession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace harness::ui {

ApprovalBanner::ApprovalBanner(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_review(new QPushButton(tr("Review…"), this))
{
    setObjectName(QStringLiteral("approvalBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#approvalBanner { background: #fff4d6; border-bottom: 1px solid #e0b040; }"
                                 "#approvalBanner QLabel { color: #5a4100; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_review);
    m_review->setObjectName(QStringLiteral("approvalBannerReview"));
    connect(m_review, &QPushButton::clicked, this, [this]() { Q_EMIT reviewRequested(m_first); });
    hide();
}

void ApprovalBanner::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &RepositorySession::pendingApprovalsChanged, this, &ApprovalBanner::refresh);
    refresh();
}

QString ApprovalBanner::text() const
{
    return m_label->text();
}

void ApprovalBanner::refresh()
{
    const QList<Approval> pending = m_session ? m_session->pendingApprovals() : QList<Approval> {};
    if (pending.isEmpty()) {
        m_first.clear();
        hide();
        return;
    }
    const Approval &a = pending.first();
    m_first = a.id;
    const Run run = m_session->runById(a.runId);
    const QString what = a.kind == ApprovalKind::Plan ? tr("The plan of %1 (run %2) awaits your approval.")
            : a.kind == ApprovalKind::Permission      ? tr("Run %2 of %1 asks for a permission.")
                                                      : tr("Run %2 of %1 awaits your decision to merge.");
    QString text = what.arg(run.taskId.isEmpty() ? tr("a task") : run.taskId, a.runId);
    if (pending.size() > 1)
        text += QLatin1Char(' ') + tr("%n more decision(s) are waiting.", nullptr, int(pending.size() - 1));
    m_label->setText(text);
    show();
}

} // namespace harness::ui
