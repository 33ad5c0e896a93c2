// DiffDocument: a parsed `git diff` kept as its raw bytes plus a compact index of files, hunks and lines,
// so that a 100,000-line diff costs a few megabytes and each line is decoded only when it is painted.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace harness::ui {

enum class DiffLineKind : quint8 { Context, Added, Removed };

enum class DiffFileStatus : quint8 { Modified, Added, Deleted, Renamed, Copied };

// One line of a hunk: where its text sits in the raw bytes, and its numbers on each side (0 = none).
struct DiffLine
{
    enum Flag : quint8 {
        CarriageReturn = 1, // the line ended in CRLF; the \r is not part of the shown text
        NoNewlineAtEnd = 2, // "\ No newline at end of file" followed this line
    };
    quint32 offset = 0; // of the text after the +/-/space marker
    quint32 length = 0; // without \r and \n
    quint32 oldLine = 0;
    quint32 newLine = 0;
    qint32 partner = -1; // the removed line this added line replaces (or the reverse), for word diff
    qint32 hunk = -1;
    DiffLineKind kind = DiffLineKind::Context;
    quint8 flags = 0;
};

struct DiffHunk
{
    int file = -1;
    int firstLine = 0; // index into DiffDocument::lines
    int lineCount = 0;
    int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
    QString section; // the function name git prints after the @@ header
};

struct DiffFile
{
    QString oldPath; // empty for an added file
    QString newPath; // empty for a deleted file
    DiffFileStatus status = DiffFileStatus::Modified;
    bool binary = false;
    QString oldMode, newMode; // set when the mode changed (or on add/delete)
    int similarity = -1; // rename/copy similarity in percent
    int added = 0, removed = 0;
    int firstHunk = 0, hunkCount = 0;
    int firstLine = 0, lineCount = 0;

    QString path() const { return newPath.isEmpty() ? oldPath : newPath; }
    bool modeChanged() const { return !oldMode.isEmpty() && !newMode.isEmpty() && oldMode != newMode; }
    QString statusText() const; // translated: "added", "renamed (92%)", "binary", "mode 100644 → 100755"
};

class DiffDocument
{
public:
    QByteArray raw;
    std::vector<DiffFile> files;
    std::vector<DiffHunk> hunks;
    std::vector<DiffLine> lines;
    int totalAdded = 0, totalRemoved = 0;

    // Decoded text of a line (invalid UTF-8 becomes U+FFFD); invalidUtf8 tells whether that happened.
    QString lineText(int index, bool *invalidUtf8 = nullptr) const;
    QByteArrayView lineBytes(int index) const;
    // The file index holding a line, and the line index showing a file's new- (or old-) side line number.
    int fileOfLine(int lineIndex) const;
    int findLine(int file, int lineNumber, bool newSide = true) const;
    int fileIndex(const QString &path) const;
    qint64 memoryBytes() const;

    // A whole file shown as unchanged lines, for a location that is not part of the diff.
    static DiffDocument fromFileContent(const QString &path, QByteArray content);
};

using DiffDocumentPtr = std::shared_ptr<const DiffDocument>;

} // namespace harness::ui
