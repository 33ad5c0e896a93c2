// CoverageCheck: the share of the executable lines a diff adds that the tests ran, against a threshold
// (SonarQube's "coverage on new code"); uncovered added lines become findings.
#pragma once

#include "coveragereport.h"

#include "core/diff/diff.h"
#include "core/finding.h"

namespace harness {

struct CoverageOutcome
{
    int addedExecutable = 0; // added lines the report knows as executable
    int addedCovered = 0;
    double percent = 100.0; // 100 when nothing executable was added
    bool passed = true;
    QList<Finding> findings; // one per run of consecutive uncovered added lines
    QString summary;
};

class CoverageCheck
{
public:
    static CoverageOutcome check(const CoverageReport &report, const Diff &diff, double threshold,
                                 const QString &source = QStringLiteral("coverage"));
};

} // namespace harness
