// FittingArea: holds a view so that the window can be smaller than the view's own minimum — below it
// the view scrolls instead of pushing the window past the screen (a 1280×720 laptop). Above it the view
// fills the area exactly, as if it were not wrapped at all.
#pragma once

#include <QScrollArea>

namespace harness::ui {

class FittingArea : public QScrollArea
{
    Q_OBJECT
public:
    explicit FittingArea(QWidget *view, QWidget *parent = nullptr);
    QWidget *view() const { return m_view; }

private:
    QWidget *m_view;
};

} // namespace harness::ui
