// Run worktrees, checkpoints, diffs and merges through the git command.
#include "worktreemanager.h"
#include "gitdirlayout.h"
#include "nestedrepositoryscan.h"

#include "core/gitrunner.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <QThread>
#include <QUuid>

#include <functional>

namespace harness {

namespace {
QString canonicalOrAbsolute(const QString &path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : c;
}

bool validId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,79}\\z"));
    return re.match(id).hasMatch() && !id.contains(QLatin1String("..")) &&
            !id.endsWith(QLatin1String(".lock"));
}

QStringList splitNul(const QByteArray &data)
{
    QStringList out;
    for (const QByteArray &part : data.split('\0'))
        if (!part.isEmpty())
            out << QString::fromUtf8(part);
    return out;
}

// `git worktree list --porcelain` as (path, branch) pairs; branch without refs/heads/.
QList<QPair<QString, QString>> parseWorktreeList(const QByteArray &porcelain)
{
    QList<QPair<QString, QString>> out;
    for (const QByteArray &block : porcelain.split('\n')) {
        const QString line = QString::fromUtf8(block);
        if (line.startsWith(QLatin1String("worktree ")))
            out.append({canonicalOrAbsolute(line.mid(9)), QString()});
        else if (line.startsWith(QLatin1String("branch refs/heads/")) && !out.isEmpty())
            out.last().second = line.mid(18);
    }
    return out;
}

// git's worktree commands read every other worktree's admin files (.git/worktrees/<name>/commondir,
// gitdir). One that runs while another `worktree add` is half-way through fails, for example "fatal:
// failed to read .git/worktrees/R2/commondir" with git 2.39 when two runs start together. In this
// process they take turns; against another process (two `harness run`s) the command is tried again.
QMutex &worktreeAdminMutex()
{
    static QMutex mutex;
    return mutex;
}

bool isWorktreeAdminRace(const GitOutput &o)
{
    return o.err.contains("worktrees/") &&
            (o.err.contains("failed to read") || o.err.contains("unable to read") ||
             o.err.contains("No such file or directory"));
}

GitOutput worktreeCommand(const GitRunner &git, const QStringList &args,
                          const std::function<void()> &beforeRetry = {})
{
    GitOutput o;
    for (int attempt = 0; attempt < 6; ++attempt) {
        if (attempt > 0) {
            if (beforeRetry)
                beforeRetry();
            QThread::msleep(25 * attempt);
        }
        QMutexLocker lock(&worktreeAdminMutex());
        o = git.exec(QStringList {QStringLiteral("worktree")} + args);
        if (o.ok() || !isWorktreeAdminRace(o))
            break;
    }
    return o;
}

Result<QStringList> identityArgs(const GitRunner &git)
{
    // Respect the user's identity; only when none is configured commit as the harness.
    QStringList args;
    if (git.exec({QStringLiteral("config"), QStringLiteral("user.name")}).out.trimmed().isEmpty())
        args << QStringLiteral("-c") << QStringLiteral("user.name=Harness Workbench");
    if (git.exec({QStringLiteral("config"), QStringLiteral("user.email")}).out.trimmed().isEmpty())
        args << QStringLiteral("-c") << QStringLiteral("user.email=harness@localhost");
    return args;
}

// `git diff <options> fromRev [toRev] --` in the tree at path. Against the working tree (no toRev) the
// tree is read, so it is checked first for a nested repository, whose configuration git would obey.
Result<QByteArray> gitDiff(const QString &path, QStringList args, const QString &fromRev,
                           const QString &toRev)
{
    args << fromRev;
    if (!toRev.isEmpty())
        args << toRev;
    else if (auto safe = NestedRepositoryScan::check(path); !safe)
        return safe.error();
    args << QStringLiteral("--");
    const GitOutput o = GitRunner(path).exec(args);
    if (!o.ok())
        return Result<QByteArray>::failure(QStringLiteral("git diff failed: %1").arg(o.errorText()));
    return o.out;
}

} // namespace

