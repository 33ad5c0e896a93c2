// Canonical path resolution confined to a worktree.
#include "pathguard.h"

#include <QDir>
#include <QFileInfo>

namespace harness {

namespace {
bool isInside(const QString &path, const QString &root)
{
    return path == root || path.startsWith(root + QLatin1Char('/'));
}
constexpr int kMaxPathChars = 4096;
constexpr int kMaxSymlinkHops = 40;
} // namespace

PathGuard::PathGuard(const QString &worktreeRoot, const QStringList &extraProtected)
    : m_extraProtected(extraProtected)
{
    const QString canonical = QFileInfo(worktreeRoot).canonicalFilePath();
    m_root = canonical.isEmpty() ? QDir::cleanPath(QFileInfo(worktreeRoot).absoluteFilePath()) : canonical;
}

const QStringList &PathGuard::alwaysProtected()
{
    static const QStringList list {QStringLiteral(".git"), QStringLiteral(".harness")};
    return list;
}

bool PathGuard::isProtected(const QString &relative) const
{
    const QStringList parts = relative.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return false;
    for (const QString &part : parts)
        if (part.compare(QLatin1String(".git"), Qt::CaseInsensitive) == 0)
            return true;
    if (parts.first().compare(QLatin1String(".harness"), Qt::CaseInsensitive) == 0)
        return true;
    for (const QString &p : m_extraProtected) {
        const QString clean = QDir::cleanPath(p);
        if (relative == clean || relative.startsWith(clean + QLatin1Char('/')))
            return true;
    }
    return false;
}

Result<ResolvedPath> PathGuard::resolve(const QString &requested) const
{
    using R = Result<ResolvedPath>;
    if (requested.isEmpty())
        return R::failure(QStringLiteral("empty path"));
    if (requested.size() > kMaxPathChars)
        return R::failure(QStringLiteral("path longer than %1 characters").arg(kMaxPathChars));
    for (const QChar c : requested) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return R::failure(QStringLiteral("file names containing newlines are refused"));
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return R::failure(QStringLiteral("file names containing control characters are refused"));
        if (c == QChar::ReplacementCharacter)
            return R::failure(QStringLiteral("file names that are not valid UTF-8 are refused"));
    }

    QString rel = requested;
    if (QDir::isAbsolutePath(rel)) {
        const QString clean = QDir::cleanPath(rel);
        if (!isInside(clean, m_root))
            return R::failure(
                    QStringLiteral("absolute path %1 is outside the worktree; use a path relative to "
                                   "the worktree root")
                            .arg(requested.left(200)));
        rel = clean.mid(m_root.size());
    }
    QStringList parts = rel.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts)
        if (part == QLatin1String(".."))
            return R::failure(
                    QStringLiteral("paths containing \"..\" are refused; name the file relative to the "
                                   "worktree root"));
    parts.removeAll(QStringLiteral("."));

    // Walk component by component so that every symlink met on the way is resolved and checked.
    QString current = m_root;
    qsizetype i = 0;
    int hops = 0;
    for (; i < parts.size(); ++i) {
        const QString next = current + QLatin1Char('/') + parts.at(i);
        const QFileInfo info(next);
        if (info.isSymLink()) {
            if (++hops > kMaxSymlinkHops)
                return R::failure(QStringLiteral("too many symbolic links"));
            const QString target = info.canonicalFilePath();
            // exists() follows the link: false for a dangling link or a loop (where Qt hands back the
            // link's own path as "canonical").
            if (target.isEmpty() || !info.exists())
                return R::failure(QStringLiteral("%1 is a symbolic link to a missing or unreachable target; "
                                                 "refused")
                                          .arg(parts.mid(0, i + 1).join(QLatin1Char('/'))));
            if (!isInside(target, m_root))
                return R::failure(
                        QStringLiteral("%1 is a symbolic link that leads outside the worktree; refused")
                                .arg(parts.mid(0, i + 1).join(QLatin1Char('/'))));
            current = target;
            continue;
        }
        if (!info.exists())
            break;
        current = next;
    }
    ResolvedPath out;
    out.exists = i == parts.size();
    for (; i < parts.size(); ++i)
        current += QLatin1Char('/') + parts.at(i);
    if (!isInside(current, m_root))
        return R::failure(QStringLiteral("path leads outside the worktree; refused"));
    out.absolute = current;
    out.relative = current == m_root ? QString() : current.mid(m_root.size() + 1);
    return out;
}

} // namespace harness
