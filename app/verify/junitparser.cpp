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

} // namespace

Result<QList<Finding>> JunitParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    QList<Finding> out;
    QXmlStreamReader xml(output);
    QString caseName, className, caseFile;
    int caseLine = 0;
    bool sawSuite = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("testsuite") || name == QLatin1String("testsuites")) {
            sawSuite = true;
        } else if (name == QLatin1String("testcase")) {
            const auto a = xml.attributes();
            caseName = a.value(QLatin1String("name")).toString();
            className = a.value(QLatin1String("classname")).toString();
            caseFile = a.value(QLatin1String("file")).toString();
            caseLine = a.value(QLatin1String("line")).toInt();
        } else if (name == QLatin1String("failure") || name == QLatin1String("error")) {
            const QString kind = name.toString();
            const QString message = xml.attributes().value(QLatin1String("message")).toString();
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            QString file = caseFile;
            int line = caseLine;
            if (file.isEmpty() || line == 0) {
                QString f;
                int l = 0;
                if (locate(text + QLatin1Char('\n') + message, &f, &l)) {
                    if (file.isEmpty())
                        file = f;
                    if (line == 0 && (file == f || f.endsWith(file) || file.endsWith(f)))
                        line = l;
                }
            }
            QString summary = message.isEmpty() ? text.trimmed().section(QLatin1Char('\n'), 0, 0) : message;
            if (!type.isEmpty() && !summary.contains(type))
                summary = type + QStringLiteral(": ") + summary;
            const QString test = className.isEmpty() || className == caseName
                    ? caseName
                    : className + QStringLiteral("::") + caseName;
            out.append(ctx.finding(file, line, 0, Severity::Error, test,
                                   QStringLiteral("test %1 %2: %3")
                                           .arg(test,
                                                kind == QLatin1String("error") ? QStringLiteral("errored")
                                                                               : QStringLiteral("failed"),
                                                summary.left(500))));
        }
    }
    if (xml.hasError() && !sawSuite)
        return Result<QList<Finding>>::failure(QStringLiteral("the JUnit report is not valid XML (line %1: "
                                                              "%2); check that the test command wrote it")
                                                       .arg(xml.lineNumber())
                                                       .arg(xml.errorString()));
    return out;
}

} // namespace harness
