// ReviewSidePanel: buttons follow the run's status (ReviewController::statusFor); a disabled button's
// tooltip says why it is off.
#include "reviewsidepanel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace harness::ui {

ReviewSidePanel::ReviewSidePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("reviewSidePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("reviewStatus"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setMinimumWidth(10);
    layout->addWidget(m_statusLabel);

    auto *commentBox = new QGroupBox(tr("Comments for the agent"), this);
    auto *commentLayout = new QVBoxLayout(commentBox);
    m_commentList = new QListWidget(commentBox);
    m_commentList->setObjectName(QStringLiteral("commentList"));
    m_commentList->setWordWrap(true);
    m_commentList->setMinimumHeight(40);
    commentLayout->addWidget(m_commentList, 1);
    auto *hint = new QLabel(tr("Double-click a line (or press C) to comment on it."), commentBox);
    hint->setWordWrap(true);
    commentLayout->addWidget(hint);
    auto *commentButtons = new QHBoxLayout;
    m_removeButton = new QPushButton(tr("Remove"), commentBox);
    m_removeButton->setObjectName(QStringLiteral("removeCommentButton"));
    m_sendButton = new QPushButton(tr("Send as feedback"), commentBox);
    m_sendButton->setObjectName(QStringLiteral("sendFeedbackButton"));
    commentButtons->addWidget(m_removeButton);
    commentButtons->addWidget(m_sendButton);
    commentLayout->addLayout(commentButtons);
    layout->addWidget(commentBox, 1);

    auto *decisionBox = new QGroupBox(tr("Decision"), this);
    auto *decisionLayout = new QVBoxLayout(decisionBox);
    m_mergeButton = new QPushButton(tr("Merge…"), decisionBox);
    m_mergeButton->setObjectName(QStringLiteral("mergeButton"));
    m_discardButton = new QPushButton(tr("Discard…"), decisionBox);
    m_discardButton->setObjectName(QStringLiteral("discardButton"));
    m_resultLabel = new QLabel(decisionBox);
    m_resultLabel->setObjectName(QStringLiteral("reviewResult"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->setMinimumWidth(10);
    decisionLayout->addWidget(m_mergeButton);
    decisionLayout->addWidget(m_discardButton);
    decisionLayout->addWidget(m_resultLabel);
    layout->addWidget(decisionBox);

    connect(m_sendButton, &QPushButton::clicked, this, &ReviewSidePanel::sendRequested);
    connect(m_mergeButton, &QPushButton::clicked, this, &ReviewSidePanel::mergeRequested);
    connect(m_discardButton, &QPushButton::clicked, this, &ReviewSidePanel::discardRequested);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        if (m_commentList->currentRow() >= 0)
            Q_EMIT removeRequested(m_commentList->currentRow());
    });
    connect(m_commentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT commentActivated(m_commentList->row(item)); });
    setStatus({});
}

void ReviewSidePanel::setStatus(const ReviewStatus &status)
{
    m_status = status;
    m_statusLabel->setText(status.headline);
    m_statusLabel->setVisible(!status.headline.isEmpty());
    updateButtons();
}

void ReviewSidePanel::setComments(const QList<LineComment> &comments)
{
    m_commentList->clear();
    for (const LineComment &c : comments)
        m_commentList->addItem(QStringLiteral("%1:%2 — %3").arg(c.file).arg(c.line).arg(c.text));
    m_hasComments = !comments.isEmpty();
    updateButtons();
}

void ReviewSidePanel::setResult(const QString &text, bool error)
{
    m_resultLabel->setText(text);
    m_resultLabel->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
}

void ReviewSidePanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

QString ReviewSidePanel::statusText() const
{
    return m_statusLabel->text();
}

QString ReviewSidePanel::resultText() const
{
    return m_resultLabel->text();
}

int ReviewSidePanel::currentComment() const
{
    return m_commentList->currentRow();
}

void ReviewSidePanel::updateButtons()
{
    m_removeButton->setEnabled(m_hasComments && !m_busy);
    m_sendButton->setEnabled(m_hasComments && m_status.canSend && !m_busy);
    m_mergeButton->setText(m_status.mergeLabel.isEmpty() ? tr("Merge…") : m_status.mergeLabel);
    m_mergeButton->setEnabled(m_status.canMerge && !m_busy);
    m_discardButton->setEnabled(m_status.canDiscard && !m_busy);
    m_sendButton->setToolTip(!m_status.canSend ? m_status.whyNot
                                     : m_hasComments
                                     ? tr("Return the comments to the agent for another iteration")
                                     : tr("Comment on a line first"));
    const QString mergeTip = m_status.route == MergeRoute::PullRequest
            ? tr("Leave the run's branch on the team's remote for a pull request; nothing is merged here "
                 "(asks first)")
            : m_status.route == MergeRoute::Push
            ? tr("Merge the run into its target branch here and push that branch to the team's remote (asks "
                 "first)")
            : tr("Merge the run into its target branch (asks first)");
    m_mergeButton->setToolTip(m_status.canMerge ? mergeTip : m_status.whyNot);
    m_discardButton->setToolTip(
            m_status.canDiscard ? (m_status.remote ? tr("Give up the run's work; its branch on the "
                                                        "team's remote stays")
                                                   : tr("Give up the run's work and remove its worktree"))
                                : m_status.whyNot);
}

} // namespace harness::ui
