// DiffView: row layout, lazy painting of the visible rows, keyboard and mouse navigation, comments.
#include "diffview.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace harness::ui {

namespace {
constexpr int kMaxShownChars = 2000; // longer lines (minified files) are cut when shown
}

DiffView::DiffView(bool sideBySide, QWidget *parent) : QAbstractScrollArea(parent), m_sideBySide(sideBySide)
{
    m_options.sideBySide = sideBySide;
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(1);
    updateMetrics();
}

DiffView::~DiffView()
{
    delete m_highlighter;
}

void DiffView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_rowHeight = fm.height() + 2;
    m_ascent = fm.ascent() + 1;
    m_charWidth = qMax(1, fm.horizontalAdvance(QLatin1Char('0')));
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    if (dark)
        m_colors = {pal.color(QPalette::Text),      QColor(0x9a, 0xa0, 0xa6), QColor(0x2b, 0x2d, 0x30),
                    QColor(0x80, 0x86, 0x8c),       QColor(0x1f, 0x3a, 0x28), QColor(0x45, 0x23, 0x25),
                    QColor(0x2e, 0x6b, 0x3d),       QColor(0x84, 0x33, 0x36), QColor(0x33, 0x37, 0x3d),
                    QColor(0x1f, 0x2f, 0x45),       QColor(0x26, 0x2a, 0x30), QColor(0x4a, 0x42, 0x1c),
                    pal.color(QPalette::Highlight), QColor(0x44, 0x48, 0x4e)};
    else
        m_colors = {pal.color(QPalette::Text),      QColor(0x6e, 0x77, 0x81), QColor(0xf6, 0xf8, 0xfa),
                    QColor(0x8c, 0x95, 0x9f),       QColor(0xe6, 0xff, 0xec), QColor(0xff, 0xeb, 0xe9),
                    QColor(0xab, 0xf2, 0xbc),       QColor(0xff, 0xc1, 0xc0), QColor(0xea, 0xee, 0xf2),
                    QColor(0xdd, 0xf4, 0xff),       QColor(0xf3, 0xf5, 0xf7), QColor(0xff, 0xf8, 0xc5),
                    pal.color(QPalette::Highlight), QColor(0xd0, 0xd7, 0xde)};
    delete m_highlighter;
    m_highlighter = new SyntaxHighlighter(dark);
    m_lineCache.clear();
    int maxNumber = 9999;
    if (m_document) {
        for (const DiffHunk &h : m_document->hunks)
            maxNumber = qMax(maxNumber, qMax(h.oldStart + h.oldCount, h.newStart + h.newCount));
    }
    m_digitsWidth = fm.horizontalAdvance(QString::number(maxNumber)) + m_charWidth;
    int longest = 0;
    if (m_document) {
        for (const DiffLine &line : m_document->lines)
            longest = qMax(longest, int(line.length));
    }
    m_maxTextWidth = qMin(longest, kMaxShownChars + 1) * m_charWidth + 30 * m_charWidth;
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
    m_lineCache.clear();
    m_current = -1;
    updateMetrics();
    setComments(m_comments); // maps comments onto the new document and rebuilds the rows
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    if (!m_rows.empty())
        setCurrentRow(0);
}

void DiffView::setFileOrder(std::vector<int> order)
{
    m_options.fileOrder = std::move(order);
    rebuildRows(currentLine());
}

void DiffView::setFoldContext(int lines)
{
    m_options.foldContext = lines;
    m_options.expandedFolds.clear();
    rebuildRows(currentLine());
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
    rebuildRows(currentLine());
}

