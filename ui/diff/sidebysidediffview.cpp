// SideBySideDiffView: painting of one paired row, each half clipped to its own column.
#include "sidebysidediffview.h"

#include <QPainter>
#include <QScrollBar>

namespace harness::ui {

SideBySideDiffView::SideBySideDiffView(QWidget *parent) : DiffView(true, parent)
{
    setObjectName(QStringLiteral("sideBySideDiffView"));
}

int SideBySideDiffView::lineAt(const DiffRow &row, int x) const
{
    const bool right = x >= viewport()->width() / 2;
    if (right)
        return row.right >= 0 ? row.right : row.left;
    return row.left >= 0 ? row.left : row.right;
}

int SideBySideDiffView::horizontalRange() const
{
    return qMax(0, maxTextWidth() - (viewport()->width() / 2 - gutterWidth()));
}

void SideBySideDiffView::paintSide(QPainter &painter, int line, bool newSide, const QRect &rect)
{
    if (line < 0) {
        // The other side has lines here that this side does not: a hatched gap.
        painter.fillRect(rect, colors().fold);
        painter.fillRect(rect, QBrush(colors().border, Qt::BDiagPattern));
        return;
    }
    const DiffLine &l = document()->lines[size_t(line)];
    painter.fillRect(rect, lineBackground(line));
    const QRect gutter(rect.left(), rect.top(), digitsWidth(), rect.height());
    painter.fillRect(gutter,
                     l.kind == DiffLineKind::Context ? colors().gutter : lineBackground(line).darker(104));
    drawNumber(painter, newSide ? l.newLine : l.oldLine, gutter);
    const QChar marker = l.kind == DiffLineKind::Added ? QLatin1Char('+')
            : l.kind == DiffLineKind::Removed          ? QChar(0x2212)
                                                       : QLatin1Char(' ');
    painter.setPen(colors().dimText);
    painter.drawText(QRect(gutter.right() + charWidth() / 2, rect.top(), charWidth() * 2, rect.height()),
                     Qt::AlignVCenter | Qt::AlignLeft, QString(marker));
    const int textX = rect.left() + gutterWidth();
    const QRect clip(textX, rect.top(), rect.right() - textX, rect.height());
    drawLineText(painter, line, textX - horizontalScrollBar()->value(), rect.top(), clip);
}

void SideBySideDiffView::paintLineRow(QPainter &painter, const DiffRow &row, const QRect &rect)
{
    const int half = rect.width() / 2;
    paintSide(painter, row.left, false, QRect(rect.left(), rect.top(), half, rect.height()));
    paintSide(painter, row.right, true,
              QRect(rect.left() + half, rect.top(), rect.width() - half, rect.height()));
    painter.setPen(colors().border);
    painter.drawLine(rect.left() + half, rect.top(), rect.left() + half, rect.bottom());
}

} // namespace harness::ui
