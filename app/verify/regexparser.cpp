// RegexParser: the gate's pattern applied to each line of the output.
#include "regexparser.h"

#include <QRegularExpression>

namespace harness {

Result<QList<Finding>> RegexParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    const QRegularExpression rx(ctx.spec.pattern);
    if (!rx.isValid() || ctx.spec.pattern.isEmpty())
        return Result<QList<Finding>>::failure(
                QStringLiteral("the parser pattern is not a valid regular expression: %1")
                        .arg(rx.errorString()),
                QStringLiteral("parser.pattern"));
    const QStringList groups = rx.namedCaptureGroups();
    auto group = [&](const QRegularExpressionMatch &m, const char *name) {
        return groups.contains(QLatin1String(name)) ? m.captured(QLatin1String(name)) : QString();
    };
    const Severity fallback =
            severityFromName(ctx.spec.severity).ok() ? *severityFromName(ctx.spec.severity) : Severity::Error;
    QList<Finding> out;
    for (QString line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const auto m = rx.match(line);
        if (!m.hasMatch())
            continue;
        Severity severity = fallback;
        if (const QString s = group(m, "severity"); !s.isEmpty()) {
            const auto parsed = severityFromName(s);
            if (parsed)
                severity = *parsed;
        }
        QString rule = group(m, "rule");
        if (rule.isEmpty())
            rule = ctx.spec.rule.isEmpty() ? ctx.source : ctx.spec.rule;
        QString message = group(m, "message");
        if (message.isEmpty())
            message = line.trimmed();
        out.append(ctx.finding(group(m, "file"), group(m, "line").toInt(), group(m, "column").toInt(),
                               severity, rule, message));
    }
    return out;
}

} // namespace harness
