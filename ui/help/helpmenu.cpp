// HelpMenu: one help browser per window, raised again when asked twice.
#include "helpmenu.h"
#include "aboutdialog.h"
#include "helpbrowser.h"
#include "shortcutsdialog.h"

namespace harness::ui {

HelpMenu::HelpMenu(QWidget *window) : QMenu(tr("&Help"), window), m_window(window)
{
    setObjectName(QStringLiteral("helpMenu"));
    addAction(tr("&User Guide"), this, &HelpMenu::showGuide)->setShortcut(QKeySequence::HelpContents);
    addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts);
    addSeparator();
    addAction(tr("&About Harness Workbench"), this, &HelpMenu::showAbout);
}

void HelpMenu::showGuide()
{
    auto *browser = m_window->findChild<HelpBrowser *>();
    if (!browser) {
        browser = new HelpBrowser(m_window);
        browser->setAttribute(Qt::WA_DeleteOnClose);
    }
    browser->show();
    browser->raise();
}

void HelpMenu::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void HelpMenu::showAbout()
{
    auto *dialog = new AboutDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace harness::ui
