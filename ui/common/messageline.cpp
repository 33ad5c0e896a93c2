// showMessageLine: the colours of the views' message lines, in one place.
#include "messageline.h"

#include <QLabel>

namespace harness::ui {

void showMessageLine(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(
            error ? QStringLiteral("background:#fdecea; color:#8a1c1c; padding:4px; border-radius:3px;")
                  : QStringLiteral("background:#e8f5e9; color:#1b5e20; padding:4px; border-radius:3px;"));
    label->setProperty("error", error);
    label->setVisible(!text.isEmpty());
}

} // namespace harness::ui