void DiffView::setFileCollapsed(int file, bool collapsed)
{
    if (collapsed == m_options.collapsedFiles.contains(file))
        return;
    if (collapsed)
        m_options.collapsedFiles.insert(file);
    else
        m_options.collapsedFiles.remove(file);
    // Keep the file's header where it was.
    int headerRow = -1;
    for (int r = 0; r < rowCount(); ++r) {
        if (m_rows[size_t(r)].type == DiffRow::Type::FileHeader && m_rows[size_t(r)].file == file) {
            headerRow = r;
            break;
        }
    }
    const int offset = headerRow - firstVisibleRow();
    m_rows = m_document ? DiffLayout::build(*m_document, m_options) : std::vector<DiffRow>();
    updateScrollBars();
    for (int r = 0; r < rowCount(); ++r) {
        if (m_rows[size_t(r)].type == DiffRow::Type::FileHeader && m_rows[size_t(r)].file == file) {
            verticalScrollBar()->setValue(r - offset);
            m_current = r;
            break;
        }
    }
    viewport()->update();
    Q_EMIT fileCollapseToggled(file, collapsed);
}

void DiffView::rebuildRows(int keepLine)
{
    const int offset = m_current - firstVisibleRow();
    m_rows = m_document ? DiffLayout::build(*m_document, m_options) : std::vector<DiffRow>();
    updateScrollBars();
    if (keepLine >= 0) {
        const int row = findRowOfLine(keepLine);
        if (row >= 0) {
            m_current = row;
            verticalScrollBar()->setValue(row - qMax(0, offset));
        }
    }
    if (m_current >= rowCount())
        m_current = rowCount() - 1;
    viewport()->update();
}

void DiffView::updateScrollBars()
{
    const int visible = qMax(1, viewport()->height() / qMax(1, m_rowHeight));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, qMax(0, rowCount() - visible));
    horizontalScrollBar()->setSingleStep(m_charWidth * 4);
    horizontalScrollBar()->setPageStep(qMax(1, viewport()->width() / 2));
    horizontalScrollBar()->setRange(0, m_document ? horizontalRange() : 0);
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
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
    return m_current >= 0 && m_current < rowCount() ? m_rows[size_t(m_current)].file : -1;
}

