// OverflowBar: buttons are placed by hand from the left; the overflow button takes the last place
// whenever anything is hidden. The menu is filled when it is about to show, from the hidden actions.
#include "overflowbar.h"

#include <QAction>
#include <QEvent>
#include <QMenu>
#include <QToolButton>

namespace harness::ui {

namespace {
constexpr int kSpacing = 2;
constexpr int kSeparatorWidth = 9;
} // namespace

OverflowBar::OverflowBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("overflowBar"));
    m_menu = new QMenu(this);
    m_menu->setObjectName(QStringLiteral("overflowMenu"));
    m_more = new QToolButton(this);
    m_more->setObjectName(QStringLiteral("overflowButton"));
    m_more->setText(QStringLiteral("»"));
    m_more->setToolTip(tr("More"));
    m_more->setAutoRaise(true);
    m_more->hide();
    // popup(), not exec(): the menu never starts a nested event loop under the caller.
    connect(m_more, &QToolButton::clicked, this, [this] {
        fillMenu();
        m_menu->popup(m_more->mapToGlobal(QPoint(0, m_more->height())));
    });
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QToolButton *OverflowBar::addBarAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    if (action->menu())
        button->setPopupMode(QToolButton::InstantPopup);
    m_items.append({action, button});
    relayout();
    updateGeometry();
    return button;
}

void OverflowBar::addSeparator()
{
    m_items.append(Item {});
}

QList<QAction *> OverflowBar::overflowActions() const
{
    QList<QAction *> out;
    if (m_firstHidden < 0)
        return out;
    for (qsizetype i = m_firstHidden; i < m_items.size(); ++i)
        if (m_items[i].action && m_items[i].action->isVisible())
            out.append(m_items[i].action);
    return out;
}

QSize OverflowBar::sizeHint() const
{
    int width = 0, height = m_more->sizeHint().height();
    for (const Item &item : m_items) {
        if (!item.action) {
            width += kSeparatorWidth;
            continue;
        }
        if (!item.action->isVisible())
            continue;
        const QSize s = item.button->sizeHint();
        width += s.width() + kSpacing;
        height = qMax(height, s.height());
    }
    return {width, height};
}

QSize OverflowBar::minimumSizeHint() const
{
    return m_more->sizeHint();
}

void OverflowBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

bool OverflowBar::event(QEvent *event)
{
    // Text, font and visibility changes of the actions change the buttons' widths.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange ||
        event->type() == QEvent::StyleChange)
        relayout();
    return QWidget::event(event);
}

void OverflowBar::relayout()
{
    const int available = width();
    const int moreWidth = m_more->sizeHint().width();
    const int h = height();
    // How many items fit with no overflow button; if not all, how many fit beside it.
    int total = 0;
    for (const Item &item : std::as_const(m_items))
        if (!item.action || item.action->isVisible())
            total += item.action ? item.button->sizeHint().width() + kSpacing : kSeparatorWidth;
    const int limit = total <= available ? available : available - moreWidth - kSpacing;
    int x = 0;
    m_firstHidden = -1;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items[i];
        if (!item.action) {
            if (m_firstHidden < 0)
                x += kSeparatorWidth;
            continue;
        }
        if (!item.action->isVisible()) {
            item.button->hide();
            continue;
        }
        const QSize s = item.button->sizeHint();
        if (m_firstHidden < 0 && x + s.width() > limit)
            m_firstHidden = int(i);
        if (m_firstHidden >= 0) {
            item.button->hide();
            continue;
        }
        item.button->setGeometry(x, (h - s.height()) / 2, s.width(), s.height());
        item.button->show();
        x += s.width() + kSpacing;
    }
    if (m_firstHidden >= 0) {
        const QSize s = m_more->sizeHint();
        m_more->setGeometry(qMin(x, available - s.width()), (h - s.height()) / 2, s.width(), s.height());
        m_more->show();
    } else {
        m_more->hide();
    }
}

void OverflowBar::fillMenu()
{
    m_menu->clear();
    if (m_firstHidden < 0)
        return;
    bool pendingSeparator = false;
    for (qsizetype i = m_firstHidden; i < m_items.size(); ++i) {
        const Item &item = m_items[i];
        if (!item.action) {
            pendingSeparator = !m_menu->isEmpty();
            continue;
        }
        if (!item.action->isVisible())
            continue;
        if (pendingSeparator)
            m_menu->addSeparator();
        pendingSeparator = false;
        m_menu->addAction(item.action); // an action with a menu shows as a submenu
    }
}

} // namespace harness::ui
