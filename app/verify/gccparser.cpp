// GccParser: one regular expression per diagnostic line; "In file included from" and caret lines skipped.
#include "gccparser.h"

#include <QRegularExpression>
#include <QSet>

namespace harness {

Result<QList<Finding>> GccParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    static const QRegularExpression rx(
            QStringLiteral("^(?<file>[^\\s:][^:\\n]*?):(?<line>\\d+):(?:(?<col>\\d+):)?\\s+(?<sev>fatal "
                           "error|error|warning|note|remark):\\s+(?<msg>.*?)"
                           "(?:\\s+\\[(?<flag>-W[^\\]]+|-Werror[^\\]]*|clang-diagnostic-[^\\]]+|[a-z-]+\\.[A-"
                           "Za-z.-]+)\\])?$"));
    static const QRegularExpression ansi(QStringLiteral("\\x1b\\[[0-9;]*[mK]"));
    QList<Finding> out;
    QSet<QString> seen;
    for (QString line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        line.remove(ansi);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const auto m = rx.match(line);
        if (!m.hasMatch())
            continue;
        const QString sev = m.captured(QStringLiteral("sev"));
        if (sev == QLatin1String("note")) {
            if (!out.isEmpty())
                out.last().message +=
                        QStringLiteral(" (note: %1)").arg(m.captured(QStringLiteral("msg")).left(200));
            continue;
        }
        const Severity severity = sev.contains(QLatin1String("error")) ? Severity::Error
                : sev == QLatin1String("warning")                      ? Severity::Warning
                                                                       : Severity::Info;
        QString flag = m.captured(QStringLiteral("flag"));
        if (flag.startsWith(QLatin1String("-Werror=")))
            flag = QStringLiteral("-W") + flag.mid(8);
        const QString rule = flag.isEmpty()
                ? (sev == QLatin1String("fatal error") ? QStringLiteral("fatal-error")
                                                       : QStringLiteral("compiler-") + sev)
                : flag;
        Finding f = ctx.finding(
                m.captured(QStringLiteral("file")), m.captured(QStringLiteral("line")).toInt(),
                m.captured(QStringLiteral("col")).toInt(), severity, rule, m.captured(QStringLiteral("msg")));
        // the same diagnostic is printed once per translation unit that includes the header
        const QString key =
                QStringLiteral("%1:%2:%3:%4").arg(f.file).arg(f.line).arg(f.column).arg(f.message);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        out.append(f);
    }
    return out;
}

} // namespace harness
