// RevisionSource: the git the Diff view needs, asked off the GUI thread — a run's checkpoints (a
// runner's run fetched from the team's remote first, through RunFetch), the repository's branches and
// recent commits (to compare any two), a file at a revision, a cheap fingerprint for live refresh, and
// the diff itself (through DiffLoader). Answers come back as signals; the view never runs git.
#pragma once

#include "diffloader.h"
#include "reviewtarget.h"

#include <QObject>

namespace harness::ui {

struct RevisionList
{
    ReviewTarget target; // what the list was made for
    QList<Checkpoint> checkpoints; // the run's: base, its commits, the working tree
    QList<Checkpoint> branches; // local branches
    QList<Checkpoint> recentCommits; // the newest commits of every branch
    QString error;
    bool fetchFailed = false; // a runner's run: its code could not be fetched (error says why)
    QString fetchedAt; // a runner's run: when its code was fetched ("14:02:11")
};

struct FileAtRevision
{
    QString file;
    QString revision; // empty = the working tree
    int line = 0;
    QByteArray bytes;
    QString error;
};

class RevisionSource : public QObject
{
    Q_OBJECT
public:
    explicit RevisionSource(QObject *parent = nullptr);
    ~RevisionSource() override; // waits for the git still running (each is short)

    DiffLoader *loader() const { return m_loader; }
    // The directory git runs in for this target: the run's worktree while it exists.
    static QString directoryOf(const ReviewTarget &target);

    // Lists the revisions of the target; revisionsListed follows (a newer request supersedes).
    // A runner's run is fetched from its remote first (target.remote).
    void listRevisions(const ReviewTarget &target);
    bool isListing() const { return m_listing > 0; }
    // Reads a file at a revision (empty = the working tree of dir); fileRead follows.
    void readFile(const QString &dir, const QString &revision, const QString &file, int line);
    // A fingerprint of what the request shows (revision ids, working tree changes); fingerprinted follows.
    void fingerprint(const DiffRequest &request, const QString &tip);
    bool isFingerprinting() const { return m_fingerprinting > 0; }

Q_SIGNALS:
    void revisionsListed(const harness::ui::RevisionList &list);
    void fileRead(const harness::ui::FileAtRevision &content);
    void fingerprinted(const QString &fingerprint);

private:
    template<typename T, typename Work, typename Done>
    void runAsync(Work work, Done done);

    DiffLoader *m_loader = nullptr;
    quint64 m_listGeneration = 0;
    int m_listing = 0;
    int m_fingerprinting = 0;
    QList<QFutureWatcherBase *> m_running;
};

} // namespace harness::ui
