// ShortcutsDialog: the window's QActions with a shortcut, sorted by what they do.
#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace harness::ui {

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<QPair<QString, QString>> rows;
    QSet<QString> seen;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty())
            continue;
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        QString what = action->text();
        what.remove(QLatin1Char('&'));
        what.remove(QStringLiteral("…"));
        if (what.isEmpty() || seen.contains(keys + what))
            continue;
        seen.insert(keys + what);
        rows.append({keys, what});
    }
    rows.append({tr("Ctrl+wheel"), tr("Zoom the task graph or the rule editor's layers")});
    rows.append({tr("Drag"), tr("Task graph: make one task wait for another; rules: allow a direction")});
    rows.append({tr("Delete"), tr("Rules: forbid the selected direction")});
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.second < b.second; });
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(520, 460);
}

QStringList ShortcutsDialog::entries() const
{
    QStringList out;
    for (int i = 0; i < m_table->rowCount(); ++i)
        out << m_table->item(i, 0)->text() + QLatin1Char('\t') + m_table->item(i, 1)->text();
    return out;
}

} // namespace harness::ui
