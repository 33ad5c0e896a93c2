// PlanningStep: one plan round. The round's context is assembled once and recorded; the executor is
// asked for a plan answer; the harness validates it (plan_proposed, with its subtasks, or plan_invalid
// and a bounded retry). A proposed plan is approved by policy or put to the human (ApprovalStep).
// Too many rounds or invalid answers escalate.
#pragma once

#include "phasestep.h"

namespace harness {

class PlanningStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;

    static constexpr int kMaxInvalidAnswers = 3;

private:
    // A plan answer recorded just before a crash whose plan was not read yet.
    static std::optional<std::pair<QString, QString>> unreadAnswer(const QList<Event> &roundEvents);
    static bool autoApproves(const StepContext &ctx, const Plan &plan);
    static StepResult approveByPolicy(StepContext &ctx);
    static StepResult readPlan(StepContext &ctx, const QString &answer, const QString &answeredBy);
};

} // namespace harness