int DiffView::currentLine() const
{
    if (m_current < 0 || m_current >= rowCount())
        return -1;
    const DiffRow &r = m_rows[size_t(m_current)];
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
    const bool changed = row != m_current;
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

int DiffView::findRowOfLine(int lineIndex) const
{
    for (int r = 0; r < rowCount(); ++r) {
        const DiffRow &x = m_rows[size_t(r)];
        if (x.type == DiffRow::Type::Line && (x.left == lineIndex || x.right == lineIndex))
            return r;
    }
    return -1;
}

bool DiffView::goToLine(int lineIndex)
{
    if (!m_document || lineIndex < 0 || lineIndex >= int(m_document->lines.size()))
        return false;
    const int file = m_document->fileOfLine(lineIndex);
    if (m_options.collapsedFiles.remove(file))
        rebuildRows();
    int row = findRowOfLine(lineIndex);
    if (row < 0) {
        for (const DiffRow &x : m_rows) {
            if (x.type == DiffRow::Type::Fold && lineIndex >= x.left && lineIndex < x.right) {
                m_options.expandedFolds.insert(x.left);
                rebuildRows();
                row = findRowOfLine(lineIndex);
                break;
            }
        }
    }
    if (row < 0)
        return false;
    setCurrentRow(row, true);
    return true;
}

void DiffView::goToFile(int file)
{
    for (int r = 0; r < rowCount(); ++r) {
        if (m_rows[size_t(r)].type == DiffRow::Type::FileHeader && m_rows[size_t(r)].file == file) {
            setCurrentRow(r);
            verticalScrollBar()->setValue(r);
            return;
        }
    }
}

bool DiffView::nextChange()
{
    if (!m_document)
        return false;
    for (int r = m_current + 1; r < rowCount(); ++r) {
        if (DiffLayout::startsChange(*m_document, m_rows, r)) {
            setCurrentRow(r, true);
            return true;
        }
    }
    return false;
}

bool DiffView::previousChange()
{
    if (!m_document)
        return false;
    for (int r = m_current - 1; r >= 0; --r) {
        if (DiffLayout::startsChange(*m_document, m_rows, r)) {
            setCurrentRow(r, true);
            return true;
        }
    }
    return false;
}

void DiffView::expandFold(int row)
{
    if (row < 0 || row >= rowCount() || m_rows[size_t(row)].type != DiffRow::Type::Fold)
        return;
    const int first = m_rows[size_t(row)].left;
    m_options.expandedFolds.insert(first);
    rebuildRows(first);
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

const DiffView::CachedLine &DiffView::cachedLine(int lineIndex)
{
    if (CachedLine *hit = m_lineCache.object(lineIndex))
        return *hit;
    auto *entry = new CachedLine;
    entry->text = m_document->lineText(lineIndex, &entry->invalidUtf8);
    if (entry->text.size() > kMaxShownChars) {
        entry->text.truncate(kMaxShownChars);
        entry->text += QChar(0x2026);
    }
    const QString name = fileNameOf(lineIndex);
    for (const SyntaxSpan &span : m_highlighter->highlight(name, entry->text)) {
        QTextCharFormat format;
        format.setForeground(span.color);
        if (span.bold)
            format.setFontWeight(QFont::DemiBold);
        if (span.italic)
            format.setFontItalic(true);
        entry->formats.append({span.start, span.length, format});
    }
    const DiffLine &line = m_document->lines[size_t(lineIndex)];
    if (line.partner >= 0 && line.kind != DiffLineKind::Context) {
        QString other = m_document->lineText(line.partner);
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
    m_lineCache.insert(lineIndex, entry);
    return *entry;
}

void DiffView::drawLineText(QPainter &painter, int lineIndex, int x, int y, const QRect &clip)
{
    const CachedLine &cached = cachedLine(lineIndex);
    painter.save();
    painter.setClipRect(clip);
    QTextLayout layout(cached.text, font());
    QTextOption option;
    option.setTabStopDistance(4 * m_charWidth);
    option.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(option);
    layout.setFormats(cached.formats);
    layout.beginLayout();
    QTextLine textLine = layout.createLine();
    textLine.setLineWidth(1e7);
    layout.endLayout();
    layout.draw(&painter, QPointF(x, y + 1));
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
        const int markX = x + int(textLine.naturalTextWidth()) + m_charWidth;
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
    QPainter painter(viewport());
    painter.setFont(font());
    const QRect area = viewport()->rect();
    painter.fillRect(area, palette().color(QPalette::Base));
    if (!m_document || m_rows.empty()) {
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
    }
    m_lastPaintNs = timer.nsecsElapsed();
    ++m_paintCount;
}

void DiffView::paintRow(QPainter &painter, int index, const QRect &rect)
{
    const DiffRow &row = m_rows[size_t(index)];
    const Diff &doc = *m_document;
    const int textX = m_charWidth;
    switch (row.type) {
    case DiffRow::Type::Line:
        paintLineRow(painter, row, rect);
        break;
    case DiffRow::Type::FileHeader: {
        const DiffFile &file = doc.files[size_t(row.file)];
        painter.fillRect(rect, m_colors.fileHeader);
        painter.setPen(m_colors.border);
        painter.drawLine(rect.topLeft(), rect.topRight());
        // The file name first (bold), then its folder with the middle elided to fit, then the stats.
        const QString path = file.path();
        const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
        const QString name = slash < 0 ? path : path.mid(slash + 1);
        QString folder = slash < 0 ? QString() : path.left(slash + 1);
        if (file.status == DiffFileStatus::Renamed || file.status == DiffFileStatus::Copied)
            folder += QStringLiteral("  ← %1").arg(file.oldPath);
        const QString arrow =
                m_options.collapsedFiles.contains(row.file) ? QStringLiteral("▸ ") : QStringLiteral("▾ ");
        QFont bold = font();
        bold.setBold(true);
        const QString title = arrow + name;
        const QString stats =
                QStringLiteral("%1   +%2 −%3").arg(fileStatusText(file)).arg(file.added).arg(file.removed);
        const int titleWidth = QFontMetrics(bold).horizontalAdvance(title);
        const int statsWidth = fontMetrics().horizontalAdvance(stats);
        const int folderRoom = qMax(0, rect.width() - textX - titleWidth - statsWidth - 5 * m_charWidth);
        folder = fontMetrics().elidedText(folder, Qt::ElideMiddle, folderRoom);
        painter.setFont(bold);
        painter.setPen(m_colors.text);
        painter.drawText(rect.adjusted(textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, title);
        int x = textX + titleWidth + m_charWidth;
        painter.setFont(font());
        painter.setPen(m_colors.dimText);
        if (!folder.isEmpty()) {
            painter.drawText(rect.adjusted(x, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, folder);
            x += fontMetrics().horizontalAdvance(folder);
        }
        painter.drawText(rect.adjusted(x + 2 * m_charWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         stats);
        break;
    }
    case DiffRow::Type::HunkHeader: {
        const DiffHunk &h = doc.hunks[size_t(row.left)];
        painter.fillRect(rect, m_colors.hunkHeader);
        painter.setPen(m_colors.dimText);
        const QString text = QStringLiteral("@@ -%1,%2 +%3,%4 @@ %5")
                                     .arg(h.oldStart)
                                     .arg(h.oldCount)
                                     .arg(h.newStart)
                                     .arg(h.newCount)
                                     .arg(h.section.trimmed());
        painter.drawText(rect.adjusted(textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
        break;
    }
    case DiffRow::Type::Fold:
        painter.fillRect(rect, m_colors.fold);
        painter.setPen(m_colors.dimText);
        painter.drawText(rect.adjusted(textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         tr("⋯ %n unchanged line(s) — click to show", nullptr, row.extra));
        break;
    case DiffRow::Type::Message: {
        const DiffFile &file = doc.files[size_t(row.file)];
        QString text;
        switch (DiffRowMessage(row.extra)) {
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
        painter.fillRect(rect, palette().color(QPalette::Base));
        QFont italic = font();
        italic.setItalic(true);
        painter.setFont(italic);
        painter.setPen(m_colors.dimText);
        painter.drawText(rect.adjusted(3 * textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
        painter.setFont(font());
        break;
    }
    case DiffRow::Type::Comment: {
        painter.fillRect(rect, m_colors.comment);
        painter.setPen(m_colors.text);
        const QString text = row.extra < m_comments.size() ? m_comments[row.extra].text : QString();
        painter.drawText(rect.adjusted(2 * m_digitsWidth + textX, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         QStringLiteral("✎ ") +
                                 QString(text).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ ")));
        break;
    }
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

void DiffView::activateRow(int row, int x, bool doubleClick)
{
    if (row < 0)
        return;
    setCurrentRow(row);
    const DiffRow &r = m_rows[size_t(row)];
    if (r.type == DiffRow::Type::FileHeader && !doubleClick) {
        setFileCollapsed(r.file, !m_options.collapsedFiles.contains(r.file));
    } else if (r.type == DiffRow::Type::Fold) {
        expandFold(row);
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
    case Qt::Key_Space:
        if (m_current >= 0 && m_rows[size_t(m_current)].type == DiffRow::Type::FileHeader)
            setFileCollapsed(m_rows[size_t(m_current)].file,
                             !isFileCollapsed(m_rows[size_t(m_current)].file));
        else if (m_current >= 0 && m_rows[size_t(m_current)].type == DiffRow::Type::Fold)
            expandFold(m_current);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_C: {
        if (m_current < 0 || m_rows[size_t(m_current)].type != DiffRow::Type::Line) {
            if (m_current >= 0 && m_rows[size_t(m_current)].type == DiffRow::Type::Fold)
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
        const int row = rowAtY(help->pos().y());
        if (row >= 0 && m_rows[size_t(row)].type == DiffRow::Type::Line) {
            const int line = lineAt(m_rows[size_t(row)], help->pos().x());
            if (line >= 0) {
                const DiffLine &l = m_document->lines[size_t(line)];
                QStringList notes;
                notes << tr("%1, old line %2, new line %3")
                                 .arg(fileNameOf(line))
                                 .arg(l.oldLine)
                                 .arg(l.newLine);
                if (l.flags & DiffLine::CarriageReturn)
                    notes << tr("The line ends in CRLF.");
                if (l.length > kMaxShownChars)
                    notes << tr("The line has %1 bytes; only the first %2 characters are shown.")
                                     .arg(l.length)
                                     .arg(kMaxShownChars);
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
