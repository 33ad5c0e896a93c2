// Loop benchmark: (a) the harness's own time per build/fix iteration of the demo run (replay agent,
// one in-process rules gate), with the model latency and gate durations taken out, against the bare
// `git commit` floor measured in the same run; (b) scheduling a 1,000-task DAG kept in a real SQLite
// store. Prints figures only. `bench_loop [runs] [loop|dag|start]`: the second argument runs one part alone.
// BENCH_LOOP_TIMELINE=1 also prints, on stderr, each event of the first run's iterations with the time
// before it and the step it is counted in.
#include "core/eventkinds.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runcontroller.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"
#include "orchestration/taskgraph.h"
#include "runtime/worktreemanager.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace harness;

namespace {

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

double worst(const QList<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.cbegin(), v.cend());
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_loop: %s\n", qPrintable(what));
    std::exit(1);
}

bool git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    return p.waitForFinished(60000) && p.exitCode() == 0;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        die(QStringLiteral("cannot write %1").arg(path));
}

struct Observed
{
    Event event;
    qint64 ns = 0; // when the engine saw it (after its append and sync)
    int step = 0; // the engine step that saw it
};

// One build/fix iteration of one run.
struct Iteration
{
    int number = 0;
    double wallMs = 0;
    double modelMs = 0;
    double gateMs = 0;
    int gateCount = 0;
    double overheadMs = 0;
    double storeMs = 0; // the same events appended and read back (append + sync) on the same store
    int events = 0;
    int steps = 0;
    double idleStepMs = 0; // one step() with nothing to do (sync + task state check), same run
    QHash<QString, double> byStep; // overhead by the step that produced the event
};

QString stepOf(const QString &kind)
{
    if (kind == QLatin1String("gate_started") || kind == kinds::GateResult || kind == kinds::VerifyFinished)
        return QStringLiteral("verify (gates excluded)");
    if (kind == kinds::ModelCall || kind == kinds::AgentResponse)
        return QStringLiteral("model call (latency excluded)");
    // A tool's own events (its permission decision, the call) arrive with its result: its work is in the
    // time before the first of them.
    if (kind == kinds::ToolCallStarted || kind == kinds::ToolResult || kind == kinds::ToolCall ||
        kind.startsWith(QLatin1String("permission_")))
        return QStringLiteral("tool calls");
    if (kind == kinds::ContextAssembled)
        return QStringLiteral("context assembly");
    if (kind == kinds::Checkpoint)
        return QStringLiteral("checkpoint (git commit)");
    return QStringLiteral("phase bookkeeping");
}

// Appends the events again to a scratch run of the same store, one commit each, each followed by a read of
// what is new, and returns the time it took: a reference (the engine commits several events together and
// folds in what the store acknowledged without reading it back).
double storeCost(Store &store, const QString &taskId, const QList<Observed> &window)
{
    Run scratch;
    scratch.taskId = taskId;
    scratch.baseRef = QStringLiteral("main");
    scratch.targetBranch = QStringLiteral("main");
    auto run = store.addRun(scratch);
    if (!run)
        die(run.errorText());
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    for (const auto &o : window) {
        auto appended = store.append(Event::make(run->id, o.event.actor, o.event.kind, o.event.payload));
        if (!appended)
            die(appended.errorText());
        auto read = store.events(run->id, last + 1);
        if (!read)
            die(read.errorText());
        last = appended->seq;
    }
    return ms(clock.nsecsElapsed());
}

