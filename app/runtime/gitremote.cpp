// GitRemote: clone, fetch, publish and restore through the harness's own hardened git (GitRunner, which
// keeps hooks, fsmonitor, filters and helpers off); the remote's credentials come from the runner's
// environment (HARNESS_GIT_TOKEN), never from a tree, and never reach the sandbox.
#include "gitremote.h"
#include "nestedrepositoryscan.h"
#include "worktreemanager.h"

#include "core/gitrunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QMutex>
#include <QRegularExpression>
#include <memory>

namespace harness {

namespace {

// GitRunner refuses every transport (protocol.allow=never); a runner's clone, fetch and push reach the
// shared remote, so these name the transports a remote may use (never ext::, which runs a program).
QStringList transports()
{
    return {QStringLiteral("-c"), QStringLiteral("protocol.file.allow=always"),
            QStringLiteral("-c"), QStringLiteral("protocol.https.allow=always"),
            QStringLiteral("-c"), QStringLiteral("protocol.ssh.allow=always")};
}

// A token for an https remote, from the runner's environment (a Kubernetes Secret), as a header so
// it appears in no URL, log or config file.
QStringList credentials()
{
    const QByteArray token = qgetenv("HARNESS_GIT_TOKEN");
    if (token.isEmpty())
        return {};
    return {QStringLiteral("-c"),
            QStringLiteral("http.extraHeader=Authorization: Bearer ") + QString::fromUtf8(token)};
}

const QStringList kSnapshotIdentity = {QStringLiteral("-c"), QStringLiteral("user.name=Harness Workbench"),
                                       QStringLiteral("-c"), QStringLiteral("user.email=harness@localhost")};

} // namespace

QMutex *GitRemote::repositoryLock(const QString &root)
{
    static QMutex guard;
    static QHash<QString, std::shared_ptr<QMutex>> locks;
    QMutexLocker lock(&guard);
    auto &m = locks[root];
    if (!m)
        m = std::make_shared<QMutex>();
    return m.get();
}

GitRemote::GitRemote(QString url, QString cacheDir)
    : m_url(std::move(url)), m_cacheDir(QDir::cleanPath(std::move(cacheDir)))
{
    m_root = m_cacheDir + QLatin1Char('/') + cacheKey(m_url) + QStringLiteral("/repo");
}

QString GitRemote::cacheKey(const QString &url)
{
    QString name = url.section(QLatin1Char('/'), -1).section(QLatin1Char(':'), -1);
    if (name.endsWith(QLatin1String(".git")))
        name.chop(4);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name.prepend(QStringLiteral("remote"));
    const QByteArray digest =
            QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex().left(10);
    return name + QLatin1Char('-') + QString::fromLatin1(digest);
}

QStringList GitRemote::transportOptions()
{
    return transports() + credentials();
}

QString GitRemote::checkpointRef(const QString &runId, qint64 token)
{
    return QStringLiteral("refs/harness/runs/%1/t%2").arg(runId).arg(token);
}

QString GitRemote::snapshotRef(const QString &runId, qint64 token)
{
    return QStringLiteral("refs/harness/runs/%1/t%2-wip").arg(runId).arg(token);
}

Result<QString> GitRemote::git(const QString &dir, const QStringList &args, bool transport) const
{
    QStringList all;
    if (transport)
        all << transports() << credentials();
    all << args;
    return GitRunner(dir, 10 * 60 * 1000).run(all);
}

Status GitRemote::sync(const QString &branch)
{
    QMutexLocker inProcess(repositoryLock(m_root));
    const QString parent = QFileInfo(m_root).absolutePath();
    if (!QDir().mkpath(parent))
        return Status::failure(QStringLiteral("cannot create the runner cache %1").arg(parent));
    QLockFile acrossProcesses(parent + QStringLiteral("/clone.lock"));
    acrossProcesses.setStaleLockTime(0); // held only while a git command runs; a dead holder frees it
    if (!acrossProcesses.tryLock(10 * 60 * 1000))
        return Status::failure(QStringLiteral("another process keeps the clone of %1 locked").arg(m_url));
    if (!QFileInfo::exists(m_root + QStringLiteral("/.git"))) {
        QDir(m_root).removeRecursively(); // a clone interrupted earlier
        auto cloned = git(
                parent,
                {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--no-tags"), m_url, m_root},
                true);
        if (!cloned)
            return Status::failure(QStringLiteral("cannot clone %1: %2").arg(m_url, cloned.errorText()));
        // Detached, so every local branch can be set from the remote's.
        if (auto d = git(m_root,
                         {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach")});
            !d)
            return d.error();
    }
    auto fetched = git(m_root,
                       {QStringLiteral("fetch"), QStringLiteral("-q"), QStringLiteral("--prune"),
                        QStringLiteral("--no-tags"), QStringLiteral("origin"),
                        QStringLiteral("+refs/heads/*:refs/remotes/origin/*")},
                       true);
    if (!fetched)
        return Status::failure(QStringLiteral("cannot fetch from %1: %2").arg(m_url, fetched.errorText()));
    if (branch.isEmpty())
        return success();
    auto remote = git(m_root,
                      {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                       QStringLiteral("refs/remotes/origin/%1^{commit}").arg(branch)});
    if (!remote)
        return success(); // not a branch of the remote (a commit id, or a branch only the run knows)
    auto set = git(m_root, {QStringLiteral("update-ref"), QStringLiteral("refs/heads/") + branch, *remote});
    if (!set)
        return set.error();
    auto checkout = git(m_root,
                        {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--force"),
                         QStringLiteral("--detach"), *remote});
    return checkout ? success() : Status(checkout.error());
}

Status GitRemote::fetchRun(const QString &runId)
{
    QMutexLocker inProcess(repositoryLock(m_root));
    auto fetched = git(m_root,
                       {QStringLiteral("fetch"), QStringLiteral("-q"), QStringLiteral("--no-tags"),
                        QStringLiteral("origin"),
                        QStringLiteral("+refs/harness/runs/%1/*:refs/harness/runs/%1/*").arg(runId)},
                       true);
    if (!fetched)
        return Status::failure(
                QStringLiteral("cannot fetch run %1 from %2: %3").arg(runId, m_url, fetched.errorText()));
    return success();
}

Result<QList<RunRefs>> GitRemote::runRefs(const QString &runId)
{
    auto listed = git(m_root,
                      {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname) %(objectname)"),
                       QStringLiteral("refs/harness/runs/%1/").arg(runId)});
    if (!listed)
        return listed.error();
    static const QRegularExpression name(QStringLiteral("/t(\\d+)(-wip)?$"));
    QHash<qint64, RunRefs> byToken;
    for (const QString &line : listed->split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString ref = line.section(QLatin1Char(' '), 0, 0);
        const QString id = line.section(QLatin1Char(' '), 1, 1);
        const auto m = name.match(ref);
        if (!m.hasMatch())
            continue;
        RunRefs &r = byToken[m.captured(1).toLongLong()];
        r.token = m.captured(1).toLongLong();
        (m.captured(2).isEmpty() ? r.checkpoint : r.snapshot) = id;
    }
    QList<RunRefs> out = byToken.values();
    std::sort(out.begin(), out.end(), [](const RunRefs &a, const RunRefs &b) { return a.token < b.token; });
    return out;
}

Status GitRemote::push(const QStringList &refspecs)
{
    QMutexLocker inProcess(repositoryLock(m_root));
    auto pushed = git(m_root,
                      QStringList {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("--force"),
                                   QStringLiteral("--no-verify"), QStringLiteral("origin")} +
                              refspecs,
                      true);
    if (!pushed)
        return Status::failure(QStringLiteral("cannot push to %1: %2").arg(m_url, pushed.errorText()));
    return success();
}

Status GitRemote::publishCheckpoint(const QString &runId, qint64 token, const QString &branch,
                                    const QString &commit)
{
    QStringList refspecs {commit + QLatin1Char(':') + checkpointRef(runId, token)};
    if (!branch.isEmpty())
        refspecs << commit + QStringLiteral(":refs/heads/") + branch;
    return push(refspecs);
}

Result<QString> GitRemote::publishSnapshot(const QString &runId, qint64 token, const QString &worktree,
                                           const QString &lastTree)
{
    // A repository the agent made inside its tree would make `git add` run its configuration: refused,
    // as the checkpoint refuses it (docs/security.md).
    if (Status clean = NestedRepositoryScan::check(worktree); !clean)
        return clean.error();
    // The worktree's own index takes the snapshot (the next checkpoint adds everything anyway). Another
    // git process may hold the index's lock for a moment: it is waited for as the checkpoint waits.
    const auto tree = WorktreeManager::whileIndexLocked([&]() -> Result<QString> {
        if (auto added = git(worktree, {QStringLiteral("add"), QStringLiteral("-A")}); !added)
            return added.error();
        return git(worktree, {QStringLiteral("write-tree")});
    });
    if (!tree)
        return tree.error();
    if (*tree == lastTree)
        return *tree;
    auto head = git(worktree, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    if (!head)
        return head.error();
    auto commit = git(worktree,
                      kSnapshotIdentity +
                              QStringList {QStringLiteral("commit-tree"), *tree, QStringLiteral("-p"), *head,
                                           QStringLiteral("-m"),
                                           QStringLiteral("harness: snapshot of %1").arg(runId)});
    if (!commit)
        return commit.error();
    if (Status pushed = push({*commit + QLatin1Char(':') + snapshotRef(runId, token)}); !pushed)
        return pushed.error();
    return *tree;
}

Status GitRemote::restoreWorktree(const QString &path, const QString &branch, const QString &commit,
                                  const QString &snapshot)
{
    QMutexLocker inProcess(repositoryLock(m_root));
    // Best effort: a prune or remove that fails leaves a worktree that `worktree add` below reports.
    (void)git(m_root, {QStringLiteral("worktree"), QStringLiteral("prune")});
    // A worktree this clone still has on the branch (an earlier lease of this runner) goes first.
    if (auto listed =
                git(m_root,
                    {QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain")})) {
        QStringList doomed;
        QString current;
        for (const QString &line : listed->split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("worktree ")))
                current = line.mid(9);
            if ((current == QDir::cleanPath(path) || line == QStringLiteral("branch refs/heads/") + branch) &&
                current != m_root && !doomed.contains(current))
                doomed << current;
        }
        for (const QString &w : std::as_const(doomed))
            (void)git(m_root,
                      {QStringLiteral("worktree"), QStringLiteral("remove"), QStringLiteral("--force"), w});
    }
    if (QFileInfo::exists(path))
        QDir(path).removeRecursively();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Status::failure(QStringLiteral("cannot create %1").arg(QFileInfo(path).absolutePath()));
    auto added = git(m_root,
                     {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"),
                      QStringLiteral("-B"), branch, path, commit});
    if (!added)
        return Status::failure(QStringLiteral("cannot make the worktree of %1 at %2: %3")
                                       .arg(branch, path, added.errorText()));
    if (!snapshot.isEmpty()) {
        auto read =
                git(path,
                    {QStringLiteral("read-tree"), QStringLiteral("-u"), QStringLiteral("--reset"), snapshot});
        if (!read)
            return Status::failure(QStringLiteral("cannot restore the uncommitted work of %1: %2")
                                           .arg(branch, read.errorText()));
    }
    return success();
}

QString GitRemote::parentOf(const QString &commit) const
{
    auto parent = git(m_root,
                      {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                       commit + QStringLiteral("^1")});
    return parent ? *parent : QString();
}

bool GitRemote::hasCommit(const QString &rev) const
{
    if (rev.isEmpty())
        return false;
    return git(m_root, {QStringLiteral("cat-file"), QStringLiteral("-e"), rev + QStringLiteral("^{commit}")})
            .ok();
}

} // namespace harness
