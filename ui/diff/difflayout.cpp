// DiffLayout: segment building with folding of long unchanged runs, side-by-side pairing and comment
// rows; row lookup and change navigation over the segments.
#include "difflayout.h"

#include <algorithm>

namespace harness::ui {

struct DiffLayoutBuilder
{
    const Diff &doc;
    const DiffLayoutOptions &options;
    DiffLayout &out;
    std::vector<int> commentLines; // the lines with comments, sorted, each once

    void single(DiffRow::Type type, int file, int left, int right, int extra)
    {
        DiffLayout::Segment s;
        s.firstRow = out.m_rowCount;
        s.type = type;
        s.file = file;
        s.left = left;
        s.right = right;
        s.extra = extra;
        out.m_segments.push_back(s);
        ++out.m_rowCount;
    }

    void comments(int file, int line)
    {
        if (line < 0 || !std::binary_search(commentLines.begin(), commentLines.end(), line))
            return;
        QList<int> ids = options.commentsByLine.values(line);
        std::sort(ids.begin(), ids.end());
        for (int id : ids)
            single(DiffRow::Type::Comment, file, line, -1, id);
    }

    // Rows k in [k0, k1) of a run whose row k shows left + k while k < leftCount and right + k while
    // k < rightCount.
    void run(int file, int left, int leftCount, int right, int rightCount, int k0, int k1)
    {
        if (k1 <= k0)
            return;
        DiffLayout::Segment s;
        s.firstRow = out.m_rowCount;
        s.count = k1 - k0;
        s.file = file;
        s.leftCount = std::clamp(leftCount - k0, 0, s.count);
        s.left = s.leftCount > 0 ? left + k0 : -1;
        s.rightCount = std::clamp(rightCount - k0, 0, s.count);
        s.right = s.rightCount > 0 ? right + k0 : -1;
        out.m_segments.push_back(s);
        out.m_rowCount += s.count;
    }

    // A run of line rows, cut after each row that has comments (they follow their line).
    void lines(int file, int left, int leftCount, int right, int rightCount)
    {
        const int count = qMax(leftCount, rightCount);
        std::vector<int> stops;
        auto collect = [&](int first, int n) {
            if (first < 0 || n <= 0)
                return;
            for (auto it = std::lower_bound(commentLines.begin(), commentLines.end(), first);
                 it != commentLines.end() && *it < first + n; ++it)
                stops.push_back(*it - first);
        };
        collect(left, leftCount);
        collect(right, rightCount); // a context run's sides are the same lines: unique below
        std::sort(stops.begin(), stops.end());
        stops.erase(std::unique(stops.begin(), stops.end()), stops.end());
        int k0 = 0;
        for (int k : stops) {
            run(file, left, leftCount, right, rightCount, k0, k + 1);
            const int l = k < leftCount ? left + k : -1, r = k < rightCount ? right + k : -1;
            comments(file, l);
            if (r != l)
                comments(file, r);
            k0 = k + 1;
        }
        run(file, left, leftCount, right, rightCount, k0, count);
    }

    // Lines [first, end) of one hunk, change blocks paired when side by side.
    void emitLines(int file, int first, int end)
    {
        if (!options.sideBySide) {
            lines(file, first, end - first, -1, 0);
            return;
        }
        int i = first;
        while (i < end) {
            int j = i;
            if (doc.lines[size_t(i)].kind == DiffLineKind::Context) {
                while (j < end && doc.lines[size_t(j)].kind == DiffLineKind::Context)
                    ++j;
                lines(file, i, j - i, i, j - i);
                i = j;
                continue;
            }
            while (j < end && doc.lines[size_t(j)].kind == DiffLineKind::Removed)
                ++j;
            int addedEnd = j;
            while (addedEnd < end && doc.lines[size_t(addedEnd)].kind == DiffLineKind::Added)
                ++addedEnd;
            lines(file, i, j - i, j, addedEnd - j);
            i = addedEnd;
        }
    }

