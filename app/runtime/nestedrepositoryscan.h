// NestedRepositoryScan: finds the git repositories an agent made inside its worktree — a `.git`
// directory, file or link below the root, a directory shaped like a bare repository, a root `.git` that
// points back into the tree — reading the file system only (no git, no link followed), so that the
// harness refuses to run its own git on such a tree: git would obey that repository's configuration.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>

namespace harness {

struct NestedRepository
{
    QString path; // relative to the worktree root ('/'-separated); "." for the root itself
    QString found; // git_directory, git_file, git_link, bare_repository, git_pointer, too_deep
    QString detail; // the gitdir a .git file names, where a link points, ...
    QJsonObject toJson() const;
    QString describe() const; // "vendor/lib (a .git directory: a repository of its own)"
};

class NestedRepositoryScan
{
public:
    // Error::field of a refusal, so that callers can tell it from other failures.
    static constexpr QLatin1StringView kErrorCode {"nested_repository"};
    // Where a refusal stops work, the audited event is kinds::SecurityViolation (SecurityViolationPayload).

    // Everything repository-shaped under root, from the file system alone. Stops after `limit` finds.
    static QList<NestedRepository> candidates(const QString &root, int limit = 20);
    // The candidates that are not allowed: all but registered submodules (a gitlink at HEAD whose .git
    // file points into the repository's own modules directory) and bare-repository fixtures tracked at
    // HEAD without a change. Runs git only for those exceptions, which are rare.
    static QList<NestedRepository> violations(const QString &root);
    // Success, or a failure with field kErrorCode saying what was found, where, and what to do.
    static Status check(const QString &root);
    static QString message(const QString &root, const QList<NestedRepository> &found);
};

} // namespace harness
