// GitDiffParser: a strict single-pass reader of git's patch format (headers, hunks, binary markers).
#include "gitdiffparser.h"

#include <QCoreApplication>

#include <cstring>

namespace harness::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GitDiffParser", text);
}

bool startsWith(QByteArrayView line, const char *prefix)
{
    return line.startsWith(QByteArrayView(prefix));
}

// Strips git's "a/" or "b/" prefix (and the trailing tab it adds after paths with spaces).
QString pathFromHeader(QByteArrayView text)
{
    if (text.endsWith('\t'))
        text.chop(1);
    if (text == QByteArrayView("/dev/null"))
        return {};
    QString path = text.startsWith('"') ? GitDiffParser::unquotePath(text) : QString::fromUtf8(text);
    if (path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/")))
        path.remove(0, 2);
    return path;
}

QString plainPath(QByteArrayView text)
{
    return text.startsWith('"') ? GitDiffParser::unquotePath(text) : QString::fromUtf8(text);
}

// "diff --git a/x b/y": exact only when both sides are quoted or the two paths are equal.
void pathsFromDiffLine(QByteArrayView rest, QString *oldPath, QString *newPath)
{
    if (rest.startsWith('"')) {
        qsizetype end = 1;
        while (end < rest.size() && !(rest[end] == '"' && rest[end - 1] != '\\'))
            ++end;
        *oldPath = pathFromHeader(rest.first(end + 1));
        QByteArrayView second = rest.sliced(qMin(rest.size(), end + 2));
        *newPath = pathFromHeader(second);
        return;
    }
    // Equal halves: "a/<p> b/<p>".
    if ((rest.size() - 1) % 2 == 0) {
        const qsizetype half = (rest.size() - 1) / 2;
        QByteArrayView left = rest.first(half), right = rest.sliced(half + 1);
        if (left.sliced(qMin<qsizetype>(2, left.size())) == right.sliced(qMin<qsizetype>(2, right.size()))) {
            *oldPath = pathFromHeader(left);
            *newPath = pathFromHeader(right);
            return;
        }
    }
    const qsizetype space = rest.indexOf(QByteArrayView(" b/"));
    if (space > 0) {
        *oldPath = pathFromHeader(rest.first(space));
        *newPath = pathFromHeader(rest.sliced(space + 1));
    } else {
        *oldPath = *newPath = pathFromHeader(rest);
    }
}

// "@@ -12,3 +14,5 @@ section"
bool parseHunkHeader(QByteArrayView line, DiffHunk *hunk)
{
    auto number = [&](qsizetype &pos, int *out) {
        qsizetype start = pos;
        qint64 value = 0;
        while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9' && pos - start < 10)
            value = value * 10 + (line[pos++] - '0');
        *out = int(value);
        return pos > start;
    };
    qsizetype pos = 3;
    if (!startsWith(line, "@@ -"))
        return false;
    pos = 4;
    if (!number(pos, &hunk->oldStart))
        return false;
    hunk->oldCount = 1;
    if (pos < line.size() && line[pos] == ',') {
        ++pos;
        if (!number(pos, &hunk->oldCount))
            return false;
    }
    if (line.sliced(pos).startsWith(QByteArrayView(" +")) == false)
        return false;
    pos += 2;
    if (!number(pos, &hunk->newStart))
        return false;
    hunk->newCount = 1;
    if (pos < line.size() && line[pos] == ',') {
        ++pos;
        if (!number(pos, &hunk->newCount))
            return false;
    }
    if (!line.sliced(pos).startsWith(QByteArrayView(" @@")))
        return false;
    pos += 3;
    if (pos < line.size() && line[pos] == ' ')
        ++pos;
    hunk->section = QString::fromUtf8(line.sliced(pos)).trimmed();
    return true;
}

// Pairs the i-th removed line of a change block with the i-th added line, for word-level highlighting.
void pairBlock(std::vector<DiffLine> &lines, int removedStart, int removedCount, int addedStart,
               int addedCount)
{
    const int n = qMin(removedCount, addedCount);
    for (int i = 0; i < n; ++i) {
        lines[size_t(removedStart + i)].partner = addedStart + i;
        lines[size_t(addedStart + i)].partner = removedStart + i;
    }
}

} // namespace

