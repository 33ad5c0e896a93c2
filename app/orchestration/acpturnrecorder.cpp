// AcpTurnRecorder: ACP session updates folded into tool_call, model_call and agent_response events.
#include "acpturnrecorder.h"
#include "runjournal.h"

#include "core/events/agentevents.h"
#include "core/events/toolevents.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

constexpr int kMaxFieldChars = 16 * 1024;

QJsonValue bounded(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().left(kMaxFieldChars);
    const QByteArray json = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
            : value.isArray()                ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QByteArray();
    if (json.size() <= kMaxFieldChars)
        return value;
    return QString::fromUtf8(json.left(kMaxFieldChars)) + k(" [cut]");
}

bool isDone(const QString &status)
{
    return status == k("completed") || status == k("failed");
}

} // namespace

AcpTurnRecorder::AcpTurnRecorder(RunJournal &journal, QString executorName)
    : m_journal(journal), m_executor(std::move(executorName))
{ }

QString AcpTurnRecorder::actor() const
{
    return k("agent:") + m_executor;
}

void AcpTurnRecorder::begin()
{
    m_message.clear();
    m_plan.clear();
    m_calls.clear();
    m_started.clear();
    m_clock.start();
}

void AcpTurnRecorder::onUpdate(const AcpSessionUpdate &update)
{
    using Kind = AcpSessionUpdate::Kind;
    switch (update.kind) {
    case Kind::AgentMessageChunk:
        if (m_message.size() < 4 * 1024 * 1024) // a flood of text does not grow the event without bound
            m_message += update.text;
        break;
    case Kind::Plan:
        m_plan = update.plan;
        break;
    case Kind::Usage:
        if (update.usage.costAmount >= 0)
            m_reportedCost = update.usage.costAmount;
        break;
    case Kind::ToolCall:
    case Kind::ToolCallUpdate: {
        const AcpToolCall &u = update.toolCall;
        if (!m_calls.contains(u.id) && m_calls.size() >= 512)
            break; // an agent naming calls without end: the turn's own record stays bounded
        AcpToolCall &call = m_calls[u.id];
        if (!m_started.contains(u.id))
            m_started.insert(u.id, m_clock.elapsed());
        call.id = u.id;
        if (!u.title.isEmpty())
            call.title = u.title;
        if (!u.kind.isEmpty())
            call.kind = u.kind;
        if (!u.status.isEmpty())
            call.status = u.status;
        if (!u.content.isEmpty())
            call.content = u.content;
        if (!u.locations.isEmpty())
            call.locations = u.locations;
        if (!u.rawInput.isUndefined() && !u.rawInput.isNull())
            call.rawInput = u.rawInput;
        if (!u.rawOutput.isUndefined() && !u.rawOutput.isNull())
            call.rawOutput = u.rawOutput;
        if (isDone(call.status)) {
            (void)recordCall(call,
                             call.status == k("failed") ? k("the agent reports the call failed") : QString());
            m_calls.remove(u.id);
        }
        break;
    }
    default:
        break;
    }
}

QString AcpTurnRecorder::text() const
{
    QString out = m_message;
    if (!m_plan.isEmpty()) {
        out += k("\n\nPlan entries:\n");
        for (const AcpPlanEntry &e : m_plan)
            out += QStringLiteral("- [%1] %2\n").arg(e.status.isEmpty() ? k("pending") : e.status, e.content);
    }
    return out;
}

Status AcpTurnRecorder::recordCall(const AcpToolCall &call, const QString &error)
{
    ToolCallPayload p;
    p.tool = k("agent:") + (call.kind.isEmpty() ? k("other") : call.kind);
    QJsonObject args {{k("title"), call.title.left(500)}};
    if (!call.locations.isEmpty())
        args.insert(k("paths"), QJsonArray::fromStringList(call.locations.mid(0, 50)));
    if (!call.rawInput.isUndefined() && !call.rawInput.isNull())
        args.insert(k("input"), bounded(call.rawInput));
    QJsonArray diffs;
    for (const QJsonValue &item : call.content) {
        const QJsonObject o = item.toObject();
        if (o.value(k("type")).toString() == k("diff"))
            diffs.append(QJsonObject {{k("path"), o.value(k("path")).toString()},
                                      {k("old_text"), bounded(o.value(k("oldText")))},
                                      {k("new_text"), bounded(o.value(k("newText")))}});
    }
    if (!diffs.isEmpty())
        args.insert(k("diff"), diffs);
    p.arguments = args;
    p.ok = error.isEmpty();
    p.error = error;
    p.durationMs = m_clock.elapsed() - m_started.value(call.id, m_clock.elapsed());
    return m_journal.append(QList<Event> {makeEvent(m_journal.runId(), p, actor())});
}

Status AcpTurnRecorder::finish(const QString &phase, int iteration, const AcpPromptResult &result,
                               const QJsonObject &extra)
{
    for (const AcpToolCall &open : std::as_const(m_calls))
        if (auto s = recordCall(open, k("the call had not finished when the turn ended")); !s)
            return s;
    m_calls.clear();
    const int turn = m_journal.state().modelTurns;
    ModelCallPayload usage;
    usage.phase = phase;
    usage.iteration = iteration;
    usage.turn = turn;
    usage.provider = m_executor;
    usage.model = m_executor;
    usage.inputTokens = qMax<qint64>(0, result.usage.inputTokens);
    usage.outputTokens = qMax<qint64>(0, result.usage.outputTokens);
    if (usage.inputTokens == 0 && usage.outputTokens == 0 && result.usage.totalTokens > 0)
        usage.inputTokens = result.usage.totalTokens;
    usage.latencyMs = m_clock.elapsed();
    usage.stopReason = result.stopReason;
    usage.extra = extra;
    if (m_reportedCost >= 0) {
        // The agent reports its session's cost so far: this turn is what it added.
        usage.cost = qMax(0.0, m_reportedCost - m_costRecorded);
        m_costRecorded = m_reportedCost;
        usage.extra.insert(k("agent_cost"), m_reportedCost);
    }
    if (result.usage.isEmpty() && m_reportedCost < 0)
        usage.extra.insert(k("usage"), k("not reported: one counted turn"));
    AgentResponsePayload answer;
    answer.phase = phase;
    answer.iteration = iteration;
    answer.turn = turn;
    answer.text = text();
    answer.stopReason = result.stopReason;
    return m_journal.append(
            {makeEvent(m_journal.runId(), usage), makeEvent(m_journal.runId(), answer, actor())});
}

} // namespace harness
