// DiffLineCache: decoding, highlighting and word diff of one line, on first paint.
#include "difflinecache.h"

#include "worddiff.h"

namespace harness::ui {

DiffLineCache::DiffLineCache() = default;
DiffLineCache::~DiffLineCache() = default;

void DiffLineCache::reset(const DiffColors &colors)
{
    m_colors = colors;
    m_lines.clear();
    if (!m_highlighter || m_highlighterDark != colors.dark) {
        m_highlighter = std::make_unique<SyntaxHighlighter>(colors.dark);
        m_highlighterDark = colors.dark;
    }
}

const DiffLineCache::Line &DiffLineCache::line(const Diff &doc, int lineIndex)
{
    if (Line *hit = m_lines.object(lineIndex))
        return *hit;
    if (!m_highlighter)
        reset(m_colors);
    auto *entry = new Line;
    entry->text = doc.lineText(lineIndex, &entry->invalidUtf8);
    if (entry->text.size() > kMaxShownChars) {
        entry->text.truncate(kMaxShownChars);
        entry->text += QChar(0x2026);
    }
    const int file = doc.fileOfLine(lineIndex);
    const QString name = file >= 0 ? doc.files[size_t(file)].path() : QString();
    for (const SyntaxSpan &span : m_highlighter->highlight(name, entry->text)) {
        QTextCharFormat format;
        format.setForeground(span.color);
        if (span.bold)
            format.setFontWeight(QFont::DemiBold);
        if (span.italic)
            format.setFontItalic(true);
        entry->formats.append({span.start, span.length, format});
    }
    const DiffLine &line = doc.lines[size_t(lineIndex)];
    if (line.partner >= 0 && line.kind != DiffLineKind::Context) {
        QString other = doc.lineText(line.partner);
        other.truncate(kMaxShownChars);
        const bool removed = line.kind == DiffLineKind::Removed;
        const WordDiffResult words =
                removed ? WordDiff::compare(entry->text, other) : WordDiff::compare(other, entry->text);
        const QList<TextRange> &ranges = removed ? words.removed : words.added;
        int changed = 0;
        for (const TextRange &r : ranges)
            changed += r.length;
        // Word marks help only when part of the line stayed; a line rewritten entirely keeps its plain
        // colour.
        if (changed < entry->text.size()) {
            for (const TextRange &r : ranges) {
                QTextCharFormat format;
                format.setBackground(removed ? m_colors.removedWord : m_colors.addedWord);
                entry->formats.append({r.start, r.length, format});
            }
        }
    }
    m_lines.insert(lineIndex, entry);
    return *entry;
}

} // namespace harness::ui