    void emitHunk(int file, const DiffHunk &hunk)
    {
        const int end = hunk.firstLine + hunk.lineCount;
        const int k = options.foldContext;
        if (k < 0) {
            emitLines(file, hunk.firstLine, end);
            return;
        }
        int i = hunk.firstLine;
        int segmentStart = i;
        while (i < end) {
            if (doc.lines[size_t(i)].kind != DiffLineKind::Context) {
                ++i;
                continue;
            }
            int runEnd = i;
            while (runEnd < end && doc.lines[size_t(runEnd)].kind == DiffLineKind::Context)
                ++runEnd;
            const int keepBefore = i == hunk.firstLine ? 0 : k;
            const int keepAfter = runEnd == end ? 0 : k;
            const int hideFirst = i + keepBefore, hideEnd = runEnd - keepAfter;
            if (hideEnd - hideFirst >= 2 && !options.expandedFolds.contains(hideFirst)) {
                emitLines(file, segmentStart, hideFirst);
                single(DiffRow::Type::Fold, file, hideFirst, hideEnd, hideEnd - hideFirst);
                segmentStart = hideEnd;
            }
            i = runEnd;
        }
        emitLines(file, segmentStart, end);
    }

    void emitFile(int index)
    {
        const DiffFile &file = doc.files[size_t(index)];
        const int firstSegment = int(out.m_segments.size());
        single(DiffRow::Type::FileHeader, index, -1, -1, 0);
        if (options.collapsedFiles.contains(index)) {
            // a header only
        } else if (file.binary) {
            single(DiffRow::Type::Message, index, -1, -1, int(DiffRowMessage::Binary));
        } else if (file.hunkCount == 0) {
            single(DiffRow::Type::Message, index, -1, -1,
                   int(file.modeChanged()                               ? DiffRowMessage::ModeOnly
                               : file.status == DiffFileStatus::Renamed ? DiffRowMessage::RenameOnly
                                                                        : DiffRowMessage::Empty));
        } else {
            for (int h = file.firstHunk; h < file.firstHunk + file.hunkCount; ++h) {
                single(DiffRow::Type::HunkHeader, index, h, -1, 0);
                emitHunk(index, doc.hunks[size_t(h)]);
            }
        }
        out.m_fileSegments[size_t(index)] = {firstSegment, int(out.m_segments.size())};
    }
};

DiffLayout DiffLayout::build(const Diff &doc, const DiffLayoutOptions &options)
{
    DiffLayout layout;
    layout.m_fileSegments.assign(doc.files.size(), {0, 0});
    DiffLayoutBuilder builder {doc, options, layout, {}};
    builder.commentLines.reserve(size_t(options.commentsByLine.size()));
    for (auto it = options.commentsByLine.keyBegin(); it != options.commentsByLine.keyEnd(); ++it)
        builder.commentLines.push_back(*it);
    std::sort(builder.commentLines.begin(), builder.commentLines.end());
    builder.commentLines.erase(std::unique(builder.commentLines.begin(), builder.commentLines.end()),
                               builder.commentLines.end());
    if (options.fileOrder.empty()) {
        for (int i = 0; i < int(doc.files.size()); ++i)
            builder.emitFile(i);
    } else {
        for (int i : options.fileOrder) {
            if (i >= 0 && i < int(doc.files.size()))
                builder.emitFile(i);
        }
    }
    layout.m_segments.shrink_to_fit();
    return layout;
}

int DiffLayout::segmentOf(int row) const
{
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), row,
                               [](int value, const Segment &s) { return value < s.firstRow; });
    return int(std::distance(m_segments.begin(), it)) - 1;
}

DiffRow DiffLayout::rowIn(const Segment &s, int row)
{
    if (s.type != DiffRow::Type::Line)
        return {s.type, s.file, s.left, s.right, s.extra};
    const int k = row - s.firstRow;
    return {DiffRow::Type::Line, s.file, k < s.leftCount ? s.left + k : -1,
            k < s.rightCount ? s.right + k : -1, 0};
}

DiffRow DiffLayout::row(int index) const
{
    const int s = segmentOf(index);
    if (s < 0 || index >= m_rowCount)
        return {DiffRow::Type::Message, -1, -1, -1, int(DiffRowMessage::Empty)};
    return rowIn(m_segments[size_t(s)], index);
}

