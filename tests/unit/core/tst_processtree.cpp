// ProcessTree on real processes: a tree whose processes left their session is found and ended; a
// bubblewrap sandbox (its own PID namespace) whose process forked twice and left its session is ended
// whole; a pid with another start time is not the recorded process.
#include "core/processtree.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace harness;

namespace {

// Processes (not zombies) whose command line holds the marker (with `exact`: as one whole argument).
QList<qint64> withMarker(const QByteArray &marker, bool exact = false)
{
    QList<qint64> n;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile cmdline(dir + QStringLiteral("/cmdline"));
        QFile stat(dir + QStringLiteral("/stat"));
        if (!cmdline.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const bool zombie = line.mid(line.lastIndexOf(')') + 2, 1) == "Z";
        const QByteArray args = cmdline.readAll();
        if (!zombie && (exact ? args.split('\0').contains(marker) : args.contains(marker)))
            n << QFileInfo(dir).fileName().toLongLong();
    }
    return n;
}

// Waits until `count` processes have one of these arguments (their $0).
bool waitForArguments(const QList<QByteArray> &arguments)
{
    QElapsedTimer clock;
    clock.start();
    const auto all = [&] {
        for (const QByteArray &a : arguments)
            if (withMarker(a, true).isEmpty())
                return false;
        return true;
    };
    while (!all() && clock.elapsed() < 10000)
        QTest::qWait(20);
    return all();
}

QByteArray markerFor(const char *name)
{
    return QByteArray("harness-tree-") + name + '-' + QByteArray::number(QCoreApplication::applicationPid());
}

} // namespace

class TestProcessTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsProcessesThatLeftTheirSession()
    {
        const QByteArray marker = markerFor("session");
        QProcess p;
        p.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"),
                 QStringLiteral(
                         "setsid sh -c \"trap '' TERM HUP; sleep 300\" %1-a & sh -c 'sleep 300' %1-b & "
                         "sleep 300")
                         .arg(QString::fromLatin1(marker))});
        QVERIFY(p.waitForStarted());
        QVERIFY(waitForArguments({marker + "-a", marker + "-b"}));
        ProcessTree tree(p.processId());
        QVERIFY2(tree.processes().size() >= 5, qPrintable(QString::number(tree.processes().size())));
        QVERIFY(!tree.ended());
        QElapsedTimer clock;
        clock.start();
        tree.killAll();
        QVERIFY(tree.waitEnded(5000));
        qInfo("%d processes ended in %lld ms", int(tree.processes().size()), clock.elapsed());
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(withMarker(marker), QList<qint64> {});
    }

    // Forked twice with a new session inside the sandbox: reparented to the namespace's init, which is in
    // the tree, so it is found and ended with the rest.
    void endsAWholeSandbox()
    {
        const QString bwrap = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
        if (bwrap.isEmpty())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        const QByteArray marker = markerFor("sandbox");
        QProcess p;
        p.start(bwrap,
                {QStringLiteral("--unshare-pid"), QStringLiteral("--die-with-parent"),
                 QStringLiteral("--new-session"), QStringLiteral("--ro-bind"), QStringLiteral("/"),
                 QStringLiteral("/"), QStringLiteral("--dev"), QStringLiteral("/dev"),
                 QStringLiteral("--proc"), QStringLiteral("/proc"), QStringLiteral("/bin/sh"),
                 QStringLiteral("-c"),
                 QStringLiteral("(setsid sh -c \"trap '' TERM; sleep 300\" %1-double &); sleep 300")
                         .arg(QString::fromLatin1(marker))});
        QVERIFY(p.waitForStarted());
        QVERIFY2(waitForArguments({marker + "-double"}), p.readAllStandardError().constData());
        ProcessTree tree(p.processId());
        // bwrap, the namespace's init, the shell, the detached shell (and their sleeps)
        QVERIFY2(tree.processes().size() >= 4, qPrintable(QString::number(tree.processes().size())));
        // The detached shell forks its sleep: until the child has exec'd, both carry the marker.
        QTRY_COMPARE_WITH_TIMEOUT(withMarker(marker + "-double", true).size(), 1, 10000);
        const QList<qint64> detached = withMarker(marker + "-double", true);
        QCOMPARE(detached.size(), 1);
        QVERIFY(tree.processes().contains(*ProcessTree::find(detached.first())));
        QElapsedTimer clock;
        clock.start();
        tree.killAll();
        QVERIFY(tree.waitEnded(5000));
        qInfo("the sandbox's %d processes ended in %lld ms", int(tree.processes().size()), clock.elapsed());
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(withMarker(marker), QList<qint64> {});
    }

    // A process is named by its pid and start time: the same pid with another start time is another one.
    void aPidWithAnotherStartTimeIsAnotherProcess()
    {
        QProcess p;
        p.start(QStringLiteral("/bin/sleep"), {QStringLiteral("300")});
        QVERIFY(p.waitForStarted());
        const auto found = ProcessTree::find(p.processId());
        QVERIFY(found && found->startTime > 0);
        QVERIFY(ProcessTree::runs(*found));
        QVERIFY(!ProcessTree::runs({found->pid, found->startTime + 1}));
        p.kill();
        QVERIFY(p.waitForFinished(5000));
        QVERIFY(!ProcessTree::runs(*found));
        QVERIFY(!ProcessTree::find(0));
        QVERIFY(ProcessTree().ended());
    }
};

QTEST_GUILESS_MAIN(TestProcessTree)
#include "tst_processtree.moc"
