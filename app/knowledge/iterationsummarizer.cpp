// IterationSummarizer: files, gate outcomes and the most severe findings, each capped.
#include "iterationsummarizer.h"
#include "findingtrimmer.h"

namespace harness {

namespace {

QString clipChars(QString s, int max)
{
    s = s.simplified();
    if (max > 0 && s.size() > max)
        s = s.left(max - 1) + QChar(0x2026);
    return s;
}

QString plural(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

void IterationFacts::addGateResult(const GateResult &result)
{
    Gate g;
    g.gate = result.gate;
    g.passed = result.passed();
    g.skipped = result.status == GateStatus::Skipped;
    for (const Finding &f : result.findings) {
        if (f.severity == Severity::Error)
            ++g.errors;
        else if (f.severity == Severity::Warning)
            ++g.warnings;
    }
    gates.append(g);
    findings += result.findings;
}

QString IterationSummarizer::summarize(const IterationFacts &facts, const Limits &limits)
{
    QString s = QStringLiteral("Iteration %1").arg(facts.iteration);
    if (!facts.commit.isEmpty())
        s += QStringLiteral(" (commit %1)").arg(facts.commit.left(7));
    s += QStringLiteral(": ");

    if (facts.filesChanged.isEmpty()) {
        s += QStringLiteral("changed no files.");
    } else {
        s += QStringLiteral("changed %1 (+%2 -%3): ")
                     .arg(plural(int(facts.filesChanged.size()), "file", "files"))
                     .arg(facts.linesAdded)
                     .arg(facts.linesRemoved);
        const QStringList shown = facts.filesChanged.mid(0, limits.maxFiles);
        s += shown.join(QStringLiteral(", "));
        if (facts.filesChanged.size() > shown.size())
            s += QStringLiteral(" and %1 more").arg(facts.filesChanged.size() - shown.size());
        s += QLatin1Char('.');
    }

    if (!facts.gates.isEmpty()) {
        QStringList gates;
        for (const IterationFacts::Gate &g : facts.gates) {
            QString text = g.gate +
                    (g.skipped          ? QStringLiteral(" skipped")
                             : g.passed ? QStringLiteral(" passed")
                                        : QStringLiteral(" failed"));
            QStringList counts;
            if (g.errors > 0)
                counts.append(plural(g.errors, "error", "errors"));
            if (g.warnings > 0)
                counts.append(plural(g.warnings, "warning", "warnings"));
            if (!counts.isEmpty())
                text += QStringLiteral(" (") + counts.join(QStringLiteral(", ")) + QLatin1Char(')');
            gates.append(text);
        }
        s += QStringLiteral(" Gates: ") + gates.join(QStringLiteral("; ")) + QLatin1Char('.');
    }

    const TrimmedFindings top = FindingTrimmer::trim(facts.findings, limits.maxFindings);
    if (!top.kept.isEmpty()) {
        s += QStringLiteral(" Top findings:");
        for (Finding f : top.kept) {
            f.message = clipChars(f.message, limits.maxMessageChars);
            f.source.clear();
            s += QStringLiteral("\n  - ") + TrimmedFindings::renderFinding(f);
        }
        if (top.omitted > 0)
            s += QStringLiteral("\n  ") + top.moreNote();
        s += QLatin1Char('\n');
    }
    const QString sep = s.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral(" ");
    if (!facts.feedback.trimmed().isEmpty())
        s += sep +
                QStringLiteral("Human feedback: \"%1\".")
                        .arg(clipChars(facts.feedback, limits.maxMessageChars));
    if (!facts.outcome.isEmpty())
        s += (s.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral(" ")) +
                QStringLiteral("Outcome: %1.").arg(facts.outcome);
    return s.trimmed();
}

} // namespace harness
