// OverflowBar: a row of tool buttons for actions that fits any width — what does not fit moves into
// the menu of a "»" button at the end (which, unlike a QToolBar outside a main window, opens). Checkable
// actions stay checkable and actions with a menu become submenus there.
#pragma once

#include <QWidget>

class QAction;
class QMenu;
class QToolButton;

namespace harness::ui {

class OverflowBar : public QWidget
{
    Q_OBJECT
public:
    explicit OverflowBar(QWidget *parent = nullptr);

    // Adds an action shown as a tool button (or, when it has a menu, a button that opens it).
    QToolButton *addBarAction(QAction *action);
    void addSeparator();

    QToolButton *overflowButton() const { return m_more; }
    QMenu *overflowMenu() const { return m_menu; }
    // The actions currently moved into the overflow menu, in order.
    QList<QAction *> overflowActions() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Item
    {
        QAction *action = nullptr; // nullptr: a separator
        QToolButton *button = nullptr;
    };
    void relayout();
    void fillMenu();

    QList<Item> m_items;
    QToolButton *m_more = nullptr;
    QMenu *m_menu = nullptr;
    int m_firstHidden = -1; // index into m_items of the first item in the menu; -1: all shown
};

} // namespace harness::ui
