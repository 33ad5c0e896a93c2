// Strict unified-diff parsing and exact application.
#include "unifieddiff.h"

#include <QRegularExpression>

namespace harness {

namespace {
constexpr int kMaxDiffLines = 2'000'000;

QString stripPathPrefix(QString path, bool gitStyle)
{
    // "--- a/src/x.cpp\t2024-01-01 ..." -> "src/x.cpp"
    const qsizetype tab = path.indexOf(QLatin1Char('\t'));
    if (tab >= 0)
        path.truncate(tab);
    if (path.startsWith(QLatin1Char('"')) && path.endsWith(QLatin1Char('"')) && path.size() >= 2)
        path = path.mid(1, path.size() - 2);
    if (path == QLatin1String("/dev/null"))
        return {};
    if (gitStyle && (path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/"))))
        path = path.mid(2);
    return path;
}

bool isHeaderLine(const QString &line)
{
    static const char *const prefixes[] = {
            "diff ",        "index ",     "new file mode ",    "deleted file mode ",
            "old mode ",    "new mode ",  "similarity index ", "dissimilarity index ",
            "rename from ", "rename to ", "copy from ",        "copy to "};
    for (const char *p : prefixes)
        if (line.startsWith(QLatin1String(p)))
            return true;
    return false;
}
} // namespace

int FileDiff::added() const
{
    int n = 0;
    for (const DiffHunk &h : hunks)
        for (const DiffLine &l : h.lines)
            n += l.kind == DiffLine::Kind::Added;
    return n;
}

int FileDiff::removed() const
{
    int n = 0;
    for (const DiffHunk &h : hunks)
        for (const DiffLine &l : h.lines)
            n += l.kind == DiffLine::Kind::Removed;
    return n;
}

Result<UnifiedDiff> UnifiedDiff::parse(const QString &text)
{
    using R = Result<UnifiedDiff>;
    static const QRegularExpression hunkHeader(
            QStringLiteral("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@(.*)$"));

    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.size() > kMaxDiffLines)
        return R::failure(QStringLiteral("diff too large (%1 lines)").arg(lines.size()));
    for (QString &l : lines)
        if (l.endsWith(QLatin1Char('\r')))
            l.chop(1);

    UnifiedDiff diff;
    const auto at = [](qsizetype i) {
        return QStringLiteral("line %1").arg(i + 1);
    };
    qsizetype i = 0;
    bool sawGitHeader = false;
    while (i < lines.size()) {
        const QString &line = lines.at(i);
        if (line.isEmpty()) { // blank lines between file sections
            ++i;
            continue;
        }
        if (line.startsWith(QLatin1String("Binary files ")) ||
            line.startsWith(QLatin1String("GIT binary patch")))
            return R::failure(
                    QStringLiteral("binary patches are not supported; write the file with write_file"),
                    at(i));
        if (isHeaderLine(line)) {
            sawGitHeader = sawGitHeader || line.startsWith(QLatin1String("diff --git "));
            ++i;
            continue;
        }
        if (!line.startsWith(QLatin1String("--- ")))
            return R::failure(QStringLiteral("expected a file header \"--- a/path\" but found \"%1\"")
                                      .arg(line.left(60)),
                              at(i));
        if (i + 1 >= lines.size() || !lines.at(i + 1).startsWith(QLatin1String("+++ ")))
            return R::failure(QStringLiteral("\"--- \" must be followed by a \"+++ \" line"), at(i + 1));
        const QString rawOld = line.mid(4);
        const QString rawNew = lines.at(i + 1).mid(4);
        const bool gitStyle = sawGitHeader ||
                ((rawOld.startsWith(QLatin1String("a/")) || rawOld.startsWith(QLatin1String("/dev/null"))) &&
                 (rawNew.startsWith(QLatin1String("b/")) || rawNew.startsWith(QLatin1String("/dev/null"))));
        FileDiff file;
        file.oldPath = stripPathPrefix(rawOld, gitStyle);
        file.newPath = stripPathPrefix(rawNew, gitStyle);
        if (file.oldPath.isEmpty() && file.newPath.isEmpty())
            return R::failure(QStringLiteral("both sides are /dev/null"), at(i));
        i += 2;
        sawGitHeader = false;

        while (i < lines.size() && lines.at(i).startsWith(QLatin1String("@@"))) {
            const auto m = hunkHeader.match(lines.at(i));
            if (!m.hasMatch())
                return R::failure(
                        QStringLiteral("malformed hunk header; expected \"@@ -OLD,COUNT +NEW,COUNT @@\""),
                        at(i));
            DiffHunk hunk;
            bool ok1 = true, ok2 = true, ok3 = true, ok4 = true;
            hunk.oldStart = m.captured(1).toInt(&ok1);
            hunk.oldCount = m.capturedLength(2) ? m.captured(2).toInt(&ok2) : 1;
            hunk.newStart = m.captured(3).toInt(&ok3);
            hunk.newCount = m.capturedLength(4) ? m.captured(4).toInt(&ok4) : 1;
            if (!(ok1 && ok2 && ok3 && ok4) || hunk.oldCount > kMaxDiffLines || hunk.newCount > kMaxDiffLines)
                return R::failure(QStringLiteral("hunk header numbers out of range"), at(i));
            if ((hunk.oldCount > 0 && hunk.oldStart < 1) || (hunk.newCount > 0 && hunk.newStart < 1))
                return R::failure(QStringLiteral("hunk header line numbers start at 1"), at(i));
            if (!file.hunks.isEmpty()) {
                const DiffHunk &prev = file.hunks.last();
                // Compare 0-based positions: a hunk with no old lines inserts after its oldStart line.
                const int prevEnd = prev.oldCount == 0 ? prev.oldStart : prev.oldStart - 1 + prev.oldCount;
                const int start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1;
                if (start < prevEnd)
                    return R::failure(QStringLiteral("hunks overlap or are out of order"), at(i));
            }
            hunk.section = m.captured(5).trimmed();
            ++i;
            int oldLeft = hunk.oldCount, newLeft = hunk.newCount;
            int oldLine = hunk.oldStart, newLine = hunk.newStart;
            while (oldLeft > 0 || newLeft > 0) {
                if (i >= lines.size())
                    return R::failure(QStringLiteral("hunk ends early: %1 old and %2 new lines missing")
                                              .arg(oldLeft)
                                              .arg(newLeft),
                                      at(i));
                const QString &l = lines.at(i);
                DiffLine dl;
                const QChar c = l.isEmpty() ? QLatin1Char(' ') : l.at(0); // an empty line is empty context
                dl.text = l.mid(1);
                if (c == QLatin1Char(' ')) {
                    if (oldLeft == 0 || newLeft == 0)
                        return R::failure(QStringLiteral("more context lines than the hunk header counts"),
                                          at(i));
                    dl.kind = DiffLine::Kind::Context;
                    dl.oldLine = oldLine++;
                    dl.newLine = newLine++;
                    --oldLeft;
                    --newLeft;
                } else if (c == QLatin1Char('-')) {
                    if (oldLeft == 0)
                        return R::failure(QStringLiteral("more removed lines than the hunk header counts"),
                                          at(i));
                    dl.kind = DiffLine::Kind::Removed;
                    dl.oldLine = oldLine++;
                    --oldLeft;
                } else if (c == QLatin1Char('+')) {
                    if (newLeft == 0)
                        return R::failure(QStringLiteral("more added lines than the hunk header counts"),
                                          at(i));
                    dl.kind = DiffLine::Kind::Added;
                    dl.newLine = newLine++;
                    --newLeft;
                } else if (c == QLatin1Char('\\')) {
                    if (hunk.lines.isEmpty())
                        return R::failure(QStringLiteral("\"\\ No newline\" marker before any line"), at(i));
                    hunk.lines.last().noNewlineAtEnd = true;
                    ++i;
                    continue;
                } else {
                    return R::failure(
                            QStringLiteral("hunk line must start with ' ', '+', '-' or '\\'; found \"%1\"")
                                    .arg(l.left(60)),
                            at(i));
                }
                hunk.lines.append(dl);
                ++i;
            }
            if (i < lines.size() && lines.at(i).startsWith(QLatin1Char('\\'))) {
                if (!hunk.lines.isEmpty())
                    hunk.lines.last().noNewlineAtEnd = true;
                ++i;
            }
            file.hunks.append(std::move(hunk));
        }
        if (file.hunks.isEmpty() && !file.isRename())
            return R::failure(QStringLiteral("file \"%1\" has no hunks").arg(file.path().left(200)), at(i));
        if (file.isNew() && (file.hunks.size() != 1 || file.hunks.first().oldCount != 0))
            return R::failure(QStringLiteral("a new file needs one hunk \"@@ -0,0 +1,N @@\""), at(i));
        if (file.isDeleted()) {
            for (const DiffHunk &h : file.hunks)
                if (h.newCount != 0)
                    return R::failure(QStringLiteral("a deleted file's hunks may not add lines"), at(i));
        }
        diff.m_files.append(std::move(file));
    }
    if (diff.m_files.isEmpty())
        return R::failure(QStringLiteral(
                "no file changes found; a patch starts with \"--- a/path\" and \"+++ b/path\""));
    return diff;
}

Result<TextSnapshot> UnifiedDiff::apply(const FileDiff &file, const TextSnapshot &original)
{
    using R = Result<TextSnapshot>;
    TextSnapshot out;
    out.eol = original.eol;
    out.trailingNewline = original.trailingNewline || original.lines.isEmpty();
    int next = 0; // 0-based index into original
    const int n = original.lineCount();
    for (qsizetype h = 0; h < file.hunks.size(); ++h) {
        const DiffHunk &hunk = file.hunks.at(h);
        // With oldCount 0 the hunk inserts after line oldStart.
        const int start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1;
        if (start < next || start > n)
            return R::failure(QStringLiteral("hunk %1 starts at line %2 but the file has %3 lines")
                                      .arg(h + 1)
                                      .arg(hunk.oldStart)
                                      .arg(n),
                              file.path());
        while (next < start)
            out.lines.append(original.lines.at(next++));
        for (const DiffLine &l : hunk.lines) {
            if (l.kind == DiffLine::Kind::Added) {
                out.lines.append(l.text);
                if (l.noNewlineAtEnd)
                    out.trailingNewline = false;
                continue;
            }
            if (next >= n || original.lines.at(next) != l.text)
                return R::failure(
                        QStringLiteral("hunk %1 does not match line %2: expected \"%3\", the file has "
                                       "\"%4\". Read the file again and regenerate the patch.")
                                .arg(h + 1)
                                .arg(next + 1)
                                .arg(l.text.left(120))
                                .arg(next < n ? original.lines.at(next).left(120)
                                              : QStringLiteral("<end of file>")),
                        file.path());
            if (l.kind == DiffLine::Kind::Context) {
                out.lines.append(original.lines.at(next));
                if (l.noNewlineAtEnd)
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
    if (!file.hunks.isEmpty()) {
        const DiffHunk &last = file.hunks.last();
        touchesEnd = (last.oldCount == 0 ? last.oldStart : last.oldStart - 1 + last.oldCount) >= n;
        for (const DiffLine &l : last.lines)
            if (l.kind != DiffLine::Kind::Removed)
                markerOnLast = l.noNewlineAtEnd;
    }
    if (touchesEnd)
        out.trailingNewline = !markerOnLast;
    if (out.lines.isEmpty())
        out.trailingNewline = false;
    return out;
}

} // namespace harness
