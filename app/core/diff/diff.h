// Diff: the one model of a unified diff (files -> hunks -> lines) that the rules engine, apply_patch and
// the Diff view all read. DiffParser makes it from git's patch text, DiffWriter writes it back; the
// format itself is described in diffparser.h. Line text stays as bytes in one buffer and is decoded
// only when asked for, so a line costs 24 bytes besides its text.
#pragma once

#include <QByteArray>
#include <QString>

#include <span>
#include <vector>

namespace harness {

enum class DiffLineKind : quint8 { Context, Added, Removed };

enum class DiffFileStatus : quint8 { Modified, Added, Deleted, Renamed, Copied };

// One line of a hunk: where its bytes sit in Diff::text, and its number on each side (0 = not there).
struct DiffLine
{
    enum Flag : quint8 {
        CarriageReturn = 1, // the line ended in CRLF; the \r is not part of its text
        NoNewlineAtEnd = 2, // "\ No newline at end of file" followed this line
    };
    quint32 offset = 0; // of the text after the ' ', '+' or '-' marker
    quint32 length = 0; // without \r and \n
    quint32 oldLine = 0;
    quint32 newLine = 0;
    // In a block of removed lines followed by added lines, the i-th removed and the i-th added line
    // replace each other (the pairing a word-level comparison uses); -1 when there is none.
    qint32 partner = -1;
    DiffLineKind kind = DiffLineKind::Context;
    quint8 flags = 0;
};
static_assert(sizeof(DiffLine) == 24, "a line of a 1,000,000-line diff costs 24 bytes");

struct DiffHunk
{
    int file = -1;
    int firstLine = 0; // index into Diff::lines
    int lineCount = 0;
    int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
    QString section; // what git prints after the second "@@" (often the enclosing function)
};

struct DiffFile
{
    QString oldPath; // decoded, without the a/ prefix; empty for an added file (/dev/null)
    QString newPath; // decoded, without the b/ prefix; empty for a deleted file (/dev/null)
    DiffFileStatus status = DiffFileStatus::Modified;
    QString oldMode, newMode; // "100644"; both equal when git printed the unchanged mode on "index"
    int similarity = -1; // rename or copy similarity in percent
    int dissimilarity = -1; // a rewrite's dissimilarity in percent
    QString oldBlob, newBlob; // the abbreviated object ids of the "index" line
    bool binary = false;
    QByteArray binaryPatch; // what follows "GIT binary patch" (git diff --binary), verbatim
    int added = 0, removed = 0;
    int firstHunk = 0, hunkCount = 0; // into Diff::hunks
    int firstLine = 0, lineCount = 0; // into Diff::lines

    QString path() const { return newPath.isEmpty() ? oldPath : newPath; }
    bool isAdded() const { return status == DiffFileStatus::Added; }
    bool isDeleted() const { return status == DiffFileStatus::Deleted; }
    bool modeChanged() const { return !oldMode.isEmpty() && !newMode.isEmpty() && oldMode != newMode; }
};

class Diff
{
public:
    QByteArray text; // the bytes every line's offset points into (the parsed patch text, or built ones)
    std::vector<DiffFile> files;
    std::vector<DiffHunk> hunks;
    std::vector<DiffLine> lines;
    int totalAdded = 0, totalRemoved = 0;

    std::span<const DiffHunk> hunksOf(const DiffFile &file) const;
    std::span<const DiffLine> linesOf(const DiffFile &file) const;
    std::span<const DiffLine> linesOf(const DiffHunk &hunk) const;
    QByteArrayView lineBytes(const DiffLine &line) const;
    QByteArrayView lineBytes(int index) const;
    // Decoded text of a line (invalid UTF-8 becomes U+FFFD); invalidUtf8 tells whether that happened.
    QString lineText(const DiffLine &line, bool *invalidUtf8 = nullptr) const;
    QString lineText(int index, bool *invalidUtf8 = nullptr) const;

    // The file (hunk) index holding a line, and the line index showing a file's new- (or old-) side number.
    int fileOfLine(int lineIndex) const;
    int hunkOfLine(int lineIndex) const;
    int findLine(int file, int lineNumber, bool newSide = true) const;
    int fileIndex(const QString &path) const; // by either side's path; -1 when absent
    qint64 memoryBytes() const;

    // Building, in order: a file, then its hunks, each followed by its lines. The parser builds through
    // these too, so line numbers, counts and pairing are kept in one place.
    DiffFile &addFile(DiffFile file);
    DiffHunk &addHunk(int oldStart, int oldCount, int newStart, int newCount, QString section = {});
    // A line whose bytes are already in text (the parser), or bytes to append to text.
    void addLineAt(DiffLineKind kind, quint32 offset, quint32 length, quint8 flags = 0);
    void addLine(DiffLineKind kind, QByteArrayView bytes, quint8 flags = 0);
    void markNoNewlineAtEnd(); // on the last line added
    void finish(); // closes the last file; call once after the last line

    // The same files, hunks and line bytes (where the bytes sit in text does not matter).
    bool operator==(const Diff &other) const;

    // A whole file shown as unchanged lines, for a location that is not part of a diff.
    static Diff fromFileContent(const QString &path, QByteArray content);

private:
    void pairBlock();
    int m_blockRemoved = -1, m_removedCount = 0, m_blockAdded = -1, m_addedCount = 0;
    quint32 m_oldNo = 0, m_newNo = 0;
};

} // namespace harness
