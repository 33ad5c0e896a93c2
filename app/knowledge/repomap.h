// RepoMap: a compact map of a repository for the agent's context — directories with file counts and,
// within a byte budget, file names with their top-level symbols; ignored files are left out.
#pragma once

#include <QString>
#include <QStringList>

namespace harness {

struct RepoMapOptions
{
    qint64 maxBytes = 16 * 1024; // UTF-8 size of the rendered text, notes included
    int maxSymbolsPerFile = 8;
    qint64 maxFileBytesForSymbols = 256 * 1024; // larger files are listed without symbols
    int gitTimeoutMs = 30000;
    // Scope globs or directories (e.g. the contract's scope) whose files are listed first and whose
    // directories are never folded away.
    QStringList focus;
};

struct RepoMap
{
    QString text;
    int fileCount = 0;
    int directoryCount = 0; // directories that hold files, the root included
    int listedDirectories = 0; // directories whose files are named in the text
    int elidedDirectories = 0; // directories shown only as a count (or not at all)
    bool fromGit = false; // file list from `git ls-files` (ignored files excluded)
    bool truncated = false; // something was left out to stay within maxBytes
    QString error; // when the tree could not be read at all

    // Lists the files (git ls-files -co --exclude-standard when repoRoot is inside a git work tree, so
    // .gitignore is respected; otherwise a directory walk that skips .git), then renders:
    //   1. the directory tree with file counts (always; deepest levels folded into their parents when
    //      even the tree does not fit),
    //   2. each directory's files with their symbols, shallow directories first, while the budget lasts
    //      (a directory that does not fit with symbols is tried with bare file names).
    // Blocking (runs git and reads headers); call it from a worker thread in the GUI.
    static RepoMap build(const QString &repoRoot, const RepoMapOptions &options = {});

    // The same rendering from a given list of repository-relative file paths (used by build()).
    // fromGit only changes the header's wording.
    static RepoMap render(const QString &repoRoot, const QStringList &files, const RepoMapOptions &options,
                          bool fromGit = false);

    // The repository-relative file list build() uses; sets *fromGit. Empty with *error on failure.
    static QStringList listFiles(const QString &repoRoot, int gitTimeoutMs, bool *fromGit, QString *error);
};

} // namespace harness
