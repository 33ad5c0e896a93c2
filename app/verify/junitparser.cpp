// JunitParser: QXmlStreamReader over <testsuite>/<testcase> with <failure> or <error> children.
#include "junitparser.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace harness {

namespace {

// Finds "file.ext:123" or Qt Test's "Loc: [file(123)]" in a failure's text.
bool locate(const QString &text, QString *file, int *line)
{
    static const QRegularExpression qtLoc(QStringLiteral("Loc: \\[(?<file>[^\\]]+)\\((?<line>\\d+)\\)\\]"));
    static const QRegularExpression fileLine(QStringLiteral(
            "(?<file>[\\w./"
            "\\\\-]+\\.(?:py|js|ts|tsx|jsx|java|kt|go|rb|cpp|cc|cxx|c|h|hpp|rs|cs)):(?<line>\\d+)"));
    for (const auto *rx : {&qtLoc, &fileLine}) {
        QRegularExpressionMatchIterator it = rx->globalMatch(text);
        QRegularExpressionMatch last;
        while (it.hasNext())
            last = it.next(); // the innermost frame is printed last
        if (last.hasMatch()) {
            *file = last.captured(QStringLiteral("file"));
            *line = last.captured(QStringLiteral("line")).toInt();
            return true;
        }
    }
    return false;
}

// Walks the report's <testcase> elements: `start` at each case's start tag, `child` for every element
// inside a case (it may read the element's text), `end` at each case's end tag. Returns an error text
// when the report is not XML that names a test suite, else an empty string.
template<typename Start, typename Child, typename End>
QString walkCases(const QByteArray &output, Start start, Child child, End end)
{
    QXmlStreamReader xml(output);
    bool sawSuite = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("testcase")) {
            end();
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("testsuite") || name == QLatin1String("testsuites"))
            sawSuite = true;
        else if (name == QLatin1String("testcase"))
            start(xml.attributes());
        else
            child(name.toString(), xml);
    }
    if (xml.hasError() && !sawSuite)
        return QStringLiteral("the JUnit report is not valid XML (line %1: %2); check that the test command "
                              "wrote it")
                .arg(xml.lineNumber())
                .arg(xml.errorString());
    return {};
}

QString testId(const QString &caseName, const QString &className)
{
    return className.isEmpty() || className == caseName ? caseName
                                                        : className + QStringLiteral("::") + caseName;
}

} // namespace

Result<QList<Finding>> JunitParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    struct Failure
    {
        QString kind, message, type, text;
    };
    QList<Finding> out;
    QString caseName, className, caseFile, systemOut;
    int caseLine = 0;
    QList<Failure> failures;
    auto flush = [&] {
        for (const Failure &f : std::as_const(failures)) {
            QString file = caseFile;
            int line = caseLine;
            if (file.isEmpty() || line == 0) {
                QString where;
                int at = 0;
                // CTest puts the test's output in <system-out>, pytest and Maven in the failure's text
                if (locate(f.text + QLatin1Char('\n') + f.message, &where, &at) ||
                    locate(systemOut, &where, &at)) {
                    if (file.isEmpty())
                        file = where;
                    if (line == 0 && (file == where || where.endsWith(file) || file.endsWith(where)))
                        line = at;
                }
            }
            QString summary = f.message.trimmed();
            if (summary.isEmpty())
                summary = f.text.trimmed().section(QLatin1Char('\n'), 0, 0);
            if (summary.isEmpty()) {
                for (const QString &l : systemOut.split(QLatin1Char('\n')))
                    if (l.startsWith(QLatin1String("FAIL!")) || l.contains(QLatin1String("Error")) ||
                        l.contains(QLatin1String("Failure"))) {
                        summary = l.trimmed();
                        break;
                    }
            }
            if (summary.isEmpty())
                summary = QStringLiteral("no message; see the test's output in the gate log");
            if (!f.type.isEmpty() && !summary.contains(f.type))
                summary = f.type + QStringLiteral(": ") + summary;
            const QString test = testId(caseName, className);
            out.append(ctx.finding(file, line, 0, Severity::Error, test,
                                   QStringLiteral("test %1 %2: %3")
                                           .arg(test,
                                                f.kind == QLatin1String("error") ? QStringLiteral("errored")
                                                                                 : QStringLiteral("failed"),
                                                summary.left(500))));
        }
        failures.clear();
    };
    const QString error = walkCases(
            output,
            [&](const QXmlStreamAttributes &a) {
                caseName = a.value(QLatin1String("name")).toString();
                className = a.value(QLatin1String("classname")).toString();
                caseFile = a.value(QLatin1String("file")).toString();
                caseLine = a.value(QLatin1String("line")).toInt();
                systemOut.clear();
                failures.clear();
            },
            [&](const QString &name, QXmlStreamReader &xml) {
                if (name == QLatin1String("failure") || name == QLatin1String("error")) {
                    Failure f;
                    f.kind = name;
                    f.message = xml.attributes().value(QLatin1String("message")).toString();
                    f.type = xml.attributes().value(QLatin1String("type")).toString();
                    f.text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                    failures.append(f);
                } else if (name == QLatin1String("system-out") || name == QLatin1String("system-err")) {
                    systemOut +=
                            xml.readElementText(QXmlStreamReader::IncludeChildElements) + QLatin1Char('\n');
                }
            },
            flush);
    if (!error.isEmpty())
        return Result<QList<Finding>>::failure(error);
    return out;
}

// Every <testcase>: failed with a <failure> or <error> child, skipped with <skipped>, else passed.
Result<TestOutcomes> JunitParser::outcomes(const QByteArray &output)
{
    TestOutcomes out;
    QString id;
    TestOutcome outcome = TestOutcome::Passed;
    const QString error = walkCases(
            output,
            [&](const QXmlStreamAttributes &a) {
                id = testId(a.value(QLatin1String("name")).toString(),
                            a.value(QLatin1String("classname")).toString());
                outcome = TestOutcome::Passed;
            },
            [&](const QString &name, QXmlStreamReader &) {
                if (name == QLatin1String("failure") || name == QLatin1String("error"))
                    outcome = TestOutcome::Failed;
                else if (name == QLatin1String("skipped") && outcome != TestOutcome::Failed)
                    outcome = TestOutcome::Skipped;
            },
            [&] { out.add(id, outcome); });
    if (!error.isEmpty())
        return Result<TestOutcomes>::failure(error, QStringLiteral("parser"));
    return out;
}

} // namespace harness
