// Diff: building the compact index (numbers, counts, pairing), lookups, decoding and comparison.
#include "diff.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace harness {

std::span<const DiffHunk> Diff::hunksOf(const DiffFile &file) const
{
    return std::span<const DiffHunk>(hunks).subspan(size_t(file.firstHunk), size_t(file.hunkCount));
}

std::span<const DiffLine> Diff::linesOf(const DiffFile &file) const
{
    return std::span<const DiffLine>(lines).subspan(size_t(file.firstLine), size_t(file.lineCount));
}

std::span<const DiffLine> Diff::linesOf(const DiffHunk &hunk) const
{
    return std::span<const DiffLine>(lines).subspan(size_t(hunk.firstLine), size_t(hunk.lineCount));
}

QByteArrayView Diff::lineBytes(const DiffLine &line) const
{
    return QByteArrayView(text.constData() + line.offset, qsizetype(line.length));
}

QByteArrayView Diff::lineBytes(int index) const
{
    if (index < 0 || index >= int(lines.size()))
        return {};
    return lineBytes(lines[size_t(index)]);
}

QString Diff::lineText(const DiffLine &line, bool *invalidUtf8) const
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString decoded = decoder.decode(lineBytes(line));
    if (invalidUtf8)
        *invalidUtf8 = decoder.hasError();
    return decoded;
}

QString Diff::lineText(int index, bool *invalidUtf8) const
{
    if (index < 0 || index >= int(lines.size())) {
        if (invalidUtf8)
            *invalidUtf8 = false;
        return {};
    }
    return lineText(lines[size_t(index)], invalidUtf8);
}

int Diff::fileOfLine(int lineIndex) const
{
    auto it = std::upper_bound(files.begin(), files.end(), lineIndex,
                               [](int value, const DiffFile &file) { return value < file.firstLine; });
    if (it == files.begin())
        return -1;
    return int(std::distance(files.begin(), it)) - 1;
}

int Diff::hunkOfLine(int lineIndex) const
{
    auto it = std::upper_bound(hunks.begin(), hunks.end(), lineIndex,
                               [](int value, const DiffHunk &hunk) { return value < hunk.firstLine; });
    if (it == hunks.begin() || lineIndex < 0 || lineIndex >= int(lines.size()))
        return -1;
    return int(std::distance(hunks.begin(), it)) - 1;
}

int Diff::findLine(int file, int lineNumber, bool newSide) const
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

int Diff::fileIndex(const QString &path) const
{
    for (size_t i = 0; i < files.size(); ++i) {
        if (files[i].newPath == path || files[i].oldPath == path)
            return int(i);
    }
    return -1;
}

qint64 Diff::memoryBytes() const
{
    qint64 bytes = text.capacity();
    bytes += qint64(lines.capacity() * sizeof(DiffLine));
    bytes += qint64(hunks.capacity() * sizeof(DiffHunk));
    bytes += qint64(files.capacity() * sizeof(DiffFile));
    return bytes;
}

DiffFile &Diff::addFile(DiffFile file)
{
    pairBlock();
    file.firstHunk = int(hunks.size());
    file.firstLine = int(lines.size());
    file.hunkCount = file.lineCount = file.added = file.removed = 0;
    files.push_back(std::move(file));
    return files.back();
}

DiffHunk &Diff::addHunk(int oldStart, int oldCount, int newStart, int newCount, QString section)
{
    Q_ASSERT(!files.empty());
    pairBlock();
    DiffHunk hunk;
    hunk.file = int(files.size()) - 1;
    hunk.firstLine = int(lines.size());
    hunk.oldStart = oldStart;
    hunk.oldCount = oldCount;
    hunk.newStart = newStart;
    hunk.newCount = newCount;
    hunk.section = std::move(section);
    hunks.push_back(std::move(hunk));
    ++files.back().hunkCount;
    m_oldNo = quint32(oldStart);
    m_newNo = quint32(newStart);
    return hunks.back();
}

