// CtestParser: a small line state machine over ctest (and --output-on-failure test) output.
#include "ctestparser.h"

#include <QRegularExpression>

namespace harness {

Result<QList<Finding>> CtestParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    static const QRegularExpression qtFail(QStringLiteral(
            "^(?:\\d+: )?(FAIL!|XPASS) +: (?<test>\\S+?)(?:\\((?<row>[^)]*)\\))? (?<msg>.*)$"));
    static const QRegularExpression qtLoc(
            QStringLiteral("^(?:\\d+: )?\\s+Loc: \\[(?<file>.+)\\((?<line>\\d+)\\)\\]"));
    static const QRegularExpression gtest(
            QStringLiteral("^(?:\\d+: )?(?<file>[^\\s:][^:]*):(?<line>\\d+): Failure$"));
    static const QRegularExpression summary(
            QStringLiteral("^\\s*\\d+ - (?<name>.+?) \\((?<why>[^)]+)\\)\\s*$"));
    QList<Finding> out;
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    bool inSummary = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.startsWith(QLatin1String("The following tests FAILED:"))) {
            inSummary = true;
            continue;
        }
        if (inSummary) {
            const auto m = summary.match(line);
            if (m.hasMatch()) {
                const QString name = m.captured(QStringLiteral("name"));
                const QString why = m.captured(QStringLiteral("why"));
                out.append(ctx.finding(
                        QString(), 0, 0, Severity::Error, name,
                        QStringLiteral(
                                "test %1 did not pass (%2); run it with ctest -R '^%1$' --output-on-failure")
                                .arg(name, why)));
                continue;
            }
            if (!line.trimmed().isEmpty())
                inSummary = false;
        }
        if (const auto m = qtFail.match(line); m.hasMatch()) {
            QString file;
            int lineNo = 0;
            // "Loc:" follows the message, after QCOMPARE's "Actual" and "Expected" lines
            for (qsizetype j = i + 1; j < lines.size() && j <= i + 4; ++j) {
                const auto loc = qtLoc.match(lines.at(j));
                if (loc.hasMatch()) {
                    file = loc.captured(QStringLiteral("file"));
                    lineNo = loc.captured(QStringLiteral("line")).toInt();
                    break;
                }
            }
            QString message = m.captured(QStringLiteral("msg")).trimmed();
            // QCOMPARE prints "Actual" and "Expected" on the following lines
            for (qsizetype j = i + 1; j < lines.size() && j <= i + 3; ++j) {
                const QString next = lines.at(j).trimmed();
                if (next.startsWith(QLatin1String("Actual")) || next.startsWith(QLatin1String("Expected")))
                    message += QStringLiteral("; ") + next;
            }
            const QString row = m.captured(QStringLiteral("row"));
            const QString test = m.captured(QStringLiteral("test"));
            out.append(ctx.finding(file, lineNo, 0, Severity::Error, test,
                                   row.isEmpty() ? message : QStringLiteral("[%1] %2").arg(row, message)));
            continue;
        }
        if (const auto m = gtest.match(line); m.hasMatch()) {
            QStringList message;
            for (qsizetype j = i + 1; j < lines.size() && message.size() < 6; ++j) {
                QString next = lines.at(j);
                next.remove(QRegularExpression(QStringLiteral("^\\d+: ")));
                if (next.trimmed().isEmpty() || next.startsWith(QLatin1Char('[')))
                    break;
                message << next.trimmed();
            }
            out.append(ctx.finding(
                    m.captured(QStringLiteral("file")), m.captured(QStringLiteral("line")).toInt(), 0,
                    Severity::Error, QStringLiteral("gtest-failure"),
                    message.isEmpty() ? QStringLiteral("assertion failed") : message.join(QLatin1Char(' '))));
        }
    }
    return out;
}

} // namespace harness

namespace harness {

// "1/3 Test #1: name ..........   Passed    0.01 sec", "***Failed", "***Not Run (Disabled)", "***Skipped".
Result<TestOutcomes> CtestParser::outcomes(const QByteArray &output)
{
    static const QRegularExpression testLine(
            QStringLiteral("^\\s*(?:\\d+/\\d+ )?Test\\s+#\\d+: (?<name>\\S+) \\.*\\s*(?<rest>.*)$"));
    TestOutcomes out;
    for (QString line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const auto m = testLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString rest = m.captured(QStringLiteral("rest"));
        if (rest.isEmpty())
            continue;
        const TestOutcome o = rest.startsWith(QLatin1String("Passed")) ? TestOutcome::Passed
                : rest.contains(QLatin1String("Skipped")) || rest.contains(QLatin1String("(Disabled)"))
                ? TestOutcome::Skipped
                : TestOutcome::Failed;
        out.add(m.captured(QStringLiteral("name")), o);
    }
    return out;
}

} // namespace harness