// timeline: each event of the iterations with the time before it, on stderr (BENCH_LOOP_TIMELINE=1).
QList<Iteration> oneRun(const QString &dir, bool timeline)
{
    auto where = DemoProject::materialize(dir + QStringLiteral("/units"));
    if (!where)
        die(where.errorText());
    // Gates that cost next to nothing: the in-process rules gate only.
    writeFile(where->repositoryRoot + QStringLiteral("/.harness/gates.json"),
              "{\"version\":1,\"gates\":[{\"id\":\"rules\",\"kind\":\"rules\",\"scope\":\"tree\","
              "\"stop_on_failure\":false}]}\n");
    if (!git(where->repositoryRoot, {"commit", "-qam", "bench: rules gate only"}))
        die(QStringLiteral("git commit failed"));
    auto project = Project::open(where->repositoryRoot, where->storeSpec);
    if (!project)
        die(project.errorText());
    Store &store = (*project)->store();
    auto task = DemoProject::addTask(store);
    if (!task)
        die(task.errorText());
    for (auto &c : task->contract.criteria)
        c.checkCommand.clear(); // the acceptance check would run pytest in the sandbox: a gate, not ours
    if (auto s = store.updateTask(*task); !s)
        die(s.errorText());
    auto services = RunServicesFactory::make(**project);
    if (!services)
        die(services.errorText());
    services->autoApproveActor = QStringLiteral("human:bench");
    auto run = RunEngine::createRun(**project, task->id, services->policy, QStringLiteral("human:bench"));
    if (!run)
        die(run.errorText());

    RunEngine engine(**project, run->id, *services);
    QList<Observed> seen;
    QElapsedTimer clock;
    clock.start();
    int steps = 0;
    engine.setEventObserver([&](const Event &e) { seen.append({e, clock.nsecsElapsed(), steps}); });
    for (;;) {
        ++steps;
        auto outcome = engine.step();
        if (!outcome)
            die(outcome.errorText());
        if (*outcome != RunEngine::Outcome::Progressed)
            break;
    }
    // The fixed cost of a step: the run waits in review, so each step only syncs and checks the task.
    QList<double> idle;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer one;
        one.start();
        if (!engine.step())
            die(QStringLiteral("idle step failed"));
        idle << ms(one.nsecsElapsed());
    }
    if (engine.state().phase != RunPhase::Review)
        die(QStringLiteral("the demo run ended in %1, not review").arg(runPhaseName(engine.state().phase)));

    // Windows: from "phase_started build|fix k" to the next one (or review_ready).
    QList<qsizetype> starts;
    qsizetype end = -1;
    for (qsizetype i = 0; i < seen.size(); ++i) {
        const Event &e = seen.at(i).event;
        const QString phase = e.payload.value(QStringLiteral("phase")).toString();
        if (e.kind == kinds::PhaseStarted &&
            (phase == QLatin1String("build") || phase == QLatin1String("fix")))
            starts << i;
        if (e.kind == kinds::ReviewReady)
            end = i;
    }
    if (starts.isEmpty() || end < 0)
        die(QStringLiteral("no build iteration seen"));
    QList<Iteration> out;
    for (qsizetype k = 0; k < starts.size(); ++k) {
        const qsizetype from = starts.at(k);
        const qsizetype to = k + 1 < starts.size() ? starts.at(k + 1) : end;
        Iteration it;
        it.number = int(k + 1);
        it.wallMs = ms(seen.at(to).ns - seen.at(from).ns);
        QList<Observed> window;
        double gatesOfStep = 0;
        for (qsizetype i = from + 1; i <= to; ++i) {
            const Observed &o = seen.at(i);
            window << o;
            double delta = ms(o.ns - seen.at(i - 1).ns);
            if (o.event.kind == kinds::ModelCall) {
                const double latency = o.event.payload.value(QStringLiteral("latency_ms")).toDouble();
                it.modelMs += latency;
                delta -= latency;
            } else if (o.event.kind == kinds::GateResult) {
                // Microseconds where the gate result has them (whole milliseconds before).
                const double us = o.event.payload.value(QStringLiteral("duration_us")).toDouble();
                const double d =
                        us > 0 ? us / 1000 : o.event.payload.value(QStringLiteral("duration_ms")).toDouble();
                it.gateMs += d;
                ++it.gateCount;
                gatesOfStep += d;
            }
            if (o.event.kind == kinds::VerifyFinished) {
                delta -= gatesOfStep;
                gatesOfStep = 0;
            }
            it.byStep[stepOf(o.event.kind)] += delta;
            if (timeline)
                std::fprintf(stderr, "  iteration %d  %-24s %7.2f ms  (%s)\n", it.number,
                             qPrintable(o.event.kind), delta, qPrintable(stepOf(o.event.kind)));
        }
        it.events = int(window.size());
        it.steps = seen.at(to).step - seen.at(from).step;
        it.idleStepMs = median(idle);
        it.overheadMs = it.wallMs - it.modelMs - it.gateMs;
        it.storeMs = storeCost(store, task->id, window);
        out << it;
    }
    return out;
}

