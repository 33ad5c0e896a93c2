// Checkpoint and verification payloads: JSON round trips.
#include "verifyevents.h"

namespace harness {

QJsonArray findingsToJson(const QList<Finding> &findings)
{
    QJsonArray out;
    for (const auto &f : findings)
        out.append(f.toJson());
    return out;
}

QList<Finding> readFindings(JsonReader &r, const QString &key, bool skipInvalid)
{
    QList<Finding> out;
    const QJsonArray list = r.array(key);
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        auto f = Finding::fromJson(list.at(i).toObject());
        if (f)
            out << *f;
        else if (!skipInvalid)
            r.adopt(Error {f.error().message, r.fieldPath(QStringLiteral("%1[%2]").arg(key).arg(i))});
    }
    return out;
}

QJsonObject CheckpointPayload::toJson() const
{
    return withVersion({{QStringLiteral("commit"), commit}, {QStringLiteral("iteration"), iteration}},
                       kVersion);
}

Result<CheckpointPayload> CheckpointPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<CheckpointPayload>(json, kind);
    CheckpointPayload p;
    p.commit = r.string(QStringLiteral("commit"));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject GateStartedPayload::toJson() const
{
    return withVersion({{QStringLiteral("gate"), gate},
                        {QStringLiteral("kind"), gateKind},
                        {QStringLiteral("index"), index}},
                       kVersion);
}

