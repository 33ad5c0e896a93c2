// RepositoryCheck: walks up from the chosen directory to the one containing .git (a directory, or a
// file for worktrees and submodules).
#include "repositorycheck.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace harness::ui {

Result<QString> RepositoryCheck::rootOf(const QString &path)
{
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return Result<QString>::failure(
                QCoreApplication::translate("RepositoryCheck", "The folder %1 does not exist.").arg(path));
    if (!info.isDir())
        return Result<QString>::failure(
                QCoreApplication::translate("RepositoryCheck",
                                            "%1 is a file; choose the folder of a git repository.")
                        .arg(path));
    QDir dir(info.absoluteFilePath());
    while (true) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return QDir::cleanPath(dir.absolutePath());
        if (!dir.cdUp())
            break;
    }
    return Result<QString>::failure(
            QCoreApplication::translate("RepositoryCheck",
                                        "%1 is not inside a git repository. Choose a folder "
                                        "created with \"git init\" or \"git clone\".")
                    .arg(QDir::toNativeSeparators(info.absoluteFilePath())));
}

} // namespace harness::ui
