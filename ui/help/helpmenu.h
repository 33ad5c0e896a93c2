// HelpMenu: the window's Help menu — the user guide (F1), the keyboard shortcuts, and About.
#pragma once

#include <QMenu>

namespace harness::ui {

class HelpMenu : public QMenu
{
    Q_OBJECT
public:
    explicit HelpMenu(QWidget *window);

public Q_SLOTS:
    void showGuide();
    void showShortcuts();
    void showAbout();

private:
    QWidget *m_window;
};

} // namespace harness::ui
