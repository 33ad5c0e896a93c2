// AuditFilter: which events of the trail to show or export — by actor (exact, or a prefix such as
// "human:" / "agent:") and by kind (exact, or a prefix ending in "*").
#pragma once

#include "core/event.h"

namespace harness::ui {

struct AuditFilter
{
    QString actor;
    QString kind;

    bool isEmpty() const { return actor.isEmpty() && kind.isEmpty(); }
    bool matches(const Event &event) const;
    bool operator==(const AuditFilter &) const = default;
};

} // namespace harness::ui
