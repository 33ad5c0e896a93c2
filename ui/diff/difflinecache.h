// DiffLineCache: the per-line work of the diff views — decoding, syntax colours, word-level change marks
// and the shaped text — done only for lines that are painted, and kept for the few thousand painted last.
#pragma once

#include "diffcolors.h"
#include "diffdocument.h"
#include "syntaxhighlighter.h"

#include <QCache>
#include <QFont>
#include <QHash>
#include <QTextLayout>

#include <memory>

namespace harness::ui {

class DiffLineCache
{
public:
    static constexpr int kMaxShownChars = 2000; // longer lines (minified files) are cut when shown

    struct Line
    {
        QString text;
        bool invalidUtf8 = false;
        // The text shaped and laid out in the view's font with its formats (syntax colours, then word
        // marks), made on the line's first paint: a repaint of a line already seen only draws it.
        std::unique_ptr<QTextLayout> layout;
    };

    DiffLineCache();
    ~DiffLineCache();

    // Drops what is kept (a new document, font or palette); a new highlighter is made only when the
    // background turned light or dark.
    void reset(const DiffColors &colors, const QFont &font, qreal tabStopDistance);
    // The line with its layout made.
    const Line &line(const Diff &doc, int lineIndex);

private:
    const QTextCharFormat &format(const QColor &foreground, bool bold, bool italic);

    DiffColors m_colors;
    QFont m_font;
    qreal m_tabStop = 32;
    std::unique_ptr<SyntaxHighlighter> m_highlighter;
    bool m_highlighterDark = false;
    // Formats are shared between the lines that use them: one per colour and style, so laying a line out
    // finds its formats by identity instead of comparing freshly made ones.
    QHash<quint64, QTextCharFormat> m_formats;
    QTextCharFormat m_removedWord, m_addedWord;
    QCache<int, Line> m_lines {3000};
};

} // namespace harness::ui
