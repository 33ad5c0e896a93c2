// CoverageCheck: intersect added lines with the report, group uncovered lines into ranges.
#include "coveragecheck.h"

namespace harness {

CoverageOutcome CoverageCheck::check(const CoverageReport &report, const Diff &diff, double threshold,
                                     const QString &source)
{
    CoverageOutcome o;
    QStringList perFile;
    for (const DiffFile &file : diff.files) {
        if (file.isDeleted() || file.binary)
            continue;
        const QMap<int, qint64> lines = report.linesOf(file.path());
        if (lines.isEmpty())
            continue;
        int exec = 0, covered = 0;
        QList<int> uncovered;
        for (const DiffLine &l : diff.linesOf(file)) {
            if (l.kind != DiffLineKind::Added)
                continue;
            const auto it = lines.constFind(int(l.newLine));
            if (it == lines.constEnd())
                continue;
            ++exec;
            if (*it > 0)
                ++covered;
            else
                uncovered.append(int(l.newLine));
        }
        o.addedExecutable += exec;
        o.addedCovered += covered;
        if (exec > 0)
            perFile << QStringLiteral("%1: %2/%3").arg(file.path()).arg(covered).arg(exec);
        for (qsizetype i = 0; i < uncovered.size();) {
            qsizetype j = i;
            while (j + 1 < uncovered.size() && uncovered.at(j + 1) == uncovered.at(j) + 1)
                ++j;
            Finding f;
            f.file = file.path();
            f.line = uncovered.at(i);
            f.severity = Severity::Warning;
            f.rule = QStringLiteral("uncovered-new-code");
            f.message = i == j
                    ? QStringLiteral("Added line %1 is not run by any test. Add a test that exercises it.")
                              .arg(uncovered.at(i))
                    : QStringLiteral(
                              "Added lines %1-%2 are not run by any test. Add a test that exercises them.")
                              .arg(uncovered.at(i))
                              .arg(uncovered.at(j));
            f.source = source;
            o.findings.append(f);
            i = j + 1;
        }
    }
    o.percent = o.addedExecutable == 0 ? 100.0 : 100.0 * o.addedCovered / o.addedExecutable;
    o.passed = o.percent + 1e-9 >= threshold;
    o.summary = o.addedExecutable == 0
            ? QStringLiteral(
                      "No executable line added by the change is in the coverage report; nothing to check.")
            : QStringLiteral("Coverage of added lines: %1% (%2 of %3), threshold %4%.\n%5")
                      .arg(o.percent, 0, 'f', 1)
                      .arg(o.addedCovered)
                      .arg(o.addedExecutable)
                      .arg(threshold, 0, 'f', 1)
                      .arg(perFile.join(QLatin1Char('\n')));
    if (!o.passed)
        for (Finding &f : o.findings)
            f.severity = Severity::Error;
    return o;
}

} // namespace harness
