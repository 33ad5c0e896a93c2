// IterationSummarizer: a short, deterministic summary of one finished Build/Verify iteration, made from
// the facts its events record (no model), so that older iterations cost few tokens in the context.
#pragma once

#include "core/gateresult.h"

#include <QList>
#include <QStringList>

namespace harness {

struct IterationFacts
{
    struct Gate
    {
        QString gate; // the gate's id, e.g. "build", "tests"
        bool passed = true;
        int errors = 0; // findings by severity
        int warnings = 0;
        bool skipped = false;
    };

    // Records a gate's outcome: its status, its finding counts by severity, and its findings.
    void addGateResult(const GateResult &result);

    int iteration = 0; // 1-based
    QString commit; // checkpoint commit of the Build step, if any
    QStringList filesChanged; // repository-relative
    int linesAdded = 0;
    int linesRemoved = 0;
    QList<Gate> gates; // in pipeline order
    QList<Finding> findings; // the iteration's findings; the summary shows the top few
    QString outcome; // e.g. "returned to Fix", "escalated to the human"; may be empty
    QString feedback; // the human's feedback given after this iteration, if any
};

class IterationSummarizer
{
public:
    struct Limits
    {
        int maxFiles = 6;
        int maxFindings = 3;
        int maxMessageChars = 160; // per finding and for the feedback
    };

    // E.g. "Iteration 2 (commit 1a2b3c4): changed 3 files (+40 -12): src/a.cpp, src/a.h, tests/t.cpp.
    //       Gates: build passed; tests failed (2 errors). Top findings: - tests/t.cpp:14: error [...] ...
    //       Outcome: returned to Fix."
    static QString summarize(const IterationFacts &facts, const Limits &limits);
    static QString summarize(const IterationFacts &facts) { return summarize(facts, Limits()); }
};

} // namespace harness
