// ShortcutsDialog: every keyboard shortcut of the window, read from its actions (so the list is the
// build's own), and the mouse gestures of the graph views.
#pragma once

#include <QDialog>

class QTableWidget;

namespace harness::ui {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);
    // "keys\taction" lines, as listed.
    QStringList entries() const;

private:
    QTableWidget *m_table;
};

} // namespace harness::ui
