// Finding: one problem a quality gate or the rule engine reports, pointing at a file and line.
#pragma once

#include "result.h"

#include <QJsonObject>

namespace harness {

enum class Severity { Info, Warning, Error };

QString severityName(Severity severity);
Result<Severity> severityFromName(const QString &name);

struct Finding
{
    QString file; // relative to the repository root
    int line = 0; // 1-based; 0 when the finding is about the whole file
    int column = 0;
    Severity severity = Severity::Error;
    QString rule; // rule id or tool check name
    QString message; // written for the agent: what is wrong and how to fix it
    QString source; // the gate that produced it
    // Only a human can settle it (an out-of-scope change, a test-configuration change): it blocks until
    // the change is undone or a human accepts it (finding_accepted, `harness accept`).
    bool needsHuman = false;

    // A short stable id for the finding ("f3a9c2e1b7d0"): the same problem found again by a later
    // verification has the same id, so an acceptance holds for it. Line numbers are left out: they move.
    QString id() const;

    QJsonObject toJson() const;
    static Result<Finding> fromJson(const QJsonObject &json);
    bool operator==(const Finding &) const = default;
};

} // namespace harness
