// Run JSON round-trip.
#include "run.h"
#include "jsonreader.h"

namespace harness {

QJsonObject Run::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("task"), taskId},
                        {QStringLiteral("base"), baseRef},
                        {QStringLiteral("target"), targetBranch},
                        {QStringLiteral("branch"), branch},
                        {QStringLiteral("worktree"), worktreePath},
                        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)}};
}

Result<Run> Run::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Run run;
    run.id = r.string(QStringLiteral("id"));
    run.taskId = r.string(QStringLiteral("task"));
    run.baseRef = r.optionalString(QStringLiteral("base"));
    run.targetBranch = r.optionalString(QStringLiteral("target"));
    run.branch = r.optionalString(QStringLiteral("branch"));
    run.worktreePath = r.optionalString(QStringLiteral("worktree"));
    run.created = QDateTime::fromString(r.optionalString(QStringLiteral("created")), Qt::ISODateWithMs);
    if (!r.ok())
        return r.error();
    return run;
}

} // namespace harness