QJsonObject WorktreeInfo::toJson() const
{
    return QJsonObject {{QStringLiteral("path"), path},
                        {QStringLiteral("branch"), branch},
                        {QStringLiteral("base_commit"), baseCommit},
                        {QStringLiteral("head"), head},
                        {QStringLiteral("dirty"), dirty},
                        {QStringLiteral("disk_bytes"), diskBytes}};
}

QJsonObject MergeOutcome::toJson() const
{
    return QJsonObject {{QStringLiteral("merged"), merged},
                        {QStringLiteral("commit"), commit},
                        {QStringLiteral("conflict_files"), QJsonArray::fromStringList(conflictFiles)}};
}

WorktreeManager::WorktreeManager(QString repoRoot, QString worktreesRoot)
    : m_repoRoot(canonicalOrAbsolute(repoRoot)), m_worktreesRoot(std::move(worktreesRoot))
{ }

QString WorktreeManager::branchName(const QString &taskId, const QString &runId)
{
    return QStringLiteral("harness/%1/%2").arg(taskId, runId);
}

Result<QString> WorktreeManager::commonDir() const
{
    auto dir = GitRunner(m_repoRoot).run({QStringLiteral("rev-parse"), QStringLiteral("--git-common-dir")});
    if (!dir)
        return Result<QString>::failure(
                QStringLiteral("%1 is not a git repository: %2").arg(m_repoRoot, dir.errorText()));
    QString path = *dir;
    if (QDir::isRelativePath(path))
        path = m_repoRoot + QLatin1Char('/') + path;
    return canonicalOrAbsolute(path);
}

QString WorktreeManager::worktreesRoot() const
{
    if (!m_worktreesRoot.isEmpty())
        return canonicalOrAbsolute(m_worktreesRoot);
    auto common = commonDir();
    return common ? *common + QStringLiteral("/harness-worktrees")
                  : m_repoRoot + QStringLiteral("/.git/harness-worktrees");
}

Result<QString> WorktreeManager::headOf(const QString &path)
{
    return GitRunner(path).run({QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
}

Result<QString> WorktreeManager::committedHead(const QString &path)
{
    const QString fromFiles = GitDirLayout::of(path).headCommitFromFiles();
    return fromFiles.isEmpty() ? headOf(path) : Result<QString>(fromFiles);
}

Result<WorktreeInfo> WorktreeManager::create(const QString &taskId, const QString &runId,
                                             const QString &baseRef)
{
    using R = Result<WorktreeInfo>;
    if (!validId(taskId))
        return R::failure(
                QStringLiteral("task id \"%1\" cannot be used in a branch name (letters, digits, . _ -)")
                        .arg(taskId.left(80)),
                QStringLiteral("task_id"));
    if (!validId(runId))
        return R::failure(
                QStringLiteral("run id \"%1\" cannot be used in a branch name (letters, digits, . _ -)")
                        .arg(runId.left(80)),
                QStringLiteral("run_id"));
    const GitRunner git(m_repoRoot);
    auto base = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                         baseRef + QStringLiteral("^{commit}")});
    if (!base || base->isEmpty())
        return R::failure(
                QStringLiteral("base \"%1\" is not a commit, branch or tag of this repository").arg(baseRef),
                QStringLiteral("base_ref"));
    const QString root = worktreesRoot();
    if (!QDir().mkpath(root))
        return R::failure(QStringLiteral("cannot create the worktree folder %1").arg(root));
    WorktreeInfo info;
    info.path = root + QLatin1Char('/') + runId;
    info.branch = branchName(taskId, runId);
    info.baseCommit = *base;
    if (QFileInfo::exists(info.path))
        return R::failure(
                QStringLiteral("a worktree already exists at %1; worktrees are never reused — remove it "
                               "first (it may hold someone's work)")
                        .arg(info.path));
    if (git.exec({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                  QStringLiteral("refs/heads/") + info.branch})
                .ok())
        return R::failure(
                QStringLiteral("branch %1 already exists; choose another run id or delete the branch")
                        .arg(info.branch));
    // `worktree add -b` makes the branch before it looks at the other worktrees: a try that lost the
    // race above leaves the new branch behind, which goes before the next try.
    const QString branchRef = QStringLiteral("refs/heads/") + info.branch;
    const GitOutput add = worktreeCommand(
            git,
            {QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("-b"), info.branch, info.path,
             info.baseCommit},
            [&] {
                const GitOutput left = git.exec({QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                                                 QStringLiteral("--quiet"), branchRef});
                if (left.ok() && left.out.trimmed() == info.baseCommit.toUtf8())
                    git.exec(
                            {QStringLiteral("update-ref"), QStringLiteral("-d"), branchRef, info.baseCommit});
            });
    if (!add.ok())
        return R::failure(QStringLiteral("git worktree add failed: %1").arg(add.errorText()));
    info.path = canonicalOrAbsolute(info.path);
    info.head = info.baseCommit;
    if (auto copied = copyIncludedFiles(info.path); !copied)
        return copied.error();
    return info;
}

