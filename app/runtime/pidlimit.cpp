// Creating, using and removing a per-command pids cgroup (v1 "pids" hierarchy or cgroup v2).
#include "pidlimit.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace harness {

namespace {
QAtomicInt g_counter;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(data) == data.size();
}

QString cgroupV2Base()
{
    // Our own cgroup v2 directory, if the pids controller is delegated below it.
    QFile self(QStringLiteral("/proc/self/cgroup"));
    if (!self.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : self.readAll().split('\n')) {
        if (!line.startsWith("0::"))
            continue;
        const QString rel = QString::fromUtf8(line.mid(3));
        for (const QString &mount :
             {QStringLiteral("/sys/fs/cgroup/unified"), QStringLiteral("/sys/fs/cgroup")}) {
            const QString dir = mount + rel;
            QFile controllers(dir + QStringLiteral("/cgroup.subtree_control"));
            if (controllers.open(QIODevice::ReadOnly) && controllers.readAll().contains("pids"))
                return dir;
        }
    }
    return {};
}
} // namespace

PidLimit::PidLimit(int maxPids)
{
    if (maxPids <= 0) {
        m_reason = QStringLiteral("no process limit requested");
        return;
    }
    const QString name = QStringLiteral("harness-%1-%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(g_counter.fetchAndAddRelaxed(1));
    QStringList bases;
    if (QFile::exists(QStringLiteral("/sys/fs/cgroup/pids/cgroup.procs")))
        bases << QStringLiteral("/sys/fs/cgroup/pids");
    const QString v2 = cgroupV2Base();
    if (!v2.isEmpty())
        bases << v2;
    for (const QString &base : bases) {
        const QString dir = base + QLatin1Char('/') + name;
        if (!QDir().mkdir(dir))
            continue;
        if (!writeFile(dir + QStringLiteral("/pids.max"), QByteArray::number(maxPids))) {
            QDir().rmdir(dir);
            continue;
        }
        m_dir = dir;
        m_procsFile = QFile::encodeName(dir + QStringLiteral("/cgroup.procs"));
        return;
    }
    m_reason = bases.isEmpty() ? QStringLiteral("no cgroup pids controller is mounted")
                               : QStringLiteral("the cgroup pids controller is not writable for this user");
}

void PidLimit::killAll() const
{
    if (m_dir.isEmpty())
        return;
    QFile procs(QString::fromLocal8Bit(m_procsFile));
    if (!procs.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray &pid : procs.readAll().split('\n')) {
        bool ok = false;
        const int p = pid.trimmed().toInt(&ok);
        if (ok && p > 1)
            ::kill(pid_t(p), SIGKILL);
    }
}

PidLimit::~PidLimit()
{
    if (m_dir.isEmpty())
        return;
    // A cgroup can be removed once its last process is reaped; give stragglers a moment.
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (QDir().rmdir(m_dir))
            return;
        killAll();
        QThread::usleep(attempt < 20 ? 200 : 5000);
    }
}

} // namespace harness
