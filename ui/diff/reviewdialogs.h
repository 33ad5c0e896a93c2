// ReviewDialogs: the questions asked before a review decision that cannot be undone — merge (with the
// unsent comments it would drop, and whether to delete the branch and its worktree; for a runner's run
// the push, or the branch left for a pull request) and discard.
#pragma once

#include "reviewtarget.h"

#include "orchestration/reviewservice.h"

#include <functional>

class QWidget;

namespace harness::ui {

struct MergeSummary
{
    int files = 0;
    int added = 0;
    int removed = 0;
    int unsentComments = 0;
};

class ReviewDialogs
{
public:
    // Opens (window-modal, non-blocking) "Merge run …?" (a runner's run: "… and push", or "Leave … for a
    // pull request?"); confirmed(deleteBranchAndWorktree) on the button that does it.
    static void confirmMerge(QWidget *parent, const ReviewTarget &target, const MergeSummary &summary,
                             MergeRoute route, std::function<void(bool deleteBranchAndWorktree)> confirmed);
    // Opens "Discard this run's changes?"; confirmed() on Discard.
    static void confirmDiscard(QWidget *parent, const ReviewTarget &target, std::function<void()> confirmed);
};

} // namespace harness::ui
