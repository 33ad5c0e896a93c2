// SideBySideDiffView: the old file on the left, the new file on the right, changed lines paired.
#pragma once

#include "diffview.h"

namespace harness::ui {

class SideBySideDiffView : public DiffView
{
    Q_OBJECT
public:
    explicit SideBySideDiffView(QWidget *parent = nullptr);

protected:
    void paintLineRow(QPainter &painter, const DiffRow &row, const QRect &rect) override;
    int lineAt(const DiffRow &row, int x) const override;
    int horizontalRange() const override;

private:
    void paintSide(QPainter &painter, int line, bool newSide, const QRect &rect);
    int gutterWidth() const { return digitsWidth() + 2 * charWidth(); }
};

} // namespace harness::ui