Result<GateStartedPayload> GateStartedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<GateStartedPayload>(json, kind);
    GateStartedPayload p;
    p.gate = r.string(QStringLiteral("gate"));
    p.gateKind = r.optionalString(QStringLiteral("kind"));
    p.index = int(r.integer(QStringLiteral("index"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

GateResultPayload GateResultPayload::of(const GateResult &result, const QString &gateKind)
{
    GateResultPayload p;
    p.gate = result.gate;
    p.gateKind = gateKind;
    p.status = result.status;
    p.durationMs = result.durationMs;
    p.durationUs = result.durationUs;
    p.exitCode = result.exitCode;
    p.findingsCount = result.findings.size();
    p.findings = result.findings.mid(0, kMaxFindings);
    p.logTail = result.log.size() > kLogTail ? result.log.right(kLogTail) : result.log;
    p.reason = result.reason;
    p.couldNotRun = result.couldNotRun;
    return p;
}

GateResult GateResultPayload::toResult() const
{
    GateResult r;
    r.gate = gate;
    r.status = status;
    r.durationMs = durationMs;
    r.durationUs = durationUs;
    r.exitCode = exitCode;
    r.log = logTail;
    r.findings = findings;
    r.reason = reason;
    r.couldNotRun = couldNotRun;
    return r;
}

QJsonObject GateResultPayload::toJson() const
{
    return withVersion({{QStringLiteral("gate"), gate},
                        {QStringLiteral("kind"), gateKind},
                        {QStringLiteral("status"), gateStatusName(status)},
                        {QStringLiteral("duration_ms"), durationMs},
                        {QStringLiteral("duration_us"), durationUs},
                        {QStringLiteral("exit_code"), exitCode},
                        {QStringLiteral("findings_count"), findingsCount},
                        {QStringLiteral("findings"), findingsToJson(findings)},
                        {QStringLiteral("log_tail"), logTail},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("could_not_run"), couldNotRun}},
                       kVersion);
}

Result<GateResultPayload> GateResultPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<GateResultPayload>(json, kind);
    GateResultPayload p;
    p.gate = r.string(QStringLiteral("gate"));
    p.gateKind = r.optionalString(QStringLiteral("kind"));
    const QString status = r.string(QStringLiteral("status"));
    bool known = false;
    for (auto s : {GateStatus::Passed, GateStatus::Failed, GateStatus::Error, GateStatus::Skipped})
        if (gateStatusName(s) == status) {
            p.status = s;
            known = true;
        }
    if (r.ok() && !known)
        r.fail(QStringLiteral("status"), QStringLiteral("must be passed, failed, error or skipped"));
    p.durationMs = r.integer(QStringLiteral("duration_ms"), false, 0);
    p.durationUs = r.integer(QStringLiteral("duration_us"), false, 0);
    p.exitCode = int(r.integer(QStringLiteral("exit_code"), false, 0));
    p.findings = readFindings(r, QStringLiteral("findings"), false);
    p.findingsCount = r.integer(QStringLiteral("findings_count"), false, p.findings.size());
    // Version 1's acceptance gates kept the whole log under "log".
    p.logTail = r.optionalString(QStringLiteral("log_tail"), r.optionalString(QStringLiteral("log")));
    // Version 3; earlier results carry neither.
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.couldNotRun = r.boolean(QStringLiteral("could_not_run"), false);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject VerifyFinishedPayload::toJson() const
{
    QJsonArray list;
    for (const auto &g : gates)
        list.append(QJsonObject {{QStringLiteral("gate"), g.gate},
                                 {QStringLiteral("status"), g.status},
                                 {QStringLiteral("duration_ms"), g.durationMs},
                                 {QStringLiteral("findings"), g.findings}});
    return withVersion(
            {{QStringLiteral("iteration"), iteration},
             {QStringLiteral("passed"), passed},
             {QStringLiteral("gates"), list},
             {QStringLiteral("findings"), findingsToJson(findings)},
             {QStringLiteral("finding_count"), findingCount},
             {QStringLiteral("awaiting_human"), findingsToJson(awaitingHuman.mid(0, kMaxAwaitingHuman))},
             {QStringLiteral("human_only"), humanOnly}},
            kVersion);
}

Result<VerifyFinishedPayload> VerifyFinishedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<VerifyFinishedPayload>(json, kind);
    VerifyFinishedPayload p;
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.passed = r.boolean(QStringLiteral("passed"));
    const QJsonArray list = r.array(QStringLiteral("gates"));
    for (const auto &v : list) {
        const QJsonObject o = v.toObject();
        p.gates.append({o.value(QLatin1String("gate")).toString(),
                        o.value(QLatin1String("status")).toString(),
                        o.value(QLatin1String("duration_ms")).toInteger(),
                        o.value(QLatin1String("findings")).toInteger()});
    }
    p.findings = readFindings(r, QStringLiteral("findings"), true);
    p.findingCount = r.integer(QStringLiteral("finding_count"), false, p.findings.size());
    p.awaitingHuman = readFindings(r, QStringLiteral("awaiting_human"), true);
    p.humanOnly = r.boolean(QStringLiteral("human_only"), false);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject FindingAcceptedPayload::toJson() const
{
    return withVersion({{QStringLiteral("finding"), finding},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("gate"), gate},
                        {QStringLiteral("rule"), rule},
                        {QStringLiteral("file"), file},
                        {QStringLiteral("message"), message}},
                       kVersion);
}

Result<FindingAcceptedPayload> FindingAcceptedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<FindingAcceptedPayload>(json, kind);
    FindingAcceptedPayload p;
    p.finding = r.string(QStringLiteral("finding"));
    p.reason = r.optionalString(QStringLiteral("reason"));
    p.gate = r.optionalString(QStringLiteral("gate"));
    p.rule = r.optionalString(QStringLiteral("rule"));
    p.file = r.optionalString(QStringLiteral("file"));
    p.message = r.optionalString(QStringLiteral("message"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject FixRequestedPayload::toJson() const
{
    return withVersion({{QStringLiteral("iteration"), iteration},
                        {QStringLiteral("findings"), findingsToJson(findings)}},
                       kVersion);
}

Result<FixRequestedPayload> FixRequestedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<FixRequestedPayload>(json, kind);
    FixRequestedPayload p;
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.findings = readFindings(r, QStringLiteral("findings"), true);
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