// The floor of a checkpoint: `git add -A` + `git commit` of a one-line change, as two processes.
void gitFloor(const QString &dir, int reps, double *bare, double *checkpoint)
{
    auto where = DemoProject::materialize(dir + QStringLiteral("/floor"));
    if (!where)
        die(where.errorText());
    const QString file = where->repositoryRoot + QStringLiteral("/src/units/core/temperature.py");
    QList<double> bareMs, checkpointMs;
    WorktreeManager worktrees(where->repositoryRoot);
    for (int i = 0; i < reps; ++i) {
        QFile f(file);
        f.open(QIODevice::Append);
        f.write(QByteArray("# edit ") + QByteArray::number(i) + '\n');
        f.close();
        QElapsedTimer clock;
        clock.start();
        if (i % 2 == 0) {
            if (!git(where->repositoryRoot, {"add", "-A"}) ||
                !git(where->repositoryRoot, {"commit", "-q", "-m", "floor"}))
                die(QStringLiteral("bare git commit failed"));
            bareMs << ms(clock.nsecsElapsed());
        } else {
            auto c = worktrees.checkpoint(where->repositoryRoot, QStringLiteral("checkpoint"));
            if (!c)
                die(c.errorText());
            checkpointMs << ms(clock.nsecsElapsed());
        }
    }
    *bare = median(bareMs);
    *checkpoint = median(checkpointMs);
}

double appendFloor(const QString &dir, int n)
{
    auto store = Store::open(StoreLocation::sqlite(dir + QStringLiteral("/append.sqlite")));
    if (!store)
        die(store.errorText());
    Task t;
    t.title = QStringLiteral("append floor");
    t.contract.goal = QStringLiteral("measure");
    auto task = (*store)->addTask(t);
    if (!task)
        die(task.errorText());
    Run r;
    r.taskId = task->id;
    r.baseRef = r.targetBranch = QStringLiteral("main");
    auto run = (*store)->addRun(r);
    if (!run)
        die(run.errorText());
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < n; ++i) {
        auto a = (*store)->append(Event::make(run->id, QStringLiteral("harness"),
                                              QStringLiteral("bench_tick"), {{QStringLiteral("i"), i}}));
        if (!a)
            die(a.errorText());
    }
    return ms(clock.nsecsElapsed()) / n;
}

