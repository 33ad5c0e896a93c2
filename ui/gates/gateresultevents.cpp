// GateResultEvents: gate_result payloads back into GateResult values.
#include "gateresultevents.h"

#include <QJsonArray>

namespace harness::ui {

Result<GateResult> GateResultEvents::fromPayload(const QJsonObject &payload)
{
    GateResult r;
    r.gate = payload.value(QStringLiteral("gate")).toString();
    if (r.gate.isEmpty())
        return Result<GateResult>::failure(QStringLiteral("must name the gate"), QStringLiteral("gate"));
    const QString status = payload.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("passed"))
        r.status = GateStatus::Passed;
    else if (status == QLatin1String("failed"))
        r.status = GateStatus::Failed;
    else if (status == QLatin1String("skipped"))
        r.status = GateStatus::Skipped;
    else if (status == QLatin1String("error"))
        r.status = GateStatus::Error;
    else
        return Result<GateResult>::failure(QStringLiteral("must be passed, failed, error or skipped"),
                                           QStringLiteral("status"));
    r.durationMs = payload.value(QStringLiteral("duration_ms")).toInteger();
    r.exitCode = payload.value(QStringLiteral("exit_code")).toInt();
    r.log = payload.value(QStringLiteral("log_tail"))
                    .toString(payload.value(QStringLiteral("log")).toString());
    const QJsonArray findings = payload.value(QStringLiteral("findings")).toArray();
    for (const QJsonValue &v : findings) {
        auto f = Finding::fromJson(v.toObject());
        if (!f)
            return Result<GateResult>::failure(f.errorText(), QStringLiteral("findings"));
        Finding finding = f.value();
        if (finding.source.isEmpty())
            finding.source = r.gate;
        r.findings.append(finding);
    }
    return r;
}

bool GateIteration::operator==(const GateIteration &other) const
{
    if (iteration != other.iteration || finished != other.finished || passed != other.passed ||
        results.size() != other.results.size())
        return false;
    for (qsizetype i = 0; i < results.size(); ++i)
        if (results[i].toJson() != other.results[i].toJson())
            return false;
    return true;
}

QList<GateIteration> GateResultEvents::iterations(const QList<Event> &events)
{
    QList<GateIteration> out;
    int iteration = 1;
    const auto current = [&out, &iteration]() -> GateIteration & {
        if (out.isEmpty() || out.last().iteration != iteration)
            out.append(GateIteration {iteration, {}, false, false});
        return out.last();
    };
    for (const Event &e : events) {
        if (e.kind == QLatin1String("phase_started")) {
            const QString phase = e.payload.value(QLatin1String("phase")).toString();
            const int it = e.payload.value(QLatin1String("iteration")).toInt(0);
            if ((phase == QLatin1String("build") || phase == QLatin1String("fix") ||
                 phase == QLatin1String("verify")) &&
                it > 0)
                iteration = it;
        } else if (e.kind == QLatin1String("gate_result")) {
            auto r = fromPayload(e.payload);
            if (!r)
                continue;
            GateIteration &it = current();
            bool replaced = false;
            for (GateResult &existing : it.results)
                if (existing.gate == r->gate) {
                    existing = r.value();
                    replaced = true;
                }
            if (!replaced)
                it.results.append(r.value());
        } else if (e.kind == QLatin1String("verify_finished")) {
            GateIteration &it = current();
            it.finished = true;
            it.passed = e.payload.value(QLatin1String("passed")).toBool();
        }
    }
    return out;
}

QList<GateResult> GateResultEvents::fromEvents(const QList<Event> &events)
{
    QList<GateResult> results;
    for (const Event &e : events) {
        if (e.kind != QLatin1String("gate_result"))
            continue;
        auto r = fromPayload(e.payload);
        if (!r)
            continue; // a malformed payload is not shown rather than shown wrong
        bool replaced = false;
        for (GateResult &existing : results) {
            if (existing.gate == r->gate) {
                existing = r.value();
                replaced = true;
            }
        }
        if (!replaced)
            results.append(r.value());
    }
    return results;
}

} // namespace harness::ui
