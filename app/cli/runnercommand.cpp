// `harness runner`, `harness queue` and `harness run --queue`: thin command lines over Runner and the
// store's RunQueue and RunnerRoster.
#include "runnercommand.h"
#include "exitcodes.h"

#include "orchestration/queueservice.h"
#include "orchestration/runcontrol.h"
#include "orchestration/runner.h"
#include "store/runnerroster.h"
#include "store/runqueue.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <atomic>
#include <csignal>

namespace harness {

namespace {

std::atomic_bool g_stopRequested {false};

void requestStop(int)
{
    g_stopRequested.store(true);
}

// Where a run the runners drive is: in the queue, or with the runner that claimed it.
QString placeInQueue(const RunState &state)
{
    return state.runner.isEmpty() ? QStringLiteral("waiting for a runner to claim it")
                                  : QStringLiteral("claimed by runner %1").arg(state.summary().runnerText());
}

} // namespace

int queueCreatedRun(CliContext &ctx, Project &project, const QString &runId, const QString &taskId,
                    int priority, const QString &remoteUrl, const QString &autoApproveActor)
{
    const QString actor = CliContext::humanActor();
    auto url = QueueService(project.store())
                       .enqueueCreated(project.root(), runId, taskId, priority, remoteUrl, autoApproveActor,
                                       actor);
    if (!url) {
        // A run nobody queued would wait forever: it ends here, and the task can be queued again.
        (void)RunControl(project.store())
                .abort(runId, actor,
                       QStringLiteral("%1 could not be queued for the runners: %2")
                               .arg(runId, url.errorText()));
        return ctx.fail(url.error().field == QLatin1String("remote") ? exitcode::Usage : exitcode::Store,
                        url.error().message);
    }
    ctx.io.out << "run " << runId << " of task " << taskId << " queued for the runners (priority " << priority
               << ", remote " << *url << ")" << Qt::endl;
    return exitcode::Ok;
}

bool drivenByRunners(const RunState &state)
{
    return state.queued && !isTerminal(state.phase);
}

QString drivenByRunnersMessage(const QString &runId, const RunState &state)
{
    QString message = QStringLiteral("%1 is queued for the runners (%2): it is driven there; use \"harness "
                                     "pause %1\" or \"harness abort %1\" to steer it, or \"harness queue\" "
                                     "to see the queue")
                              .arg(runId, placeInQueue(state));
    if (state.phase == RunPhase::Review)
        message += QStringLiteral("; it waits for your review: \"harness merge %1\" or \"harness discard "
                                  "%1\"")
                           .arg(runId);
    return message;
}

Result<QSet<QString>> tasksInQueue(Store &store)
{
    auto entries = store.queue().entries(false);
    if (!entries)
        return entries.error();
    QSet<QString> tasks;
    for (const QueueEntry &e : std::as_const(*entries))
        tasks.insert(e.taskId);
    return tasks;
}

int resumeRunnersRun(CliContext &ctx, Project &project, const QString &runId, const RunState &state)
{
    if (!state.paused)
        return ctx.fail(exitcode::Usage, drivenByRunnersMessage(runId, state));
    // The only thing to do here is the decision: the runner holding the run obeys it.
    if (Status resumed = RunControl(project.store()).resume(runId, CliContext::humanActor()); !resumed)
        return ctx.fail(exitcode::Failed, resumed.errorText());
    ctx.io.out << "run " << runId << " resumed: it is queued for the runners (" << placeInQueue(state)
               << "), which continue it at their next safe point; it is driven there, not here (\"harness "
                  "queue\" shows the queue)"
               << Qt::endl;
    return exitcode::Ok;
}

int runRunnerCommand(const QStringList &args, CliContext &ctx)
{
    const QString usage = QStringLiteral(
            "harness --store postgres://... runner --name NAME [--capacity N] [--cache DIR] [--lease-ms MS] "
            "[--remote URL] [--agent TRANSCRIPT.jsonl] [--runs N] [--exit-when-idle]");
    QCommandLineParser p;
    p.addOptions(
            {{QStringLiteral("name"), QStringLiteral("this runner's name"), QStringLiteral("name")},
             {QStringLiteral("host"), QStringLiteral("the machine's name to record"), QStringLiteral("host")},
             {QStringLiteral("capacity"), QStringLiteral("runs at once"), QStringLiteral("n"),
              QStringLiteral("1")},
             {QStringLiteral("cache"), QStringLiteral("where clones and worktrees go"),
              QStringLiteral("dir")},
             {QStringLiteral("lease-ms"), QStringLiteral("lease length"), QStringLiteral("ms"),
              QStringLiteral("30000")},
             {QStringLiteral("remote"), QStringLiteral("clone this instead of each run's remote"),
              QStringLiteral("url")},
             {QStringLiteral("agent"), QStringLiteral("replay transcript to use"), QStringLiteral("path")},
             {QStringLiteral("runs"), QStringLiteral("stop after this many runs"), QStringLiteral("n"),
              QStringLiteral("0")},
             {QStringLiteral("exit-when-idle"), QStringLiteral("stop once no run is queued or claimed")}});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    Runner::Options options;
    options.name = p.value(QStringLiteral("name")).trimmed();
    if (options.name.isEmpty())
        return ctx.fail(exitcode::Usage, QStringLiteral("a runner needs a --name\nusage: ") + usage);
    bool ok = false;
    options.capacity = p.value(QStringLiteral("capacity")).toInt(&ok);
    if (!ok || options.capacity < 1 || options.capacity > 64)
        return ctx.fail(exitcode::Usage, QStringLiteral("--capacity takes a number from 1 to 64"));
    options.leaseMs = p.value(QStringLiteral("lease-ms")).toInt(&ok);
    if (!ok || options.leaseMs < 200)
        return ctx.fail(exitcode::Usage, QStringLiteral("--lease-ms takes milliseconds, at least 200"));
    options.maxRuns = p.value(QStringLiteral("runs")).toInt(&ok);
    if (!ok || options.maxRuns < 0)
        return ctx.fail(exitcode::Usage, QStringLiteral("--runs takes a number (0: no limit)"));
    options.host = p.value(QStringLiteral("host"));
    options.cacheDir = p.value(QStringLiteral("cache"));
    if (options.cacheDir.isEmpty())
        options.cacheDir = QDir::home().filePath(QStringLiteral(".cache/harness-runner/") + options.name);
    options.cacheDir = QFileInfo(options.cacheDir).absoluteFilePath();
    if (!QDir().mkpath(options.cacheDir))
        return ctx.fail(exitcode::Environment,
                        QStringLiteral("cannot create the cache folder %1").arg(options.cacheDir));
    options.remoteOverride = p.value(QStringLiteral("remote"));
    options.transcript = p.value(QStringLiteral("agent"));
    if (!options.transcript.isEmpty())
        options.transcript = QFileInfo(options.transcript).absoluteFilePath();
    options.exitWhenIdle = p.isSet(QStringLiteral("exit-when-idle"));
    options.stopRequested = &g_stopRequested;
    auto printing = std::make_shared<QMutex>();
    options.say = [&ctx, printing](const QString &line) {
        QMutexLocker lock(printing.get());
        ctx.io.out << line << Qt::endl;
    };

    const QString spec = ctx.storeSpec().isEmpty() ? qEnvironmentVariable("HARNESS_STORE") : ctx.storeSpec();
    if (spec.isEmpty())
        return ctx.fail(
                exitcode::Usage,
                QStringLiteral(
                        "a runner needs the shared store: --store "
                        "postgres://user@host:port/db?sslmode=verify-full&sslrootcert=CA.pem (or "
                        "HARNESS_STORE); the password comes from PGPASSWORD or ~/.pgpass, never from a "
                        "file of the project"));
    auto location = StoreLocation::parse(spec);
    if (!location)
        return ctx.fail(exitcode::Usage, location.errorText());
    auto store = Store::open(*location);
    if (!store)
        return ctx.fail(exitcode::Store, store.errorText());
    std::signal(SIGTERM, requestStop);
    std::signal(SIGINT, requestStop);
    Runner runner(std::shared_ptr<Store>(std::move(*store)), options);
    if (Status ran = runner.run(); !ran)
        return ctx.fail(exitcode::Store, ran.errorText());
    return exitcode::Ok;
}

int runQueueCommand(const QStringList &args, CliContext &ctx)
{
    const QString usage =
            QStringLiteral("harness queue [--all] [--run RUN --priority N] [--max-runs N] [--max-spend USD]");
    QCommandLineParser p;
    p.addOptions(
            {{QStringLiteral("all"), QStringLiteral("include runs that are done")},
             {QStringLiteral("run"), QStringLiteral("the queued run whose priority to set"),
              QStringLiteral("RUN")},
             {QStringLiteral("priority"), QStringLiteral("its new priority (higher first)"),
              QStringLiteral("N")},
             {QStringLiteral("max-runs"), QStringLiteral("runs the runners drive at once (0: no limit)"),
              QStringLiteral("N")},
             {QStringLiteral("max-spend"),
              QStringLiteral("no new run is claimed once the queue's runs spent this much (0: no limit)"),
              QStringLiteral("USD")}});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    Store &store = project->store();
    QueueService service(store);
    const QString actor = CliContext::humanActor();
    if (p.isSet(QStringLiteral("run")) != p.isSet(QStringLiteral("priority")))
        return ctx.fail(exitcode::Usage, QStringLiteral("--run and --priority go together: ") + usage);
    if (p.isSet(QStringLiteral("run"))) {
        bool ok = false;
        const int priority = p.value(QStringLiteral("priority")).toInt(&ok);
        if (!ok)
            return ctx.fail(exitcode::Usage, QStringLiteral("--priority takes a whole number"));
        const QString runId = p.value(QStringLiteral("run"));
        if (Status set = service.setPriority(runId, priority, actor); !set)
            return ctx.fail(exitcode::Store, set.errorText());
        ctx.io.out << "run " << runId << ": priority " << priority << Qt::endl;
    }
    if (p.isSet(QStringLiteral("max-runs")) || p.isSet(QStringLiteral("max-spend"))) {
        auto limits = store.queue().limits();
        if (!limits)
            return ctx.fail(exitcode::Store, limits.errorText());
        bool ok = true;
        if (p.isSet(QStringLiteral("max-runs")))
            limits->maxConcurrent = p.value(QStringLiteral("max-runs")).toInt(&ok);
        if (ok && p.isSet(QStringLiteral("max-spend")))
            limits->maxSpend = p.value(QStringLiteral("max-spend")).toDouble(&ok);
        if (!ok)
            return ctx.fail(exitcode::Usage, QStringLiteral("--max-runs and --max-spend take numbers"));
        if (Status set = service.setLimits(*limits, actor); !set)
            return ctx.fail(exitcode::Usage, set.errorText());
    }
    auto entries = store.queue().entries(p.isSet(QStringLiteral("all")));
    if (!entries)
        return ctx.fail(exitcode::Store, entries.errorText());
    if (auto limits = store.queue().limits(); limits && (limits->maxConcurrent > 0 || limits->maxSpend > 0))
        ctx.io.out << "limits: "
                   << (limits->maxConcurrent > 0 ? QString::number(limits->maxConcurrent)
                                                 : QStringLiteral("any"))
                   << " runs at once, spend cap "
                   << (limits->maxSpend > 0 ? QStringLiteral("$%1").arg(limits->maxSpend, 0, 'f', 2)
                                            : QStringLiteral("none"))
                   << '\n';
    for (const QueueEntry &e : std::as_const(*entries))
        ctx.io.out << e.runId << '\t' << e.taskId << "\tpriority " << e.priority << '\t'
                   << queueStateName(e.state) << '\t' << (e.runner.isEmpty() ? QStringLiteral("-") : e.runner)
                   << "\tclaims " << e.claims << '\t' << e.note << '\n';
    auto runners = store.roster().runners();
    if (!runners)
        return ctx.fail(exitcode::Store, runners.errorText());
    for (const RunnerInfo &r : std::as_const(*runners))
        ctx.io.out << "runner " << r.name << " on " << r.host << ": " << r.state << ", " << r.runs << " of "
                   << r.capacity << " runs, last heartbeat " << r.heartbeat.toString(Qt::ISODate)
                   << ", version " << r.version << '\n';
    ctx.io.out.flush();
    return exitcode::Ok;
}

} // namespace harness
