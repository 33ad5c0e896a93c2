// ProjectInitializer: defaults come from the resources/defaults/ files compiled into this library.
#include "projectinitializer.h"
#include "project.h"

#include "core/gitrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

static void initDefaultsResource()
{
    Q_INIT_RESOURCE(defaults);
}

namespace harness {

QByteArray ProjectInitializer::defaultFile(const QString &relativePath)
{
    initDefaultsResource();
    QFile f(QStringLiteral(":/defaults/") + QFileInfo(relativePath).fileName());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

Result<InitReport> ProjectInitializer::initialize(const QString &repositoryRoot)
{
    InitReport report;
    const QDir root(repositoryRoot);
    if (!root.exists())
        return Result<InitReport>::failure(QStringLiteral("%1 does not exist").arg(repositoryRoot));
    const QStringList files {QStringLiteral(".harness/rules.json"), QStringLiteral(".harness/gates.json"),
                             QStringLiteral("AGENTS.md")};
    // Check everything first so that a failure leaves nothing half-written.
    for (const auto &rel : files) {
        const QFileInfo info(root.filePath(rel));
        if (info.exists() && !info.isFile())
            return Result<InitReport>::failure(
                    QStringLiteral("%1 exists but is not a file; move it away and run init again").arg(rel));
    }
    for (const auto &rel : files) {
        const QString path = root.filePath(rel);
        if (QFileInfo::exists(path)) {
            report.kept << rel;
            continue;
        }
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Result<InitReport>::failure(QStringLiteral("cannot create the folder for %1").arg(rel));
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(defaultFile(rel)) < 0 || !out.commit())
            return Result<InitReport>::failure(
                    QStringLiteral("cannot write %1: %2").arg(rel, out.errorString()));
        report.created << rel;
    }
    return report;
}

Status ProjectInitializer::initGitRepository(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.isDir())
        return Status::failure(QStringLiteral("%1 is not a folder").arg(folder));
    if (Project::findRepositoryRoot(folder))
        return Status::failure(QStringLiteral("%1 is already inside a git repository").arg(folder));
    const Result<QString> made =
            GitRunner(info.absoluteFilePath(), 30000).run({QStringLiteral("init"), QStringLiteral("-q")});
    if (!made)
        return Status::failure(QStringLiteral("git init failed: %1").arg(made.errorText()));
    return success();
}

} // namespace harness
