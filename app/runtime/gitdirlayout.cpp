// GitDirLayout: git's on-disk layout read without starting git.
#include "gitdirlayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace harness {

namespace {

QString firstLine(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine(4096)).trimmed();
}

QString resolved(const QString &base, const QString &path)
{
    return QDir::cleanPath(QDir::isRelativePath(path) ? base + QLatin1Char('/') + path : path);
}

bool isObjectId(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("\\A(?:[0-9a-f]{40}|[0-9a-f]{64})\\z"));
    return re.match(s).hasMatch();
}

} // namespace

GitDirLayout GitDirLayout::of(const QString &root)
{
    GitDirLayout layout;
    const QString dotGit = QDir(root).filePath(QStringLiteral(".git"));
    const QFileInfo info(dotGit);
    if (info.isDir()) {
        layout.gitDir = QDir::cleanPath(info.absoluteFilePath());
    } else if (info.isFile()) {
        const QString line = firstLine(dotGit);
        if (!line.startsWith(QLatin1String("gitdir:")))
            return {};
        layout.gitDir = resolved(QFileInfo(root).absoluteFilePath(), line.mid(7).trimmed());
    } else {
        return {};
    }
    const QString common = firstLine(layout.gitDir + QStringLiteral("/commondir"));
    layout.commonDir = common.isEmpty() ? layout.gitDir : resolved(layout.gitDir, common);
    return layout;
}

QString GitDirLayout::headCommitFromFiles() const
{
    if (!isValid())
        return {};
    const QString head = firstLine(gitDir + QStringLiteral("/HEAD"));
    if (isObjectId(head))
        return head; // detached
    if (!head.startsWith(QLatin1String("ref: refs/")))
        return {};
    const QString ref = head.mid(5);
    if (ref.contains(QLatin1String("..")))
        return {};
    // Branches live in the common directory; per-worktree refs (bisect, worktree) in the own one.
    for (const QString &dir : {commonDir, gitDir}) {
        const QString id = firstLine(dir + QLatin1Char('/') + ref);
        if (isObjectId(id))
            return id;
    }
    return {};
}

} // namespace harness
