// DiffView: lazy layout, painting of the visible rows, keyboard and mouse navigation, comments.
#include "diffview.h"

#include "diffrowpainter.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace harness::ui {

DiffView::DiffView(bool sideBySide, QWidget *parent) : QAbstractScrollArea(parent), m_sideBySide(sideBySide)
{
    m_options.sideBySide = sideBySide;
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(1);
    updateMetrics();
}

DiffView::~DiffView() = default;

void DiffView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_rowHeight = fm.height() + 2;
    m_ascent = fm.ascent() + 1;
    m_charWidth = qMax(1, fm.horizontalAdvance(QLatin1Char('0')));
    m_colors = DiffColors::forPalette(palette());
    m_lineCache.reset(m_colors, font(), 4 * m_charWidth);
    int maxNumber = 9999;
    if (m_document) {
        for (const DiffHunk &h : m_document->hunks)
            maxNumber = qMax(maxNumber, qMax(h.oldStart + h.oldCount, h.newStart + h.newCount));
    }
    m_digitsWidth = fm.horizontalAdvance(QString::number(maxNumber)) + m_charWidth;
    quint32 longest = 0;
    if (m_document) {
        for (const DiffLine &line : m_document->lines)
            longest = qMax(longest, line.length);
    }
    const int shown = int(qMin<quint32>(longest, DiffLineCache::kMaxShownChars + 1));
    m_maxTextWidth = shown * m_charWidth + 30 * m_charWidth;
    updateScrollBars();
}

void DiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        updateMetrics();
    QAbstractScrollArea::changeEvent(event);
}

void DiffView::setDocument(DiffDocumentPtr document)
{
    m_document = std::move(document);
    m_options.collapsedFiles.clear();
    m_options.expandedFolds.clear();
    m_options.fileOrder.clear();
    m_layout = DiffLayout();
    m_layoutDirty = true; // made when first needed: a hidden view makes none
    m_anchor = {};
    m_current = 0;
    m_announceCurrent = true;
    updateMetrics();
    setComments(m_comments); // maps comments onto the new document
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
}

void DiffView::setFileOrder(std::vector<int> order)
{
    m_options.fileOrder = std::move(order);
    relayoutKeepingCurrentLine();
}

void DiffView::setFoldContext(int lines)
{
    m_options.foldContext = lines;
    m_options.expandedFolds.clear();
    relayoutKeepingCurrentLine();
}

void DiffView::setComments(const QList<LineComment> &comments)
{
    m_comments = comments;
    m_options.commentsByLine.clear();
    if (m_document) {
        for (int i = 0; i < comments.size(); ++i) {
            const LineComment &c = comments[i];
            const int line = m_document->findLine(m_document->fileIndex(c.file), c.line,
                                                  c.side == LineComment::Side::New);
            if (line >= 0)
                m_options.commentsByLine.insert(line, i);
        }
    }
    relayoutKeepingCurrentLine();
}

void DiffView::setFileCollapsed(int file, bool collapsed)
{
    if (collapsed == m_options.collapsedFiles.contains(file))
        return;
    if (collapsed)
        m_options.collapsedFiles.insert(file);
    else
        m_options.collapsedFiles.remove(file);
    // Keep the file's header where it was (unless the layout waits to be made anyway).
    if (!m_layoutDirty)
        relayout({-1, file, m_layout.fileHeaderRow(file) - firstVisibleRow()});
    Q_EMIT fileCollapseToggled(file, collapsed);
}

const DiffLayout &DiffView::layout() const
{
    // The layout is a cache of the options: made here, on first use after they changed.
    if (m_layoutDirty)
        const_cast<DiffView *>(this)->makeLayout();
    return m_layout;
}

void DiffView::relayout(const Anchor &anchor)
{
    // A change before the layout was made again keeps the first anchor: it was taken where the reviewer
    // last saw the rows.
    if (!m_layoutDirty)
        m_anchor = anchor;
    m_layoutDirty = true;
    viewport()->update();
}

void DiffView::relayoutKeepingCurrentLine()
{
    if (m_layoutDirty) // the anchor taken when the rows were last valid stays
        viewport()->update();
    else
        relayout({currentLine(), -1, m_current - firstVisibleRow()});
}

