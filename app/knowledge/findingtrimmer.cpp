// FindingTrimmer: dedupe, order by severity, cap with a count of what was left out.
#include "findingtrimmer.h"

#include <QHash>
#include <algorithm>

namespace harness {

namespace {

int rank(Severity s)
{
    switch (s) {
    case Severity::Error:
        return 0;
    case Severity::Warning:
        return 1;
    case Severity::Info:
        return 2;
    }
    return 0;
}

} // namespace

TrimmedFindings FindingTrimmer::trim(const QList<Finding> &findings, int cap)
{
    TrimmedFindings out;
    QList<Finding> distinct;
    QHash<QString, qsizetype> index; // key -> position in distinct
    for (const Finding &f : findings) {
        const QString key = f.file + QChar(0) + QString::number(f.line) + QChar(0) + f.rule;
        const auto it = index.constFind(key);
        if (it == index.constEnd()) {
            index.insert(key, distinct.size());
            distinct.append(f);
            continue;
        }
        ++out.duplicates;
        if (rank(f.severity) < rank(distinct.at(*it).severity))
            distinct[*it] = f;
    }
    std::stable_sort(distinct.begin(), distinct.end(), [](const Finding &a, const Finding &b) {
        if (rank(a.severity) != rank(b.severity))
            return rank(a.severity) < rank(b.severity);
        if (a.file != b.file)
            return a.file < b.file;
        if (a.line != b.line)
            return a.line < b.line;
        return a.column < b.column;
    });
    out.total = int(distinct.size());
    if (cap > 0 && distinct.size() > cap) {
        for (qsizetype i = cap; i < distinct.size(); ++i) {
            ++out.omitted;
            if (distinct.at(i).severity == Severity::Error)
                ++out.omittedErrors;
            else if (distinct.at(i).severity == Severity::Warning)
                ++out.omittedWarnings;
        }
        distinct.resize(cap);
    }
    out.kept = distinct;
    return out;
}

QString TrimmedFindings::moreNote() const
{
    if (omitted == 0)
        return {};
    QStringList parts;
    if (omittedErrors > 0)
        parts.append(omittedErrors == 1 ? QStringLiteral("1 error")
                                        : QStringLiteral("%1 errors").arg(omittedErrors));
    if (omittedWarnings > 0)
        parts.append(omittedWarnings == 1 ? QStringLiteral("1 warning")
                                          : QStringLiteral("%1 warnings").arg(omittedWarnings));
    const int infos = omitted - omittedErrors - omittedWarnings;
    if (infos > 0)
        parts.append(infos == 1 ? QStringLiteral("1 note") : QStringLiteral("%1 notes").arg(infos));
    return QStringLiteral("… and %1 more %2 (%3)")
            .arg(omitted)
            .arg(omitted == 1 ? QStringLiteral("finding") : QStringLiteral("findings"))
            .arg(parts.join(QStringLiteral(", ")));
}

QString TrimmedFindings::renderFinding(const Finding &f)
{
    QString where = f.file.isEmpty() ? QStringLiteral("(no file)") : f.file;
    if (f.line > 0) {
        where += QLatin1Char(':') + QString::number(f.line);
        if (f.column > 0)
            where += QLatin1Char(':') + QString::number(f.column);
    }
    QString line = where + QStringLiteral(": ") + severityName(f.severity);
    if (!f.rule.isEmpty())
        line += QStringLiteral(" [") + f.rule + QLatin1Char(']');
    line += QLatin1Char(' ') + f.message.trimmed();
    if (!f.source.isEmpty())
        line += QStringLiteral(" (") + f.source + QLatin1Char(')');
    return line;
}

QString TrimmedFindings::render() const
{
    QString text;
    for (const Finding &f : kept)
        text += QStringLiteral("- ") + renderFinding(f) + QLatin1Char('\n');
    const QString more = moreNote();
    if (!more.isEmpty())
        text += more + QLatin1Char('\n');
    return text;
}

} // namespace harness
