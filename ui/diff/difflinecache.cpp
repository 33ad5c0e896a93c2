// DiffLineCache: decoding, highlighting, word diff and layout of one line, on first paint.
#include "difflinecache.h"

#include "worddiff.h"

namespace harness::ui {

DiffLineCache::DiffLineCache() = default;
DiffLineCache::~DiffLineCache() = default;

void DiffLineCache::reset(const DiffColors &colors, const QFont &font, qreal tabStopDistance)
{
    m_colors = colors;
    m_font = font;
    m_tabStop = tabStopDistance;
    m_lines.clear();
    m_formats.clear();
    m_removedWord = QTextCharFormat();
    m_removedWord.setBackground(colors.removedWord);
    m_addedWord = QTextCharFormat();
    m_addedWord.setBackground(colors.addedWord);
    if (!m_highlighter || m_highlighterDark != colors.dark) {
        m_highlighter = std::make_unique<SyntaxHighlighter>(colors.dark);
        m_highlighterDark = colors.dark;
    }
}

const QTextCharFormat &DiffLineCache::format(const QColor &foreground, bool bold, bool italic)
{
    const quint64 key = (quint64(foreground.rgba()) << 2) | (bold ? 1u : 0u) | (italic ? 2u : 0u);
    auto it = m_formats.find(key);
    if (it == m_formats.end()) {
        QTextCharFormat format;
        format.setForeground(foreground);
        if (bold)
            format.setFontWeight(QFont::DemiBold);
        if (italic)
            format.setFontItalic(true);
        it = m_formats.insert(key, format);
    }
    return *it;
}

const DiffLineCache::Line &DiffLineCache::line(const Diff &doc, int lineIndex)
{
    if (Line *hit = m_lines.object(lineIndex))
        return *hit;
    if (!m_highlighter)
        reset(m_colors, m_font, m_tabStop);
    auto *entry = new Line;
    entry->text = doc.lineText(lineIndex, &entry->invalidUtf8);
    if (entry->text.size() > kMaxShownChars) {
        entry->text.truncate(kMaxShownChars);
        entry->text += QChar(0x2026);
    }
    const int file = doc.fileOfLine(lineIndex);
    const QString name = file >= 0 ? doc.files[size_t(file)].path() : QString();
    const QList<SyntaxSpan> spans = m_highlighter->highlight(name, entry->text);
    QList<QTextLayout::FormatRange> formats;
    formats.reserve(spans.size());
    for (const SyntaxSpan &span : spans)
        formats.append({span.start, span.length, format(span.color, span.bold, span.italic)});
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
            for (const TextRange &r : ranges)
                formats.append({r.start, r.length, removed ? m_removedWord : m_addedWord});
        }
    }
    entry->layout = std::make_unique<QTextLayout>(entry->text, m_font);
    QTextOption option;
    option.setTabStopDistance(m_tabStop);
    option.setWrapMode(QTextOption::NoWrap);
    entry->layout->setTextOption(option);
    entry->layout->setFormats(formats);
    entry->layout->beginLayout();
    QTextLine textLine = entry->layout->createLine();
    textLine.setLineWidth(1e7);
    entry->layout->endLayout();
    m_lines.insert(lineIndex, entry);
    return *entry;
}

} // namespace harness::ui
