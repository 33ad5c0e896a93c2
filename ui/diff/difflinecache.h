// DiffLineCache: the per-line work of the diff views — decoding, syntax colours and word-level change
// marks — done only for lines that are painted, and kept for the few thousand painted last.
#pragma once

#include "diffcolors.h"
#include "diffdocument.h"
#include "syntaxhighlighter.h"

#include <QCache>
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
        QList<QTextLayout::FormatRange> formats;
    };

    DiffLineCache();
    ~DiffLineCache();

    // Drops what is kept; a new highlighter is made only when the background turned light or dark.
    void reset(const DiffColors &colors);
    const Line &line(const Diff &doc, int lineIndex);

private:
    DiffColors m_colors;
    std::unique_ptr<SyntaxHighlighter> m_highlighter;
    bool m_highlighterDark = false;
    QCache<int, Line> m_lines {6000};
};

} // namespace harness::ui
