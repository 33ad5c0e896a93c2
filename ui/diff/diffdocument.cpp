// DiffDocument: the status words of a changed file.
#include "diffdocument.h"

#include <QCoreApplication>
#include <QStringList>

namespace harness::ui {

QString fileStatusText(const DiffFile &file)
{
    QStringList parts;
    switch (file.status) {
    case DiffFileStatus::Added:
        parts << QCoreApplication::translate("DiffFile", "added");
        break;
    case DiffFileStatus::Deleted:
        parts << QCoreApplication::translate("DiffFile", "deleted");
        break;
    case DiffFileStatus::Renamed:
        parts << (file.similarity >= 0
                          ? QCoreApplication::translate("DiffFile", "renamed (%1%)").arg(file.similarity)
                          : QCoreApplication::translate("DiffFile", "renamed"));
        break;
    case DiffFileStatus::Copied:
        parts << QCoreApplication::translate("DiffFile", "copied");
        break;
    case DiffFileStatus::Modified:
        if (file.added + file.removed > 0 || (!file.binary && !file.modeChanged()))
            parts << QCoreApplication::translate("DiffFile", "modified");
        break;
    }
    if (file.modeChanged())
        parts << QCoreApplication::translate("DiffFile", "mode %1 → %2").arg(file.oldMode, file.newMode);
    if (file.binary)
        parts << QCoreApplication::translate("DiffFile", "binary");
    return parts.join(QStringLiteral(", "));
}

} // namespace harness::ui
