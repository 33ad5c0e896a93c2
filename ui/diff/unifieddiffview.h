// UnifiedDiffView: old and new line numbers in the gutter, removed and added lines interleaved.
#pragma once

#include "diffview.h"

namespace harness::ui {

class UnifiedDiffView : public DiffView
{
    Q_OBJECT
public:
    explicit UnifiedDiffView(QWidget *parent = nullptr);

protected:
    void paintLineRow(QPainter &painter, const DiffRow &row, const QRect &rect) override;
    int lineAt(const DiffRow &row, int x) const override;
    int horizontalRange() const override;

private:
    int textX() const { return 2 * digitsWidth() + 2 * charWidth(); }
};

} // namespace harness::ui