void loopBenchmark(int runs)
{
    QTemporaryDir dir;
    QList<double> overhead, overheadIt[3], outsideIt[3], wall, model, gates, store, storeShare, eventsPer,
            stepsPer, idleStep, outsideCheckpoint, gateCounts;
    QHash<QString, QList<double>> bySteps;
    for (int r = 0; r < runs; ++r) {
        const QList<Iteration> its = oneRun(dir.filePath(QStringLiteral("run%1").arg(r)),
                                            r == 0 && qEnvironmentVariableIsSet("BENCH_LOOP_TIMELINE"));
        for (const auto &it : its) {
            overhead << it.overheadMs;
            outsideCheckpoint << it.overheadMs - it.byStep.value(stepOf(kinds::Checkpoint));
            outsideIt[qBound(1, it.number, 2)] << outsideCheckpoint.constLast();
            overheadIt[qBound(1, it.number, 2)] << it.overheadMs;
            wall << it.wallMs;
            model << it.modelMs;
            gates << it.gateMs;
            gateCounts << it.gateCount;
            store << it.storeMs;
            storeShare << (it.overheadMs > 0 ? 100.0 * it.storeMs / it.overheadMs : 0);
            eventsPer << it.events;
            stepsPer << it.steps;
            idleStep << it.idleStepMs;
            for (auto s = it.byStep.cbegin(); s != it.byStep.cend(); ++s)
                bySteps[s.key()] << s.value();
        }
    }
    double bare = 0, checkpoint = 0;
    gitFloor(dir.path(), 20, &bare, &checkpoint);
    const double perAppend = appendFloor(dir.path(), 500);

    std::printf("(a) harness overhead per build/fix iteration, demo task, replay agent, rules gate only\n");
    std::printf("    %d runs x %d iterations = %lld iterations\n", runs, int(overhead.size() / qMax(1, runs)),
                static_cast<long long>(overhead.size()));
    std::printf("    wall per iteration           median %8.2f ms   worst %8.2f ms\n", median(wall),
                worst(wall));
    std::printf("    - model latency              median %8.2f ms   worst %8.2f ms\n", median(model),
                worst(model));
    std::printf("    - gate durations             median %8.2f ms   worst %8.2f ms\n", median(gates),
                worst(gates));
    std::printf("    = harness overhead           median %8.2f ms   worst %8.2f ms   (target < 20 ms)\n",
                median(overhead), worst(overhead));
    std::printf("      outside the checkpoint step (git's commit)  median %8.2f ms   (target < 5 ms)\n",
                median(outsideCheckpoint));
    std::printf("        build iteration %.2f ms, fix iteration %.2f ms (medians)\n", median(outsideIt[1]),
                median(outsideIt[2]));
    std::printf("        %.0f gates per iteration, their time taken out in microseconds as the pipeline "
                "timed each\n"
                "        (before gate results had duration_us, whole milliseconds: up to 1 ms a gate counted "
                "here)\n",
                median(gateCounts));
    std::printf("      build iteration (3 turns, 2 tools)  median %8.2f ms\n", median(overheadIt[1]));
    std::printf("      fix iteration   (2 turns, 1 tool)   median %8.2f ms\n", median(overheadIt[2]));
    std::printf("    overhead by step (median per iteration):\n");
    QStringList steps = bySteps.keys();
    steps.sort();
    for (const QString &s : steps)
        std::printf("      %-32s %8.2f ms\n", qPrintable(s), median(bySteps.value(s)));
    std::printf("    engine steps per iteration     median %8.0f; one idle step (sync + task check) median "
                "%.2f ms"
                " -> %.2f ms per iteration\n",
                median(stepsPer), median(idleStep), median(stepsPer) * median(idleStep));
    std::printf("    store: events per iteration   median %8.0f\n", median(eventsPer));
    std::printf("    store: those events one commit each, read back  median %8.2f ms   worst %8.2f ms   "
                "share of overhead median %.0f%%\n",
                median(store), worst(store), median(storeShare));
    std::printf("    reference: one bare append (SQLite, same machine)       %8.3f ms\n", perAppend);
    std::printf(
            "    reference: bare `git add -A && git commit` (2 processes) %8.2f ms  (floor per iteration)\n",
            bare);
    std::printf("    reference: WorktreeManager::checkpoint                 %8.2f ms  (%.1fx the floor)\n",
                checkpoint, bare > 0 ? checkpoint / bare : 0);
    std::printf("    overhead median / git floor: %.1fx; outside the checkpoint / git floor: %.2fx\n",
                bare > 0 ? median(overhead) / bare : 0, bare > 0 ? median(outsideCheckpoint) / bare : 0);
}

