// SarifParser: runs[].results[] with ruleId (or ruleIndex into tool.driver.rules), level, message and
// the first physical location; uriBaseId bases are resolved through originalUriBaseIds.
#include "sarifparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace harness {

Result<QList<Finding>> SarifParser::parse(const QByteArray &output, const ParseContext &ctx)
{
    const qsizetype start = output.indexOf('{');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(start >= 0 ? output.mid(start) : output, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject() ||
        !doc.object().value(QStringLiteral("runs")).isArray())
        return Result<QList<Finding>>::failure(
                QStringLiteral("the input is not a SARIF log (a JSON object with \"runs\")%1")
                        .arg(error.error != QJsonParseError::NoError
                                     ? QStringLiteral(": ") + error.errorString()
                                     : QString()));
    QList<Finding> out;
    for (const QJsonValue &rv : doc.object().value(QStringLiteral("runs")).toArray()) {
        const QJsonObject run = rv.toObject();
        const QJsonObject driver =
                run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
        const QJsonArray rules = driver.value(QStringLiteral("rules")).toArray();
        const QJsonObject bases = run.value(QStringLiteral("originalUriBaseIds")).toObject();
        for (const QJsonValue &resv : run.value(QStringLiteral("results")).toArray()) {
            const QJsonObject res = resv.toObject();
            QString rule = res.value(QStringLiteral("ruleId")).toString();
            const QJsonObject ruleRef = rules.at(res.value(QStringLiteral("ruleIndex")).toInt(-1)).toObject();
            if (rule.isEmpty())
                rule = ruleRef.value(QStringLiteral("id")).toString();
            QString level = res.value(QStringLiteral("level")).toString();
            if (level.isEmpty())
                level = ruleRef.value(QStringLiteral("defaultConfiguration"))
                                .toObject()
                                .value(QStringLiteral("level"))
                                .toString(QStringLiteral("warning"));
            if (level == QLatin1String("none"))
                continue;
            const Severity severity = level == QLatin1String("error") ? Severity::Error
                    : level == QLatin1String("note")                  ? Severity::Info
                                                                      : Severity::Warning;
            const QJsonObject msg = res.value(QStringLiteral("message")).toObject();
            QString text = msg.value(QStringLiteral("text")).toString();
            if (text.isEmpty())
                text = msg.value(QStringLiteral("markdown")).toString();
            QString file;
            int line = 0, column = 0;
            const QJsonObject phys = res.value(QStringLiteral("locations"))
                                             .toArray()
                                             .at(0)
                                             .toObject()
                                             .value(QStringLiteral("physicalLocation"))
                                             .toObject();
            if (!phys.isEmpty()) {
                const QJsonObject artifact = phys.value(QStringLiteral("artifactLocation")).toObject();
                QString uri =
                        QUrl::fromPercentEncoding(artifact.value(QStringLiteral("uri")).toString().toUtf8());
                const QString base = artifact.value(QStringLiteral("uriBaseId")).toString();
                if (!base.isEmpty() && bases.contains(base)) {
                    QString baseUri = bases.value(base).toObject().value(QStringLiteral("uri")).toString();
                    if (!baseUri.isEmpty() && !baseUri.endsWith(QLatin1Char('/')))
                        baseUri += QLatin1Char('/');
                    uri = baseUri + uri;
                }
                file = uri.startsWith(QLatin1String("file:")) ? QUrl(uri).toLocalFile() : uri;
                const QJsonObject region = phys.value(QStringLiteral("region")).toObject();
                line = region.value(QStringLiteral("startLine")).toInt();
                column = region.value(QStringLiteral("startColumn")).toInt();
            }
            out.append(ctx.finding(file, line, column, severity, rule, text));
        }
    }
    return out;
}

} // namespace harness