int DiffLayout::rowOfLine(const Diff &doc, int lineIndex) const
{
    const int file = doc.fileOfLine(lineIndex);
    if (file < 0 || file >= int(m_fileSegments.size()))
        return -1;
    const auto [first, end] = m_fileSegments[size_t(file)];
    for (int i = first; i < end; ++i) {
        const Segment &s = m_segments[size_t(i)];
        if (s.type != DiffRow::Type::Line)
            continue;
        if (lineIndex >= s.left && lineIndex < s.left + s.leftCount)
            return s.firstRow + lineIndex - s.left;
        if (lineIndex >= s.right && lineIndex < s.right + s.rightCount)
            return s.firstRow + lineIndex - s.right;
    }
    return -1;
}

int DiffLayout::rowOfFold(const Diff &doc, int lineIndex) const
{
    const int file = doc.fileOfLine(lineIndex);
    if (file < 0 || file >= int(m_fileSegments.size()))
        return -1;
    const auto [first, end] = m_fileSegments[size_t(file)];
    for (int i = first; i < end; ++i) {
        const Segment &s = m_segments[size_t(i)];
        if (s.type == DiffRow::Type::Fold && lineIndex >= s.left && lineIndex < s.right)
            return s.firstRow;
    }
    return -1;
}

int DiffLayout::fileHeaderRow(int file) const
{
    if (file < 0 || file >= int(m_fileSegments.size()))
        return -1;
    const auto [first, end] = m_fileSegments[size_t(file)];
    return end > first ? m_segments[size_t(first)].firstRow : -1;
}

namespace {
bool isChangeRow(const Diff &doc, const DiffRow &x)
{
    if (x.type != DiffRow::Type::Line)
        return false;
    const bool leftChanged = x.left >= 0 && doc.lines[size_t(x.left)].kind != DiffLineKind::Context;
    const bool rightChanged = x.right >= 0 && doc.lines[size_t(x.right)].kind != DiffLineKind::Context;
    return leftChanged || rightChanged;
}
} // namespace

bool DiffLayout::isChange(const Diff &doc, int r) const
{
    return r >= 0 && r < m_rowCount && isChangeRow(doc, row(r));
}

bool DiffLayout::startsChange(const Diff &doc, int r) const
{
    if (!isChange(doc, r))
        return false;
    int previous = r - 1;
    while (previous >= 0 && row(previous).type == DiffRow::Type::Comment)
        --previous;
    return !isChange(doc, previous);
}

int DiffLayout::nextChange(const Diff &doc, int from) const
{
    const int start = qMax(0, from + 1);
    if (start >= m_rowCount)
        return -1;
    // Whether the last row before start that is not a comment is a change.
    bool previous = false;
    for (int r = start - 1; r >= 0; --r) {
        const DiffRow x = row(r);
        if (x.type != DiffRow::Type::Comment) {
            previous = isChangeRow(doc, x);
            break;
        }
    }
    for (size_t s = size_t(segmentOf(start)); s < m_segments.size(); ++s) {
        const Segment &seg = m_segments[s];
        if (seg.type == DiffRow::Type::Comment)
            continue;
        for (int k = qMax(0, start - seg.firstRow); k < seg.count; ++k) {
            const bool change = isChangeRow(doc, rowIn(seg, seg.firstRow + k));
            if (change && !previous)
                return seg.firstRow + k;
            previous = change;
        }
    }
    return -1;
}

int DiffLayout::previousChange(const Diff &doc, int from) const
{
    const int start = qMin(from - 1, m_rowCount - 1);
    if (start < 0)
        return -1;
    // Going up, a change row is where a change starts when the row above it (not a comment) is none.
    int candidate = -1;
    for (int s = segmentOf(start); s >= 0; --s) {
        const Segment &seg = m_segments[size_t(s)];
        if (seg.type == DiffRow::Type::Comment)
            continue;
        for (int k = qMin(seg.count - 1, start - seg.firstRow); k >= 0; --k) {
            const bool change = isChangeRow(doc, rowIn(seg, seg.firstRow + k));
            if (candidate >= 0 && !change)
                return candidate;
            candidate = change ? seg.firstRow + k : -1;
        }
    }
    return candidate;
}

qint64 DiffLayout::memoryBytes() const
{
    return qint64(m_segments.capacity() * sizeof(Segment) +
                  m_fileSegments.capacity() * sizeof(std::pair<int, int>));
}

} // namespace harness::ui
