// RevisionSource: each question is one QtConcurrent job running GitRunner; the watcher hands its
// answer back on the GUI thread. Read-only git (--no-optional-locks where git would write); the
// worktree's own files only through WorktreeReader (no link followed, no FIFO opened, bounded).
#include "revisionsource.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"
#include "runtime/nestedrepositoryscan.h"
#include "runtime/runfetch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTime>
#include <QtConcurrent>

namespace harness::ui {

namespace {

// A working-tree file shown in the diff view is cut at this size.
constexpr qint64 kMaxShownFileBytes = 32 * 1024 * 1024;

QString shortId(const QString &commit)
{
    return commit.left(8);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("RevisionSource", text);
}

RevisionList listBlocking(const ReviewTarget &target, const QString &dir)
{
    RevisionList out;
    out.target = target;
    GitRunner git(dir);
    // The run's branch, or its newest checkpoint once a merge deleted the branch.
    QString tip = QStringLiteral("HEAD");
    QString snapshot;
    if (!target.remote.isEmpty()) {
        // A runner's run: what it published, fetched into this repository (its checkpoint as the log
        // names it, and the newest snapshot of its uncommitted work on that checkpoint). Short: closing
        // the view waits for it.
        auto fetched =
                RunFetch(target.repository, 30000)
                        .fetch(target.runId, target.remote, target.base, target.head, target.targetBranch);
        if (!fetched) {
            out.error = fetched.errorText();
            out.fetchFailed = true;
            return out;
        }
        out.fetchedAt = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
        tip = fetched->checkpoint;
        snapshot = fetched->snapshot;
    } else if (!target.branch.isEmpty() &&
               git.exec({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                         target.branch + QStringLiteral("^{commit}")})
                       .ok()) {
        tip = target.branch;
    } else if (!target.head.isEmpty()) {
        tip = target.head;
    }
    if (!target.base.isEmpty()) {
        auto base = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                             target.base + QStringLiteral("^{commit}")});
        if (!base) {
            out.error = tr("The base revision %1 is not in %2: %3").arg(target.base, dir, base.errorText());
            return out;
        }
        out.checkpoints.append(
                {tr("base %1").arg(shortId(base.value())), base.value(), Checkpoint::Kind::Base});
        auto log =
                git.run({QStringLiteral("log"), QStringLiteral("--first-parent"), QStringLiteral("--reverse"),
                         QStringLiteral("--format=%H%x09%s"), base.value() + QStringLiteral("..") + tip});
        if (!log) {
            out.error = log.errorText();
            return out;
        }
        int n = 0;
        for (const QString &line : log.value().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QString commit = line.section(QLatin1Char('\t'), 0, 0);
            const QString subject = line.section(QLatin1Char('\t'), 1);
            out.checkpoints.append({tr("%1. %2 (%3)").arg(++n).arg(subject.left(60), shortId(commit)), commit,
                                    Checkpoint::Kind::Commit});
        }
    } else {
        auto head = git.run({QStringLiteral("rev-parse"), QStringLiteral("--verify"), tip});
        if (head)
            out.checkpoints.append(
                    {tr("HEAD %1").arg(shortId(head.value())), head.value(), Checkpoint::Kind::Base});
    }
    if (!target.remote.isEmpty()) {
        // The runner's working tree is on its machine: its uncommitted work is the snapshot it published.
        if (!snapshot.isEmpty())
            out.checkpoints.append({tr("uncommitted work, as published (%1)").arg(shortId(snapshot)),
                                    snapshot, Checkpoint::Kind::Snapshot});
    } else if (target.worktree.isEmpty() || QFileInfo::exists(target.worktree)) {
        // A worktree removed by a merge or discard has no working tree to show.
        out.checkpoints.append({tr("working tree (uncommitted)"), QString(), Checkpoint::Kind::WorkingTree});
    }