void dagBenchmark(int n)
{
    QTemporaryDir dir;
    auto opened = Store::open(StoreLocation::sqlite(dir.filePath(QStringLiteral("dag.sqlite"))));
    if (!opened)
        die(opened.errorText());
    Store &store = **opened;
    auto *random = QRandomGenerator::global();
    QStringList ids;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < n; ++i) {
        Task t;
        t.title = QStringLiteral("task %1").arg(i);
        t.contract.goal = QStringLiteral("goal %1").arg(i);
        // Up to three dependencies on earlier tasks: acyclic by construction.
        const int deps = i == 0 ? 0 : int(random->bounded(qMin(i, 3) + 1));
        QSet<QString> chosen;
        for (int d = 0; d < deps; ++d)
            chosen.insert(ids.at(int(random->bounded(i))));
        t.dependsOn = QStringList(chosen.cbegin(), chosen.cend());
        auto added = store.addTask(t);
        if (!added)
            die(added.errorText());
        ids << added->id;
    }
    const double insertMs = ms(clock.nsecsElapsed());

    clock.restart();
    auto tasks = store.tasks();
    if (!tasks)
        die(tasks.errorText());
    const double loadMs = ms(clock.nsecsElapsed());
    clock.restart();
    const TaskGraph graph(*tasks);
    const double buildMs = ms(clock.nsecsElapsed());
    clock.restart();
    const QStringList ready = graph.readyTasks();
    const double readyMs = ms(clock.nsecsElapsed());
    clock.restart();
    auto order = graph.topologicalOrder();
    const double orderMs = ms(clock.nsecsElapsed());
    if (!order)
        die(order.errorText());
    // An edge that closes a cycle: the first task of a dependency chain depending on its last task.
    QString chainEnd = ids.last();
    QString chainStart = chainEnd;
    for (const Task *t = graph.find(chainEnd); t && !t->dependsOn.isEmpty();
         t = graph.find(t->dependsOn.first()))
        chainStart = t->dependsOn.first();
    clock.restart();
    const Status refused = graph.canAddDependency(chainStart, chainEnd);
    const double cycleMs = ms(clock.nsecsElapsed());
    clock.restart();
    const Status accepted = graph.canAddDependency(ids.last(), ids.first());
    const double acceptMs = ms(clock.nsecsElapsed());

    // Merge in topological order; after each merge, recompute the ready set from the store, as the
    // controller's startReady() does.
    clock.restart();
    int merges = 0;
    QList<Task> current = *tasks;
    for (;;) {
        const QStringList now = TaskGraph(current).readyTasks();
        if (now.isEmpty())
            break;
        auto t = store.task(now.first());
        if (!t)
            die(t.errorText());
        t->state = TaskState::Merged;
        if (auto s = store.updateTask(*t); !s)
            die(s.errorText());
        auto reloaded = store.tasks();
        if (!reloaded)
            die(reloaded.errorText());
        current = *reloaded;
        ++merges;
    }
    const double simMs = ms(clock.nsecsElapsed());
    // The same simulation in memory only, to separate the graph's share from the store's.
    clock.restart();
    current = *tasks;
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < current.size(); ++i)
        at.insert(current.at(i).id, i);
    int memMerges = 0;
    for (;;) {
        const QStringList now = TaskGraph(current).readyTasks();
        if (now.isEmpty())
            break;
        current[at.value(now.first())].state = TaskState::Merged;
        ++memMerges;
    }
    const double memMs = ms(clock.nsecsElapsed());

    qsizetype edges = 0;
    for (const auto &t : *tasks)
        edges += t.dependsOn.size();
    std::printf("\n(b) scheduling a %d-task DAG (%lld dependency edges) in a SQLite store\n", n,
                static_cast<long long>(edges));
    std::printf("    insert %d tasks (addTask each)             %9.2f ms\n", n, insertMs);
    std::printf("    load tasks() from the store                  %9.2f ms\n", loadMs);
    std::printf("    TaskGraph construction                       %9.3f ms\n", buildMs);
    std::printf("    readyTasks() (%lld ready)                    %9.3f ms\n",
                static_cast<long long>(ready.size()), readyMs);
    std::printf("    topologicalOrder()                           %9.3f ms\n", orderMs);
    std::printf("    canAddDependency, edge closing a cycle       %9.3f ms  (%s)\n", cycleMs,
                refused ? "accepted?!" : "refused");
    std::printf("    canAddDependency, acyclic edge               %9.3f ms  (%s)\n", acceptMs,
                accepted ? "accepted" : qPrintable(accepted.errorText()));
    std::printf("    merge all in order, store + ready set each   %9.2f ms  (%d merges, %.2f ms each)\n",
                simMs, merges, merges ? simMs / merges : 0);
    std::printf("    same, in memory only (graph share)           %9.2f ms  (%d merges, %.3f ms each)\n",
                memMs, memMerges, memMerges ? memMs / memMerges : 0);
}

