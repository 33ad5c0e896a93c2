// DiffLayout: the rows a diff view shows — file headers, hunk headers, lines (unified, or paired side by
// side), folded unchanged regions and comments. Runs of line rows are kept as segments (first line on
// each side and a count), not a row per line, so a 1,000,000-line diff lays out in a few thousand
// segments and a row is found by a binary search; building reads each line's kind once and writes
// nothing per line.
#pragma once

#include "diffdocument.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace harness::ui {

enum class DiffRowMessage : qint32 { Binary, ModeOnly, RenameOnly, Empty };

struct DiffRow
{
    enum class Type : quint8 { FileHeader, HunkHeader, Line, Fold, Comment, Message };
    Type type = Type::Line;
    qint32 file = -1;
    qint32 left = -1; // unified: the line; side by side: the old-side line (or -1); fold: first hidden;
                      // hunk header: the hunk
    qint32 right = -1; // side by side: the new-side line (or -1); fold: one past the last hidden line
    qint32 extra = 0; // fold: hidden line count; comment: comment index; message: DiffRow::Message kind
};

struct DiffLayoutOptions
{
    bool sideBySide = false;
    std::vector<int> fileOrder; // files in the order shown; empty = document order
    QSet<int> collapsedFiles; // files shown as a header only
    int foldContext = 3; // unchanged lines kept around changes; < 0 disables folding
    QSet<int> expandedFolds; // first hidden line index of each fold the user opened
    QMultiHash<int, int> commentsByLine; // line index → comment index
};

class DiffLayout
{
public:
    static DiffLayout build(const Diff &doc, const DiffLayoutOptions &options);

    int rowCount() const { return m_rowCount; }
    DiffRow row(int index) const; // index in [0, rowCount())
    // The first row showing the line (on either side), or -1 when it is folded, collapsed or not shown.
    int rowOfLine(const Diff &doc, int lineIndex) const;
    int rowOfFold(const Diff &doc, int lineIndex) const; // the fold row hiding the line, or -1
    int fileHeaderRow(int file) const; // -1 when the file is not shown
    // A row with a change (added or removed line) that starts a change block.
    bool startsChange(const Diff &doc, int row) const;
    // The next (previous) row after (before) `from` that starts a change, or -1.
    int nextChange(const Diff &doc, int from) const;
    int previousChange(const Diff &doc, int from) const;
    qint64 memoryBytes() const;

private:
    // A single row (type other than Line, or one line row), or a run of line rows: row k of the run shows
    // left + k while k < leftCount, right + k while k < rightCount (else -1 on that side).
    struct Segment
    {
        qint32 firstRow = 0;
        qint32 count = 1;
        qint32 file = -1;
        qint32 left = -1, leftCount = 0, right = -1, rightCount = 0;
        qint32 extra = 0;
        DiffRow::Type type = DiffRow::Type::Line;
    };
    friend struct DiffLayoutBuilder;
    int segmentOf(int row) const;
    static DiffRow rowIn(const Segment &segment, int row);
    bool isChange(const Diff &doc, int row) const;

    std::vector<Segment> m_segments;
    std::vector<std::pair<int, int>> m_fileSegments; // file → [first, end) of its segments; {0, 0}: hidden
    int m_rowCount = 0;
};

} // namespace harness::ui
