// RunFold: the event kinds read here are the orchestration's (app/orchestration/eventkinds.h) —
// phase_started {phase, iteration}, paused / resumed, the terminal merged / discarded / escalated /
// failed / aborted / budget_exhausted — and model_call's usage {input_tokens, output_tokens, cost}.
#include "runfold.h"

#include <QJsonObject>

namespace harness::ui {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

bool RunFold::opensPhase(const Event &event, QString *phase, int *iteration)
{
    if (event.kind != QLatin1String("phase_started"))
        return false;
    const QString p = str(event.payload, "phase");
    if (p.isEmpty())
        return false;
    if (phase)
        *phase = p.toLower();
    if (iteration)
        *iteration = qMax(1, event.payload.value(QLatin1String("iteration")).toInt(1));
    return true;
}

bool RunFold::endsRun(const Event &event)
{
    static const QStringList kinds {QStringLiteral("merged"),    QStringLiteral("discarded"),
                                    QStringLiteral("escalated"), QStringLiteral("failed"),
                                    QStringLiteral("aborted"),   QStringLiteral("budget_exhausted")};
    return kinds.contains(event.kind);
}

qint64 RunFold::tokensOf(const Event &event)
{
    const QJsonObject &p = event.payload;
    const QJsonObject usage = p.value(QLatin1String("usage")).toObject();
    if (!usage.isEmpty()) {
        if (usage.contains(QLatin1String("total_tokens")))
            return usage.value(QLatin1String("total_tokens")).toInteger();
        return usage.value(QLatin1String("input_tokens")).toInteger() +
                usage.value(QLatin1String("output_tokens")).toInteger() +
                usage.value(QLatin1String("prompt_tokens")).toInteger() +
                usage.value(QLatin1String("completion_tokens")).toInteger();
    }
    if (p.value(QLatin1String("tokens")).isDouble())
        return p.value(QLatin1String("tokens")).toInteger();
    return p.value(QLatin1String("input_tokens")).toInteger() +
            p.value(QLatin1String("output_tokens")).toInteger();
}

double RunFold::costOf(const Event &event)
{
    const QJsonObject &p = event.payload;
    if (p.value(QLatin1String("cost")).isDouble())
        return p.value(QLatin1String("cost")).toDouble();
    if (p.value(QLatin1String("cost_usd")).isDouble())
        return p.value(QLatin1String("cost_usd")).toDouble();
    return p.value(QLatin1String("usage")).toObject().value(QLatin1String("cost")).toDouble();
}

QStringList RunFold::phaseOrder()
{
    return {QStringLiteral("plan"),   QStringLiteral("approve"), QStringLiteral("build"),
            QStringLiteral("verify"), QStringLiteral("fix"),     QStringLiteral("review")};
}

void RunFold::apply(const Event &event)
{
    lastSeq = qMax(lastSeq, event.seq);
    if (!started.isValid())
        started = event.time;
    lastTime = event.time;
    QString p;
    int it = 0;
    if (opensPhase(event, &p, &it)) {
        phase = p;
        iteration = it;
    } else if (event.kind == QLatin1String("paused")) {
        paused = true;
    } else if (event.kind == QLatin1String("resumed")) {
        paused = false;
    } else if (endsRun(event)) {
        finished = true;
        paused = false;
        outcome = event.kind;
        reason = event.payload.value(QLatin1String("reason")).toString();
    }
    tokens += tokensOf(event);
    cost += costOf(event);
}

double RunFold::progress() const
{
    if (finished)
        return 1.0;
    const int index = int(phaseOrder().indexOf(phase));
    if (index < 0)
        return 0.0;
    return double(index + 1) / double(phaseOrder().size() + 1);
}

} // namespace harness::ui
