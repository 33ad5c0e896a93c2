// GateResult JSON round-trip.
#include "gateresult.h"
#include "jsonreader.h"

#include <QJsonArray>

namespace harness {

QString gateStatusName(GateStatus status)
{
    switch (status) {
    case GateStatus::Passed:
        return QStringLiteral("passed");
    case GateStatus::Failed:
        return QStringLiteral("failed");
    case GateStatus::Error:
        return QStringLiteral("error");
    case GateStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("error");
}

QJsonObject GateResult::toJson() const
{
    QJsonArray f;
    for (const auto &finding : findings)
        f.append(finding.toJson());
    QJsonObject o {{QStringLiteral("gate"), gate},
                   {QStringLiteral("status"), gateStatusName(status)},
                   {QStringLiteral("duration_ms"), durationMs},
                   {QStringLiteral("exit_code"), exitCode},
                   {QStringLiteral("log"), log},
                   {QStringLiteral("findings"), f}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (couldNotRun)
        o.insert(QStringLiteral("could_not_run"), true);
    return o;
}

Result<GateResult> GateResult::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("gate_result"));
    GateResult g;
    g.gate = r.string(QStringLiteral("gate"));
    const QString status = r.string(QStringLiteral("status"));
    g.durationMs = r.integer(QStringLiteral("duration_ms"), false, 0);
    g.exitCode = int(r.integer(QStringLiteral("exit_code"), false, 0));
    g.log = r.optionalString(QStringLiteral("log"));
    g.reason = r.optionalString(QStringLiteral("reason"));
    g.couldNotRun = r.boolean(QStringLiteral("could_not_run"), false);
    const QJsonArray f = r.array(QStringLiteral("findings"));
    bool known = false;
    for (auto s : {GateStatus::Passed, GateStatus::Failed, GateStatus::Error, GateStatus::Skipped})
        if (gateStatusName(s) == status) {
            g.status = s;
            known = true;
        }
    if (r.ok() && !known)
        r.fail(QStringLiteral("status"), QStringLiteral("must be passed, failed, error or skipped"));
    for (qsizetype i = 0; i < f.size() && r.ok(); ++i) {
        auto finding = Finding::fromJson(f.at(i).toObject());
        if (finding)
            g.findings.append(*finding);
        else
            r.adopt(Error {finding.error().message, QStringLiteral("gate_result.findings[%1]").arg(i)});
    }
    if (!r.ok())
        return r.error();
    return g;
}

} // namespace harness
