// DemoProject: the bundled demo (resources/demo/) — a small real Python project with its AGENTS.md,
// layer rules, gates and a recorded replay transcript — written into a folder as a fresh git repository.
#pragma once

#include "core/task.h"
#include "store/store.h"

#include <QLockFile>
#include <memory>

namespace harness {

// The programs the demo runs; tests point them at missing ones.
struct DemoTools
{
    QString git; // empty: the git GitRunner starts
    QString bwrap; // empty: bwrap from PATH
    QString python = QStringLiteral("python3");
};

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
    // What the demo needs on this machine and does not find — git, a sandbox that starts, python3 with
    // pytest for its tests gate — one sentence each saying what to install; empty when it can run.
    // BLOCKS for the few hundred milliseconds python3 takes to import pytest: call it off the GUI thread.
    static QStringList missingRequirements(const DemoTools &tools = {});

    // Copies of the demo kept in one folder (the workbench's `--demo`): a new, unused folder name there.
    static QString newCopyPath(const QString &base);
    // Marks a copy as in use for as long as the returned lock lives (nullptr if another process has it).
    static std::unique_ptr<QLockFile> claimCopy(const QString &copyRoot);
    // Removes the copies in base (folders named units-<time>, with their -state.sqlite files) beyond
    // the `keep` newest, skipping those in use. Returns the folders removed.
    static QStringList removeOldCopies(const QString &base, int keep);
};

} // namespace harness
