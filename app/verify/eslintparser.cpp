// EslintParser: [{filePath, messages: [{ruleId, severity, message, line, column}]}].
#include "eslintparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace harness {

Result<QList<Finding>> EslintParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    // tools often print a banner before the JSON: start at the first '['
    const qsizetype start = output.indexOf('[');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(start >= 0 ? output.mid(start) : output, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return Result<QList<Finding>>::failure(
                QStringLiteral("the ESLint output is not the JSON array of --format json (%1)")
                        .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                     : QStringLiteral("not an array")));
    QList<Finding> out;
    for (const QJsonValue &fv : doc.array()) {
        const QJsonObject file = fv.toObject();
        const QString path = file.value(QStringLiteral("filePath")).toString();
        for (const QJsonValue &mv : file.value(QStringLiteral("messages")).toArray()) {
            const QJsonObject m = mv.toObject();
            const int sev = m.value(QStringLiteral("severity")).toInt(2);
            const bool fatal = m.value(QStringLiteral("fatal")).toBool();
            QString rule = m.value(QStringLiteral("ruleId")).toString();
            if (rule.isEmpty())
                rule = fatal ? QStringLiteral("parse-error") : QStringLiteral("eslint");
            out.append(ctx.finding(path, m.value(QStringLiteral("line")).toInt(),
                                   m.value(QStringLiteral("column")).toInt(),
                                   sev >= 2 || fatal ? Severity::Error : Severity::Warning, rule,
                                   m.value(QStringLiteral("message")).toString()));
        }
    }
    return out;
}

} // namespace harness