void DiffView::makeLayout()
{
    m_layoutDirty = false;
    m_layout = m_document ? DiffLayout::build(*m_document, m_options) : DiffLayout();
    updateScrollBars();
    int row = -1;
    if (m_anchor.line >= 0)
        row = m_layout.rowOfLine(*m_document, m_anchor.line);
    if (row < 0 && m_anchor.file >= 0)
        row = m_layout.fileHeaderRow(m_anchor.file);
    if (row >= 0) {
        m_current = row;
        verticalScrollBar()->setValue(row -
                                      (m_anchor.line >= 0 ? qMax(0, m_anchor.offset) : m_anchor.offset));
    }
    m_anchor = {};
    m_current = qMin(m_current, m_layout.rowCount() - 1);
    viewport()->update();
}

void DiffView::updateScrollBars()
{
    const int visible = qMax(1, viewport()->height() / qMax(1, m_rowHeight));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, qMax(0, m_layout.rowCount() - visible));
    horizontalScrollBar()->setSingleStep(m_charWidth * 4);
    horizontalScrollBar()->setPageStep(qMax(1, viewport()->width() / 2));
    horizontalScrollBar()->setRange(0, m_document ? horizontalRange() : 0);
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void DiffView::showEvent(QShowEvent *event)
{
    layout(); // a view shown for the first time since its document changed: its scroll range
    QAbstractScrollArea::showEvent(event);
}

int DiffView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int DiffView::visibleRowCount() const
{
    return viewport()->height() / qMax(1, m_rowHeight) + 1;
}

int DiffView::rowAtY(int y) const
{
    const int row = firstVisibleRow() + y / qMax(1, m_rowHeight);
    return row < rowCount() ? row : -1;
}

int DiffView::currentFile() const
{
    return m_current >= 0 && m_current < rowCount() ? row(m_current).file : -1;
}

int DiffView::currentLine() const
{
    if (m_current < 0 || m_current >= rowCount())
        return -1;
    const DiffRow r = row(m_current);
    if (r.type == DiffRow::Type::Line)
        return r.right >= 0 ? r.right : r.left;
    if (r.type == DiffRow::Type::Comment || r.type == DiffRow::Type::Fold)
        return r.left;
    return -1;
}

void DiffView::setCurrentRow(int row, bool center)
{
    if (rowCount() == 0)
        return;
    row = qBound(0, row, rowCount() - 1);
    const bool changed = row != m_current || m_announceCurrent;
    m_announceCurrent = false;
    m_current = row;
    const int visible = qMax(1, viewport()->height() / qMax(1, m_rowHeight));
    if (center)
        verticalScrollBar()->setValue(row - visible / 2);
    else if (row < firstVisibleRow())
        verticalScrollBar()->setValue(row);
    else if (row >= firstVisibleRow() + visible)
        verticalScrollBar()->setValue(row - visible + 1);
    viewport()->update();
    if (changed)
        Q_EMIT currentLineChanged(currentFile(), currentLine());
}

bool DiffView::goToLine(int lineIndex)
{
    if (!m_document || lineIndex < 0 || lineIndex >= int(m_document->lines.size()))
        return false;
    const int file = m_document->fileOfLine(lineIndex);
    if (m_options.collapsedFiles.remove(file))
        relayout({});
    int row = layout().rowOfLine(*m_document, lineIndex);
    if (row < 0) {
        const int fold = layout().rowOfFold(*m_document, lineIndex);
        if (fold >= 0) {
            m_options.expandedFolds.insert(layout().row(fold).left);
            relayout({});
            row = layout().rowOfLine(*m_document, lineIndex);
        }
    }
    if (row < 0)
        return false;
    setCurrentRow(row, true);
    return true;
}

void DiffView::goToFile(int file)
{
    const int r = layout().fileHeaderRow(file);
    if (r < 0)
        return;
    setCurrentRow(r);
    verticalScrollBar()->setValue(r);
}

bool DiffView::nextChange()
{
    if (!m_document)
        return false;
    const int r = layout().nextChange(*m_document, m_current);
    if (r < 0)
        return false;
    setCurrentRow(r, true);
    return true;
}

bool DiffView::previousChange()
{
    if (!m_document)
        return false;
    const int r = layout().previousChange(*m_document, m_current);
    if (r < 0)
        return false;
    setCurrentRow(r, true);
    return true;
}

void DiffView::expandFold(int row)
{
    if (row < 0 || row >= rowCount() || layout().row(row).type != DiffRow::Type::Fold)
        return;
    const int first = layout().row(row).left;
    m_options.expandedFolds.insert(first);
    relayout({first, -1, m_current - firstVisibleRow()});
}

