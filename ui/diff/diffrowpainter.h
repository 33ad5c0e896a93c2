// DiffRowPainter: paints the rows of a diff view that are not lines of code — a file's header, a hunk's
// header, a fold, a message (binary file, mode only, ...) and a reviewer's comment.
#pragma once

#include "diffcolors.h"
#include "diffdocument.h"

#include <QFont>
#include <QRect>

class QPainter;

namespace harness::ui {

class DiffRowPainter
{
public:
    DiffRowPainter(QPainter &painter, const QFont &font, const DiffColors &colors, const QColor &base,
                   int charWidth);

    void fileHeader(const QRect &rect, const DiffFile &file, bool collapsed);
    void hunkHeader(const QRect &rect, const DiffHunk &hunk);
    void fold(const QRect &rect, int hiddenLines);
    void message(const QRect &rect, const DiffFile &file, int messageKind);
    void comment(const QRect &rect, int indent, const QString &text);

private:
    QPainter &m_painter;
    const QFont &m_font;
    const DiffColors &m_colors;
    QColor m_base;
    int m_charWidth;
};

} // namespace harness::ui
