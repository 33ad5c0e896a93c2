// RunEndExplainer: why a run stopped without being merged, in words, and what to do next — the text
// the run dock and the banner show for an escalated, failed, aborted or over-budget run.
#pragma once

#include <QString>

namespace harness::ui {

struct RunEndExplanation
{
    bool stopped = false; // the run ended without a human's merge or discard: something to explain
    QString title; // "Run R1 escalated"
    QString reason; // what the run recorded
    QString nextStep; // what the user can do now
};

class RunEndExplainer
{
public:
    // outcome: the ending event's kind ("escalated", "failed", "aborted", "budget_exhausted", ...).
    static RunEndExplanation explain(const QString &runId, const QString &outcome, const QString &reason);
};

} // namespace harness::ui