QString DiffView::fileNameOf(int lineIndex) const
{
    const int file = m_document->fileOfLine(lineIndex);
    return file >= 0 ? m_document->files[size_t(file)].path() : QString();
}

QColor DiffView::lineBackground(int lineIndex) const
{
    if (lineIndex < 0)
        return m_colors.gutter;
    switch (m_document->lines[size_t(lineIndex)].kind) {
    case DiffLineKind::Added:
        return m_colors.added;
    case DiffLineKind::Removed:
        return m_colors.removed;
    case DiffLineKind::Context:
        break;
    }
    return palette().color(QPalette::Base);
}

void DiffView::drawLineText(QPainter &painter, int lineIndex, int x, int y, const QRect &clip)
{
    const DiffLineCache::Line &cached = m_lineCache.line(*m_document, lineIndex);
    painter.save();
    painter.setClipRect(clip);
    cached.layout->draw(&painter, QPointF(x, y + 1));
    // Marks for what the text alone cannot show.
    const DiffLine &line = m_document->lines[size_t(lineIndex)];
    QStringList marks;
    if (line.flags & DiffLine::CarriageReturn)
        marks << tr("CRLF");
    if (line.flags & DiffLine::NoNewlineAtEnd)
        marks << tr("⊘ no newline at end of file");
    if (cached.invalidUtf8)
        marks << tr("⚠ invalid UTF-8 (shown as �)");
    if (!marks.isEmpty()) {
        painter.setPen(m_colors.dimText);
        const int markX = x + int(cached.layout->lineAt(0).naturalTextWidth()) + m_charWidth;
        painter.drawText(markX, y + m_ascent, marks.join(QLatin1Char(' ')));
    }
    painter.restore();
}

void DiffView::drawNumber(QPainter &painter, quint32 number, const QRect &rect)
{
    if (number == 0)
        return;
    painter.setPen(m_colors.gutterText);
    painter.drawText(rect.adjusted(0, 0, -m_charWidth / 2, 0), Qt::AlignRight | Qt::AlignVCenter,
                     QString::number(number));
}

void DiffView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    layout();
    QPainter painter(viewport());
    painter.setFont(font());
    const QRect area = viewport()->rect();
    if (!m_document || rowCount() == 0) {
        painter.fillRect(area, palette().color(QPalette::Base));
        painter.setPen(m_colors.dimText);
        painter.drawText(area, Qt::AlignCenter,
                         m_document ? tr("No changes between these revisions.") : tr("No diff loaded."));
    } else {
        const int first = firstVisibleRow();
        const int last = qMin(rowCount(), first + visibleRowCount());
        for (int r = first; r < last; ++r) {
            const QRect rect(0, (r - first) * m_rowHeight, area.width(), m_rowHeight);
            paintRow(painter, r, rect);
        }
        // Every row fills its own rectangle, so only the space below the last one is filled here: a fill
        // of the whole viewport first would be drawn twice, and Qt's raster engine splits a fill that tall
        // across its thread pool, so the frame waited for other threads on a busy machine.
        painter.fillRect(area.adjusted(0, (last - first) * m_rowHeight, 0, 0),
                         palette().color(QPalette::Base));
    }
    m_lastPaintNs = timer.nsecsElapsed();
    ++m_paintCount;
}

