// DiffLoader: the git process and the parser, run off the GUI thread.
#include "diffloader.h"

#include "core/diff/diffparser.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"
#include "runtime/nestedrepositoryscan.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPromise>
#include <QtConcurrent>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace harness::ui {

namespace {
// The well-known id of git's empty tree, used when there is no "from" revision.
const QString kEmptyTree = QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
} // namespace

QStringList DiffRequest::gitArguments() const
{
    // --no-optional-locks: reading a diff must never take index.lock from under the agent's own commits.
    QStringList args {QStringLiteral("--no-optional-locks"),
                      QStringLiteral("-C"),
                      repository,
                      QStringLiteral("-c"),
                      QStringLiteral("core.quotePath=false"),
                      QStringLiteral("diff"),
                      QStringLiteral("--no-color"),
                      QStringLiteral("--no-ext-diff"),
                      QStringLiteral("--no-textconv"),
                      QStringLiteral("-M"),
                      QStringLiteral("--src-prefix=a/"),
                      QStringLiteral("--dst-prefix=b/"),
                      QStringLiteral("-U%1").arg(contextLines)};
    if (fromMergeBase && !from.isEmpty() && !to.isEmpty()) {
        args << from + QStringLiteral("...") + to;
    } else {
        args << (from.isEmpty() ? kEmptyTree : from);
        if (!to.isEmpty())
            args << to;
    }
    args << QStringLiteral("--");
    args << paths;
    return args;
}

QStringList DiffRequest::untrackedArguments(const QString &file) const
{
    return {QStringLiteral("--no-optional-locks"),
            QStringLiteral("-C"),
            repository,
            QStringLiteral("-c"),
            QStringLiteral("core.quotePath=false"),
            QStringLiteral("diff"),
            QStringLiteral("--no-color"),
            QStringLiteral("--no-ext-diff"),
            QStringLiteral("--no-textconv"),
            QStringLiteral("--src-prefix=a/"),
            QStringLiteral("--dst-prefix=b/"),
            QStringLiteral("-U%1").arg(contextLines),
            QStringLiteral("--no-index"),
            QStringLiteral("--"),
            QStringLiteral("/dev/null"),
            file};
}

namespace {

// The untracked, not ignored files of the working tree (limited to paths when given), each as a diff
// that adds it. git's --no-index diff exits 1 when there is a difference, which is the normal case here.
QByteArray untrackedDiffs(const DiffRequest &request)
{
    GitRunner git(request.repository, 30000);
    const GitOutput list =
            git.exec(QStringList {QStringLiteral("--no-optional-locks"), QStringLiteral("ls-files"),
                                  QStringLiteral("--others"), QStringLiteral("--exclude-standard"),
                                  QStringLiteral("-z"), QStringLiteral("--")} +
                     request.paths);
    if (!list.ok())
        return {};
    QStringList names;
    for (const QByteArray &name : list.out.split('\0'))
        if (!name.isEmpty() && names.size() < DiffRequest::kMaxUntracked)
            names << QString::fromUtf8(name);
    names.sort();
    // Regular files only, and none through a link: a link or FIFO the agent left is never read.
    const WorktreeReader reader(request.repository);
    QByteArray out;
    for (const QString &name : reader.regularFiles(names)) {
        if (reader.entry(name).size > DiffRequest::kMaxUntrackedBytes)
            continue;
        const GitOutput diff = git.exec(request.untrackedArguments(name));
        if (diff.exitCode == 0 || diff.exitCode == 1)
            out += diff.out;
    }
    return out;
}

// Hands the heap's free pages back to the system. A large diff is read into buffers that grow (git's
// output) and the model's arrays; once one such buffer was freed, glibc serves the next ones of up to
// 32 MB from its heap instead of mapping them, and memory freed there stays resident. Between loads that
// is the size of a diff again: without this a 1,000,000-line diff loaded while another is shown peaked
// at 250-290 MB instead of 215-230 MB (bench_diff). Costs a few milliseconds of the worker's time.
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace

DiffLoader::DiffLoader(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<harness::ui::DiffLoadResult>();
}

DiffLoader::~DiffLoader()
{
    if (m_watcher) {
        m_watcher->cancel();
        // The worker checks for cancellation between reads and kills git, so this wait is short.
        m_watcher->waitForFinished();
    }
}

bool DiffLoader::isBusy() const
{
    return m_busy;
}

void DiffLoader::cancel()
{
    m_restartPending = false;
    if (m_watcher)
        m_watcher->cancel();
}

void DiffLoader::load(const DiffRequest &request)
{
    if (isBusy()) {
        m_pending = request;
        m_restartPending = true;
        m_watcher->cancel();
        return;
    }
    m_busy = true;
    delete m_watcher;
    m_watcher = new QFutureWatcher<Result<DiffLoadResult>>(this);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { Q_EMIT progressChanged(value, m_watcher->progressText()); });
    connect(m_watcher, &QFutureWatcherBase::finished, this, &DiffLoader::finished);
    Q_EMIT busyChanged(true);
    Q_EMIT progressChanged(0, tr("Running git diff…"));
    m_watcher->setFuture(QtConcurrent::run([request](QPromise<Result<DiffLoadResult>> &promise) {
        promise.setProgressRange(0, 100);
        auto result = loadBlocking(request, [&promise](int percent, const QString &text) {
            promise.setProgressValueAndText(percent, text);
            return !promise.isCanceled();
        });
        promise.addResult(std::move(result));
    }));
}