QString GitDiffParser::unquotePath(QByteArrayView text)
{
    if (text.size() < 2 || !text.startsWith('"'))
        return QString::fromUtf8(text);
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"')
            break;
        if (c != '\\' || i + 1 >= text.size()) {
            out.append(c);
            continue;
        }
        const char e = text[++i];
        switch (e) {
        case 'n':
            out.append('\n');
            break;
        case 't':
            out.append('\t');
            break;
        case 'r':
            out.append('\r');
            break;
        case 'a':
            out.append('\a');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'v':
            out.append('\v');
            break;
        case '"':
            out.append('"');
            break;
        case '\\':
            out.append('\\');
            break;
        default:
            if (e >= '0' && e <= '7' && i + 2 < text.size()) {
                const int value = (e - '0') * 64 + (text[i + 1] - '0') * 8 + (text[i + 2] - '0');
                out.append(char(value));
                i += 2;
            } else {
                out.append(e);
            }
        }
    }
    return QString::fromUtf8(out);
}

Result<DiffDocument> GitDiffParser::parse(QByteArray raw, const Progress &progress)
{
    DiffDocument doc;
    doc.raw = std::move(raw);
    const char *data = doc.raw.constData();
    const qsizetype size = doc.raw.size();
    if (size > qsizetype(UINT32_MAX))
        return Result<DiffDocument>::failure(tr("The diff is larger than 4 GiB and cannot be shown."));
    doc.lines.reserve(size_t(size / 40));

    qsizetype pos = 0;
    int lineNumber = 0;
    DiffFile *file = nullptr;
    DiffHunk *hunk = nullptr;
    int oldLeft = 0, newLeft = 0;
    quint32 oldNo = 0, newNo = 0;
    int removedStart = -1, removedCount = 0, addedStart = -1, addedCount = 0;

    auto flushBlock = [&] {
        if (removedCount > 0 && addedCount > 0)
            pairBlock(doc.lines, removedStart, removedCount, addedStart, addedCount);
        removedStart = addedStart = -1;
        removedCount = addedCount = 0;
    };
    auto closeHunk = [&] {
        flushBlock();
        if (hunk)
            hunk->lineCount = int(doc.lines.size()) - hunk->firstLine;
        hunk = nullptr;
    };
    auto closeFile = [&] {
        closeHunk();
        if (file) {
            file->hunkCount = int(doc.hunks.size()) - file->firstHunk;
            file->lineCount = int(doc.lines.size()) - file->firstLine;
            if (file->status == DiffFileStatus::Modified && file->similarity >= 0 &&
                file->oldPath != file->newPath)
                file->status = DiffFileStatus::Renamed;
        }
        file = nullptr;
    };
    auto fail = [&](const QString &message) {
        return Result<DiffDocument>::failure(
                tr("Unreadable diff at line %1: %2").arg(lineNumber).arg(message),
                QStringLiteral("line %1").arg(lineNumber));
    };

    while (pos < size) {
        const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
        const qsizetype end = nl ? nl - data : size;
        QByteArrayView line(data + pos, end - pos);
        const qsizetype lineStart = pos;
        pos = end + 1;
        ++lineNumber;
        if (progress && (lineNumber & 0x3fff) == 0 && !progress(lineStart, size))
            return Result<DiffDocument>::failure(tr("Loading the diff was cancelled."));

        if (hunk && (oldLeft > 0 || newLeft > 0)) {
            const char marker = line.isEmpty() ? ' ' : line[0];
            DiffLine entry;
            entry.offset = quint32(lineStart + (line.isEmpty() ? 0 : 1));
            qsizetype length = line.isEmpty() ? 0 : line.size() - 1;
            if (length > 0 && data[entry.offset + quint32(length) - 1] == '\r') {
                --length;
                entry.flags |= DiffLine::CarriageReturn;
            }
            entry.length = quint32(length);
            entry.hunk = int(doc.hunks.size()) - 1;
            const int index = int(doc.lines.size());
            if (marker == ' ') {
                if (oldLeft <= 0 || newLeft <= 0)
                    return fail(tr("a context line exceeds the hunk's line counts"));
                flushBlock();
                entry.kind = DiffLineKind::Context;
                entry.oldLine = oldNo++;
                entry.newLine = newNo++;
                --oldLeft;
                --newLeft;
            } else if (marker == '-') {
                if (oldLeft <= 0)
                    return fail(tr("a removed line exceeds the hunk's line counts"));
                if (addedCount > 0)
                    flushBlock();
                if (removedStart < 0)
                    removedStart = index;
                ++removedCount;
                entry.kind = DiffLineKind::Removed;
                entry.oldLine = oldNo++;
                --oldLeft;
                ++file->removed;
            } else if (marker == '+') {
                if (newLeft <= 0)
                    return fail(tr("an added line exceeds the hunk's line counts"));
                if (addedStart < 0)
                    addedStart = index;
                ++addedCount;
                entry.kind = DiffLineKind::Added;
                entry.newLine = newNo++;
                --newLeft;
                ++file->added;
            } else if (marker == '\\') {
                if (!doc.lines.empty())
                    doc.lines.back().flags |= DiffLine::NoNewlineAtEnd;
                continue;
            } else {
                return fail(tr("expected a line starting with ' ', '+' or '-' inside a hunk"));
            }
            doc.lines.push_back(entry);
            continue;
        }

        if (startsWith(line, "\\")) { // "\ No newline at end of file" after the hunk's last line
            if (!doc.lines.empty())
                doc.lines.back().flags |= DiffLine::NoNewlineAtEnd;
            continue;
        }
        if (startsWith(line, "diff --git ")) {
            closeFile();
            doc.files.emplace_back();
            file = &doc.files.back();
            file->firstHunk = int(doc.hunks.size());
            file->firstLine = int(doc.lines.size());
            pathsFromDiffLine(line.sliced(11), &file->oldPath, &file->newPath);
            continue;
        }
        if (!file) {
            if (line.trimmed().isEmpty())
                continue;
            return fail(tr("expected \"diff --git\" before any other line"));
        }
        if (startsWith(line, "@@ ")) {
            closeHunk();
            DiffHunk h;
            if (!parseHunkHeader(line, &h))
                return fail(tr("malformed hunk header \"%1\"")
                                    .arg(QString::fromUtf8(line.first(qMin<qsizetype>(80, line.size())))));
            h.file = int(doc.files.size()) - 1;
            h.firstLine = int(doc.lines.size());
            doc.hunks.push_back(h);
            hunk = &doc.hunks.back();
            oldLeft = h.oldCount;
            newLeft = h.newCount;
            oldNo = quint32(h.oldCount == 0 ? h.oldStart + 1 : h.oldStart);
            newNo = quint32(h.newCount == 0 ? h.newStart + 1 : h.newStart);
            continue;
        }
        closeHunk();
        if (startsWith(line, "--- ")) {
            const QString path = pathFromHeader(line.sliced(4));
            file->oldPath = path;
        } else if (startsWith(line, "+++ ")) {
            const QString path = pathFromHeader(line.sliced(4));
            file->newPath = path;
        } else if (startsWith(line, "new file mode ")) {
            file->status = DiffFileStatus::Added;
            file->newMode = QString::fromLatin1(line.sliced(14));
            file->oldPath.clear();
        } else if (startsWith(line, "deleted file mode ")) {
            file->status = DiffFileStatus::Deleted;
            file->oldMode = QString::fromLatin1(line.sliced(18));
            file->newPath.clear();
        } else if (startsWith(line, "old mode ")) {
            file->oldMode = QString::fromLatin1(line.sliced(9));
        } else if (startsWith(line, "new mode ")) {
            file->newMode = QString::fromLatin1(line.sliced(9));
        } else if (startsWith(line, "similarity index ") || startsWith(line, "dissimilarity index ")) {
            const QByteArrayView value = line.sliced(line.indexOf(QByteArrayView("index ")) + 6);
            file->similarity = QString::fromLatin1(value).remove(QLatin1Char('%')).toInt();
        } else if (startsWith(line, "rename from ")) {
            file->status = DiffFileStatus::Renamed;
            file->oldPath = plainPath(line.sliced(12));
        } else if (startsWith(line, "rename to ")) {
            file->status = DiffFileStatus::Renamed;
            file->newPath = plainPath(line.sliced(10));
        } else if (startsWith(line, "copy from ")) {
            file->status = DiffFileStatus::Copied;
            file->oldPath = plainPath(line.sliced(10));
        } else if (startsWith(line, "copy to ")) {
            file->status = DiffFileStatus::Copied;
            file->newPath = plainPath(line.sliced(8));
        } else if (startsWith(line, "Binary files ") || startsWith(line, "GIT binary patch")) {
            file->binary = true;
        } else if (startsWith(line, "index ") || line.isEmpty()) {
            // blob ids are not shown
        } else if (startsWith(line, "literal ") || startsWith(line, "delta ")) {
            // binary patch payload (only with --binary)
        } else if (file->binary) {
            // base85 lines of a binary patch
        } else {
            return fail(tr("unexpected line \"%1\" in a file header")
                                .arg(QString::fromUtf8(line.first(qMin<qsizetype>(80, line.size())))));
        }
    }
    if (hunk && (oldLeft > 0 || newLeft > 0))
        return fail(tr("the diff ends inside a hunk (%1 old and %2 new lines missing)")
                            .arg(oldLeft)
                            .arg(newLeft));
    closeFile();
    for (const DiffFile &f : doc.files) {
        doc.totalAdded += f.added;
        doc.totalRemoved += f.removed;
    }
    if (progress)
        progress(size, size);
    return doc;
}

} // namespace harness::ui
