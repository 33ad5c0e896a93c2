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

    QJsonObject toJson() const;
    static Result<Finding> fromJson(const QJsonObject &json);
    bool operator==(const Finding &) const = default;
};

} // namespace harness
