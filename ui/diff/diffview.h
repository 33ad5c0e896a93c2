// DiffView: the common part of the unified and side-by-side diff views — a scroll area that lays out a
// DiffDocument as rows and paints only the rows in sight (never a widget per line). The layout is made
// when first needed after a change (a hidden view never makes one), and per-line work (decoding, syntax
// colours, word diff, shaping) is done only for painted lines and kept for those painted last
// (DiffLineCache).
#pragma once

#include "diffcolors.h"
#include "difflayout.h"
#include "difflinecache.h"
#include "linecomment.h"

#include <QAbstractScrollArea>

namespace harness::ui {

class DiffView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit DiffView(bool sideBySide, QWidget *parent = nullptr);
    ~DiffView() override;

    void setDocument(DiffDocumentPtr document);
    DiffDocumentPtr document() const { return m_document; }
    void setFileOrder(std::vector<int> order);
    void setFoldContext(int lines); // < 0: never fold unchanged lines
    int foldContext() const { return m_options.foldContext; }
    void setComments(const QList<LineComment> &comments);
    void setFileCollapsed(int file, bool collapsed);
    bool isFileCollapsed(int file) const { return m_options.collapsedFiles.contains(file); }

    int rowCount() const { return layout().rowCount(); }
    DiffRow row(int index) const { return layout().row(index); }
    int currentRow() const { return m_current; }
    void setCurrentRow(int row, bool center = false);
    int currentFile() const;
    // The line of the current row (the new side when a side-by-side row has both), or -1.
    int currentLine() const;
    int firstVisibleRow() const;
    int visibleRowCount() const;

    // Select and show a line of the document (a fold hiding it opens; a collapsed file expands).
    bool goToLine(int lineIndex);
    void goToFile(int file);
    bool nextChange();
    bool previousChange();
    void expandFold(int row);

    int rowHeight() const { return m_rowHeight; }
    qint64 lastPaintNanoseconds() const { return m_lastPaintNs; }
    int paintCount() const { return m_paintCount; }

Q_SIGNALS:
    void currentLineChanged(int file, int lineIndex);
    // The reviewer asked to comment on a line (double click, Enter or "c"); side is the line's side.
    void commentRequested(int lineIndex, harness::ui::LineComment::Side side);
    void fileCollapseToggled(int file, bool collapsed);

protected:
    using Colors = DiffColors;

    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

    // Subclasses paint a Line row and say which line a click at x belongs to.
    virtual void paintLineRow(QPainter &painter, const DiffRow &row, const QRect &rect) = 0;
    virtual int lineAt(const DiffRow &row, int x) const = 0;
    virtual int horizontalRange() const = 0; // how far the text can scroll sideways, in pixels

    // Draws a line's text (syntax colours, word-level changes) starting at x, clipped to clip.
    void drawLineText(QPainter &painter, int lineIndex, int x, int y, const QRect &clip);
    void drawNumber(QPainter &painter, quint32 number, const QRect &rect);
    QColor lineBackground(int lineIndex) const;
    QString fileNameOf(int lineIndex) const;
    int charWidth() const { return m_charWidth; }
    int digitsWidth() const { return m_digitsWidth; }
    int maxTextWidth() const { return m_maxTextWidth; }
    const Colors &colors() const { return m_colors; }

private:
    // Where the current row goes when the layout is made again: the row of `line` (else the header of
    // `file`) becomes current, `offset` rows below the top of the view.
    struct Anchor
    {
        int line = -1;
        int file = -1;
        int offset = 0;
    };
    const DiffLayout &layout() const;
    void relayout(const Anchor &anchor); // the layout is made again when next needed
    void relayoutKeepingCurrentLine();
    void makeLayout();
    void updateMetrics();
    void updateScrollBars();
    void paintRow(QPainter &painter, int index, const QRect &rect);
    int rowAtY(int y) const;
    void activateRow(int row, int x, bool doubleClick);

    bool m_sideBySide;
    DiffDocumentPtr m_document;
    DiffLayoutOptions m_options;
    DiffLayout m_layout;
    bool m_layoutDirty = false;
    Anchor m_anchor;
    QList<LineComment> m_comments;
    int m_current = -1;
    bool m_announceCurrent = false; // a new document: the next setCurrentRow says so even on row 0
    int m_rowHeight = 16;
    int m_charWidth = 8;
    int m_digitsWidth = 40;
    int m_maxTextWidth = 0;
    int m_ascent = 12;
    Colors m_colors;
    DiffLineCache m_lineCache;
    qint64 m_lastPaintNs = 0;
    int m_paintCount = 0;
};

} // namespace harness::ui
