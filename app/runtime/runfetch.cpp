// RunFetch: fetch, check and push through GitRunner. The transports are GitRemote's (file, https, ssh;
// HARNESS_GIT_TOKEN as a header); fetch and push are the person's acts (GitActor::Human: their ssh agent
// reaches git), everything else is the harness's read of the repository.
#include "runfetch.h"
#include "gitremote.h"

#include "core/gitrunner.h"

#include <QMutex>
#include <QRegularExpression>

namespace harness {

namespace {

// A run id or a branch name from the log goes into a refspec: only plain names pass.
bool plainRunId(const QString &id)
{
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return ok.match(id).hasMatch();
}

bool plainBranch(const QString &branch)
{
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$"));
    return ok.match(branch).hasMatch() && !branch.contains(QLatin1String("..")) &&
            !branch.contains(QLatin1String("//")) && !branch.endsWith(QLatin1Char('/')) &&
            !branch.endsWith(QLatin1String(".lock"));
}

// A remote from the log is handed to git as its repository argument: never an option.
Status checkRemote(const QString &remote)
{
    if (remote.trimmed().isEmpty())
        return Status::failure(QStringLiteral("the run names no git remote (it was queued without one)"));
    if (remote.startsWith(QLatin1Char('-')) || remote.contains(QLatin1Char('\n')))
        return Status::failure(QStringLiteral("the run's remote \"%1\" is not a git remote").arg(remote));
    return success();
}

// Settings for a fetch of agent-written content: objects are checked, nothing runs afterwards.
const QStringList kFetchSettings {QStringLiteral("-c"), QStringLiteral("fetch.fsckObjects=true"),
                                  QStringLiteral("-c"), QStringLiteral("maintenance.auto=false"),
                                  QStringLiteral("-c"), QStringLiteral("gc.auto=0")};

QString reachAdvice(const QString &remote)
{
    return QStringLiteral("check that this machine can reach %1 (git fetch %1 in a terminal shows why not), "
                          "then try again")
            .arg(remote);
}

} // namespace

RunFetch::RunFetch(QString repositoryRoot, int transportTimeoutMs)
    : m_root(std::move(repositoryRoot)), m_timeoutMs(transportTimeoutMs)
{ }

QString RunFetch::refPrefix(const QString &runId)
{
    return QStringLiteral("refs/harness/remote-runs/%1/").arg(runId);
}

Result<QString> RunFetch::git(const QStringList &args, bool transport) const
{
    if (!transport)
        return GitRunner(m_root, 60000).run(args);
    const GitOutput o =
            GitRunner(m_root, m_timeoutMs, GitActor::Human).exec(GitRemote::transportOptions() + args);
    if (o.ok())
        return QString::fromUtf8(o.out).trimmed();
    // git's own words, on one line (they go into a sentence of ours).
    return Result<QString>::failure(o.errorText().simplified());
}

bool RunFetch::hasCommit(const QString &rev) const
{
    return !rev.isEmpty() &&
            git({QStringLiteral("cat-file"), QStringLiteral("-e"), rev + QStringLiteral("^{commit}")}).ok();
}

Result<FetchedRun> RunFetch::fetch(const QString &runId, const QString &remote, const QString &baseCommit,
                                   const QString &lastCheckpoint, const QString &targetBranch)
{
    using R = Result<FetchedRun>;
    if (!plainRunId(runId))
        return R::failure(QStringLiteral("\"%1\" is not a run id").arg(runId));
    if (Status ok = checkRemote(remote); !ok)
        return ok.error();
    QMutexLocker lock(GitRemote::repositoryLock(m_root));
    const QString prefix = refPrefix(runId);
    auto fetched = git(
            kFetchSettings +
                    QStringList {QStringLiteral("fetch"), QStringLiteral("-q"), QStringLiteral("--no-tags"),
                                 QStringLiteral("--no-recurse-submodules"),
                                 QStringLiteral("--no-write-fetch-head"), QStringLiteral("--prune"), remote,
                                 QStringLiteral("+refs/harness/runs/%1/*:%2runs/*").arg(runId, prefix)},
            true);
    if (!fetched)
        return R::failure(
                QStringLiteral("git says \"%1\"; %2").arg(fetched.errorText(), reachAdvice(remote)));
    FetchedRun out;
    out.remote = remote;
    out.base = baseCommit;
    if (!baseCommit.isEmpty() && !hasCommit(baseCommit) && plainBranch(targetBranch)) {
        // A run that has published nothing yet starts from the remote's target branch.
        (void)git(kFetchSettings +
                          QStringList {QStringLiteral("fetch"), QStringLiteral("-q"),
                                       QStringLiteral("--no-tags"), QStringLiteral("--no-recurse-submodules"),
                                       QStringLiteral("--no-write-fetch-head"), remote,
                                       QStringLiteral("+refs/heads/%1:%2target").arg(targetBranch, prefix)},
                  true);
    }
    if (!baseCommit.isEmpty() && !hasCommit(baseCommit))
        return R::failure(QStringLiteral("the base commit %1 of run %2 is neither in this repository nor on "
                                         "%3's %4; fetch %4 from %3 and press Reload")
                                  .arg(baseCommit.left(10), runId, remote, targetBranch));
    out.checkpoint = lastCheckpoint.isEmpty() ? baseCommit : lastCheckpoint;
    if (!hasCommit(out.checkpoint))
        return R::failure(QStringLiteral("%1 holds no checkpoint %2 of run %3: its runner has not pushed it, "
                                         "or its refs (refs/harness/runs/%3/) were deleted there; the diff "
                                         "appears once the runner publishes it")
                                  .arg(remote, out.checkpoint.left(10), runId));
    auto listed = git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname) %(objectname)"),
                       prefix + QStringLiteral("runs/")});
    if (!listed)
        return listed.error();
    // The newest lease's snapshot taken on the checkpoint (an older lease's may be on an older one).
    static const QRegularExpression snapshotName(QStringLiteral("/runs/t(\\d+)-wip$"));
    qint64 newestToken = -1;
    for (const QString &line : listed->split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto m = snapshotName.match(line.section(QLatin1Char(' '), 0, 0));
        const QString id = line.section(QLatin1Char(' '), 1, 1);
        if (!m.hasMatch() || m.captured(1).toLongLong() <= newestToken)
            continue;
        auto parent = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                           id + QStringLiteral("^1")});
        if (parent && *parent == out.checkpoint) {
            newestToken = m.captured(1).toLongLong();
            out.snapshot = id;
        }
    }
    return out;
}

