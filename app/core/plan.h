// Plan: the agent's validated answer to the Plan phase (docs/architecture.md, "The run"). An approval binds
// to the plan's hash, so a changed plan needs a new approval.
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace harness {

struct PlanStep
{
    QString description;
    QStringList files;
    bool operator==(const PlanStep &) const = default;
};

struct ProposedSubtask
{
    QString title;
    QString goal;
    QStringList scope;
    bool operator==(const ProposedSubtask &) const = default;
};

struct Plan
{
    QString summary;
    QList<PlanStep> steps;
    QStringList risks;
    QStringList testsToAdd;
    QList<ProposedSubtask> subtasks;

    QStringList touchedFiles() const;
    QJsonObject toJson() const;
    // Validates the plan shape; the error names the bad field (e.g. "steps[2].files").
    static Result<Plan> fromJson(const QJsonObject &json);
    // SHA-256 (hex) of the canonical JSON: what an approval binds to.
    QByteArray hash() const;
    bool operator==(const Plan &) const = default;
};

} // namespace harness
