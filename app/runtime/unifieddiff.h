// UnifiedDiff: a strict parser and applier for unified diffs (as produced by `git diff` / `diff -u`),
// keeping the parsed structure (files, hunks, lines with old/new line numbers) for the apply_patch tool
// and for views that show diffs.
#pragma once

#include "core/result.h"
#include "textsnapshot.h"

#include <QList>
#include <QString>

namespace harness {

struct DiffLine
{
    enum class Kind { Context, Added, Removed };
    Kind kind = Kind::Context;
    QString text;
    int oldLine = 0; // 1-based line in the old file, 0 for added lines
    int newLine = 0; // 1-based line in the new file, 0 for removed lines
    bool noNewlineAtEnd = false; // followed by "\ No newline at end of file"
    bool operator==(const DiffLine &) const = default;
};

struct DiffHunk
{
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QString section; // text after the second "@@", e.g. a function name
    QList<DiffLine> lines;
    bool operator==(const DiffHunk &) const = default;
};

struct FileDiff
{
    QString oldPath; // without the a/ prefix; empty for a new file (/dev/null)
    QString newPath; // without the b/ prefix; empty for a deleted file (/dev/null)
    QList<DiffHunk> hunks;

    bool isNew() const { return oldPath.isEmpty(); }
    bool isDeleted() const { return newPath.isEmpty(); }
    bool isRename() const { return !isNew() && !isDeleted() && oldPath != newPath; }
    QString path() const { return isDeleted() ? oldPath : newPath; }
    int added() const;
    int removed() const;
    bool operator==(const FileDiff &) const = default;
};

class UnifiedDiff
{
public:
    // Strict: every hunk's line counts must match its header, lines must start with ' ', '+', '-' or '\',
    // and nothing but `diff --git`/`index`/mode/rename header lines may appear outside hunks. Errors name
    // the input line. Binary patches are refused.
    static Result<UnifiedDiff> parse(const QString &text);

    const QList<FileDiff> &files() const { return m_files; }

    // Applies one file's hunks to its old content exactly where the headers say (no fuzz, no offset).
    // For a new file pass an empty snapshot. The error names the hunk and the first line that differs.
    static Result<TextSnapshot> apply(const FileDiff &file, const TextSnapshot &original);

private:
    QList<FileDiff> m_files;
};

} // namespace harness
