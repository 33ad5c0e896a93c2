// AgentChangeCheck: the nested-repository scan, then `git status` read path by path.
#include "agentchangecheck.h"

#include "core/gitrunner.h"
#include "core/pathglob.h"
#include "core/sizepolicy.h"
#include "runtime/nestedrepositoryscan.h"

#include <QFileInfo>

#include <algorithm>

namespace harness {

QStringList AgentChangeCheck::changedPaths(QString *error) const
{
    const GitOutput o =
            GitRunner(m_worktree)
                    .exec({QStringLiteral("status"), QStringLiteral("--porcelain=v1"), QStringLiteral("-z"),
                           QStringLiteral("--untracked-files=all"), QStringLiteral("--no-renames")});
    if (!o.ok()) {
        *error = QStringLiteral("git status failed in the worktree: %1").arg(o.errorText());
        return {};
    }
    QStringList paths;
    for (const QByteArray &entry : o.out.split('\0'))
        if (entry.size() > 3)
            paths << QString::fromUtf8(entry.mid(3));
    return paths;
}

QString AgentChangeCheck::violation(bool writeAllowed) const
{
    const QList<NestedRepository> nested = NestedRepositoryScan::violations(m_worktree);
    if (!nested.isEmpty())
        return NestedRepositoryScan::message(m_worktree, nested);
    QString error;
    const QStringList paths = changedPaths(&error);
    if (!error.isEmpty())
        return error;
    QStringList found;
    for (const QString &path : paths) {
        if (!writeAllowed) {
            found << QStringLiteral("%1 changed before the plan was approved").arg(path);
        } else if (path == QLatin1String(".harness") || path.startsWith(QLatin1String(".harness/")) ||
                   path == QLatin1String(".git") || path.startsWith(QLatin1String(".git/"))) {
            found << QStringLiteral("%1 is protected (.harness/ and .git are never written by an agent)")
                             .arg(path);
        } else if (!m_scope.isEmpty() &&
                   std::none_of(m_scope.cbegin(), m_scope.cend(),
                                [&](const QString &glob) { return PathGlob(glob).matches(path); })) {
            found << QStringLiteral("%1 is outside the task's scope (%2)")
                             .arg(path, m_scope.join(QStringLiteral(", ")));
        } else if (const QFileInfo info(m_worktree + QLatin1Char('/') + path);
                   info.isFile() && !info.isSymLink() && info.size() > SizePolicy::kMaxFileBytes) {
            found << QStringLiteral("%1 is %2 bytes, over the limit of %3")
                             .arg(path)
                             .arg(info.size())
                             .arg(SizePolicy::kMaxFileBytes);
        }
        if (found.size() >= 20)
            break;
    }
    if (found.isEmpty())
        return {};
    return QStringLiteral("the external agent changed what it may not: %1.")
            .arg(found.join(QStringLiteral("; ")));
}

} // namespace harness
