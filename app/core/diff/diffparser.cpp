// DiffParser: a strict single-pass reader of git's patch format and plain unified diffs.
#include "diffparser.h"

#include "diffheader.h"

#include <cstring>
#include <optional>

namespace harness {

namespace {

QString shown(QByteArrayView line)
{
    return QString::fromUtf8(line.first(qMin<qsizetype>(80, line.size())));
}

// A number of at most nine digits at pos, so that no count overflows an int.
bool number(QByteArrayView line, qsizetype &pos, int *out)
{
    const qsizetype start = pos;
    int value = 0;
    while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9' && pos - start < 9)
        value = value * 10 + (line[pos++] - '0');
    *out = value;
    return pos > start && !(pos < line.size() && line[pos] >= '0' && line[pos] <= '9');
}

// "@@ -12,3 +14,5 @@ section"; a left-out count is 1.
bool hunkHeader(QByteArrayView line, int *oldStart, int *oldCount, int *newStart, int *newCount,
                QString *section)
{
    qsizetype pos = 4;
    if (!line.startsWith(QByteArrayView("@@ -")) || !number(line, pos, oldStart))
        return false;
    *oldCount = 1;
    if (pos < line.size() && line[pos] == ',' && !number(line, ++pos, oldCount))
        return false;
    if (!line.sliced(pos).startsWith(QByteArrayView(" +")))
        return false;
    pos += 2;
    if (!number(line, pos, newStart))
        return false;
    *newCount = 1;
    if (pos < line.size() && line[pos] == ',' && !number(line, ++pos, newCount))
        return false;
    if (!line.sliced(pos).startsWith(QByteArrayView(" @@")))
        return false;
    pos += 3;
    if (pos < line.size() && line[pos] == ' ')
        ++pos;
    *section = QString::fromUtf8(line.sliced(pos));
    return true;
}

class Parser
{
public:
    Parser(QByteArray text, const DiffParser::Progress &progress) : m_progress(progress)
    {
        m_diff.text = std::move(text);
    }
    Result<Diff> run();

private:
    Status line(QByteArrayView line, qsizetype start);
    Status headerLine(QByteArrayView line);
    Status startHeader();
    Status hunk(QByteArrayView line);
    Status hunkLine(QByteArrayView line, qsizetype start);
    Status openFile();
    Status closeFile();
    Status fail(const QString &message, int line = 0) const
    {
        return Status::failure(message, QStringLiteral("line %1").arg(line ? line : m_lineNo));
    }

