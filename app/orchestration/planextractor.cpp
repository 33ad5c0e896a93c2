// PlanExtractor: tries the fenced block first, then the outermost {...} span.
#include "planextractor.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace harness {

Result<Plan> PlanExtractor::extract(const QString &answer)
{
    QStringList candidates;
    static const QRegularExpression fence(QStringLiteral("```(?:json)?\\s*\\n(.*?)```"),
                                          QRegularExpression::DotMatchesEverythingOption);
    auto it = fence.globalMatch(answer);
    while (it.hasNext())
        candidates << it.next().captured(1);
    const qsizetype open = answer.indexOf(QLatin1Char('{'));
    const qsizetype close = answer.lastIndexOf(QLatin1Char('}'));
    if (open >= 0 && close > open)
        candidates << answer.mid(open, close - open + 1);
    if (candidates.isEmpty())
        return Result<Plan>::failure(QStringLiteral("the answer contains no JSON object"));
    QString firstError;
    for (const QString &c : std::as_const(candidates)) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(c.toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            if (firstError.isEmpty())
                firstError = QStringLiteral("the JSON does not parse: %1 at offset %2")
                                     .arg(err.errorString())
                                     .arg(err.offset);
            continue;
        }
        auto plan = Plan::fromJson(doc.object());
        if (plan)
            return plan;
        if (firstError.isEmpty())
            firstError = plan.errorText();
    }
    return Result<Plan>::failure(firstError);
}

} // namespace harness
