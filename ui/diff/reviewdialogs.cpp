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
                                 std::function<void(bool)> confirmed)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Merge run %1?").arg(target.runId),
                                tr("Merge %1 into %2?").arg(target.branch, target.targetBranch),
                                QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("confirmMerge"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QString details =
            tr("%n file(s) change, +%1 −%2.", summary.files).arg(summary.added).arg(summary.removed);
    if (summary.unsentComments > 0)
        details += QLatin1Char(' ') +
                tr("%n comment(s) were not sent to the agent; merging drops them. Cancel and send them first "
                   "if "
                   "the agent should act on them.",
                   summary.unsentComments);
    box->setInformativeText(details);
    auto *cleanup =
            new QCheckBox(tr("Delete the branch %1 and its worktree after merging").arg(target.branch), box);
    cleanup->setObjectName(QStringLiteral("deleteBranchCheck"));
    cleanup->setChecked(true);
    box->setCheckBox(cleanup);
    QPushButton *merge = box->addButton(tr("Merge"), QMessageBox::AcceptRole);
    merge->setObjectName(QStringLiteral("confirmMergeButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(merge, &QPushButton::clicked, box,
                     [cleanup, confirmed] { confirmed(cleanup->isChecked()); });
    box->open();
}

void ReviewDialogs::confirmDiscard(QWidget *parent, const ReviewTarget &target,
                                   std::function<void()> confirmed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Discard this run's changes?"),
                                tr("The worktree %1 is removed, with any uncommitted changes in it, and the "
                                   "run's work on %2 is given "
                                   "up. This cannot be undone.")
                                        .arg(target.worktree.isEmpty() ? tr("(none)") : target.worktree,
                                             target.branch.isEmpty() ? tr("(none)") : target.branch),
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
