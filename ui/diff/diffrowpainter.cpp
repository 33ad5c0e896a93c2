// DiffRowPainter: headers, folds, messages and comments, each drawn into its row's rectangle.
#include "diffrowpainter.h"

#include "difflayout.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>

namespace harness::ui {

namespace {
// The words are the Diff view's (its translation context).
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("harness::ui::DiffView", text, nullptr, n);
}
} // namespace

DiffRowPainter::DiffRowPainter(QPainter &painter, const QFont &font, const DiffColors &colors,
                               const QColor &base, int charWidth)
    : m_painter(painter), m_font(font), m_colors(colors), m_base(base), m_charWidth(charWidth)
{ }

void DiffRowPainter::fileHeader(const QRect &rect, const DiffFile &file, bool collapsed)
{
    const int textX = m_charWidth;
    const QFontMetrics metrics(m_font);
    m_painter.fillRect(rect, m_colors.fileHeader);
    m_painter.setPen(m_colors.border);
    m_painter.drawLine(rect.topLeft(), rect.topRight());
    // The file name first (bold), then its folder with the middle elided to fit, then the stats.
    const QString path = file.path();
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString name = slash < 0 ? path : path.mid(slash + 1);
    QString folder = slash < 0 ? QString() : path.left(slash + 1);
    if (file.status == DiffFileStatus::Renamed || file.status == DiffFileStatus::Copied)
        folder += QStringLiteral("  ← %1").arg(file.oldPath);
    const QString arrow = collapsed ? QStringLiteral("▸ ") : QStringLiteral("▾ ");
    QFont bold = m_font;
    bold.setBold(true);
    const QString title = arrow + name;
    const QString stats =
            QStringLiteral("%1   +%2 −%3").arg(fileStatusText(file)).arg(file.added).arg(file.removed);
    const int titleWidth = QFontMetrics(bold).horizontalAdvance(title);
    const int statsWidth = metrics.horizontalAdvance(stats);
    const int folderRoom = qMax(0, rect.width() - textX - titleWidth - statsWidth - 5 * m_charWidth);
    folder = metrics.elidedText(folder, Qt::ElideMiddle, folderRoom);
    m_painter.setFont(bold);
    m_painter.setPen(m_colors.text);
    m_painter.drawText(rect.adjusted(textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, title);
    int x = textX + titleWidth + m_charWidth;
    m_painter.setFont(m_font);
    m_painter.setPen(m_colors.dimText);
    if (!folder.isEmpty()) {
        m_painter.drawText(rect.adjusted(x, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, folder);
        x += metrics.horizontalAdvance(folder);
    }
    m_painter.drawText(rect.adjusted(x + 2 * m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, stats);
}

void DiffRowPainter::hunkHeader(const QRect &rect, const DiffHunk &h)
{
    m_painter.fillRect(rect, m_colors.hunkHeader);
    m_painter.setPen(m_colors.dimText);
    const QString text = QStringLiteral("@@ -%1,%2 +%3,%4 @@ %5")
                                 .arg(h.oldStart)
                                 .arg(h.oldCount)
                                 .arg(h.newStart)
                                 .arg(h.newCount)
                                 .arg(h.section.trimmed());
    m_painter.drawText(rect.adjusted(m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
}

void DiffRowPainter::fold(const QRect &rect, int hiddenLines)
{
    m_painter.fillRect(rect, m_colors.fold);
    m_painter.setPen(m_colors.dimText);
    m_painter.drawText(rect.adjusted(m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       tr("⋯ %n unchanged line(s) — click to show", hiddenLines));
}

void DiffRowPainter::message(const QRect &rect, const DiffFile &file, int messageKind)
{
    QString text;
    switch (DiffRowMessage(messageKind)) {
    case DiffRowMessage::Binary:
        text = tr("Binary file; its contents are not shown.");
        break;
    case DiffRowMessage::ModeOnly:
        text = tr("Only the file mode changed (%1 → %2).").arg(file.oldMode, file.newMode);
        break;
    case DiffRowMessage::RenameOnly:
        text = tr("Renamed without changes to the content.");
        break;
    case DiffRowMessage::Empty:
        text = tr("No content changes.");
        break;
    }
    m_painter.fillRect(rect, m_base);
    QFont italic = m_font;
    italic.setItalic(true);
    m_painter.setFont(italic);
    m_painter.setPen(m_colors.dimText);
    m_painter.drawText(rect.adjusted(3 * m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    m_painter.setFont(m_font);
}

void DiffRowPainter::comment(const QRect &rect, int indent, const QString &text)
{
    m_painter.fillRect(rect, m_colors.comment);
    m_painter.setPen(m_colors.text);
    m_painter.drawText(rect.adjusted(indent + m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       QStringLiteral("✎ ") +
                               QString(text).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ ")));
}

} // namespace harness::ui