// What RunController::start() costs its caller (the GUI thread in the workbench): it reads the run's
// services (the policy file) and hands the making of the run (store reads and writes, `git` for the
// current branch) to a worker; the parts are also timed on their own.
void controllerStartBenchmark(int reps)
{
    QTemporaryDir dir;
    QList<double> startMs, startedMs, servicesMs, createMs;
    for (int r = 0; r < reps; ++r) {
        auto where = DemoProject::materialize(dir.filePath(QStringLiteral("c%1/units").arg(r)));
        if (!where)
            die(where.errorText());
        auto project = Project::open(where->repositoryRoot, where->storeSpec);
        if (!project)
            die(project.errorText());
        Store &store = (*project)->store();
        auto task = DemoProject::addTask(store);
        auto other = DemoProject::addTask(store);
        if (!task || !other)
            die(QStringLiteral("cannot add the demo task"));
        QElapsedTimer clock;
        clock.start();
        auto services = RunServicesFactory::make(**project);
        servicesMs << ms(clock.nsecsElapsed());
        if (!services)
            die(services.errorText());
        clock.restart();
        auto run =
                RunEngine::createRun(**project, other->id, services->policy, QStringLiteral("human:bench"));
        createMs << ms(clock.nsecsElapsed());
        if (!run)
            die(run.errorText());
        RunController controller(*project);
        clock.restart();
        controller.start(task->id);
        startMs << ms(clock.nsecsElapsed());
        // The run is made on a worker; the event loop stays free until runStarted() arrives.
        while (controller.drivenRuns().isEmpty() && clock.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        startedMs << ms(clock.nsecsElapsed());
        if (controller.drivenRuns().isEmpty())
            die(QStringLiteral("the controller did not start the run"));
    } // the controller stops its worker here
    std::printf("\n(c) RunController::start() blocks its caller (the GUI thread), %d starts\n", reps);
    std::printf("    start() returns                              median %8.2f ms   worst %8.2f ms\n",
                median(startMs), worst(startMs));
    std::printf("    run made on a worker, runStarted() received  median %8.2f ms   (the GUI thread stays "
                "free)\n",
                median(startedMs));
    std::printf("    RunServicesFactory::make (on the caller)     median %8.2f ms\n", median(servicesMs));
    std::printf("    RunEngine::createRun (on the worker)         median %8.2f ms\n", median(createMs));
    std::printf("    reference: one 60 Hz frame                          16.67 ms\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? qMax(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;
    // A second argument runs one part alone (for a profiler): loop, dag or start.
    const QString only = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (only.isEmpty() || only == QLatin1String("loop"))
        loopBenchmark(runs);
    if (only.isEmpty() || only == QLatin1String("dag"))
        dagBenchmark(1000);
    if (only.isEmpty() || only == QLatin1String("start"))
        controllerStartBenchmark(runs);
    return 0;
}
