// DiffWriter: one file at a time, its header lines in the order git prints them, then its hunks.
#include "diffwriter.h"

#include "gitpath.h"

namespace harness {

namespace {

// "a/x" as git prints it: quoted as a whole when the name needs quotes.
QByteArray prefixed(const char *prefix, const QString &path)
{
    return GitPath::quote(QString::fromLatin1(prefix) + path);
}

// A "---"/"+++" name: git ends a bare name that has a space with a tab, so that patch(1) reads it whole.
QByteArray headerName(const char *prefix, const QString &path)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/dev/null");
    QByteArray name = prefixed(prefix, path);
    if (!name.startsWith('"') && name.contains(' '))
        name += '\t';
    return name;
}

QByteArray sideName(const char *prefix, const QString &path)
{
    return path.isEmpty() ? QByteArrayLiteral("/dev/null") : prefixed(prefix, path);
}

QByteArray count(int start, int lines)
{
    return lines == 1 ? QByteArray::number(start)
                      : QByteArray::number(start) + ',' + QByteArray::number(lines);
}

void writeHeader(const DiffFile &f, QByteArray &out)
{
    const QString oldName = f.oldPath.isEmpty() ? f.newPath : f.oldPath;
    const QString newName = f.newPath.isEmpty() ? f.oldPath : f.newPath;
    out += "diff --git " + prefixed("a/", oldName) + ' ' + prefixed("b/", newName) + '\n';
    if (f.status == DiffFileStatus::Added) {
        if (!f.newMode.isEmpty()) // a plain diff's added file has none; its "--- /dev/null" says it
            out += "new file mode " + f.newMode.toLatin1() + '\n';
    } else if (f.status == DiffFileStatus::Deleted) {
        if (!f.oldMode.isEmpty())
            out += "deleted file mode " + f.oldMode.toLatin1() + '\n';
    } else if (f.modeChanged())
        out += "old mode " + f.oldMode.toLatin1() + "\nnew mode " + f.newMode.toLatin1() + '\n';
    if (f.status == DiffFileStatus::Renamed || f.status == DiffFileStatus::Copied) {
        const char *verb = f.status == DiffFileStatus::Renamed ? "rename" : "copy";
        if (f.similarity >= 0)
            out += "similarity index " + QByteArray::number(f.similarity) + "%\n";
        out += QByteArray(verb) + " from " + GitPath::quote(f.oldPath) + '\n';
        out += QByteArray(verb) + " to " + GitPath::quote(f.newPath) + '\n';
    } else if (f.dissimilarity >= 0) {
        out += "dissimilarity index " + QByteArray::number(f.dissimilarity) + "%\n";
    }
    if (!f.oldBlob.isEmpty() || !f.newBlob.isEmpty()) {
        out += "index " + f.oldBlob.toLatin1() + ".." + f.newBlob.toLatin1();
        if (!f.oldMode.isEmpty() && f.oldMode == f.newMode)
            out += ' ' + f.oldMode.toLatin1();
        out += '\n';
    }
}

} // namespace

QByteArray DiffWriter::write(const Diff &diff)
{
    QByteArray out;
    out.reserve(diff.text.size() + qsizetype(diff.lines.size()) * 2);
    for (const DiffFile &f : diff.files) {
        writeHeader(f, out);
        if (f.binary) {
            if (!f.binaryPatch.isEmpty())
                out += "GIT binary patch\n" + f.binaryPatch;
            else
                out += "Binary files " + sideName("a/", f.oldPath) + " and " + sideName("b/", f.newPath) +
                        " differ\n";
        }
        if (f.hunkCount == 0)
            continue;
        out += "--- " + headerName("a/", f.oldPath) + "\n+++ " + headerName("b/", f.newPath) + '\n';
        for (const DiffHunk &h : diff.hunksOf(f)) {
            out += "@@ -" + count(h.oldStart, h.oldCount) + " +" + count(h.newStart, h.newCount) + " @@";
            if (!h.section.isEmpty())
                out += ' ' + h.section.toUtf8();
            out += '\n';
            for (const DiffLine &l : diff.linesOf(h)) {
                out += l.kind == DiffLineKind::Added ? '+' : l.kind == DiffLineKind::Removed ? '-' : ' ';
                out += diff.lineBytes(l);
                if (l.flags & DiffLine::CarriageReturn)
                    out += '\r';
                out += '\n';
                if (l.flags & DiffLine::NoNewlineAtEnd)
                    out += "\\ No newline at end of file\n";
            }
        }
    }
    return out;
}

} // namespace harness
