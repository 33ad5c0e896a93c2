// RepositoryCheck: decides whether a directory can be opened as a repository, and finds its root
// (the directory holding .git) when a subdirectory was chosen.
#pragma once

#include "core/result.h"

namespace harness::ui {

struct RepositoryCheck
{
    // The repository root for path, or an error saying why it cannot be opened.
    static Result<QString> rootOf(const QString &path);
};

} // namespace harness::ui
