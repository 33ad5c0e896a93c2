// RunnerTeam: what an end-to-end test of runners sets up — the demo project as the person's repository, a
// bare clone of it as the team's remote (origin), a store on the test PostgreSQL server with demo tasks, the
// real `harness` command line, and real `harness runner` processes (each with its cache and a log file in
// the test's folder) — and the waits such a test needs (until the queue holds nothing queued or claimed).
#pragma once

#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "store/runqueue.h"
#include "store/storenotifier.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <csignal>
#include <memory>

namespace harness::test {

// Plain git (the test's own, not the harness's hardened one); stdout trimmed.
inline QString plainGit(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

class RunnerTeam
{
public:
    // dir: the test's scratch folder; store: a postgres:// URL; tasks: demo tasks added to the store.
    // withRemote false: no bare clone and no "origin" (remote names where it would have been).
    RunnerTeam(const QString &dir, const QString &label, const QString &store, int tasks,
               bool withRemote = true)
        : m_dir(dir), storeUrl(store)
    {
        auto demo = DemoProject::materialize(m_dir + QLatin1Char('/') + label);
        if (!demo)
            qFatal("%s", qPrintable(demo.errorText()));
        root = demo->repositoryRoot;
        remote = m_dir + QLatin1Char('/') + label + QStringLiteral("-remote.git");
        if (withRemote) {
            plainGit(m_dir,
                     {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"), root, remote});
            plainGit(root,
                     {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), remote});
        }
        auto opened = Project::open(root, storeUrl);
        if (!opened)
            qFatal("%s", qPrintable(opened.errorText()));
        project = *opened;
        for (int i = 0; i < tasks; ++i)
            if (!DemoProject::addTask(project->store()))
                qFatal("cannot add the demo task");
    }
    ~RunnerTeam() { stopRunners(); }

    static QString harnessBinary() { return QStringLiteral(HARNESS_BINARY_DIR "/bin/harness"); }

    // `harness --repo root --store URL <command>`; its exit code (its output is printed when not 0).
    int harness(const QStringList &command) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(harnessBinary(),
                QStringList {QStringLiteral("--repo"), root, QStringLiteral("--store"), storeUrl} + command);
        p.waitForFinished(60000);
        if (p.exitCode() != 0)
            qWarning().noquote() << p.readAll();
        return p.exitCode();
    }

    // A real `harness runner --exit-when-idle`, its output in <dir>/<name>.log.
    QProcess *startRunner(const QString &name, int capacity, int leaseMs)
    {
        auto *p = new QProcess;
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->setStandardOutputFile(m_dir + QLatin1Char('/') + name + QStringLiteral(".log"), QIODevice::Append);
        p->start(harnessBinary(),
                 {QStringLiteral("--store"), storeUrl, QStringLiteral("runner"), QStringLiteral("--name"),
                  name, QStringLiteral("--capacity"), QString::number(capacity), QStringLiteral("--cache"),
                  m_dir + QStringLiteral("/cache-") + name, QStringLiteral("--lease-ms"),
                  QString::number(leaseMs), QStringLiteral("--exit-when-idle")});
        if (!p->waitForStarted(10000))
            qFatal("cannot start harness runner");
        m_runners << p;
        return p;
    }

    // The runners started so far (killed or ended ones too).
    const QList<QProcess *> &runners() const { return m_runners; }

    QString runnerLog(const QString &name) const
    {
        QFile f(m_dir + QLatin1Char('/') + name + QStringLiteral(".log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // Waits until no run is queued or claimed (every one ended or awaits review).
    bool queueDrained(int timeoutMs) const
    {
        Store &store = project->store();
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const quint64 seen = store.notifier().generation(StoreNotifier::kQueue);
            auto entries = store.queue().entries(false);
            bool busy = !entries;
            if (entries)
                for (const auto &e : std::as_const(*entries))
                    busy = busy || e.state == QueueEntry::State::Queued ||
                            e.state == QueueEntry::State::Claimed;
            if (!busy)
                return true;
            store.notifier().waitForChange(StoreNotifier::kQueue, seen,
                                           qMin<qint64>(500, deadline.remainingTime()));
        }
        return false;
    }

    void stopRunners()
    {
        for (QProcess *p : std::as_const(m_runners)) {
            if (p->state() != QProcess::NotRunning) {
                ::kill(pid_t(p->processId()), SIGCONT);
                p->terminate();
                if (!p->waitForFinished(20000))
                    p->kill();
                p->waitForFinished(5000);
            }
            delete p;
        }
        m_runners.clear();
    }

private:
    QString m_dir;
    QList<QProcess *> m_runners;

public:
    QString storeUrl; // postgres://...
    QString root; // the repository the runs were queued from
    QString remote; // the bare repository runners clone (root's origin)
    std::shared_ptr<Project> project;
};

} // namespace harness::test
