// ReviewDialogs: QMessageBox with named buttons (tests and screen readers find them by object name);
// Cancel is the default, so Enter never merges or discards by accident.
#include "reviewdialogs.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace harness::ui {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ReviewDialogs", text, nullptr, n);
}
} // namespace

void ReviewDialogs::confirmMerge(QWidget *parent, const ReviewTarget &target, const MergeSummary &summary,
                                 MergeRoute route, std::function<void(bool)> confirmed)
{
    const bool pullRequest = route == MergeRoute::PullRequest;
    auto *box = new QMessageBox(QMessageBox::Question,
                                pullRequest ? tr("Leave run %1 for a pull request?").arg(target.runId)
                                            : tr("Merge run %1?").arg(target.runId),
                                pullRequest ? tr("Leave %1 on %2 for a pull request into %3?")
                                                      .arg(target.branch, target.remote, target.targetBranch)
                                        : route == MergeRoute::Push
                                        ? tr("Merge %1 into %2 here and push %2 to %3?")
                                                  .arg(target.branch, target.targetBranch, target.remote)
                                        : tr("Merge %1 into %2?").arg(target.branch, target.targetBranch),
                                QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirmMerge"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QString details =
            tr("%n file(s) change, +%1 −%2.", summary.files).arg(summary.added).arg(summary.removed);
    if (pullRequest)
        details += QLatin1Char(' ') +
                tr("Nothing is merged here: the run ends, and its branch waits on the remote for the pull "
                   "request you open on the forge.");
    if (summary.unsentComments > 0)
        details += QLatin1Char(' ') +
                tr("%n comment(s) were not sent to the agent; merging drops them. Cancel and send them first "
                   "if "
                   "the agent should act on them.",
                   summary.unsentComments);
    box->setInformativeText(details);
    QCheckBox *cleanup = nullptr;
    if (!pullRequest) {
        cleanup = new QCheckBox(
                route == MergeRoute::Push
                        ? tr("Delete the local copy of %1 after merging (the branch on the "
                             "remote stays)")
                                  .arg(target.branch)
                        : tr("Delete the branch %1 and its worktree after merging").arg(target.branch),
                box);
        cleanup->setObjectName(QStringLiteral("deleteBranchCheck"));
        cleanup->setChecked(true);
        box->setCheckBox(cleanup);
    }
    QPushButton *merge = box->addButton(pullRequest                         ? tr("Leave for pull request")
                                                : route == MergeRoute::Push ? tr("Merge and push")
                                                                            : tr("Merge"),
                                        QMessageBox::AcceptRole);
    merge->setObjectName(QStringLiteral("confirmMergeButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(merge, &QPushButton::clicked, box,
                     [cleanup, confirmed] { confirmed(cleanup && cleanup->isChecked()); });
    box->open();
}

void ReviewDialogs::confirmDiscard(QWidget *parent, const ReviewTarget &target,
                                   std::function<void()> confirmed)
{
    const QString text = !target.remote.isEmpty()
            ? tr("The run's work on %1 is given up: the run ends. Its branch stays on %2 and its runner's "
                 "worktree on the runner's machine; nothing there is changed.")
                      .arg(target.branch.isEmpty() ? tr("(none)") : target.branch, target.remote)
            : tr("The worktree %1 is removed, with any uncommitted changes in it, and the "
                 "run's work on %2 is given "
                 "up. This cannot be undone.")
                      .arg(target.worktree.isEmpty() ? tr("(none)") : target.worktree,
                           target.branch.isEmpty() ? tr("(none)") : target.branch);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Discard this run's changes?"), text,
                                QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirmDiscard"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("confirmDiscardButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(discard, &QPushButton::clicked, box, [confirmed] { confirmed(); });
    box->open();
}

} // namespace harness::ui