Result<QString> RunFetch::fetchBranch(const QString &runId, const QString &remote, const QString &branch)
{
    if (!plainRunId(runId))
        return Result<QString>::failure(QStringLiteral("\"%1\" is not a run id").arg(runId));
    if (!plainBranch(branch))
        return Result<QString>::failure(QStringLiteral("\"%1\" is not a run branch").arg(branch));
    if (Status ok = checkRemote(remote); !ok)
        return ok.error();
    QMutexLocker lock(GitRemote::repositoryLock(m_root));
    const QString local = refPrefix(runId) + QStringLiteral("branch");
    auto fetched =
            git(kFetchSettings +
                        QStringList {QStringLiteral("fetch"), QStringLiteral("-q"),
                                     QStringLiteral("--no-tags"), QStringLiteral("--no-recurse-submodules"),
                                     QStringLiteral("--no-write-fetch-head"), remote,
                                     QStringLiteral("+refs/heads/%1:%2").arg(branch, local)},
                true);
    if (!fetched) {
        if (fetched.errorText().contains(QLatin1String("couldn't find remote ref")))
            return Result<QString>::failure(
                    QStringLiteral("the run branch %1 is not on %2 (its runner did not push it, or someone "
                                   "deleted it there)")
                            .arg(branch, remote));
        return Result<QString>::failure(
                QStringLiteral("cannot fetch %1 from %2 (%3); %4")
                        .arg(branch, remote, fetched.errorText(), reachAdvice(remote)));
    }
    return git(
            {QStringLiteral("rev-parse"), QStringLiteral("--verify"), local + QStringLiteral("^{commit}")});
}

Status RunFetch::makeLocalBranch(const QString &branch, const QString &commit)
{
    if (!plainBranch(branch))
        return Status::failure(QStringLiteral("\"%1\" is not a run branch").arg(branch));
    QMutexLocker lock(GitRemote::repositoryLock(m_root));
    const QString ref = QStringLiteral("refs/heads/") + branch;
    auto existing = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"), ref});
    if (existing && !existing->isEmpty()) {
        if (*existing == commit)
            return success();
        return Status::failure(
                QStringLiteral("a local branch %1 exists at %2, not at the run's checkpoint %3; "
                               "rename or delete it and merge again")
                        .arg(branch, existing->left(10), commit.left(10)));
    }
    // Created only where no branch of that name is (the empty old value).
    auto made = git({QStringLiteral("update-ref"), QStringLiteral("-m"),
                     QStringLiteral("harness: run branch"), ref, commit, QString()});
    return made ? success() : Status(made.error());
}

PushOutcome RunFetch::push(const QString &remote, const QString &branch)
{
    PushOutcome out;
    if (Status ok = checkRemote(remote); !ok) {
        out.error = ok.errorText();
        return out;
    }
    if (!plainBranch(branch)) {
        out.error = QStringLiteral("\"%1\" is not a branch to push").arg(branch);
        return out;
    }
    QMutexLocker lock(GitRemote::repositoryLock(m_root));
    const QString spec = QStringLiteral("refs/heads/%1:refs/heads/%1").arg(branch);
    const GitOutput o = GitRunner(m_root, m_timeoutMs, GitActor::Human)
                                .exec(GitRemote::transportOptions() +
                                      QStringList {QStringLiteral("push"), QStringLiteral("--porcelain"),
                                                   QStringLiteral("--no-verify"), remote, spec});
    if (o.ok()) {
        out.pushed = true;
        return out;
    }
    const QString said = QString::fromUtf8(o.out + o.err);
    out.rejected = said.contains(QLatin1String("[rejected]")) &&
            (said.contains(QLatin1String("non-fast-forward")) || said.contains(QLatin1String("fetch first")));
    out.error = out.rejected
            ? QStringLiteral("%1's %2 has moved on since this repository last fetched it").arg(remote, branch)
            : o.errorText();
    return out;
}

Status RunFetch::forget(const QString &runId)
{
    if (!plainRunId(runId))
        return Status::failure(QStringLiteral("\"%1\" is not a run id").arg(runId));
    QMutexLocker lock(GitRemote::repositoryLock(m_root));
    auto listed =
            git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), refPrefix(runId)});
    if (!listed)
        return listed.error();
    QByteArray deletions;
    for (const QString &ref : listed->split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        deletions += "delete " + ref.toUtf8() + '\n';
    if (deletions.isEmpty())
        return success();
    const GitOutput o = GitRunner(m_root, 60000)
                                .exec({QStringLiteral("update-ref"), QStringLiteral("--stdin")}, deletions);
    return o.ok() ? success() : Status::failure(o.errorText());
}

} // namespace harness
