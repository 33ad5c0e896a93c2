// PlanRequester implementation.
#include "planrequester.h"
#include "modelprovider.h"

#include <QJsonDocument>

namespace harness {

PlanRequester::PlanRequester(Call call, int maxRepairs)
    : m_call(std::move(call)), m_maxRepairs(maxRepairs) { }

PlanRequester::PlanRequester(ModelProvider &provider, int maxRepairs, const std::atomic_bool *cancel)
    : m_call([&provider, cancel](const ChatRequest &r) { return provider.complete(r, cancel); }),
      m_maxRepairs(maxRepairs)
{ }

Result<Plan> PlanRequester::parse(const ChatResponse &response)
{
    for (const ToolCall &call : response.toolCalls)
        if (call.name == QLatin1String("submit_plan"))
            return Plan::fromJson(call.arguments);
    QString text = response.text.trimmed();
    const qsizetype fence = text.indexOf(QLatin1String("```"));
    if (fence >= 0) {
        const qsizetype bodyStart = text.indexOf(QLatin1Char('\n'), fence);
        const qsizetype close = bodyStart >= 0 ? text.indexOf(QLatin1String("```"), bodyStart) : -1;
        if (close > bodyStart)
            text = text.mid(bodyStart + 1, close - bodyStart - 1).trimmed();
    }
    const qsizetype open = text.indexOf(QLatin1Char('{'));
    const qsizetype end = text.lastIndexOf(QLatin1Char('}'));
    if (open < 0 || end < open)
        return Error {QStringLiteral("the answer contains no JSON object"), QStringLiteral("plan")};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.mid(open, end - open + 1).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error {QStringLiteral("the answer is not valid JSON (%1 at offset %2)")
                              .arg(error.errorString())
                              .arg(error.offset),
                      QStringLiteral("plan")};
    return Plan::fromJson(doc.object());
}

QString PlanRequester::repairPrompt(const QString &validationError)
{
    return QStringLiteral("Your plan could not be accepted: %1.\n"
                          "Answer again with only one JSON object of this shape and nothing else:\n"
                          "{\"summary\": string, \"steps\": [{\"description\": string, \"files\": [relative "
                          "paths]}] (at "
                          "least one), \"risks\": [string], \"tests\": [string], \"subtasks\": [{\"title\": "
                          "string, \"goal\": "
                          "string, \"scope\": [globs]}]}")
            .arg(validationError);
}

Result<PlanAnswer> PlanRequester::request(ChatRequest request)
{
    PlanAnswer answer;
    for (int attempt = 0;; ++attempt) {
        auto response = m_call(request);
        if (!response)
            return response.error();
        answer.nextTurn = request.turn + 1;
        auto plan = parse(*response);
        if (plan) {
            answer.plan = *plan;
            answer.response = *response;
            answer.repairs = attempt;
            return answer;
        }
        const QString reason = plan.errorText();
        answer.invalidReasons << reason;
        if (attempt >= m_maxRepairs)
            return Error {QStringLiteral("the agent's plan was still invalid after %n repair request(s): %1")
                                  .replace(QStringLiteral("%n"), QString::number(m_maxRepairs))
                                  .arg(reason),
                          QStringLiteral("plan_invalid")};
        request.messages.append(ChatMessage::assistant(response->text, response->toolCalls));
        for (const ToolCall &call : response->toolCalls)
            request.messages.append(ChatMessage::toolResult(call.id, repairPrompt(reason), true));
        if (response->toolCalls.isEmpty())
            request.messages.append(ChatMessage::user(repairPrompt(reason)));
        request.turn += 1;
    }
}

} // namespace harness
