// Contract: what a task asks for, instead of a prompt — goal, acceptance criteria, scope, constraints,
// interface notes and budget (docs/architecture.md, "The run").
#pragma once

#include "budget.h"

#include <QList>
#include <QStringList>

namespace harness {

struct AcceptanceCriterion
{
    QString text;
    QString checkCommand; // optional: a command whose exit status 0 proves the criterion

    bool operator==(const AcceptanceCriterion &) const = default;
};

struct Contract
{
    QString goal;
    QList<AcceptanceCriterion> criteria;
    QStringList scope; // path globs the agent may touch
    QStringList constraints; // rule ids that apply
    QString interfaceNotes;
    Budget budget;

    QJsonObject toJson() const;
    static Result<Contract> fromJson(const QJsonObject &json,
                                     const QString &path = QStringLiteral("contract"));
    bool operator==(const Contract &) const = default;
};

} // namespace harness