void DiffView::paintRow(QPainter &painter, int index, const QRect &rect)
{
    const DiffRow row = m_layout.row(index);
    const Diff &doc = *m_document;
    DiffRowPainter rows(painter, font(), m_colors, palette().color(QPalette::Base), m_charWidth);
    switch (row.type) {
    case DiffRow::Type::Line:
        paintLineRow(painter, row, rect);
        break;
    case DiffRow::Type::FileHeader:
        rows.fileHeader(rect, doc.files[size_t(row.file)], m_options.collapsedFiles.contains(row.file));
        break;
    case DiffRow::Type::HunkHeader:
        rows.hunkHeader(rect, doc.hunks[size_t(row.left)]);
        break;
    case DiffRow::Type::Fold:
        rows.fold(rect, row.extra);
        break;
    case DiffRow::Type::Message:
        rows.message(rect, doc.files[size_t(row.file)], row.extra);
        break;
    case DiffRow::Type::Comment:
        rows.comment(rect, 2 * m_digitsWidth,
                     row.extra < m_comments.size() ? m_comments[row.extra].text : QString());
        break;
    }
    if (index == m_current) {
        QColor frame = m_colors.current;
        if (!hasFocus())
            frame.setAlpha(120);
        painter.setPen(QPen(frame, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
}

void DiffView::activateRow(int index, int x, bool doubleClick)
{
    if (index < 0)
        return;
    setCurrentRow(index);
    const DiffRow r = row(index);
    if (r.type == DiffRow::Type::FileHeader && !doubleClick) {
        setFileCollapsed(r.file, !m_options.collapsedFiles.contains(r.file));
    } else if (r.type == DiffRow::Type::Fold) {
        expandFold(index);
    } else if (r.type == DiffRow::Type::Line && doubleClick) {
        const int line = lineAt(r, x);
        if (line >= 0) {
            const bool old = m_document->lines[size_t(line)].kind == DiffLineKind::Removed;
            Q_EMIT commentRequested(line, old ? LineComment::Side::Old : LineComment::Side::New);
        }
    }
}

void DiffView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton)
        activateRow(rowAtY(event->position().toPoint().y()), event->position().toPoint().x(), false);
}

void DiffView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        activateRow(rowAtY(event->position().toPoint().y()), event->position().toPoint().x(), true);
}

void DiffView::mouseReleaseEvent(QMouseEvent *event)
{
    event->accept();
}

void DiffView::keyPressEvent(QKeyEvent *event)
{
    const int page = qMax(1, viewport()->height() / qMax(1, m_rowHeight) - 1);
    switch (event->key()) {
    case Qt::Key_Down:
        setCurrentRow(m_current + 1);
        break;
    case Qt::Key_Up:
        setCurrentRow(m_current - 1);
        break;
    case Qt::Key_PageDown:
        verticalScrollBar()->setValue(firstVisibleRow() + page);
        setCurrentRow(m_current + page);
        break;
    case Qt::Key_PageUp:
        verticalScrollBar()->setValue(firstVisibleRow() - page);
        setCurrentRow(m_current - page);
        break;
    case Qt::Key_Home:
        setCurrentRow(0);
        break;
    case Qt::Key_End:
        setCurrentRow(rowCount() - 1);
        break;
    case Qt::Key_N:
        nextChange();
        break;
    case Qt::Key_P:
        previousChange();
        break;
    case Qt::Key_Left:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Right:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    case Qt::Key_Space: {
        const DiffRow current = m_current >= 0 && m_current < rowCount() ? row(m_current) : DiffRow();
        if (m_current >= 0 && current.type == DiffRow::Type::FileHeader)
            setFileCollapsed(current.file, !isFileCollapsed(current.file));
        else if (m_current >= 0 && current.type == DiffRow::Type::Fold)
            expandFold(m_current);
        break;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_C: {
        const DiffRow current = m_current >= 0 && m_current < rowCount() ? row(m_current) : DiffRow();
        if (m_current < 0 || current.type != DiffRow::Type::Line) {
            if (m_current >= 0 && current.type == DiffRow::Type::Fold)
                expandFold(m_current);
            break;
        }
        const int line = currentLine();
        const bool old = m_document->lines[size_t(line)].kind == DiffLineKind::Removed;
        Q_EMIT commentRequested(line, old ? LineComment::Side::Old : LineComment::Side::New);
        break;
    }
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool DiffView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_document) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = rowAtY(help->pos().y());
        if (index >= 0 && row(index).type == DiffRow::Type::Line) {
            const int line = lineAt(row(index), help->pos().x());
            if (line >= 0) {
                const DiffLine &l = m_document->lines[size_t(line)];
                QStringList notes;
                notes << tr("%1, old line %2, new line %3")
                                 .arg(fileNameOf(line))
                                 .arg(l.oldLine)
                                 .arg(l.newLine);
                if (l.flags & DiffLine::CarriageReturn)
                    notes << tr("The line ends in CRLF.");
                if (l.length > DiffLineCache::kMaxShownChars)
                    notes << tr("The line has %1 bytes; only the first %2 characters are shown.")
                                     .arg(l.length)
                                     .arg(DiffLineCache::kMaxShownChars);
                QToolTip::showText(help->globalPos(), notes.join(QLatin1Char('\n')), viewport());
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace harness::ui
