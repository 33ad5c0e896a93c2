// FittingArea: QScrollArea sizes a widget whose layout wraps text by its preferred height for the
// width, which would scroll most panels at any size; a holder without a layout reports the view's
// minimum instead, and gives the view all the room there is.
#include "fittingarea.h"

#include <QResizeEvent>

namespace harness::ui {

namespace {

class Holder : public QWidget
{
public:
    explicit Holder(QWidget *view) : m_view(view) { view->setParent(this); }
    QSize minimumSizeHint() const override
    {
        return m_view->minimumSizeHint().expandedTo(m_view->minimumSize());
    }
    QSize sizeHint() const override { return m_view->sizeHint(); }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QWidget::resizeEvent(event);
        m_view->setGeometry(rect());
    }
    bool event(QEvent *event) override
    {
        // The view's minimum changed (its content did): the area must learn of it.
        if (event->type() == QEvent::LayoutRequest)
            updateGeometry();
        return QWidget::event(event);
    }

private:
    QWidget *m_view;
};

} // namespace

FittingArea::FittingArea(QWidget *view, QWidget *parent) : QScrollArea(parent), m_view(view)
{
    setObjectName(view->objectName() + QStringLiteral("Area"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(new Holder(view));
    view->show();
}

} // namespace harness::ui
