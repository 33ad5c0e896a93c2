// ChangeParser: a line-oriented parser for git's extended unified diff format.
#include "changeparser.h"

#include <QRegularExpression>

namespace harness {

QList<ChangeLine> FileChange::addedLines() const
{
    QList<ChangeLine> out;
    for (const auto &h : hunks)
        for (const auto &l : h.lines)
            if (l.kind == ChangeLine::Kind::Added)
                out.append(l);
    return out;
}

QList<ChangeLine> FileChange::removedLines() const
{
    QList<ChangeLine> out;
    for (const auto &h : hunks)
        for (const auto &l : h.lines)
            if (l.kind == ChangeLine::Kind::Removed)
                out.append(l);
    return out;
}

namespace {

// "a/dir/file" -> "dir/file"; "/dev/null" -> ""; handles git's quoted names.
QString stripPrefix(QString path)
{
    path = path.trimmed();
    const qsizetype tab = path.indexOf(QLatin1Char('\t'));
    if (tab >= 0)
        path = path.left(tab);
    if (path.size() >= 2 && path.startsWith(QLatin1Char('"')) && path.endsWith(QLatin1Char('"')))
        path = path.mid(1, path.size() - 2).replace(QLatin1String("\\\""), QLatin1String("\""));
    if (path == QLatin1String("/dev/null"))
        return {};
    if (path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/")))
        return path.mid(2);
    return path;
}

} // namespace

QList<FileChange> ChangeParser::parse(const QByteArray &text)
{
    static const QRegularExpression hunkHeader(
            QStringLiteral("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@ ?(.*)$"));
    QList<FileChange> files;
    FileChange *file = nullptr;
    ChangeHunk *hunk = nullptr;
    int oldLeft = 0, newLeft = 0, oldNo = 0, newNo = 0;
    bool sawHeaderPaths = false;

    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype li = 0; li < lines.size(); ++li) {
        QByteArray raw = lines.at(li);
        if (raw.endsWith('\r'))
            raw.chop(1);
        if (hunk && (oldLeft > 0 || newLeft > 0)) {
            const char c = raw.isEmpty() ? ' ' : raw.at(0);
            ChangeLine dl;
            dl.text = QString::fromUtf8(raw.isEmpty() ? raw : raw.mid(1));
            if (c == '+') {
                dl.kind = ChangeLine::Kind::Added;
                dl.newLine = newNo++;
                --newLeft;
            } else if (c == '-') {
                dl.kind = ChangeLine::Kind::Removed;
                dl.oldLine = oldNo++;
                --oldLeft;
            } else if (c == ' ' || raw.isEmpty()) {
                dl.oldLine = oldNo++;
                dl.newLine = newNo++;
                --oldLeft;
                --newLeft;
            } else if (c == '\\') {
                continue; // "\ No newline at end of file"
            } else {
                hunk = nullptr; // malformed counts: fall through to header parsing
            }
            if (hunk) {
                hunk->lines.append(dl);
                continue;
            }
        }
        if (raw.startsWith("diff --git ")) {
            files.append(FileChange());
            file = &files.last();
            hunk = nullptr;
            sawHeaderPaths = false;
            // "diff --git a/x b/x": a fallback for renames/binaries without ---/+++ lines
            const QString rest = QString::fromUtf8(raw.mid(11));
            const qsizetype split = rest.indexOf(QLatin1String(" b/"));
            if (split > 0) {
                file->oldPath = stripPrefix(rest.left(split));
                file->newPath = stripPrefix(rest.mid(split + 1));
            }
            continue;
        }
        if (raw.startsWith("--- ") && (!hunk || (oldLeft <= 0 && newLeft <= 0))) {
            if (!file || sawHeaderPaths) {
                files.append(FileChange());
                file = &files.last();
            }
            file->oldPath = stripPrefix(QString::fromUtf8(raw.mid(4)));
            hunk = nullptr;
            continue;
        }
        if (raw.startsWith("+++ ") && file && !hunk) {
            file->newPath = stripPrefix(QString::fromUtf8(raw.mid(4)));
            sawHeaderPaths = true;
            continue;
        }
        if (!file)
            continue;
        if (raw.startsWith("new file mode")) {
            file->oldPath.clear();
            continue;
        }
        if (raw.startsWith("deleted file mode")) {
            file->newPath.clear();
            continue;
        }
        if (raw.startsWith("rename from "))
            file->oldPath = QString::fromUtf8(raw.mid(12));
        else if (raw.startsWith("rename to "))
            file->newPath = QString::fromUtf8(raw.mid(10));
        else if (raw.startsWith("Binary files ") || raw.startsWith("GIT binary patch"))
            file->binary = true;
        else if (raw.startsWith("@@")) {
            const auto m = hunkHeader.match(QString::fromUtf8(raw));
            if (!m.hasMatch())
                continue;
            ChangeHunk h;
            h.oldStart = m.captured(1).toInt();
            h.oldCount = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
            h.newStart = m.captured(3).toInt();
            h.newCount = m.captured(4).isEmpty() ? 1 : m.captured(4).toInt();
            h.section = m.captured(5);
            file->hunks.append(h);
            hunk = &file->hunks.last();
            oldLeft = h.oldCount;
            newLeft = h.newCount;
            oldNo = h.oldStart;
            newNo = h.newStart;
        }
    }
    return files;
}

} // namespace harness
