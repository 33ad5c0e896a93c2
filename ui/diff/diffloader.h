// DiffLoader: runs `git diff` and parses it in a worker thread (QtConcurrent), with progress and cancel;
// results come back to the GUI thread by signal, which never waits.
#pragma once

#include "core/result.h"
#include "diffdocument.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <functional>

namespace harness::ui {

struct DiffRequest
{
    QString repository; // the worktree (or repository) directory
    QString from; // a revision; empty means the empty tree (everything added)
    QString to; // a revision; empty means the working tree
    int contextLines = 3; // -U; kWholeFile shows whole files (unchanged regions then fold in the view)
    QStringList paths; // limit to these paths; empty = all
    // Compare `to` with where it forked from `from` (git's "from...to"), as a branch is reviewed.
    bool fromMergeBase = false;
    // With the working tree as `to`: new files not yet added to git appear as added (an agent's files
    // before its checkpoint commit). Ignored files never do.
    bool includeUntracked = true;
    static constexpr int kMaxUntracked = 500;
    static constexpr qint64 kMaxUntrackedBytes = 8 * 1024 * 1024;
    static constexpr int kWholeFile = 1000000;

    QStringList gitArguments() const; // the exact `git` arguments, so a benchmark can run the same command
    // `git diff --no-index` of one untracked file against nothing, with the same options.
    QStringList untrackedArguments(const QString &file) const;
    bool operator==(const DiffRequest &) const = default;
};

struct DiffLoadResult
{
    DiffDocumentPtr document;
    DiffRequest request;
    qint64 gitMs = 0; // time git took to produce the bytes
    qint64 parseMs = 0; // time to index them
};

class DiffLoader : public QObject
{
    Q_OBJECT
public:
    explicit DiffLoader(QObject *parent = nullptr);
    ~DiffLoader() override;

    // Starts loading; a load still running is cancelled first. Returns at once.
    void load(const DiffRequest &request);
    void cancel();
    bool isBusy() const; // true until the result or the failure has been signalled

    // Blocks the calling thread until git finishes: call it only from a worker thread (or a benchmark).
    // progress(percent, text) may return false to cancel.
    static Result<DiffLoadResult> loadBlocking(const DiffRequest &request,
                                               const std::function<bool(int, QString)> &progress = {});

Q_SIGNALS:
    void progressChanged(int percent, const QString &text);
    void loaded(const harness::ui::DiffLoadResult &result);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    void finished();

    QFutureWatcher<Result<DiffLoadResult>> *m_watcher = nullptr;
    bool m_busy = false; // from load() until its result (or failure) has been signalled
    bool m_restartPending = false;
    DiffRequest m_pending;
};

} // namespace harness::ui
