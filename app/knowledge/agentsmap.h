// AgentsMap: the AGENTS.md files that govern a task's scope, found from the repository root down to the
// scope's directories and concatenated root to leaf (reference notes section 3, Codex's discovery rules).
#pragma once

#include <QString>
#include <QStringList>

namespace harness {

struct AgentsMap
{
    static constexpr qint64 kDefaultMaxBytes = 32 * 1024;

    QString repoRoot; // absolute, as given to discover()
    QString text; // what goes into the context: preamble, then each file under a header line
    QStringList files; // repository-relative paths of the files used, root first
    QStringList cutFiles; // files shortened or left out by the size cap (the last one may be partly shown)
    bool truncated = false;

    // Walks each directory from repoRoot down to every scope's directory (a glob such as "src/net/**"
    // or "src/net/*.cpp" scopes to "src/net"; a plain path scopes to itself). Several scopes give the
    // union of their chains, each directory once, root first, then parents before children. In each
    // directory AGENTS.override.md is taken if it is non-empty, else AGENTS.md if non-empty. The text is
    // capped at maxBytes of UTF-8 (cut on a character boundary) with a note saying what was cut.
    // Scopes that are absolute paths outside repoRoot or that contain ".." are ignored.
    // Blocking file I/O; safe to call from a worker thread.
    static AgentsMap discover(const QString &repoRoot, const QStringList &scopeGlobsOrPaths,
                              qint64 maxBytes = kDefaultMaxBytes);

    // The repository-relative path of the AGENTS.md (or AGENTS.override.md) that governs filePath
    // (relative to repoRoot or absolute inside it): the nearest one in filePath's directory or above.
    // Empty when none does.
    QString nearestFor(const QString &filePath) const;

    // The file chosen in one directory (relative path), or empty: AGENTS.override.md, else AGENTS.md.
    static QString agentsFileIn(const QString &repoRoot, const QString &relativeDir);

    // The directory a scope entry narrows to, relative to repoRoot ("" for the root), or a null
    // QString when the entry is not usable (escapes the root).
    static QString scopeDirectory(const QString &repoRoot, const QString &scope);
};

} // namespace harness
