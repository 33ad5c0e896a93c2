// PatchApplier: apply_patch's refusals on top of the one diff parser, and exact application.
#include "patchapplier.h"

#include "core/diff/diffparser.h"

namespace harness {

namespace {
constexpr int kMaxDiffLines = 2'000'000;
} // namespace

Result<Diff> PatchApplier::read(const QString &patch)
{
    using R = Result<Diff>;
    const QByteArray text = patch.toUtf8();
    if (const qsizetype lines = text.count('\n'); lines > kMaxDiffLines)
        return R::failure(QStringLiteral("diff too large (%1 lines)").arg(lines));
    auto diff = DiffParser::parse(text);
    if (!diff)
        return diff;
    if (diff->files.empty())
        return R::failure(QStringLiteral(
                "no file changes found; a patch starts with \"--- a/path\" and \"+++ b/path\""));
    for (const DiffFile &file : diff->files) {
        const QString path = file.path().left(200);
        if (file.binary)
            return R::failure(
                    QStringLiteral("binary patches are not supported; write the file with write_file"), path);
        if (file.status == DiffFileStatus::Copied)
            return R::failure(QStringLiteral("copies are not supported; write the new file with write_file"),
                              path);
        if (file.hunkCount == 0 && file.status != DiffFileStatus::Renamed)
            return R::failure(QStringLiteral("the file has no hunks"), path);
        if (file.isAdded() && (file.hunkCount != 1 || diff->hunks[size_t(file.firstHunk)].oldCount != 0))
            return R::failure(QStringLiteral("a new file needs one hunk \"@@ -0,0 +1,N @@\""), path);
    }
    return diff;
}

Result<TextSnapshot> PatchApplier::apply(const Diff &diff, const DiffFile &file, const TextSnapshot &original)
{
    using R = Result<TextSnapshot>;
    TextSnapshot out;
    out.eol = original.eol;
    out.trailingNewline = original.trailingNewline || original.lines.isEmpty();
    int next = 0; // 0-based index into original
    const int n = original.lineCount();
    const std::span<const DiffHunk> hunks = diff.hunksOf(file);
    for (size_t h = 0; h < hunks.size(); ++h) {
        const DiffHunk &hunk = hunks[h];
        // With oldCount 0 the hunk inserts after line oldStart.
        const int start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1;
        if (start < next || start > n)
            return R::failure(QStringLiteral("hunk %1 starts at line %2 but the file has %3 lines")
                                      .arg(qsizetype(h) + 1)
                                      .arg(hunk.oldStart)
                                      .arg(n),
                              file.path());
        while (next < start)
            out.lines.append(original.lines.at(next++));
        for (const DiffLine &l : diff.linesOf(hunk)) {
            const QString text = diff.lineText(l);
            const bool noNewlineAtEnd = l.flags & DiffLine::NoNewlineAtEnd;
            if (l.kind == DiffLineKind::Added) {
                out.lines.append(text);
                if (noNewlineAtEnd)
                    out.trailingNewline = false;
                continue;
            }
            if (next >= n || original.lines.at(next) != text)
                return R::failure(
                        QStringLiteral("hunk %1 does not match line %2: expected \"%3\", the file has "
                                       "\"%4\". Read the file again and regenerate the patch.")
                                .arg(qsizetype(h) + 1)
                                .arg(next + 1)
                                .arg(text.left(120))
                                .arg(next < n ? original.lines.at(next).left(120)
                                              : QStringLiteral("<end of file>")),
                        file.path());
            if (l.kind == DiffLineKind::Context) {
                out.lines.append(original.lines.at(next));
                if (noNewlineAtEnd)
                    out.trailingNewline = false;
            }
            ++next;
        }
    }
    while (next < n)
        out.lines.append(original.lines.at(next++));
    // A last context or added line carrying the marker drops the final newline; otherwise keep the
    // original's, and a patch that touches the last line without the marker ends with one.
    bool touchesEnd = false;
    bool markerOnLast = false;
    if (!hunks.empty()) {
        const DiffHunk &last = hunks.back();
        touchesEnd = (last.oldCount == 0 ? last.oldStart : last.oldStart - 1 + last.oldCount) >= n;
        for (const DiffLine &l : diff.linesOf(last))
            if (l.kind != DiffLineKind::Removed)
                markerOnLast = l.flags & DiffLine::NoNewlineAtEnd;
    }
    if (touchesEnd)
        out.trailingNewline = !markerOnLast;
    if (out.lines.isEmpty())
        out.trailingNewline = false;
    return out;
}

} // namespace harness
