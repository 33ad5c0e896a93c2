// DiffDocument: decoding and lookups over the compact diff index.
#include "diffdocument.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace harness::ui {

QString DiffFile::statusText() const
{
    QStringList parts;
    switch (status) {
    case DiffFileStatus::Added:
        parts << QCoreApplication::translate("DiffFile", "added");
        break;
    case DiffFileStatus::Deleted:
        parts << QCoreApplication::translate("DiffFile", "deleted");
        break;
    case DiffFileStatus::Renamed:
        parts << (similarity >= 0 ? QCoreApplication::translate("DiffFile", "renamed (%1%)").arg(similarity)
                                  : QCoreApplication::translate("DiffFile", "renamed"));
        break;
    case DiffFileStatus::Copied:
        parts << QCoreApplication::translate("DiffFile", "copied");
        break;
    case DiffFileStatus::Modified:
        if (added + removed > 0 || (!binary && !modeChanged()))
            parts << QCoreApplication::translate("DiffFile", "modified");
        break;
    }
    if (modeChanged())
        parts << QCoreApplication::translate("DiffFile", "mode %1 → %2").arg(oldMode, newMode);
    if (binary)
        parts << QCoreApplication::translate("DiffFile", "binary");
    return parts.join(QStringLiteral(", "));
}

QByteArrayView DiffDocument::lineBytes(int index) const
{
    if (index < 0 || index >= int(lines.size()))
        return {};
    const DiffLine &line = lines[size_t(index)];
    return QByteArrayView(raw.constData() + line.offset, qsizetype(line.length));
}

QString DiffDocument::lineText(int index, bool *invalidUtf8) const
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(lineBytes(index));
    if (invalidUtf8)
        *invalidUtf8 = decoder.hasError();
    return text;
}

int DiffDocument::fileOfLine(int lineIndex) const
{
    auto it = std::upper_bound(files.begin(), files.end(), lineIndex,
                               [](int value, const DiffFile &file) { return value < file.firstLine; });
    if (it == files.begin())
        return -1;
    return int(std::distance(files.begin(), it)) - 1;
}

int DiffDocument::findLine(int file, int lineNumber, bool newSide) const
{
    if (file < 0 || file >= int(files.size()) || lineNumber <= 0)
        return -1;
    const DiffFile &f = files[size_t(file)];
    for (int i = f.firstLine; i < f.firstLine + f.lineCount; ++i) {
        const quint32 number = newSide ? lines[size_t(i)].newLine : lines[size_t(i)].oldLine;
        if (number == quint32(lineNumber))
            return i;
    }
    return -1; // the line is outside every hunk: it is not in the diff
}

int DiffDocument::fileIndex(const QString &path) const
{
    for (size_t i = 0; i < files.size(); ++i) {
        if (files[i].newPath == path || files[i].oldPath == path)
            return int(i);
    }
    return -1;
}

qint64 DiffDocument::memoryBytes() const
{
    qint64 bytes = raw.capacity();
    bytes += qint64(lines.capacity() * sizeof(DiffLine));
    bytes += qint64(hunks.capacity() * sizeof(DiffHunk));
    bytes += qint64(files.capacity() * sizeof(DiffFile));
    return bytes;
}

DiffDocument DiffDocument::fromFileContent(const QString &path, QByteArray content)
{
    DiffDocument doc;
    doc.raw = std::move(content);
    DiffFile file;
    file.oldPath = file.newPath = path;
    file.binary = doc.raw.left(8000).contains('\0');
    if (!file.binary) {
        const char *data = doc.raw.constData();
        const qsizetype size = doc.raw.size();
        qsizetype pos = 0;
        quint32 number = 1;
        while (pos < size) {
            const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            const qsizetype end = nl ? nl - data : size;
            DiffLine line;
            line.offset = quint32(pos);
            line.length = quint32(end - pos);
            if (line.length > 0 && data[end - 1] == '\r') {
                --line.length;
                line.flags |= DiffLine::CarriageReturn;
            }
            if (!nl)
                line.flags |= DiffLine::NoNewlineAtEnd;
            line.oldLine = line.newLine = number++;
            line.hunk = 0;
            doc.lines.push_back(line);
            pos = end + 1;
        }
        DiffHunk hunk;
        hunk.file = 0;
        hunk.lineCount = int(doc.lines.size());
        hunk.oldStart = hunk.newStart = 1;
        hunk.oldCount = hunk.newCount = hunk.lineCount;
        doc.hunks.push_back(hunk);
        file.hunkCount = 1;
        file.lineCount = hunk.lineCount;
    }
    doc.files.push_back(file);
    return doc;
}

} // namespace harness::ui
