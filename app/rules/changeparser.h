// ChangeParser: parses `git diff` / unified diff text into files, hunks and numbered lines, read-only,
// for changed-file checks, secret scans of diffs, the test-integrity and coverage gates and new rules.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace harness {

struct ChangeLine
{
    enum class Kind { Context, Added, Removed };
    Kind kind = Kind::Context;
    int oldLine = 0; // 0 for added lines
    int newLine = 0; // 0 for removed lines
    QString text; // without the leading ' ', '+' or '-'
};

struct ChangeHunk
{
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QString section; // text after the second "@@", often the enclosing function
    QList<ChangeLine> lines;
};

struct FileChange
{
    QString oldPath; // empty for an added file
    QString newPath; // empty for a deleted file
    bool binary = false;
    QList<ChangeHunk> hunks;

    bool isAdded() const { return oldPath.isEmpty() && !newPath.isEmpty(); }
    bool isDeleted() const { return newPath.isEmpty() && !oldPath.isEmpty(); }
    QString path() const { return newPath.isEmpty() ? oldPath : newPath; }
    QList<ChangeLine> addedLines() const;
    QList<ChangeLine> removedLines() const;
};

class ChangeParser
{
public:
    static QList<FileChange> parse(const QByteArray &text);
};

} // namespace harness
