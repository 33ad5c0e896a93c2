// PlanExtractor: finds the plan JSON in a model's answer (bare, or inside a ```json fence, with prose
// around it) and validates it; the error names the bad field so a repair request can quote it.
#pragma once

#include "core/plan.h"

namespace harness {

class PlanExtractor
{
public:
    static Result<Plan> extract(const QString &answer);
};

} // namespace harness