void DiffLoader::finished()
{
    auto *watcher = m_watcher;
    const bool cancelled = watcher->isCanceled() || watcher->future().resultCount() == 0;
    m_busy = false;
    if (m_restartPending) {
        m_restartPending = false;
        load(m_pending);
        return;
    }
    Q_EMIT busyChanged(false);
    if (cancelled) {
        Q_EMIT failed(tr("Loading the diff was cancelled."));
        return;
    }
    Result<DiffLoadResult> result = watcher->future().result();
    if (!result)
        Q_EMIT failed(result.errorText());
    else
        Q_EMIT loaded(result.value());
}

Result<DiffLoadResult> DiffLoader::loadBlocking(const DiffRequest &request,
                                                const std::function<bool(int, QString)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    // An empty `to` reads the working tree, which may be an agent's: one holding a repository of its
    // own is not diffed (the run is stopped for a human); GitRunner hardens git for everything else.
    if (request.to.isEmpty())
        if (auto safe = NestedRepositoryScan::check(request.repository); !safe)
            return Result<DiffLoadResult>::failure(
                    tr("The working tree cannot be shown: %1").arg(safe.error().message));
    releaseFreedMemory(); // what the diff shown now no longer holds (the one before it, its load's buffers)
    GitOutput git =
            GitRunner(request.repository, 24 * 60 * 60 * 1000)
                    .exec(request.gitArguments(), {}, [&progress](qint64 bytes) {
                        const double mb = double(bytes) / 1e6;
                        return !progress || progress(0, tr("Running git diff… %1 MB").arg(mb, 0, 'f', 1));
                    });
    if (git.cancelled)
        return Result<DiffLoadResult>::failure(tr("Loading the diff was cancelled."));
    QByteArray raw = std::move(git.out); // held once: appending the untracked files copies nothing
    if (!git.ok()) {
        const QString detail = QString::fromUtf8(git.err).trimmed();
        return Result<DiffLoadResult>::failure(
                tr("git diff %1 %2 failed in %3: %4")
                        .arg(request.from, request.to.isEmpty() ? tr("(working tree)") : request.to,
                             request.repository,
                             detail.isEmpty() ? tr("exit code %1").arg(git.exitCode) : detail));
    }
    if (request.to.isEmpty() && request.includeUntracked)
        raw += untrackedDiffs(request);
    DiffLoadResult out;
    out.request = request;
    out.gitMs = timer.restart();
    bool cancelled = false;
    auto parsed = DiffParser::parse(std::move(raw), [&progress, &cancelled](qint64 done, qint64 total) {
        cancelled = progress && !progress(int(done * 100 / qMax<qint64>(1, total)), tr("Reading the diff…"));
        return !cancelled;
    });
    if (cancelled)
        return Result<DiffLoadResult>::failure(tr("Loading the diff was cancelled."));
    if (!parsed)
        return Result<DiffLoadResult>::failure(tr("Unreadable diff: %1").arg(parsed.errorText()));
    out.document = std::make_shared<const Diff>(std::move(parsed.value()));
    releaseFreedMemory(); // the pipe's chunks and the buffers git's output grew through
    out.parseMs = timer.elapsed();
    return out;
}

} // namespace harness::ui
