// DiffLayout: row building with folding of long unchanged runs and side-by-side pairing.
#include "difflayout.h"

#include <algorithm>

namespace harness::ui {

namespace {

struct Builder
{
    const Diff &doc;
    const DiffLayoutOptions &options;
    std::vector<DiffRow> rows;

    void comments(int file, int line)
    {
        if (line < 0 || options.commentsByLine.isEmpty())
            return;
        QList<int> ids = options.commentsByLine.values(line);
        std::sort(ids.begin(), ids.end());
        for (int id : ids)
            rows.push_back({DiffRow::Type::Comment, file, line, -1, id});
    }

    void lineRow(int file, int left, int right)
    {
        rows.push_back({DiffRow::Type::Line, file, left, right, 0});
        comments(file, left);
        if (right != left)
            comments(file, right);
    }

    // Emits lines [first, end) of one hunk, pairing change blocks when side by side.
    void emitLines(int file, int first, int end)
    {
        int i = first;
        while (i < end) {
            const DiffLine &line = doc.lines[size_t(i)];
            if (line.kind == DiffLineKind::Context || !options.sideBySide) {
                lineRow(file, i, options.sideBySide ? i : -1);
                ++i;
                continue;
            }
            int removedEnd = i;
            while (removedEnd < end && doc.lines[size_t(removedEnd)].kind == DiffLineKind::Removed)
                ++removedEnd;
            int addedEnd = removedEnd;
            while (addedEnd < end && doc.lines[size_t(addedEnd)].kind == DiffLineKind::Added)
                ++addedEnd;
            const int removed = removedEnd - i, added = addedEnd - removedEnd;
            for (int k = 0; k < qMax(removed, added); ++k)
                lineRow(file, k < removed ? i + k : -1, k < added ? removedEnd + k : -1);
            i = addedEnd;
        }
    }

    void emitHunk(int file, const DiffHunk &hunk)
    {
        const int end = hunk.firstLine + hunk.lineCount;
        const int k = options.foldContext;
        int i = hunk.firstLine;
        int segmentStart = i;
        while (i < end) {
            if (doc.lines[size_t(i)].kind != DiffLineKind::Context || k < 0) {
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
                rows.push_back({DiffRow::Type::Fold, file, hideFirst, hideEnd, hideEnd - hideFirst});
                segmentStart = hideEnd;
            }
            i = runEnd;
        }
        emitLines(file, segmentStart, end);
    }

    void emitFile(int index)
    {
        const DiffFile &file = doc.files[size_t(index)];
        rows.push_back({DiffRow::Type::FileHeader, index, -1, -1, 0});
        if (options.collapsedFiles.contains(index))
            return;
        if (file.binary) {
            rows.push_back({DiffRow::Type::Message, index, -1, -1, int(DiffRowMessage::Binary)});
            return;
        }
        if (file.hunkCount == 0) {
            rows.push_back({DiffRow::Type::Message, index, -1, -1,
                            int(file.modeChanged()                               ? DiffRowMessage::ModeOnly
                                        : file.status == DiffFileStatus::Renamed ? DiffRowMessage::RenameOnly
                                                                                 : DiffRowMessage::Empty)});
            return;
        }
        for (int h = file.firstHunk; h < file.firstHunk + file.hunkCount; ++h) {
            rows.push_back({DiffRow::Type::HunkHeader, index, h, -1, 0});
            emitHunk(index, doc.hunks[size_t(h)]);
        }
    }
};

} // namespace

std::vector<DiffRow> DiffLayout::build(const Diff &doc, const DiffLayoutOptions &options)
{
    Builder builder {doc, options, {}};
    builder.rows.reserve(doc.lines.size() + doc.hunks.size() + doc.files.size() * 2);
    if (options.fileOrder.empty()) {
        for (int i = 0; i < int(doc.files.size()); ++i)
            builder.emitFile(i);
    } else {
        for (int i : options.fileOrder) {
            if (i >= 0 && i < int(doc.files.size()))
                builder.emitFile(i);
        }
    }
    return std::move(builder.rows);
}

bool DiffLayout::startsChange(const Diff &doc, const std::vector<DiffRow> &rows, int row)
{
    auto isChange = [&](int r) {
        if (r < 0 || r >= int(rows.size()) || rows[size_t(r)].type != DiffRow::Type::Line)
            return false;
        const DiffRow &x = rows[size_t(r)];
        const int line = x.left >= 0 ? x.left : x.right;
        const bool leftChanged = x.left >= 0 && doc.lines[size_t(x.left)].kind != DiffLineKind::Context;
        const bool rightChanged = x.right >= 0 && doc.lines[size_t(x.right)].kind != DiffLineKind::Context;
        return line >= 0 && (leftChanged || rightChanged);
    };
    if (!isChange(row))
        return false;
    int previous = row - 1;
    while (previous >= 0 && rows[size_t(previous)].type == DiffRow::Type::Comment)
        --previous;
    return !isChange(previous);
}

} // namespace harness::ui
