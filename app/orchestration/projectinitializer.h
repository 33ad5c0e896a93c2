// ProjectInitializer: `harness init` — writes .harness/rules.json, .harness/gates.json and AGENTS.md
// from the built-in defaults when absent, never overwriting an existing file.
#pragma once

#include "core/result.h"

#include <QStringList>

namespace harness {

struct InitReport
{
    QStringList created;
    QStringList kept; // already present, left untouched
};

class ProjectInitializer
{
public:
    static Result<InitReport> initialize(const QString &repositoryRoot);
    // `git init` in a folder that is not inside a repository yet (the workbench offers it when such a
    // folder is opened); the folder's files are left as they are. Blocking.
    static Status initGitRepository(const QString &folder);
    // The built-in default text of ".harness/rules.json", ".harness/gates.json" or "AGENTS.md".
    static QByteArray defaultFile(const QString &relativePath);
};

} // namespace harness
