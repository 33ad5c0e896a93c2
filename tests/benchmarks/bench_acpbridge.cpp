// bench_acpbridge: the harness's own overhead per request an external agent makes of its client, through
// the real AcpToolBridge on a real run of the demo (SQLite store, worktree, plan approved):
// fs/read_text_file and fs/write_text_file (path checks, permission controller, write gate, the tool_call
// event recorded in the store), and a terminal (create -> wait_for_exit -> output -> release) running
// `true` in the run's sandbox (create answers at once; wait_for_exit when the command ends). References
// measured in the same run: a plain QFile read and write of the same file, and the same sandboxed `true`
// started straight through the Sandbox (the sandbox start the terminal's figure includes, which the overhead
// excludes; once as argv, once as the shell script with the permission profile's limits that the terminal
// really runs). The terminal's own overhead is also measured around its own Sandbox::run (the time that
// run took on the command's thread, subtracted per terminal), which a loaded machine's sandbox start
// times do not blur; and the parts that overhead is made of are timed alone. Medians and 90th
// percentiles per call.
#include "agents/acp/acpagentrequests.h"
#include "orchestration/acptoolbridge.h"
#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runengine.h"
#include "orchestration/runjournal.h"
#include "orchestration/runservicesfactory.h"
#include "orchestration/runtools.h"
#include "runtime/atomicwrite.h"

#include "core/events/toolevents.h"
#include "runtime/toolarguments.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace harness;

namespace {

struct Figures
{
    double median = 0, p90 = 0;
};

Figures figures(std::vector<double> us)
{
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[us.size() * 9 / 10]};
}

template<typename F>
Figures timeEach(int n, F &&f)
{
    std::vector<double> us;
    us.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        QElapsedTimer t;
        t.start();
        f(i);
        us.push_back(double(t.nsecsElapsed()) / 1000.0);
    }
    return figures(std::move(us));
}

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_acpbridge: %s\n", qPrintable(what));
    std::exit(1);
}

