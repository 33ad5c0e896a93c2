// OutputParser: dispatch by format, and the path and finding helpers every parser shares.
#include "outputparser.h"

#include "ctestparser.h"
#include "eslintparser.h"
#include "gccparser.h"
#include "junitparser.h"
#include "pytestparser.h"
#include "regexparser.h"
#include "sarifparser.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace harness {

QString ParseContext::relativePath(const QString &path) const
{
    QString p = path.trimmed();
    if (p.startsWith(QLatin1String("file://")))
        p = QUrl(p).toLocalFile();
    if (p.isEmpty())
        return p;
    const QDir rootDir(root);
    QString absolute;
    if (QDir::isAbsolutePath(p))
        absolute = p;
    else if (!workdir.isEmpty() &&
             (QFileInfo::exists(QDir(workdir).filePath(p)) || !QFileInfo::exists(rootDir.filePath(p))))
        absolute = QDir(workdir).filePath(p); // relative to where the tool ran, unless only the root has it
    else
        absolute = rootDir.filePath(p);
    absolute = QDir::cleanPath(absolute);
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    const QString canonicalFile = QFileInfo(absolute).canonicalFilePath();
    QString rel = rootDir.relativeFilePath(absolute);
    if (!canonicalRoot.isEmpty() && !canonicalFile.isEmpty())
        rel = QDir(canonicalRoot).relativeFilePath(canonicalFile);
    if (rel.startsWith(QLatin1String("../")))
        return QDir::isAbsolutePath(p) ? p : QDir::cleanPath(p); // outside the tree: keep what the tool said
    return rel;
}

Finding ParseContext::finding(const QString &file, int line, int column, Severity severity,
                              const QString &rule, const QString &message) const
{
    Finding f;
    f.file = file.isEmpty() ? QString() : relativePath(file);
    f.line = qMax(0, line);
    f.column = qMax(0, column);
    f.severity = severity;
    f.rule = rule;
    f.message = message.trimmed();
    f.source = source;
    return f;
}

Result<QList<Finding>> OutputParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    const QString &format = ctx.spec.format;
    if (format.isEmpty() || format == QLatin1String("none"))
        return QList<Finding>();
    if (format == QLatin1String("gcc"))
        return GccParser::parse(output, ctx);
    if (format == QLatin1String("ctest"))
        return CtestParser::parse(output, ctx);
    if (format == QLatin1String("junit"))
        return JunitParser::parse(output, ctx);
    if (format == QLatin1String("pytest"))
        return PytestParser::parse(output, ctx);
    if (format == QLatin1String("eslint"))
        return EslintParser::parse(output, ctx);
    if (format == QLatin1String("sarif"))
        return SarifParser::parse(output, ctx);
    if (format == QLatin1String("regex"))
        return RegexParser::parse(output, ctx);
    return Result<QList<Finding>>::failure(QStringLiteral("unknown output format \"%1\"").arg(format),
                                           QStringLiteral("parser"));
}

} // namespace harness
