// Validation and single-pass application of anchored edit batches.
#include "anchorededitor.h"

#include <algorithm>

namespace harness {

namespace {
// One operation reduced to "at snapshot index pos, remove count lines, put these lines there".
struct Splice
{
    int pos = 0; // 0-based index in the snapshot
    int count = 0; // lines removed
    const QStringList *lines = nullptr;
    int order = 0; // position in the batch
};

QString staleContext(const TextSnapshot &s, const QList<int> &lines)
{
    // Merge the windows around each stale line, bounded in total.
    QList<QPair<int, int>> windows;
    for (int line : lines) {
        int first = qMax(1, qMin(line, s.lineCount()) - AnchoredEditor::kContextLines);
        int last = qMin(s.lineCount(), line + AnchoredEditor::kContextLines);
        if (!windows.isEmpty() && first <= windows.last().second + 1)
            windows.last().second = qMax(windows.last().second, last);
        else
            windows.append({first, last});
    }
    QString out;
    int shown = 0;
    for (const auto &w : windows) {
        if (shown >= AnchoredEditor::kMaxReportedLines)
            break;
        const int last = qMin(w.second, w.first + AnchoredEditor::kMaxReportedLines - shown - 1);
        if (!out.isEmpty())
            out += QStringLiteral("...\n");
        out += s.formatRange(w.first, last);
        shown += last - w.first + 1;
    }
    return out;
}
} // namespace

EditBatchResult AnchoredEditor::apply(const TextSnapshot &snapshot, const QList<EditOperation> &operations)
{
    EditBatchResult r;
    const int n = snapshot.lineCount();
    if (operations.isEmpty()) {
        r.error = QStringLiteral("no edits given");
        return r;
    }

    // 1. Validate every anchor against the one snapshot.
    QList<int> staleLines;
    const auto check = [&](const LineAnchor &a) {
        if (a.line > n) {
            r.staleAnchors << a.toString();
            staleLines << a.line;
            return;
        }
        if (!a.matches(snapshot.lines.at(a.line - 1))) {
            r.staleAnchors << a.toString();
            staleLines << a.line;
        }
    };
    for (const EditOperation &op : operations) {
        switch (op.kind) {
        case EditOperation::Kind::Replace:
        case EditOperation::Kind::Delete:
            check(op.start);
            if (op.end.line != op.start.line)
                check(op.end);
            break;
        case EditOperation::Kind::InsertBefore:
        case EditOperation::Kind::InsertAfter:
            check(op.start);
            break;
        case EditOperation::Kind::Prepend:
        case EditOperation::Kind::Append:
            break;
        }
    }
    if (!r.staleAnchors.isEmpty()) {
        std::sort(staleLines.begin(), staleLines.end());
        staleLines.erase(std::unique(staleLines.begin(), staleLines.end()), staleLines.end());
        r.error =
                QStringLiteral("stale anchor(s) %1: the file has %2 lines and they no longer match; nothing "
                               "was changed. Use the current lines below and send the whole batch again.")
                        .arg(r.staleAnchors.join(QStringLiteral(", ")))
                        .arg(n);
        r.currentLines = n == 0 ? QString() : staleContext(snapshot, staleLines);
        return r;
    }

    // 2. Reduce to splices and refuse overlaps.
    QList<Splice> splices;
    splices.reserve(operations.size());
    for (int i = 0; i < operations.size(); ++i) {
        const EditOperation &op = operations.at(i);
        Splice s;
        s.order = i;
        s.lines = &op.lines;
        switch (op.kind) {
        case EditOperation::Kind::Replace:
        case EditOperation::Kind::Delete:
            s.pos = op.start.line - 1;
            s.count = op.end.line - op.start.line + 1;
            break;
        case EditOperation::Kind::InsertBefore:
            s.pos = op.start.line - 1;
            break;
        case EditOperation::Kind::InsertAfter:
            s.pos = op.start.line;
            break;
        case EditOperation::Kind::Prepend:
            s.pos = 0;
            break;
        case EditOperation::Kind::Append:
            s.pos = n;
            break;
        }
        splices.append(s);
    }
    // Insertions at a position come before a removal starting there; otherwise batch order.
    std::stable_sort(splices.begin(), splices.end(), [](const Splice &a, const Splice &b) {
        if (a.pos != b.pos)
            return a.pos < b.pos;
        if ((a.count > 0) != (b.count > 0))
            return a.count == 0;
        return a.order < b.order;
    });
    int coveredUntil = -1; // first index after the last removal seen
    int coveringOrder = -1;
    for (const Splice &s : splices) {
        if (s.pos < coveredUntil) {
            r.error = QStringLiteral("edits %1 and %2 overlap: each line may be changed by one edit only; "
                                     "merge them into one replace")
                              .arg(qMin(coveringOrder, s.order))
                              .arg(qMax(coveringOrder, s.order));
            return r;
        }
        if (s.count > 0) {
            coveredUntil = s.pos + s.count;
            coveringOrder = s.order;
        }
    }

    // 3. One pass over the snapshot, equivalent to applying the splices bottom-up.
    TextSnapshot out;
    out.eol = snapshot.eol;
    out.trailingNewline = snapshot.trailingNewline || n == 0;
    out.lines.reserve(n + 16);
    int next = 0; // next snapshot index to copy
    for (const Splice &s : splices) {
        while (next < s.pos)
            out.lines.append(snapshot.lines.at(next++));
        const int changeStart = int(out.lines.size()) + 1;
        out.lines.append(*s.lines);
        next += s.count;
        r.linesAdded += int(s.lines->size());
        r.linesRemoved += s.count;
        const int changeEnd = qMax(changeStart, int(out.lines.size()));
        if (r.firstChangedLine == 0 || changeStart < r.firstChangedLine)
            r.firstChangedLine = changeStart;
        r.lastChangedLine = qMax(r.lastChangedLine, changeEnd);
    }
    while (next < n)
        out.lines.append(snapshot.lines.at(next++));
    if (out.lines.isEmpty())
        out.trailingNewline = false;
    r.result = std::move(out);
    r.ok = true;
    return r;
}

} // namespace harness