    auto branches = git.run({QStringLiteral("for-each-ref"), QStringLiteral("--sort=-committerdate"),
                             QStringLiteral("--format=%(refname:short)"), QStringLiteral("refs/heads/")});
    if (branches)
        for (const QString &b : branches->split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            out.branches.append({b, b, Checkpoint::Kind::Branch});
    auto recent = git.run({QStringLiteral("log"), QStringLiteral("--branches"), QStringLiteral("-n"),
                           QStringLiteral("40"), QStringLiteral("--format=%H%x09%h %s")});
    if (recent)
        for (const QString &line : recent->split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            out.recentCommits.append({line.section(QLatin1Char('\t'), 1).left(70),
                                      line.section(QLatin1Char('\t'), 0, 0), Checkpoint::Kind::RecentCommit});
    return out;
}

FileAtRevision readBlocking(const QString &dir, const QString &revision, const QString &file, int line)
{
    FileAtRevision out {file, revision, line, {}, {}};
    if (revision.isEmpty()) {
        // The agent's tree: never through a link, never a FIFO, bounded.
        const WorktreeRead read =
                WorktreeReader::readFile(dir, file, kMaxShownFileBytes, WorktreeReader::OverLimit::Truncate);
        if (!read.ok())
            out.error = tr("Cannot show %1: %2").arg(file, read.describe());
        else
            out.bytes = read.data;
        return out;
    }
    const GitOutput shown = GitRunner(dir).exec({QStringLiteral("show"), revision + QLatin1Char(':') + file});
    if (!shown.ok())
        out.error = tr("%1 is not in revision %2: %3").arg(file, shortId(revision), shown.errorText());
    else
        out.bytes = shown.out;
    return out;
}

// Revision ids, plus for the working tree its changed files with sizes and times.
QString fingerprintBlocking(const DiffRequest &request, const QString &tip)
{
    GitRunner git(request.repository, 20000);
    QStringList revs {tip};
    if (!request.from.isEmpty())
        revs << request.from;
    if (!request.to.isEmpty())
        revs << request.to;
    const GitOutput ids = git.exec(QStringList {QStringLiteral("rev-parse")} + revs);
    if (!ids.ok())
        return {};
    QString print = QString::fromUtf8(ids.out);
    if (request.to.isEmpty()) {
        if (!NestedRepositoryScan::check(request.repository))
            return {}; // no git on a tree that holds a repository of its own (see DiffLoader)
        const GitOutput status =
                git.exec({QStringLiteral("--no-optional-locks"), QStringLiteral("status"),
                          QStringLiteral("--porcelain=v1"), QStringLiteral("-z"),
                          request.includeUntracked ? QStringLiteral("--untracked-files=all")
                                                   : QStringLiteral("--untracked-files=no")});
        if (!status.ok())
            return {};
        print += QString::fromUtf8(status.out);
        const WorktreeReader reader(request.repository);
        for (const QByteArray &entry : status.out.split('\0')) {
            if (entry.size() < 4)
                continue;
            // The entry itself (a link is not followed to whatever it names).
            const WorktreeEntry info = reader.entry(QString::fromUtf8(entry.mid(3)));
            print += QStringLiteral("|%1:%2").arg(info.size).arg(info.modifiedMs);
        }
    }
    return print;
}

} // namespace

RevisionSource::RevisionSource(QObject *parent) : QObject(parent), m_loader(new DiffLoader(this))
{
    qRegisterMetaType<harness::ui::RevisionList>();
    qRegisterMetaType<harness::ui::FileAtRevision>();
}

RevisionSource::~RevisionSource()
{
    for (QFutureWatcherBase *w : std::as_const(m_running))
        w->waitForFinished();
}

QString RevisionSource::directoryOf(const ReviewTarget &target)
{
    // A merged or discarded run's worktree is gone; its commits are still in the repository. A runner's
    // run is read from the refs fetched into the repository.
    if (!target.remote.isEmpty() || target.worktree.isEmpty() || !QFileInfo::exists(target.worktree))
        return target.repository;
    return target.worktree;
}

template<typename T, typename Work, typename Done>
void RevisionSource::runAsync(Work work, Done done)
{
    auto *watcher = new QFutureWatcher<T>(this);
    m_running.append(watcher);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        m_running.removeOne(watcher);
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(work));
}

void RevisionSource::listRevisions(const ReviewTarget &target)
{
    const quint64 generation = ++m_listGeneration;
    const QString dir = directoryOf(target);
    ++m_listing;
    runAsync<RevisionList>([target, dir] { return listBlocking(target, dir); },
                           [this, generation](const RevisionList &list) {
                               --m_listing;
                               if (generation == m_listGeneration)
                                   Q_EMIT revisionsListed(list);
                           });
}

void RevisionSource::readFile(const QString &dir, const QString &revision, const QString &file, int line)
{
    runAsync<FileAtRevision>([dir, revision, file, line] { return readBlocking(dir, revision, file, line); },
                             [this](const FileAtRevision &content) { Q_EMIT fileRead(content); });
}

void RevisionSource::fingerprint(const DiffRequest &request, const QString &tip)
{
    ++m_fingerprinting;
    runAsync<QString>([request, tip] { return fingerprintBlocking(request, tip); },
                      [this](const QString &print) {
                          --m_fingerprinting;
                          Q_EMIT fingerprinted(print);
                      });
}

} // namespace harness::ui