void row(const char *what, const Figures &f, const Figures &ref, const char *refName)
{
    std::printf("%-34s median %8.1f us  p90 %8.1f us | %-26s median %8.1f us | overhead median %8.1f us\n",
                what, f.median, f.p90, refName, ref.median, f.median - ref.median);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(10, std::atoi(argv[1])) : 500;
    const int terminals = std::max(5, n / 20);
    qputenv("PATH", "/usr/local/bin:/usr/bin:/bin:" + qgetenv("PATH"));

    QTemporaryDir dir;
    auto where = DemoProject::materialize(dir.filePath(QStringLiteral("units")));
    if (!where)
        fail(where.errorText());
    auto project = Project::open(where->repositoryRoot, where->storeSpec);
    if (!project)
        fail(project.errorText());
    auto task = DemoProject::addTask((*project)->store());
    if (!task)
        fail(task.errorText());
    auto services = RunServicesFactory::make(**project);
    if (!services)
        fail(services.errorText());
    auto run = RunEngine::createRun(**project, task->id, services->policy, QStringLiteral("human:bench"));
    if (!run)
        fail(run.errorText());
    {
        // The demo's replay agent plans; the human approves: the write gate opens.
        RunEngine engine(**project, run->id, *services);
        auto outcome = engine.drive();
        if (!outcome || engine.state().phase != RunPhase::AwaitingApproval)
            fail(QStringLiteral("the demo run did not reach the plan approval"));
        if (!ApprovalService((*project)->store())
                     .approve(engine.state().pendingApprovalId, QStringLiteral("human:bench")))
            fail(QStringLiteral("approval failed"));
        // One step takes the approval in: the run is building (the agent has not taken a turn yet).
        while (engine.state().phase == RunPhase::AwaitingApproval)
            if (!engine.step())
                fail(QStringLiteral("the engine could not take the approval in"));
        if (engine.state().phase != RunPhase::Building)
            fail(QStringLiteral("the run is not building after the approval"));
    }

    RunJournal journal((*project)->store(), run->id);
    if (!journal.sync())
        fail(QStringLiteral("cannot read the run"));
    RunTools tools(journal, *services);
    AcpToolBridge bridge(journal, tools);
    const QString worktree = journal.state().worktreePath;
    const QString file = worktree + QStringLiteral("/src/units/core/temperature.py");
    QFile original(file);
    if (!original.open(QIODevice::ReadOnly))
        fail(QStringLiteral("no demo module at %1").arg(file));
    const QByteArray text = original.readAll();
    original.close();

    std::printf("bench_acpbridge: %d fs calls of each kind on a %lld-byte file, %d terminals, on a demo run "
                "with its plan approved (SQLite store)\n",
                n, qint64(text.size()), terminals);

    // fs/read_text_file
    const Figures read = timeEach(n, [&](int) {
        AcpReadTextFileRequest r;
        r.sessionId = QStringLiteral("bench");
        r.path = file;
        bool ok = false;
        bridge.readTextFile(r, [&](Result<QString> got) { ok = got.ok(); });
        if (!ok)
            fail(QStringLiteral("fs/read_text_file failed"));
    });
    const Figures plainRead = timeEach(n, [&](int) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly) || f.readAll().isEmpty())
            fail(QStringLiteral("plain read failed"));
    });
    row("fs/read_text_file", read, plainRead, "QFile read");

    // fs/write_text_file: a different content each time (every write is a real change and an event).
    const QString scratch = worktree + QStringLiteral("/src/units/core/bench_scratch.py");
    const Figures write = timeEach(n, [&](int i) {
        AcpWriteTextFileRequest r;
        r.sessionId = QStringLiteral("bench");
        r.path = scratch;
        r.content = QString::fromUtf8(text) + QStringLiteral("# %1\n").arg(i);
        QString error;
        bool ok = false;
        bridge.writeTextFile(r, [&](Status s) {
            ok = s.ok();
            error = s.errorText();
        });
        if (!ok)
            fail(QStringLiteral("fs/write_text_file failed: %1").arg(error));
    });
    const Figures plainWrite = timeEach(n, [&](int i) {
        QFile f(scratch);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(text + "# " + QByteArray::number(i) + '\n') < 0)
            fail(QStringLiteral("plain write failed"));
    });
    row("fs/write_text_file (+ event)", write, plainWrite, "QFile write");
    // write_file replaces the file atomically (AtomicWrite: a temporary file renamed over the target):
    // that is the write's own cost, not the harness's.
    const Figures savedWrite = timeEach(n, [&](int i) {
        if (!AtomicWrite::replace(scratch, text + "# " + QByteArray::number(i) + '\n'))
            fail(QStringLiteral("atomic write failed"));
    });
    row("fs/write_text_file (+ event)", write, savedWrite, "AtomicWrite (temporary file + rename)");

    // A terminal running `true`, against the same `true` through the Sandbox. terminal/create answers at
    // once and the command runs on a thread of its own; wait_for_exit is answered, through this thread's
    // event loop, when it ends.
    // Each round runs the three one after the other, so a load that comes and goes on a shared machine
    // weighs on all three alike; the overhead is the median of the rounds' differences.
    std::vector<double> createUs, terminalUs, sandboxedUs, shellUs, overheadUs, ownUs;
    const PermissionProfile &profile = tools.tools().permissions().profile();
    for (int round = 0; round < terminals; ++round) {
        QElapsedTimer t;
        t.start();
        AcpCreateTerminalRequest c;
        c.sessionId = QStringLiteral("bench");
        c.command = QStringLiteral("true");
        QString id;
        QString error;
        bridge.createTerminal(c, [&](Result<QString> got) {
            if (got)
                id = *got;
            else
                error = got.errorText();
        });
        createUs.push_back(double(t.nsecsElapsed()) / 1000.0);
        if (id.isEmpty())
            fail(QStringLiteral("terminal/create failed: %1").arg(error));
        AcpTerminalRequest request {QStringLiteral("bench"), id};
        bool exited = false;
        bool answered = false;
        bridge.waitForTerminalExit(request, [&](Result<AcpTerminalExit> e) {
            exited = e && e->exited;
            answered = true;
        });
        while (!answered)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        bridge.terminalOutput(request, [](Result<AcpTerminalOutput>) {});
        bridge.releaseTerminal(request, [](Status) {});
        if (!exited)
            fail(QStringLiteral("the terminal's command did not exit"));
        terminalUs.push_back(double(t.nsecsElapsed()) / 1000.0);
        // The same terminal less the time its own Sandbox::run took: the sandbox's start and the
        // command, which vary by milliseconds on a loaded machine, drop out of the difference.
        ownUs.push_back(terminalUs.back() - double(bridge.terminals().lastSandboxNs()) / 1000.0);

        t.restart();
        CommandSpec argv;
        argv.argv = {QStringLiteral("true")};
        if (const CommandResult r = tools.sandbox().run(argv); !r.succeeded())
            fail(QStringLiteral("sandboxed true failed: %1").arg(r.error));
        sandboxedUs.push_back(double(t.nsecsElapsed()) / 1000.0);

        // The command exactly as the terminal runs it: a shell script, the permission profile's limits.
        t.restart();
        CommandSpec shell;
        shell.shell = QStringLiteral("true");
        shell.timeoutMs = profile.commandTimeoutMs;
        shell.outputCap = profile.outputCapBytes;
        shell.network = profile.network;
        if (const CommandResult r = tools.sandbox().run(shell); !r.succeeded())
            fail(QStringLiteral("sandboxed shell true failed: %1").arg(r.error));
        shellUs.push_back(double(t.nsecsElapsed()) / 1000.0);
        overheadUs.push_back(terminalUs.back() - shellUs.back());
    }
    const Figures terminal = figures(terminalUs);
    row("terminal create/wait/output/release", terminal, figures(sandboxedUs), "Sandbox::run(true)");
    row("terminal create/wait/output/release", terminal, figures(shellUs), "Sandbox::run(sh: true)");
    const Figures paired = figures(overheadUs);
    std::printf("%-34s median %8.1f us  p90 %8.1f us (per round: terminal minus Sandbox::run(sh: true))\n",
                "terminal overhead, paired", paired.median, paired.p90);
    const Figures own = figures(std::move(ownUs));
    std::printf("%-34s median %8.1f us  p90 %8.1f us (per terminal: its time less its own Sandbox::run)\n",
                "terminal overhead, own", own.median, own.p90);
    const Figures create = figures(std::move(createUs));
    std::printf("%-34s median %8.1f us  p90 %8.1f us (the answer, while the command starts)\n",
                "terminal/create alone", create.median, create.p90);

    // Where the terminal's overhead goes: the parts it is made of, each timed alone.
    PermissionController &permissions = tools.tools().permissions();
    const Figures check = timeEach(n, [&](int) {
        if (!permissions.checkCommand(QStringLiteral("true")).allowed())
            fail(QStringLiteral("the permission controller refused true"));
    });
    std::printf("%-34s median %8.1f us  p90 %8.1f us (deny -> ask -> allow, permission_allowed recorded)\n",
                "  part: permission check (command)", check.median, check.p90);
    const Figures recordOne = timeEach(n, [&](int) {
        journal.sink().record(
                makeEvent(journal.runId(),
                          ToolArguments::callPayload(QStringLiteral("run_command"),
                                                     {{QStringLiteral("command"), QStringLiteral("true")}},
                                                     true, 1, QString())));
    });
    std::printf("%-34s median %8.1f us  p90 %8.1f us (queued to the store's writer)\n",
                "  part: record one event", recordOne.median, recordOne.p90);
    if (auto flushed = (*project)->store().flush(); !flushed)
        fail(flushed.errorText());
    QThreadPool pool;
    QObject context;
    const Figures hop = timeEach(terminals, [&](int) {
        bool back = false;
        pool.start([&]() {
            QMetaObject::invokeMethod(
                    &context, [&]() { back = true; }, Qt::QueuedConnection);
        });
        while (!back)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    });
    std::printf("%-34s median %8.1f us  p90 %8.1f us (a pool thread, its end queued back to this thread)\n",
                "  part: thread hop and back", hop.median, hop.p90);
    std::printf("target: overhead under 1 ms (1000 us) median per fs call and per terminal call\n");
    return 0;
}
