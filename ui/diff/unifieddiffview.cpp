// UnifiedDiffView: painting of one unified diff line.
#include "unifieddiffview.h"

#include <QPainter>
#include <QScrollBar>

namespace harness::ui {

UnifiedDiffView::UnifiedDiffView(QWidget *parent) : DiffView(false, parent)
{
    setObjectName(QStringLiteral("unifiedDiffView"));
}

int UnifiedDiffView::lineAt(const DiffRow &row, int) const
{
    return row.left;
}

int UnifiedDiffView::horizontalRange() const
{
    return qMax(0, textX() + maxTextWidth() - viewport()->width());
}

void UnifiedDiffView::paintLineRow(QPainter &painter, const DiffRow &row, const QRect &rect)
{
    const DiffLine &line = document()->lines[size_t(row.left)];
    painter.fillRect(rect, lineBackground(row.left));
    const QRect gutter(rect.left(), rect.top(), 2 * digitsWidth(), rect.height());
    QColor gutterColor =
            line.kind == DiffLineKind::Context ? colors().gutter : lineBackground(row.left).darker(104);
    painter.fillRect(gutter, gutterColor);
    drawNumber(painter, line.oldLine, QRect(rect.left(), rect.top(), digitsWidth(), rect.height()));
    drawNumber(painter, line.newLine,
               QRect(rect.left() + digitsWidth(), rect.top(), digitsWidth(), rect.height()));
    const QChar marker = line.kind == DiffLineKind::Added ? QLatin1Char('+')
            : line.kind == DiffLineKind::Removed          ? QChar(0x2212)
                                                          : QLatin1Char(' ');
    painter.setPen(colors().dimText);
    painter.drawText(QRect(gutter.right() + charWidth() / 2, rect.top(), charWidth() * 2, rect.height()),
                     Qt::AlignVCenter | Qt::AlignLeft, QString(marker));
    const QRect clip(textX(), rect.top(), rect.width() - textX(), rect.height());
    drawLineText(painter, row.left, textX() - horizontalScrollBar()->value(), rect.top(), clip);
}

} // namespace harness::ui
