// DemoProject: the files come from the demo.qrc resource compiled into this library.
#include "demoproject.h"

#include "core/gitrunner.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "runtime/sandbox.h"

#include <algorithm>

#include "core/events/runevents.h"

static void initDemoResource()
{
    Q_INIT_RESOURCE(demo);
}

namespace harness {

namespace {

Status git(const QString &dir, const QStringList &args)
{
    const GitOutput o = GitRunner(dir, 60000).exec(args);
    if (!o.ok())
        return Status::failure(
                QStringLiteral("git %1 failed: %2").arg(args.join(QLatin1Char(' ')), o.errorText()));
    return success();
}

} // namespace

Result<DemoLocation> DemoProject::materialize(const QString &root)
{
    initDemoResource();
    QDir dir(root);
    if (dir.exists() && !dir.isEmpty())
        return Result<DemoLocation>::failure(
                QStringLiteral("%1 is not empty; choose a new folder for the demo").arg(root));
    if (!QDir().mkpath(root))
        return Result<DemoLocation>::failure(QStringLiteral("cannot create %1").arg(root));
    const QString prefix = QStringLiteral(":/demo/project/");
    QDirIterator it(QStringLiteral(":/demo/project"), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString source = it.next();
        const QString rel = source.mid(prefix.size());
        const QString target = dir.filePath(rel);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile in(source);
        QSaveFile out(target);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0 ||
            !out.commit())
            return Result<DemoLocation>::failure(
                    QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
        ++count;
    }
    if (count == 0)
        return Result<DemoLocation>::failure(QStringLiteral("the demo files are missing from this build"));
    for (const QStringList &args :
         {QStringList {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                       QStringLiteral("main")},
          QStringList {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Harness Demo")},
          QStringList {QStringLiteral("config"), QStringLiteral("user.email"),
                       QStringLiteral("demo@harness.invalid")},
          QStringList {QStringLiteral("add"), QStringLiteral("-A")},
          QStringList {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                       QStringLiteral("units: temperature conversions with tests")}}) {
        if (auto s = git(root, args); !s)
            return s.error();
    }
    DemoLocation location;
    location.repositoryRoot = QDir(root).canonicalPath();
    location.storeSpec = QFileInfo(location.repositoryRoot).absolutePath() + QStringLiteral("/") +
            QFileInfo(location.repositoryRoot).fileName() + QStringLiteral("-state.sqlite");
    return location;
}

QStringList DemoProject::missingRequirements(const DemoTools &tools)
{
    QStringList missing;
    const auto find = [](const QString &program) {
        return program.contains(QLatin1Char('/')) ? (QFileInfo(program).isExecutable() ? program : QString())
                                                  : QStandardPaths::findExecutable(program);
    };
    if ((tools.git.isEmpty() ? GitRunner::executable() : find(tools.git)).isEmpty())
        missing << QStringLiteral("git is not installed: the demo is a git repository and its run works in a "
                                  "git worktree. Install the \"git\" package.");
    const SandboxStatus sandbox = Sandbox::probe(tools.bwrap);
    const bool sandboxRuns = sandbox.available;
    if (!sandboxRuns)
        missing << QStringLiteral("The sandbox cannot start: %1 Every command of a run, the demo's tests "
                                  "too, runs inside it.")
                           .arg(sandbox.reason.endsWith(QLatin1Char('.'))
                                        ? sandbox.reason
                                        : sandbox.reason + QLatin1Char('.'));
    // python3 and pytest as the tests gate finds them: inside the sandbox, where home directories (and a
    // pyenv there) are hidden. Without a sandbox, as the sandbox's unsandboxed mode runs them.
    const QString quoted = QLatin1Char('\'') +
            QString(tools.python).replace(QLatin1Char('\''), QLatin1String("'\\''")) + QLatin1Char('\'');
    CommandSpec check;
    check.shell =
            QStringLiteral("command -v %1 >/dev/null 2>&1 || exit 127; %1 -c 'import pytest' >/dev/null 2>&1 "
                           "|| exit 3")
                    .arg(quoted);
    check.timeoutMs = 60000;
    int code = -1;
    QTemporaryDir scratch;
    if (scratch.isValid()) {
        SandboxConfig config;
        config.worktreeRoot = scratch.path();
        config.bwrapPath = tools.bwrap;
        config.allowUnsandboxed = !sandboxRuns; // only to look for python3: the sandbox's lack is said above
        const CommandResult c = Sandbox(config).run(check);
        code = c.started ? c.exitCode : -1;
    }
    if (code == 127)
        missing << QStringLiteral("%1 is not installed: the demo's tests gate runs \"python3 -m pytest\". "
                                  "Install the \"python3\" and \"python3-pytest\" packages.")
                           .arg(tools.python);
    else if (code != 0)
        missing << QStringLiteral("pytest is not installed for %1: the demo's tests gate runs \"python3 -m "
                                  "pytest\". Install the \"python3-pytest\" package.")
                           .arg(tools.python);
    return missing;
}

QString DemoProject::newCopyPath(const QString &base)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString path = base + QStringLiteral("/units-") + stamp;
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = base + QStringLiteral("/units-%1-%2").arg(stamp).arg(n);
    return path;
}

std::unique_ptr<QLockFile> DemoProject::claimCopy(const QString &copyRoot)
{
    auto lock = std::make_unique<QLockFile>(QDir::cleanPath(copyRoot) + QStringLiteral(".lock"));
    lock->setStaleLockTime(0); // only a live process holds a copy
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

QStringList DemoProject::removeOldCopies(const QString &base, int keep)
{
    static const QRegularExpression copyName(QStringLiteral("^units-\\d{8}-\\d{6}(-\\d+)?$"));
    QDir dir(base);
    QStringList copies;
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (copyName.match(name).hasMatch())
            copies << name;
    // The names sort by time; numbered names made in the same second sort after their first.
    std::sort(copies.begin(), copies.end(), [](const QString &a, const QString &b) {
        const QString sa = a.section(QLatin1Char('-'), 1, 2), sb = b.section(QLatin1Char('-'), 1, 2);
        if (sa != sb)
            return sa < sb;
        return a.section(QLatin1Char('-'), 3).toInt() < b.section(QLatin1Char('-'), 3).toInt();
    });
    QStringList removed;
    for (qsizetype i = 0; i < copies.size() - qMax(0, keep); ++i) {
        const QString root = dir.filePath(copies[i]);
        std::unique_ptr<QLockFile> lock = claimCopy(root);
        if (!lock)
            continue; // open in a workbench
        if (!QDir(root).removeRecursively())
            continue;
        for (const QString &suffix : {QStringLiteral("-state.sqlite"), QStringLiteral("-state.sqlite-wal"),
                                      QStringLiteral("-state.sqlite-shm")})
            QFile::remove(root + suffix);
        lock->unlock();
        removed << root;
    }
    return removed;
}

Result<Task> DemoProject::addTask(Store &store)
{
    initDemoResource();
    QFile f(QStringLiteral(":/demo/task.json"));
    if (!f.open(QIODevice::ReadOnly))
        return Result<Task>::failure(QStringLiteral("the demo task is missing from this build"));
    auto task = Task::fromJson(QJsonDocument::fromJson(f.readAll()).object());
    if (!task)
        return task;
    auto added = store.addTask(*task);
    if (!added)
        return added;
    if (auto recorded = store.append(makeEvent({}, TaskAddedPayload {added->toJson(), true})); !recorded)
        return recorded.error();
    return added;
}

} // namespace harness
