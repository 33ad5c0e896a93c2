// GateResult: what one quality gate reported — status, duration, exit status, full log, findings.
#pragma once

#include "finding.h"

#include <QList>

namespace harness {

enum class GateStatus { Passed, Failed, Error, Skipped };

QString gateStatusName(GateStatus status);

struct GateResult
{
    QString gate; // the gate's id from gates.json
    GateStatus status = GateStatus::Passed;
    qint64 durationMs = 0;
    int exitCode = 0;
    QString log; // full output, bounded by the runner's cap
    QList<Finding> findings;

    bool passed() const { return status == GateStatus::Passed || status == GateStatus::Skipped; }
    QJsonObject toJson() const;
    static Result<GateResult> fromJson(const QJsonObject &json);
};

} // namespace harness