    const DiffParser::Progress &m_progress;
    Diff m_diff;
    std::optional<DiffHeader> m_header; // the header lines read of a file that has no DiffFile yet
    int m_headerLine = 0; // where they started
    bool m_fileOpen = false; // the last DiffFile takes hunks
    bool m_fileNeedsHunk = false; // it had "---"/"+++" lines, so at least one hunk must follow
    bool m_expectPlus = false;
    bool m_afterHunkLine = false;
    bool m_inBinaryPatch = false;
    int m_oldLeft = 0, m_newLeft = 0;
    int m_lineNo = 0;
};

Result<Diff> Parser::run()
{
    const char *data = m_diff.text.constData();
    const qsizetype size = m_diff.text.size();
    if (size > qsizetype(UINT32_MAX))
        return Result<Diff>::failure(QStringLiteral("the diff is larger than 4 GiB"));
    // Every line of the diff but its headers is a line of the model: reserved once, exactly enough.
    qsizetype newlines = 0;
    for (const char *p = data, *end = data + size;
         (p = static_cast<const char *>(memchr(p, '\n', size_t(end - p)))) != nullptr; ++p)
        ++newlines;
    m_diff.lines.reserve(size_t(newlines + 1));
    qsizetype pos = 0;
    while (pos < size) {
        const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
        const qsizetype end = nl ? nl - data : size;
        const qsizetype start = pos;
        pos = end + 1;
        ++m_lineNo;
        if (m_progress && (m_lineNo & 0x3fff) == 0 && !m_progress(start, size))
            return Result<Diff>::failure(QStringLiteral("reading the diff was cancelled"));
        if (Status s = line(QByteArrayView(data + start, end - start), start); !s)
            return s.error();
    }
    if (m_oldLeft > 0 || m_newLeft > 0)
        return fail(QStringLiteral("the diff ends inside a hunk (%1 old and %2 new lines missing)")
                            .arg(m_oldLeft)
                            .arg(m_newLeft),
                    m_lineNo + 1)
                .error();
    if (m_expectPlus)
        return fail(QStringLiteral("\"--- \" must be followed by a \"+++ \" line"), m_lineNo + 1).error();
    ++m_lineNo;
    if (Status s = closeFile(); !s)
        return s.error();
    m_diff.finish();
    if (m_progress)
        m_progress(size, size);
    return std::move(m_diff);
}

Status Parser::line(QByteArrayView raw, qsizetype start)
{
    if (m_oldLeft > 0 || m_newLeft > 0)
        return hunkLine(raw, start);
    QByteArrayView line = raw;
    if (line.endsWith('\r'))
        line.chop(1);
    if (m_inBinaryPatch) {
        if (!line.startsWith(QByteArrayView("diff --git ")) && !line.startsWith(QByteArrayView("--- "))) {
            m_header->appendBinaryPatch(raw);
            return success();
        }
        m_inBinaryPatch = false;
    }
    if (m_expectPlus) {
        if (!line.startsWith(QByteArrayView("+++ ")))
            return fail(QStringLiteral("\"--- \" must be followed by a \"+++ \" line"));
        m_expectPlus = false;
        if (Status s = m_header->readSide(line); !s)
            return fail(s.errorText());
        return success();
    }
    if (line.startsWith('\\')) {
        if (!m_afterHunkLine)
            return fail(QStringLiteral("\"\\ No newline at end of file\" must follow a line of a hunk"));
        m_diff.markNoNewlineAtEnd();
        m_afterHunkLine = false;
        return success();
    }
    m_afterHunkLine = false;
    if (line.startsWith(QByteArrayView("diff --git "))) {
        if (Status s = startHeader(); !s)
            return s;
        if (Status s = m_header->readGitLine(line.sliced(11)); !s)
            return fail(s.errorText());
        return success();
    }
    if (line.startsWith(QByteArrayView("--- "))) {
        if (!m_header || m_header->hasSides()) {
            if (Status s = startHeader(); !s)
                return s;
        }
        if (Status s = m_header->readSide(line); !s)
            return fail(s.errorText());
        m_expectPlus = true;
        return success();
    }
    if (line.startsWith(QByteArrayView("@@")))
        return hunk(line);
    if (line.isEmpty())
        return success(); // blank lines between files
    return headerLine(line);
}

// Ends the file before (if any) and starts collecting the header lines of the next one.
Status Parser::startHeader()
{
    if (Status s = closeFile(); !s)
        return s;
    m_header.emplace();
    m_headerLine = m_lineNo;
    return success();
}

Status Parser::headerLine(QByteArrayView line)
{
    if (!DiffHeader::isExtendedLine(line)) {
        if (!m_header && m_diff.files.empty())
            return fail(QStringLiteral(
                                "expected a file header (\"diff --git\" or \"--- a/path\") but found \"%1\"")
                                .arg(shown(line)));
        return fail(QStringLiteral("unexpected line \"%1\"").arg(shown(line)));
    }
    if (m_header && m_header->hasSides())
        return fail(QStringLiteral("\"%1\" cannot follow the \"---\" and \"+++\" lines").arg(shown(line)));
    if (!m_header) { // a plain diff may carry git's header lines without "diff --git"
        if (Status s = startHeader(); !s)
            return s;
    }
    if (Status s = m_header->readExtendedLine(line); !s)
        return fail(s.errorText());
    m_inBinaryPatch = line.startsWith(QByteArrayView("GIT binary patch"));
    return success();
}

Status Parser::hunk(QByteArrayView line)
{
    if (m_header) {
        if (!m_header->hasSides())
            return fail(QStringLiteral("a hunk needs the file's \"---\" and \"+++\" lines before it"));
        if (Status s = openFile(); !s)
            return s;
    } else if (!m_fileOpen) {
        return fail(QStringLiteral("a hunk before any file header"));
    }
    int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
    QString section;
    if (!hunkHeader(line, &oldStart, &oldCount, &newStart, &newCount, &section))
        return fail(QStringLiteral("malformed hunk header \"%1\"; expected \"@@ -OLD,COUNT +NEW,COUNT @@\"")
                            .arg(shown(line)));
    if ((oldCount > 0 && oldStart < 1) || (newCount > 0 && newStart < 1))
        return fail(QStringLiteral("hunk header line numbers start at 1"));
    const DiffFile &file = m_diff.files.back();
    if (file.isAdded() && oldCount > 0)
        return fail(QStringLiteral("a hunk of an added file has old lines"));
    if (file.isDeleted() && newCount > 0)
        return fail(QStringLiteral("a hunk of a deleted file has new lines"));
    if (file.hunkCount > 0) {
        const DiffHunk &prev = m_diff.hunks.back();
        // 0-based positions: a hunk without old lines inserts after its oldStart line.
        const int prevEnd = prev.oldCount == 0 ? prev.oldStart : prev.oldStart - 1 + prev.oldCount;
        const int start = oldCount == 0 ? oldStart : oldStart - 1;
        if (start < prevEnd)
            return fail(QStringLiteral("hunks overlap or are out of order"));
    }
    m_diff.addHunk(oldStart, oldCount, newStart, newCount, std::move(section));
    m_oldLeft = oldCount;
    m_newLeft = newCount;
    m_fileNeedsHunk = false;
    return success();
}

Status Parser::hunkLine(QByteArrayView line, qsizetype start)
{
    const char marker = line.isEmpty() ? ' ' : line[0]; // an empty line is an empty context line
    if (marker == '\\') {
        if (m_diff.hunks.back().lineCount == 0)
            return fail(QStringLiteral("\"\\ No newline at end of file\" before any line of the hunk"));
        m_diff.markNoNewlineAtEnd();
        return success();
    }
    quint32 offset = quint32(start + (line.isEmpty() ? 0 : 1));
    quint32 length = quint32(line.isEmpty() ? 0 : line.size() - 1);
    quint8 flags = 0;
    if (length > 0 && line.endsWith('\r')) {
        --length;
        flags |= DiffLine::CarriageReturn;
    }
    DiffLineKind kind = DiffLineKind::Context;
    if (marker == ' ') {
        if (m_oldLeft == 0 || m_newLeft == 0)
            return fail(QStringLiteral("a context line exceeds the hunk's line counts"));
        --m_oldLeft;
        --m_newLeft;
    } else if (marker == '-') {
        if (m_oldLeft == 0)
            return fail(QStringLiteral("a removed line exceeds the hunk's line counts"));
        kind = DiffLineKind::Removed;
        --m_oldLeft;
    } else if (marker == '+') {
        if (m_newLeft == 0)
            return fail(QStringLiteral("an added line exceeds the hunk's line counts"));
        kind = DiffLineKind::Added;
        --m_newLeft;
    } else {
        return fail(QStringLiteral("a line inside a hunk must start with ' ', '+', '-' or '\\'; found \"%1\"")
                            .arg(shown(line)));
    }
    m_diff.addLineAt(kind, offset, length, flags);
    m_afterHunkLine = true;
    return success();
}

// Makes the DiffFile of the header lines read so far; their errors name the line the header started on.
Status Parser::openFile()
{
    const bool needsHunk = m_header->hasSides();
    auto file = std::move(*m_header).resolve();
    m_header.reset();
    if (!file)
        return fail(file.errorText(), m_headerLine);
    m_diff.addFile(std::move(file).value());
    m_fileOpen = true;
    m_fileNeedsHunk = needsHunk;
    return success();
}

Status Parser::closeFile()
{
    if (m_header) {
        if (Status s = openFile(); !s)
            return s;
    }
    if (m_fileOpen && m_fileNeedsHunk)
        return fail(QStringLiteral("file \"%1\" has \"---\" and \"+++\" lines but no hunk")
                            .arg(m_diff.files.back().path().left(200)));
    m_fileOpen = false;
    m_fileNeedsHunk = false;
    return success();
}

} // namespace

Result<Diff> DiffParser::parse(QByteArray text, const Progress &progress)
{
    return Parser(std::move(text), progress).run();
}

} // namespace harness
