// DemoProject: the bundled demo (resources/demo/) — a small real Python project with its AGENTS.md,
// layer rules, gates and a recorded replay transcript — written into a folder as a fresh git repository.
#pragma once

#include "core/task.h"
#include "store/store.h"

namespace harness {

struct DemoLocation
{
    QString repositoryRoot;
    QString storeSpec; // a SQLite file beside the repository, so the demo leaves the user's data alone
};

class DemoProject
{
public:
    // Writes the project into `root` (which must not exist or be empty), commits it on branch main.
    static Result<DemoLocation> materialize(const QString &root);
    // Adds the demo's task (resources/demo/task.json) to the store.
    static Result<Task> addTask(Store &store);
};

} // namespace harness
