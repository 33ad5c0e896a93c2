// Project: repository discovery through `git rev-parse` and store opening.
#include "project.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"

#include <QDir>
#include <QFileInfo>

namespace harness {

Result<QString> Project::findRepositoryRoot(const QString &path)
{
    const QFileInfo info(path.isEmpty() ? QDir::currentPath() : path);
    if (!info.exists())
        return Result<QString>::failure(QStringLiteral("%1 does not exist").arg(info.filePath()));
    const GitOutput git = GitRunner(info.isDir() ? info.absoluteFilePath() : info.absolutePath(), 30000)
                                  .exec({QStringLiteral("rev-parse"), QStringLiteral("--show-toplevel")});
    if (git.exitCode < 0 && git.err.startsWith("could not start git"))
        return Result<QString>::failure(
                QStringLiteral("the git command could not be started; install git and try again"));
    if (!git.ok())
        return Result<QString>::failure(QStringLiteral("%1 is not inside a git repository; run \"git init\" "
                                                       "there first, or open another folder")
                                                .arg(QDir::toNativeSeparators(info.absoluteFilePath())));
    return QDir::cleanPath(QString::fromUtf8(git.out).trimmed());
}

Status Project::refuseStorePasswords(const QString &root)
{
    // Read like every tree file: no link followed, only regular files, bounded.
    constexpr qint64 kLargestChecked = 4 * 1024 * 1024;
    const WorktreeReader reader(root);
    const QDir dir(root + QStringLiteral("/.harness"));
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        const QString relative = QStringLiteral(".harness/") + name;
        const WorktreeRead read = reader.read(relative, kLargestChecked);
        if (!read.ok())
            continue;
        if (Status clean = StoreLocation::refusePasswordIn(read.data, relative); !clean)
            return clean;
    }
    return success();
}

Result<std::shared_ptr<Project>> Project::open(const QString &path, const QString &storeSpec,
                                               const QString &storePassword)
{
    auto root = findRepositoryRoot(path);
    if (!root)
        return root.error();
    if (Status clean = refuseStorePasswords(*root); !clean)
        return clean.error();
    StoreLocation location;
    const QString spec = storeSpec.isEmpty() ? qEnvironmentVariable("HARNESS_STORE") : storeSpec;
    if (spec.isEmpty()) {
        location = StoreLocation::forRepository(*root);
    } else {
        auto parsed = StoreLocation::parse(spec);
        if (!parsed)
            return parsed.error();
        location = *parsed;
    }
    if (location.backend == StoreLocation::Backend::Postgres && location.postgresPassword.isEmpty())
        location.postgresPassword = storePassword;
    auto store = Store::open(location);
    if (!store)
        return store.error();
    auto project = std::make_shared<Project>();
    project->m_root = *root;
    project->m_store = std::shared_ptr<Store>(std::move(*store));
    return project;
}

std::shared_ptr<Project> Project::withStore(const QString &root, std::shared_ptr<Store> store)
{
    auto project = std::make_shared<Project>();
    project->m_root = QDir::cleanPath(root);
    project->m_store = std::move(store);
    return project;
}

Result<QString> Project::currentBranch() const
{
    const GitOutput git = GitRunner(m_root, 30000)
                                  .exec({QStringLiteral("symbolic-ref"), QStringLiteral("--quiet"),
                                         QStringLiteral("--short"), QStringLiteral("HEAD")});
    const QString branch = QString::fromUtf8(git.out).trimmed();
    if (!git.ok() || branch.isEmpty())
        return Result<QString>::failure(
                QStringLiteral("the repository has no branch checked out (detached HEAD); "
                               "check out the branch runs should merge into, or set "
                               "\"target_branch\" in .harness/policy.json"));
    return branch;
}

QString Project::harnessDir() const
{
    return m_root + QStringLiteral("/.harness");
}
QString Project::rulesPath() const
{
    return harnessDir() + QStringLiteral("/rules.json");
}
QString Project::gatesPath() const
{
    return harnessDir() + QStringLiteral("/gates.json");
}
QString Project::agentsPath() const
{
    return m_root + QStringLiteral("/AGENTS.md");
}

} // namespace harness
