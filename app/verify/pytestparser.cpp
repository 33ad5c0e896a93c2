// PytestParser: the "short test summary info" lines, with locations from the traceback section.
#include "pytestparser.h"

#include <QHash>
#include <QRegularExpression>

namespace harness {

Result<QList<Finding>> PytestParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    static const QRegularExpression result(QStringLiteral(
            "^(?<kind>FAILED|ERROR) (?<file>[^\\s:]+\\.py)(?:::(?<test>\\S+))?(?: - (?<msg>.*))?$"));
    static const QRegularExpression location(
            QStringLiteral("^(?<file>[^\\s:]+\\.py):(?<line>\\d+): (?<exc>\\w[\\w.]*)$"));
    static const QRegularExpression header(QStringLiteral("^_{3,} (?<test>\\S+) _{3,}$"));
    static const QRegularExpression ansi(QStringLiteral("\\x1b\\[[0-9;]*m"));
    QHash<QString, std::pair<QString, int>> where; // test name (last part) -> file, line of its failure
    QString current;
    QList<Finding> out;
    QList<QRegularExpressionMatch> results;
    for (QString line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        line.remove(ansi);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (const auto h = header.match(line); h.hasMatch()) {
            current = h.captured(QStringLiteral("test"));
            continue;
        }
        if (const auto l = location.match(line); l.hasMatch() && !current.isEmpty()) {
            where[current] = {l.captured(QStringLiteral("file")), l.captured(QStringLiteral("line")).toInt()};
            continue;
        }
        if (const auto r = result.match(line); r.hasMatch())
            results.append(r);
    }
    for (const auto &r : results) {
        const QString file = r.captured(QStringLiteral("file"));
        const QString test = r.captured(QStringLiteral("test"));
        const QString shortName = test.section(QStringLiteral("::"), -1);
        int line = 0;
        // the traceback header is "Class.test" or "test"; prefer the location inside the test's own file
        for (const QString &key :
             {test, QString(test).replace(QStringLiteral("::"), QStringLiteral(".")), shortName}) {
            const auto it = where.constFind(key);
            if (it != where.constEnd() && it->first == file) {
                line = it->second;
                break;
            }
        }
        const bool error = r.captured(QStringLiteral("kind")) == QLatin1String("ERROR");
        QString message = r.captured(QStringLiteral("msg"));
        if (message.isEmpty())
            message = error ? QStringLiteral("error while collecting or setting up the test")
                            : QStringLiteral("test failed");
        const QString nodeId = test.isEmpty() ? file : file + QStringLiteral("::") + test;
        out.append(ctx.finding(
                file, line, 0, Severity::Error, nodeId,
                QStringLiteral("%1 %2: %3")
                        .arg(nodeId, error ? QStringLiteral("errored") : QStringLiteral("failed"), message)));
    }
    return out;
}

} // namespace harness

namespace harness {

// With -rA (the held-out-tests gate sets PYTEST_ADDOPTS=-rA) the short summary lists every test:
// "PASSED tests/test_a.py::test_x", "FAILED ... - message"; -v prints "tests/test_a.py::test_x PASSED".
// Skipped tests are listed by location only ("SKIPPED [1] tests/test_a.py:4: why"): they have no id.
Result<TestOutcomes> PytestParser::outcomes(const QByteArray &output)
{
    static const QRegularExpression summaryLine(QStringLiteral(
            "^(?<kind>PASSED|FAILED|ERROR|XFAIL|XPASS) (?<id>[^\\s:]+\\.py::\\S+)(?: - .*)?$"));
    static const QRegularExpression verboseLine(QStringLiteral(
            "^(?<id>[^\\s:]+\\.py::\\S+) (?<kind>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\\b"));
    static const QRegularExpression counts(QStringLiteral("\\b(\\d+) (passed|failed)\\b"));
    static const QRegularExpression ansi(QStringLiteral("\\x1b\\[[0-9;]*m"));
    TestOutcomes out;
    int reported = 0;
    for (QString line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        line.remove(ansi);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        QRegularExpressionMatch m = summaryLine.match(line);
        if (!m.hasMatch())
            m = verboseLine.match(line);
        if (m.hasMatch()) {
            const QString kind = m.captured(QStringLiteral("kind"));
            const TestOutcome o = kind == QLatin1String("PASSED") || kind == QLatin1String("XPASS")
                    ? TestOutcome::Passed
                    : kind == QLatin1String("SKIPPED") || kind == QLatin1String("XFAIL")
                    ? TestOutcome::Skipped
                    : TestOutcome::Failed;
            out.add(m.captured(QStringLiteral("id")), o);
            continue;
        }
        // The last line: "3 passed, 1 failed in 0.12s" (framed by "=" without -q).
        if (line.contains(QLatin1String(" in ")) &&
            line.contains(QRegularExpression(QStringLiteral("\\d+(\\.\\d+)?s\\b")))) {
            int n = 0;
            for (auto it = counts.globalMatch(line); it.hasNext();)
                n += it.next().captured(1).toInt();
            if (n > 0)
                reported = n;
        }
    }
    if (out.tests.isEmpty() && reported > 0)
        return Result<TestOutcomes>::failure(
                QStringLiteral("pytest reported %1 test(s) but listed none by name; the held-out-tests gate "
                               "needs pytest's -rA summary: remove a -r option from the command")
                        .arg(reported),
                QStringLiteral("parser"));
    return out;
}

} // namespace harness
