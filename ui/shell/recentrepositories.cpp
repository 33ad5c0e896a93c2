// RecentRepositories: QSettings keys "recent/repositories" and "recent/last".
#include "recentrepositories.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace harness::ui {

namespace {
const QString kListKey = QStringLiteral("recent/repositories");
const QString kLastKey = QStringLiteral("recent/last");

QString normalized(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
} // namespace

QStringList RecentRepositories::list()
{
    QStringList out;
    for (const QString &p : QSettings().value(kListKey).toStringList())
        if (QFileInfo(p).isDir())
            out.append(p);
    return out;
}

void RecentRepositories::add(const QString &path)
{
    const QString p = normalized(path);
    QStringList all = QSettings().value(kListKey).toStringList();
    all.removeAll(p);
    all.prepend(p);
    while (all.size() > kMaximum)
        all.removeLast();
    QSettings().setValue(kListKey, all);
}

void RecentRepositories::remove(const QString &path)
{
    QStringList all = QSettings().value(kListKey).toStringList();
    all.removeAll(normalized(path));
    QSettings().setValue(kListKey, all);
}

QString RecentRepositories::last()
{
    const QString p = QSettings().value(kLastKey).toString();
    return QFileInfo(p).isDir() ? p : QString();
}

void RecentRepositories::setLast(const QString &path)
{
    QSettings().setValue(kLastKey, path.isEmpty() ? QString() : normalized(path));
}

} // namespace harness::ui
