// FindingTrimmer: cuts a gate's findings down to what the agent should fix first — duplicates removed,
// the most severe first, at most N with a note on how many more there are (docs/architecture.md, "Context").
#pragma once

#include "core/finding.h"

#include <QList>

namespace harness {

struct TrimmedFindings
{
    QList<Finding> kept; // most severe first, then by file and line
    int duplicates = 0; // findings dropped because (file, line, rule) was already reported
    int omitted = 0; // distinct findings beyond the cap
    int omittedErrors = 0; // of which errors
    int omittedWarnings = 0;
    int total = 0; // distinct findings before the cap

    // "… and 12 more findings (3 errors, 9 warnings)"; empty when nothing was omitted.
    QString moreNote() const;
    // The findings as the agent sees them: one line each, "file:line:column: severity [rule] message".
    QString render() const;
    static QString renderFinding(const Finding &finding);
};

class FindingTrimmer
{
public:
    static constexpr int kDefaultCap = 20;

    // Deduplicates by (file, line, rule), keeping the most severe of duplicates (the first on ties);
    // orders by severity (errors first), then file, line, column; keeps at most cap (cap <= 0: no cap).
    static TrimmedFindings trim(const QList<Finding> &findings, int cap = kDefaultCap);
};

} // namespace harness
