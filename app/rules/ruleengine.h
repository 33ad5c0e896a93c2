// RuleEngine: checks a tree (or the files a change touches) against a RuleSet — layer directions,
// file-size limits, forbidden patterns and imports, secrets — reading and scanning files in parallel.
// Blocking: call from a worker thread (QtConcurrent::run) in a GUI.
#pragma once

#include "dependencygraph.h"
#include "ruleset.h"

#include <optional>

namespace harness {

struct CheckReport
{
    QList<Finding> findings; // sorted by file, line, column, rule
    DependencyGraph graph; // dependencies of the files checked
    int filesInTree = 0;
    int filesChecked = 0;
    QString compileCommands; // the compile_commands.json used to resolve includes, if any
    qint64 elapsedMs = 0;
};

class RuleEngine
{
public:
    // root: the tree; changedFiles: when set, only these files (relative paths) are checked, and only
    // their outgoing dependencies; compileCommands: a compile_commands.json to use instead of the
    // default lookup (root and root/build).
    static Result<CheckReport> run(const QString &root, const RuleSet &rules,
                                   const std::optional<QStringList> &changedFiles = std::nullopt,
                                   const QString &compileCommands = {});
    static Result<QList<Finding>> check(const QString &root, const RuleSet &rules,
                                        const std::optional<QStringList> &changedFiles = std::nullopt);

    static constexpr const char *kSource = "rules";
};

} // namespace harness
