// AuditFilter: prefix matching keeps "all agents" or "all gate_* events" one entry away.
#include "auditfilter.h"

namespace harness::ui {

namespace {
bool matchesPattern(const QString &pattern, const QString &value)
{
    if (pattern.isEmpty())
        return true;
    if (pattern.endsWith(QLatin1Char('*')))
        return value.startsWith(pattern.chopped(1));
    if (pattern.endsWith(QLatin1Char(':')))
        return value.startsWith(pattern);
    return value == pattern;
}
} // namespace

bool AuditFilter::matches(const Event &event) const
{
    return matchesPattern(actor.trimmed(), event.actor) && matchesPattern(kind.trimmed(), event.kind);
}

} // namespace harness::ui