void Diff::addLineAt(DiffLineKind kind, quint32 offset, quint32 length, quint8 flags)
{
    Q_ASSERT(!hunks.empty());
    DiffFile &file = files.back();
    DiffLine line;
    line.offset = offset;
    line.length = length;
    line.flags = flags;
    line.kind = kind;
    const int index = int(lines.size());
    switch (kind) {
    case DiffLineKind::Context:
        pairBlock();
        line.oldLine = m_oldNo++;
        line.newLine = m_newNo++;
        break;
    case DiffLineKind::Removed:
        if (m_addedCount > 0)
            pairBlock();
        if (m_blockRemoved < 0)
            m_blockRemoved = index;
        ++m_removedCount;
        line.oldLine = m_oldNo++;
        ++file.removed;
        ++totalRemoved;
        break;
    case DiffLineKind::Added:
        if (m_blockAdded < 0)
            m_blockAdded = index;
        ++m_addedCount;
        line.newLine = m_newNo++;
        ++file.added;
        ++totalAdded;
        break;
    }
    lines.push_back(line);
    ++hunks.back().lineCount;
    ++file.lineCount;
}

void Diff::addLine(DiffLineKind kind, QByteArrayView bytes, quint8 flags)
{
    const quint32 offset = quint32(text.size());
    text.append(bytes);
    addLineAt(kind, offset, quint32(bytes.size()), flags);
}

void Diff::markNoNewlineAtEnd()
{
    if (!lines.empty())
        lines.back().flags |= DiffLine::NoNewlineAtEnd;
}

void Diff::finish()
{
    pairBlock();
}

void Diff::pairBlock()
{
    const int n = qMin(m_removedCount, m_addedCount);
    for (int i = 0; i < n; ++i) {
        lines[size_t(m_blockRemoved + i)].partner = m_blockAdded + i;
        lines[size_t(m_blockAdded + i)].partner = m_blockRemoved + i;
    }
    m_blockRemoved = m_blockAdded = -1;
    m_removedCount = m_addedCount = 0;
}

bool Diff::operator==(const Diff &other) const
{
    if (files.size() != other.files.size() || hunks.size() != other.hunks.size() ||
        lines.size() != other.lines.size() || totalAdded != other.totalAdded ||
        totalRemoved != other.totalRemoved)
        return false;
    for (size_t i = 0; i < files.size(); ++i) {
        const DiffFile &a = files[i], &b = other.files[i];
        if (a.oldPath != b.oldPath || a.newPath != b.newPath || a.status != b.status ||
            a.oldMode != b.oldMode || a.newMode != b.newMode || a.similarity != b.similarity ||
            a.dissimilarity != b.dissimilarity || a.oldBlob != b.oldBlob || a.newBlob != b.newBlob ||
            a.binary != b.binary || a.binaryPatch != b.binaryPatch || a.added != b.added ||
            a.removed != b.removed || a.firstHunk != b.firstHunk || a.hunkCount != b.hunkCount ||
            a.firstLine != b.firstLine || a.lineCount != b.lineCount)
            return false;
    }
    for (size_t i = 0; i < hunks.size(); ++i) {
        const DiffHunk &a = hunks[i], &b = other.hunks[i];
        if (a.file != b.file || a.firstLine != b.firstLine || a.lineCount != b.lineCount ||
            a.oldStart != b.oldStart || a.oldCount != b.oldCount || a.newStart != b.newStart ||
            a.newCount != b.newCount || a.section != b.section)
            return false;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        const DiffLine &a = lines[i], &b = other.lines[i];
        if (a.kind != b.kind || a.oldLine != b.oldLine || a.newLine != b.newLine || a.flags != b.flags ||
            a.partner != b.partner || lineBytes(a) != other.lineBytes(b))
            return false;
    }
    return true;
}

Diff Diff::fromFileContent(const QString &path, QByteArray content)
{
    Diff diff;
    diff.text = std::move(content);
    DiffFile file;
    file.oldPath = file.newPath = path;
    file.binary = diff.text.left(8000).contains('\0');
    diff.addFile(std::move(file));
    if (!diff.files.back().binary) {
        const char *data = diff.text.constData();
        const qsizetype size = diff.text.size();
        qsizetype lineCount = 0;
        for (qsizetype pos = 0; pos < size; ++lineCount) {
            const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            pos = nl ? nl - data + 1 : size;
        }
        diff.addHunk(1, int(lineCount), 1, int(lineCount));
        qsizetype pos = 0;
        while (pos < size) {
            const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            const qsizetype end = nl ? nl - data : size;
            quint32 length = quint32(end - pos);
            quint8 flags = 0;
            if (length > 0 && data[end - 1] == '\r') {
                --length;
                flags |= DiffLine::CarriageReturn;
            }
            if (!nl)
                flags |= DiffLine::NoNewlineAtEnd;
            diff.addLineAt(DiffLineKind::Context, quint32(pos), length, flags);
            pos = end + 1;
        }
    }
    diff.finish();
    return diff;
}

} // namespace harness
