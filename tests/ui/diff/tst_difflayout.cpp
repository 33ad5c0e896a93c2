// Tests DiffLayout, the segment layout of the diff views: on random diffs and options (side by side,
// folds, opened folds, collapsed files, file order, comments) it must show exactly the rows of a plain
// row-per-line layout, find the same rows for lines, folds and file headers, and navigate changes the
// same way; and a 1,000,000-line diff must lay out in a few segments, not a row per line.
#include "diff/difflayout.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace harness;
using namespace harness::ui;

namespace {

// The reference: one DiffRow per row, built the obvious way.
struct Reference
{
    const Diff &doc;
    const DiffLayoutOptions &options;
    std::vector<DiffRow> rows;

    void comments(int file, int line)
    {
        if (line < 0)
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
    void emitLines(int file, int first, int end)
    {
        int i = first;
        while (i < end) {
            if (doc.lines[size_t(i)].kind == DiffLineKind::Context || !options.sideBySide) {
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
        const int end = hunk.firstLine + hunk.lineCount, k = options.foldContext;
        int i = hunk.firstLine, segmentStart = i;
        while (i < end) {
            if (doc.lines[size_t(i)].kind != DiffLineKind::Context || k < 0) {
                ++i;
                continue;
            }
            int runEnd = i;
            while (runEnd < end && doc.lines[size_t(runEnd)].kind == DiffLineKind::Context)
                ++runEnd;
            const int hideFirst = i + (i == hunk.firstLine ? 0 : k);
            const int hideEnd = runEnd - (runEnd == end ? 0 : k);
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
            rows.push_back({DiffRow::Type::Message, index, -1, -1, int(DiffRowMessage::Empty)});
            return;
        }
        for (int h = file.firstHunk; h < file.firstHunk + file.hunkCount; ++h) {
            rows.push_back({DiffRow::Type::HunkHeader, index, h, -1, 0});
            emitHunk(index, doc.hunks[size_t(h)]);
        }
    }
    void build()
    {
        if (options.fileOrder.empty()) {
            for (int i = 0; i < int(doc.files.size()); ++i)
                emitFile(i);
        } else {
            for (int i : options.fileOrder)
                emitFile(i);
        }
    }
    bool isChange(int r) const
    {
        if (r < 0 || r >= int(rows.size()) || rows[size_t(r)].type != DiffRow::Type::Line)
            return false;
        const DiffRow &x = rows[size_t(r)];
        return (x.left >= 0 && doc.lines[size_t(x.left)].kind != DiffLineKind::Context) ||
                (x.right >= 0 && doc.lines[size_t(x.right)].kind != DiffLineKind::Context);
    }
    bool startsChange(int r) const
    {
        if (!isChange(r))
            return false;
        int previous = r - 1;
        while (previous >= 0 && rows[size_t(previous)].type == DiffRow::Type::Comment)
            --previous;
        return !isChange(previous);
    }
    int rowOfLine(int line) const
    {
        for (int r = 0; r < int(rows.size()); ++r)
            if (rows[size_t(r)].type == DiffRow::Type::Line &&
                (rows[size_t(r)].left == line || rows[size_t(r)].right == line))
                return r;
        return -1;
    }
};

Diff randomDiff(QRandomGenerator &random)
{
    Diff diff;
    const int files = 1 + int(random.bounded(5));
    for (int f = 0; f < files; ++f) {
        DiffFile file;
        file.oldPath = file.newPath = QStringLiteral("src/f%1.cpp").arg(f);
        file.binary = random.bounded(12) == 0;
        diff.addFile(std::move(file));
        if (diff.files.back().binary || random.bounded(10) == 0)
            continue;
        int oldStart = 1;
        const int hunks = 1 + int(random.bounded(3));
        for (int h = 0; h < hunks; ++h) {
            // Runs of one kind, then the counts the hunk header needs.
            std::vector<DiffLineKind> kinds;
            const int runs = 1 + int(random.bounded(8));
            for (int r = 0; r < runs; ++r) {
                const auto kind = DiffLineKind(random.bounded(3));
                const int length = 1 + int(random.bounded(kind == DiffLineKind::Context ? 14 : 5));
                kinds.insert(kinds.end(), size_t(length), kind);
            }
            int oldCount = 0, newCount = 0;
            for (DiffLineKind k : kinds) {
                oldCount += k != DiffLineKind::Added;
                newCount += k != DiffLineKind::Removed;
            }
            diff.addHunk(oldStart, oldCount, oldStart, newCount);
            for (DiffLineKind k : kinds)
                diff.addLine(k, "line");
            oldStart += oldCount + 20;
        }
    }
    diff.finish();
    return diff;
}

} // namespace

class TestDiffLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheRowsOfARowPerLineLayout()
    {
        QRandomGenerator random(20240611);
        int compared = 0;
        for (int round = 0; round < 400; ++round) {
            const Diff doc = randomDiff(random);
            DiffLayoutOptions options;
            options.sideBySide = random.bounded(2) == 0;
            options.foldContext = std::array {-1, 0, 1, 3}[random.bounded(4)];
            for (int f = 0; f < int(doc.files.size()); ++f) {
                if (random.bounded(6) == 0)
                    options.collapsedFiles.insert(f);
            }
            if (random.bounded(2) == 0) {
                for (int f = int(doc.files.size()) - 1; f >= 0; --f)
                    if (random.bounded(5) != 0)
                        options.fileOrder.push_back(f);
            }
            const int commentCount = int(doc.lines.empty() ? 0 : random.bounded(6));
            for (int c = 0; c < commentCount; ++c)
                options.commentsByLine.insert(int(random.bounded(int(doc.lines.size()))), c);
            // Open some of the folds the layout shows.
            {
                Reference first {doc, options, {}};
                first.build();
                for (const DiffRow &r : first.rows)
                    if (r.type == DiffRow::Type::Fold && random.bounded(3) == 0)
                        options.expandedFolds.insert(r.left);
            }
            Reference reference {doc, options, {}};
            reference.build();
            const DiffLayout layout = DiffLayout::build(doc, options);
            const QString where = QStringLiteral("round %1").arg(round);
            QVERIFY2(layout.rowCount() == int(reference.rows.size()), qPrintable(where));
            for (int r = 0; r < layout.rowCount(); ++r) {
                const DiffRow a = layout.row(r), &b = reference.rows[size_t(r)];
                QVERIFY2(a.type == b.type && a.file == b.file && a.left == b.left && a.right == b.right &&
                                 a.extra == b.extra,
                         qPrintable(QStringLiteral("%1, row %2").arg(where).arg(r)));
                QCOMPARE(layout.startsChange(doc, r), reference.startsChange(r));
                ++compared;
            }
            for (int line = 0; line < int(doc.lines.size()); ++line) {
                QCOMPARE(layout.rowOfLine(doc, line), reference.rowOfLine(line));
                const int fold = layout.rowOfFold(doc, line);
                if (fold >= 0) {
                    QCOMPARE(reference.rows[size_t(fold)].type, DiffRow::Type::Fold);
                    QVERIFY(line >= reference.rows[size_t(fold)].left &&
                            line < reference.rows[size_t(fold)].right);
                }
            }
            for (int f = 0; f < int(doc.files.size()); ++f) {
                const int header = layout.fileHeaderRow(f);
                if (header >= 0)
                    QCOMPARE(reference.rows[size_t(header)].file, f);
                const bool shown = options.fileOrder.empty() ||
                        std::find(options.fileOrder.begin(), options.fileOrder.end(), f) !=
                                options.fileOrder.end();
                QCOMPARE(header >= 0, shown);
            }
            for (int from = -1; from <= layout.rowCount(); ++from) {
                int next = -1, previous = -1;
                for (int r = from + 1; r < layout.rowCount() && next < 0; ++r)
                    if (reference.startsChange(r))
                        next = r;
                for (int r = qMin(from, layout.rowCount()) - 1; r >= 0 && previous < 0; --r)
                    if (reference.startsChange(r))
                        previous = r;
                QCOMPARE(layout.nextChange(doc, from), next);
                QCOMPARE(layout.previousChange(doc, from), previous);
            }
        }
        QVERIFY(compared > 10000);
    }

    void aMillionLinesAreAFewSegments()
    {
        // One file, one hunk: 500,000 removed then 500,000 added lines, with a comment in the middle.
        Diff doc;
        DiffFile file;
        file.oldPath = file.newPath = QStringLiteral("big.cpp");
        doc.addFile(std::move(file));
        doc.addHunk(1, 500000, 1, 500000);
        for (int i = 0; i < 500000; ++i)
            doc.addLine(DiffLineKind::Removed, "x");
        for (int i = 0; i < 500000; ++i)
            doc.addLine(DiffLineKind::Added, "y");
        doc.finish();
        for (const bool sideBySide : {false, true}) {
            DiffLayoutOptions options;
            options.sideBySide = sideBySide;
            options.commentsByLine.insert(700000, 0);
            QElapsedTimer timer;
            timer.start();
            const DiffLayout layout = DiffLayout::build(doc, options);
            const qint64 ms = timer.elapsed();
            QCOMPARE(layout.rowCount(), 2 + (sideBySide ? 500000 : 1000000) + 1);
            QVERIFY2(layout.memoryBytes() < 4096, qPrintable(QString::number(layout.memoryBytes())));
            QVERIFY2(ms < 1000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
            const int row = layout.rowOfLine(doc, 700000);
            QCOMPARE(layout.row(row).type, DiffRow::Type::Line);
            QCOMPARE(layout.row(row + 1).type, DiffRow::Type::Comment);
            QCOMPARE(layout.row(row + 2).type, DiffRow::Type::Line);
            QCOMPARE(layout.nextChange(doc, 0), 2);
            QCOMPARE(layout.nextChange(doc, 2), -1);
            QCOMPARE(layout.previousChange(doc, layout.rowCount() - 1), 2);
        }
    }
};

QTEST_MAIN(TestDiffLayout)
#include "tst_difflayout.moc"
