// Run: one attempt at a task, in its own worktree on its own branch.
#pragma once

#include "result.h"

#include <QDateTime>
#include <QJsonObject>

namespace harness {

struct Run
{
    QString id; // "R1", "R2", ...
    QString taskId;
    QString baseRef; // the commit or branch the worktree was made from
    QString targetBranch; // where a merge lands
    QString branch; // harness/<task>/<run>
    QString worktreePath;
    QDateTime created;

    QJsonObject toJson() const;
    static Result<Run> fromJson(const QJsonObject &json);
    bool operator==(const Run &) const = default;
};

} // namespace harness