Status WorktreeManager::copyIncludedFiles(const QString &worktreePath)
{
    const QString includeFile = m_repoRoot + QStringLiteral("/.worktreeinclude");
    if (!QFileInfo(includeFile).isFile())
        return success();
    const GitRunner git(m_repoRoot);
    // Untracked files matching the include list, then only those git ignores (tracked files arrive anyway).
    const GitOutput listed =
            git.exec({QStringLiteral("ls-files"), QStringLiteral("-z"), QStringLiteral("--others"),
                      QStringLiteral("--ignored"), QStringLiteral("--exclude-from=") + includeFile});
    if (!listed.ok())
        return Status::failure(QStringLiteral("cannot read .worktreeinclude: %1").arg(listed.errorText()));
    if (listed.out.isEmpty())
        return success();
    const GitOutput ignored = git.exec(
            {QStringLiteral("check-ignore"), QStringLiteral("-z"), QStringLiteral("--stdin")}, listed.out);
    for (const QString &rel : splitNul(ignored.out)) {
        const QString from = m_repoRoot + QLatin1Char('/') + rel;
        const QString to = worktreePath + QLatin1Char('/') + rel;
        const QFileInfo info(from);
        if (!info.isFile() || info.isSymLink() || rel.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            continue;
        QDir().mkpath(QFileInfo(to).absolutePath());
        QFile::remove(to);
        if (!QFile::copy(from, to))
            return Status::failure(
                    QStringLiteral("cannot copy %1 (listed in .worktreeinclude) into the new worktree")
                            .arg(rel));
        QFile::setPermissions(to, info.permissions());
    }
    return success();
}

// The lock file named in git's "Unable to create '<path>/index.lock': File exists." message.
QString WorktreeManager::staleIndexLock(const QString &gitError)
{
    const qsizetype end = gitError.indexOf(QLatin1String("index.lock"));
    const qsizetype start = gitError.lastIndexOf(QLatin1Char('\''), end);
    if (end < 0 || start < 0)
        return {};
    return gitError.mid(start + 1, end + 10 - start - 1);
}

Result<QString> WorktreeManager::whileIndexLocked(const std::function<Result<QString>()> &operation)
{
    auto done = operation();
    for (int attempt = 0;
         !done && done.errorText().contains(QLatin1String("index.lock")) && attempt < kIndexLockAttempts;
         ++attempt) {
        const QString lock = staleIndexLock(done.errorText());
        if (!lock.isEmpty() &&
            QFileInfo(lock).lastModified().secsTo(QDateTime::currentDateTime()) > kStaleIndexLockSeconds)
            QFile::remove(lock);
        QThread::msleep(500);
        done = operation();
    }
    return done;
}

Result<QString> WorktreeManager::checkpoint(const QString &worktreePath, const QString &message)
{
    return whileIndexLocked([&] { return commitAll(worktreePath, message); });
}

Result<QString> WorktreeManager::commitAll(const QString &worktreePath, const QString &message)
{
    // Two git processes on the common path (add, commit; HEAD is then read from its files): a checkpoint
    // ends every Build step, so its cost is most of the harness's own time per iteration.
    // `git add` runs git inside any repository it finds in the tree, which obeys that repository's own
    // config (filters, fsmonitor): such a tree is refused before git sees it.
    if (auto safe = NestedRepositoryScan::check(worktreePath); !safe)
        return safe.error();
    const GitRunner git(worktreePath);
    const GitOutput add = git.exec({QStringLiteral("add"), QStringLiteral("-A")});
    if (!add.ok())
        return Result<QString>::failure(
                QStringLiteral("git add failed in %1: %2").arg(worktreePath, add.errorText()));
    const QString text = message.trimmed().isEmpty() ? QStringLiteral("harness checkpoint") : message;
    // git's automatic maintenance would start a third process after every checkpoint; it still runs on
    // the user's own commits and on the merge of the run.
    const QStringList commitArgs {QStringLiteral("-c"),     QStringLiteral("maintenance.auto=false"),
                                  QStringLiteral("commit"), QStringLiteral("-q"),
                                  QStringLiteral("-m"),     text};
    GitOutput commit = git.exec(commitArgs);
    const auto said = [&commit](const char *needle) {
        return commit.out.contains(needle) || commit.err.contains(needle);
    };
    if (!commit.ok() && (said("nothing to commit") || said("nothing added to commit")))
        return committedHead(worktreePath); // nothing changed: a resumed Build step stays idempotent
    if (!commit.ok() &&
        (said("Please tell me who you are") || said("empty ident") || said("unable to auto-detect"))) {
        // No identity configured: commit under the harness's fallback identity.
        auto identity = identityArgs(git);
        commit = git.exec(*identity + commitArgs);
    }
    if (!commit.ok())
        return Result<QString>::failure(
                QStringLiteral("git commit failed (a pre-commit hook may have refused it): %1")
                        .arg(commit.errorText()));
    return committedHead(worktreePath);
}

Status WorktreeManager::rollback(const QString &worktreePath, const QString &commit)
{
    if (auto safe = NestedRepositoryScan::check(worktreePath); !safe)
        return safe;
    const GitRunner git(worktreePath);
    auto id = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                       commit + QStringLiteral("^{commit}")});
    if (!id || id->isEmpty())
        return Status::failure(QStringLiteral("%1 is not a commit in this repository").arg(commit.left(80)));
    if (auto r = git.run({QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard"), *id}); !r)
        return r.error();
    // Untracked files the agent made after the checkpoint go too; ignored files (builds, .env) stay.
    if (auto r = git.run({QStringLiteral("clean"), QStringLiteral("-fdq")}); !r)
        return r.error();
    return success();
}

Result<QString> WorktreeManager::diff(const QString &path, const QString &fromRev, const QString &toRev)
{
    auto out = gitDiff(path,
                       {QStringLiteral("diff"), QStringLiteral("--no-color"), QStringLiteral("--no-ext-diff"),
                        QStringLiteral("-M")},
                       fromRev, toRev);
    if (!out)
        return out.error();
    return QString::fromUtf8(*out);
}

Result<QStringList> WorktreeManager::changedFiles(const QString &path, const QString &fromRev,
                                                  const QString &toRev)
{
    auto listed = gitDiff(path,
                          {QStringLiteral("diff"), QStringLiteral("--name-status"), QStringLiteral("-z"),
                           QStringLiteral("--no-renames")},
                          fromRev, toRev);
    if (!listed)
        return listed.error();
    const QStringList parts = splitNul(*listed);
    QStringList out;
    for (qsizetype i = 0; i + 1 < parts.size(); i += 2)
        out << parts.at(i) + QLatin1Char('\t') + parts.at(i + 1);
    return out;
}

Result<QString> WorktreeManager::checkedOutAt(const QString &branch)
{
    const GitOutput o =
            worktreeCommand(GitRunner(m_repoRoot), {QStringLiteral("list"), QStringLiteral("--porcelain")});
    if (!o.ok())
        return Result<QString>::failure(o.errorText());
    for (const auto &wt : parseWorktreeList(o.out))
        if (wt.second == branch)
            return wt.first;
    return QString();
}

Result<MergeOutcome> WorktreeManager::merge(const QString &branch, const QString &targetBranch,
                                            MergeMode mode)
{
    using R = Result<MergeOutcome>;
    const GitRunner repo(m_repoRoot);
    for (const QString &b : {branch, targetBranch}) {
        if (!repo.exec({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                        QStringLiteral("refs/heads/") + b})
                     .ok())
            return R::failure(QStringLiteral("branch %1 does not exist").arg(b));
    }
    // The run's own worktree, when it is still there, must not have grown a repository either.
    auto runTree = checkedOutAt(branch);
    if (runTree && !runTree->isEmpty())
        if (auto safe = NestedRepositoryScan::check(*runTree); !safe)
            return safe.error();
    auto at = checkedOutAt(targetBranch);
    if (!at)
        return at.error();
    QString dir = *at;
    bool temporary = false;
    if (dir.isEmpty()) {
        const QString root = worktreesRoot();
        QDir().mkpath(root);
        dir = root + QStringLiteral("/.merge-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        const GitOutput add =
                worktreeCommand(repo, {QStringLiteral("add"), QStringLiteral("-q"), dir, targetBranch});
        if (!add.ok())
            return R::failure(
                    QStringLiteral("cannot check out %1 for merging: %2").arg(targetBranch, add.errorText()));
        temporary = true;
    }
    const auto cleanup = [&]() {
        if (temporary) {
            worktreeCommand(repo, {QStringLiteral("remove"), QStringLiteral("--force"), dir});
            worktreeCommand(repo, {QStringLiteral("prune")});
        }
    };
    // The merge is the human's act on their branch: their signing configuration applies.
    const GitRunner git(dir, 5 * 60 * 1000, GitActor::Human);
    if (!temporary) {
        const GitOutput st = git.exec({QStringLiteral("status"), QStringLiteral("--porcelain"),
                                       QStringLiteral("--untracked-files=no")});
        if (!st.ok() || !st.out.trimmed().isEmpty())
            return R::failure(
                    QStringLiteral("%1 is checked out at %2 with uncommitted changes; commit or stash them "
                                   "before merging")
                            .arg(targetBranch, dir));
    }
    MergeOutcome outcome;
    QStringList args = *identityArgs(git);
    args << QStringLiteral("merge") << QStringLiteral("-q");
    if (mode == MergeMode::FastForward)
        args << QStringLiteral("--ff-only") << branch;
    else
        args << QStringLiteral("--no-ff") << QStringLiteral("--no-edit") << QStringLiteral("-m")
             << QStringLiteral("Merge %1 into %2").arg(branch, targetBranch) << branch;
    const GitOutput merged = git.exec(args);
    if (!merged.ok()) {
        const GitOutput conflicts = git.exec({QStringLiteral("diff"), QStringLiteral("--name-only"),
                                              QStringLiteral("--diff-filter=U"), QStringLiteral("-z")});
        outcome.conflictFiles = splitNul(conflicts.out);
        git.exec({QStringLiteral("merge"), QStringLiteral("--abort")});
        cleanup();
        if (mode == MergeMode::FastForward && outcome.conflictFiles.isEmpty())
            return R::failure(
                    QStringLiteral("%1 cannot be fast-forwarded to %2 (the branches have diverged); merge "
                                   "with a merge commit instead")
                            .arg(targetBranch, branch));
        if (outcome.conflictFiles.isEmpty())
            return R::failure(QStringLiteral("merge failed: %1").arg(merged.errorText()));
        return outcome;
    }
    auto head = git.run({QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    cleanup();
    if (!head)
        return head.error();
    outcome.merged = true;
    outcome.commit = *head;
    return outcome;
}

Result<bool> WorktreeManager::hasUncommittedChanges(const QString &worktreePath)
{
    if (!QFileInfo(worktreePath).isDir())
        return Result<bool>::failure(QStringLiteral("%1 does not exist").arg(worktreePath));
    if (auto safe = NestedRepositoryScan::check(worktreePath); !safe)
        return safe.error();
    const GitOutput o = GitRunner(worktreePath)
                                .exec({QStringLiteral("status"), QStringLiteral("--porcelain"),
                                       QStringLiteral("-z"), QStringLiteral("--untracked-files=all")});
    if (!o.ok())
        return Result<bool>::failure(
                QStringLiteral("git status failed in %1: %2").arg(worktreePath, o.errorText()));
    return !o.out.isEmpty();
}

bool WorktreeManager::isRunWorktree(const QString &path)
{
    const GitOutput o =
            worktreeCommand(GitRunner(m_repoRoot), {QStringLiteral("list"), QStringLiteral("--porcelain")});
    const QString canonical = canonicalOrAbsolute(path);
    const auto all = parseWorktreeList(o.out);
    for (qsizetype i = 1; i < all.size(); ++i) // the first entry is the main checkout
        if (all.at(i).first == canonical)
            return true;
    return false;
}

Status WorktreeManager::remove(const QString &worktreePath, bool force)
{
    if (!isRunWorktree(worktreePath))
        return Status::failure(QStringLiteral("%1 is not a linked worktree of %2; nothing removed")
                                       .arg(worktreePath, m_repoRoot));
    if (!force) {
        auto dirty = hasUncommittedChanges(worktreePath);
        if (!dirty)
            return dirty.error();
        if (*dirty)
            return Status::failure(
                    QStringLiteral("%1 has uncommitted changes; checkpoint them, or confirm that they "
                                   "may be discarded (force)")
                            .arg(worktreePath));
    }
    const GitRunner repo(m_repoRoot);
    const GitOutput o = worktreeCommand(
            repo, {QStringLiteral("remove"), QStringLiteral("--force"), canonicalOrAbsolute(worktreePath)});
    if (!o.ok())
        return Status::failure(QStringLiteral("git worktree remove failed: %1").arg(o.errorText()));
    worktreeCommand(repo, {QStringLiteral("prune")});
    return success();
}

Status WorktreeManager::deleteBranch(const QString &branch, bool force)
{
    const GitOutput o =
            GitRunner(m_repoRoot)
                    .exec({QStringLiteral("branch"), force ? QStringLiteral("-D") : QStringLiteral("-d"),
                           QStringLiteral("--"), branch});
    if (!o.ok())
        return Status::failure(QStringLiteral("cannot delete branch %1: %2").arg(branch, o.errorText()));
    return success();
}

Result<qint64> WorktreeManager::diskUsage(const QString &worktreePath)
{
    const QFileInfo root(worktreePath);
    if (!root.isDir())
        return Result<qint64>::failure(QStringLiteral("%1 does not exist").arg(worktreePath));
    qint64 total = 0;
    QDirIterator it(worktreePath, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isFile() && !info.isSymLink())
            total += info.size();
    }
    return total;
}

Result<QList<WorktreeInfo>> WorktreeManager::list()
{
    const GitOutput o =
            worktreeCommand(GitRunner(m_repoRoot), {QStringLiteral("list"), QStringLiteral("--porcelain")});
    if (!o.ok())
        return Result<QList<WorktreeInfo>>::failure(
                QStringLiteral("git worktree list failed: %1").arg(o.errorText()));
    const QString root = worktreesRoot() + QLatin1Char('/');
    QList<WorktreeInfo> out;
    for (const auto &wt : parseWorktreeList(o.out)) {
        if (!wt.first.startsWith(root) || QFileInfo(wt.first).fileName().startsWith(QLatin1Char('.')))
            continue;
        WorktreeInfo info;
        info.path = wt.first;
        info.branch = wt.second;
        auto head = headOf(wt.first);
        info.head = head.ok() ? *head : QString();
        auto dirty = hasUncommittedChanges(wt.first);
        // A tree that cannot be inspected (a repository of its own inside) is never taken for clean.
        info.dirty = !dirty.ok() || *dirty;
        auto disk = diskUsage(wt.first);
        info.diskBytes = disk.ok() ? *disk : -1;
        out.append(info);
    }
    return out;
}

} // namespace harness
