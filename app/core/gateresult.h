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
    // The whole gate as the pipeline timed it, in microseconds (0: not timed): what a fast in-process gate
    // costs, where whole milliseconds say 0 or 1.
    qint64 durationUs = 0;
    int exitCode = 0;
    QString log; // full output, bounded by the runner's cap
    QList<Finding> findings;
    // One line on why the gate did not pass, for when its findings do not say it: "python3: not found
    // (exit code 127)", the sandbox's refusal, a time limit, or the exit code and the output's last line.
    QString reason;
    // The gate could not run here at all (no sandbox, a command not installed): no change an agent makes
    // can let it pass, so a run stops with the reason instead of going on to a fix.
    bool couldNotRun = false;

    bool passed() const { return status == GateStatus::Passed || status == GateStatus::Skipped; }
    QJsonObject toJson() const;
    static Result<GateResult> fromJson(const QJsonObject &json);
};

} // namespace harness
