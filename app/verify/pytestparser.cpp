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
