// The run commands. `run` and `resume` drive the engine on this thread (the CLI has no GUI to keep
// responsive) and print one progress line per step; decisions come from this or another process.
#include "runcommands.h"
#include "exitcodes.h"
#include "progressprinter.h"
#include "runnercommand.h"

#include "orchestration/approvalservice.h"
#include "orchestration/demoproject.h"
#include "orchestration/projectconfigcheck.h"
#include "orchestration/queueservice.h"
#include "orchestration/reviewservice.h"
#include "orchestration/runcontrol.h"
#include "orchestration/runengine.h"
#include "orchestration/runservicesfactory.h"
#include "orchestration/taskgraph.h"
#include "store/storenotifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <cstdio>

namespace harness {

namespace {

enum class ApproveMode { Auto, Prompt, Wait };

// Reads the human's answer on the terminal for --approve prompt.
bool promptDecision(CliContext &ctx, Store &store, const QString &approvalId)
{
    auto approval = store.approval(approvalId);
    if (!approval)
        return false;
    auto plan = Plan::fromJson(approval->subject);
    ctx.io.out << "\nPlan awaiting approval (" << approvalId << "):\n";
    if (plan) {
        ctx.io.out << "  " << plan->summary << '\n';
        int n = 1;
        for (const auto &s : plan->steps)
            ctx.io.out << "  " << n++ << ". " << s.description << "  [" << s.files.join(QStringLiteral(", "))
                       << "]\n";
        for (const auto &r : plan->risks)
            ctx.io.out << "  risk: " << r << '\n';
    }
    ctx.io.out << "Approve? [a]pprove, [c]hange (with feedback), anything else waits: " << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    ApprovalService approvals(store);
    if (answer == QLatin1String("a") || answer == QLatin1String("approve")) {
        auto r = approvals.approve(approvalId, CliContext::humanActor());
        if (!r)
            ctx.io.err << "harness: " << r.errorText() << Qt::endl;
        return r.ok();
    }
    if (answer == QLatin1String("c") || answer == QLatin1String("change")) {
        ctx.io.out << "Feedback for the agent: " << Qt::flush;
        const QString feedback = in.readLine();
        auto r = approvals.requestChanges(approvalId, CliContext::humanActor(), feedback);
        if (!r)
            ctx.io.err << "harness: " << r.errorText() << Qt::endl;
        return r.ok();
    }
    return false;
}

int finalCode(const RunState &s)
{
    switch (s.phase) {
    case RunPhase::Merged:
        return exitcode::Ok;
    case RunPhase::Review:
    case RunPhase::AwaitingApproval:
        return exitcode::Waiting;
    default:
        return s.paused ? exitcode::Waiting : exitcode::Failed;
    }
}

int drive(CliContext &ctx, Project &project, const QString &runId, ApproveMode mode,
          const QString &transcript)
{
    auto services = RunServicesFactory::make(project, transcript);
    if (!services)
        return ctx.fail(exitcode::Environment, services.errorText());
    if (mode == ApproveMode::Auto)
        services->autoApproveActor = CliContext::humanActor();
    RunEngine engine(project, runId, *services);
    // A run queued for the runners is driven by the runner holding its lease, never here as well.
    if (engine.sync() && drivenByRunners(engine.state()))
        return ctx.fail(exitcode::Usage, drivenByRunnersMessage(runId, engine.state()));
    ProgressPrinter printer(ctx.io.out);
    engine.setEventObserver([&printer](const Event &e) { printer.print(e); });
    bool toldWaiting = false;
    StoreNotifier &changes = project.store().notifier();
    for (;;) {
        const quint64 seen = changes.generation(runId); // before drive() reads: no decision is missed
        auto outcome = engine.drive();
        if (!outcome)
            return ctx.fail(exitcode::Store,
                            QStringLiteral("run %1 stopped: %2").arg(runId, outcome.errorText()));
        const RunState &s = engine.state();
        if (*outcome == RunEngine::Outcome::Finished || *outcome == RunEngine::Outcome::Paused)
            break;
        // Waiting for a human.
        if (s.phase == RunPhase::Review)
            break;
        if (s.phase == RunPhase::AwaitingApproval) {
            if (mode == ApproveMode::Prompt && promptDecision(ctx, project.store(), s.pendingApprovalId))
                continue;
            if (!toldWaiting) {
                ctx.io.out << "waiting for a decision on " << s.pendingApprovalId
                           << ": run \"harness approve " << s.pendingApprovalId << "\" or \"harness reject "
                           << s.pendingApprovalId
                           << " --feedback ...\" (here or in another shell), or decide in the workbench"
                           << Qt::endl;
                toldWaiting = true;
            }
            changes.waitForChange(runId, seen, 2000); // woken by the decision, in any process
            continue;
        }
        break;
    }
    const RunState &s = engine.state();
    printer.summary(s);
    return finalCode(s);
}

Result<ApproveMode> approveMode(const QString &value)
{
    if (value == QLatin1String("auto"))
        return ApproveMode::Auto;
    if (value == QLatin1String("prompt"))
        return ApproveMode::Prompt;
    if (value == QLatin1String("wait"))
        return ApproveMode::Wait;
    return Result<ApproveMode>::failure(
            QStringLiteral("--approve must be auto, prompt or wait (not \"%1\")").arg(value));
}

// `harness run --ready`: every task whose dependencies are merged, up to --jobs at once, each in its
// own worktree and thread; progress lines carry the task id.
int runReady(CliContext &ctx, Project &project, ApproveMode mode, int jobs, const QString &transcript)
{
    auto tasks = project.store().tasks();
    if (!tasks)
        return ctx.fail(exitcode::Store, tasks.errorText());
    const TaskGraph graph(*tasks);
    if (const QStringList cycle = graph.cycle(); !cycle.isEmpty())
        return ctx.fail(
                exitcode::Failed,
                QStringLiteral("the task graph has a cycle: %1").arg(cycle.join(QStringLiteral(" -> "))));
    auto inQueue = tasksInQueue(project.store());
    if (!inQueue)
        return ctx.fail(exitcode::Store, inQueue.errorText());
    QStringList ready;
    for (const QString &id : graph.readyTasks()) {
        if (inQueue->contains(id))
            ctx.io.out << "task " << id << " is queued for the runners: it is driven there" << Qt::endl;
        else if (ready.size() < jobs)
            ready << id;
    }
    if (ready.isEmpty()) {
        ctx.io.out << "no task is ready (every open task waits for a dependency to be merged)" << Qt::endl;
        return exitcode::Ok;
    }
    auto services = RunServicesFactory::make(project, transcript);
    if (!services)
        return ctx.fail(exitcode::Environment, services.errorText());
    QMutex printing;
    QList<QFuture<RunState>> running;
    for (const QString &taskId : ready) {
        auto run = RunEngine::createRun(project, taskId, services->policy, CliContext::humanActor());
        if (!run) {
            ctx.io.err << "harness: " << taskId << ": " << run.errorText() << Qt::endl;
            continue;
        }
        ctx.io.out << "run " << run->id << " of task " << taskId << " started" << Qt::endl;
        const QString runId = run->id;
        const QString actor = mode == ApproveMode::Auto ? CliContext::humanActor() : QString();
        running << QtConcurrent::run([&project, &printing, &ctx, runId, taskId, transcript, actor]() {
            // Each run gets its own provider, living in this thread, whose event loop complete() runs.
            auto runServices = RunServicesFactory::make(project, transcript);
            if (!runServices) {
                QMutexLocker lock(&printing);
                ctx.io.err << "harness: " << taskId << ": " << runServices.errorText() << Qt::endl;
                return RunState();
            }
            runServices->autoApproveActor = actor;
            RunEngine engine(project, runId, *runServices);
            QString line;
            QTextStream lineStream(&line);
            ProgressPrinter printer(lineStream);
            engine.setEventObserver([&](const Event &e) {
                printer.print(e);
                lineStream.flush();
                if (line.isEmpty())
                    return;
                QMutexLocker lock(&printing);
                ctx.io.out << "[" << taskId << "] " << line << Qt::flush;
                line.clear();
            });
            StoreNotifier &changes = project.store().notifier();
            for (;;) {
                const quint64 seen = changes.generation(runId);
                auto outcome = engine.drive();
                if (!outcome || *outcome != RunEngine::Outcome::Waiting ||
                    engine.state().phase != RunPhase::AwaitingApproval)
                    break;
                changes.waitForChange(runId, seen, 2000); // a decision from another process or the workbench
            }
            return engine.state();
        });
    }
    int code = exitcode::Ok;
    for (auto &f : running) {
        // This thread's events go on being delivered while the run finishes (no polling).
        QEventLoop loop;
        QFutureWatcher<RunState> watcher;
        QObject::connect(&watcher, &QFutureWatcher<RunState>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(f);
        if (!f.isFinished())
            loop.exec();
        const RunState s = f.result();
        ProgressPrinter(ctx.io.out).summary(s);
        code = qMax(code, finalCode(s));
    }
    return code;
}

int runTask(const QStringList &args, CliContext &ctx)
{
    const QString usage =
            QStringLiteral("harness run <task> | --ready [--jobs N] [--approve auto|prompt|wait] "
                           "[--agent NAME|TRANSCRIPT.jsonl] [--queue [--priority N] [--remote NAME|URL]]");
    QCommandLineParser p;
    p.addOptions(
            {{QStringLiteral("approve"), QStringLiteral("how plans are approved"), QStringLiteral("mode"),
              QStringLiteral("wait")},
             {QStringLiteral("agent"),
              QStringLiteral(
                      "an external agent (claude-code, codex, gemini, opencode) or builtin for a new run, "
                      "or a replay transcript"),
              QStringLiteral("name|path")},
             {QStringLiteral("ready"), QStringLiteral("run every task whose dependencies are merged")},
             {QStringLiteral("jobs"), QStringLiteral("runs at once with --ready"), QStringLiteral("n"),
              QStringLiteral("2")},
             {QStringLiteral("queue"), QStringLiteral("queue the run for the runners")},
             {QStringLiteral("priority"), QStringLiteral("queue priority (higher first)"),
              QStringLiteral("n"), QStringLiteral("0")},
             {QStringLiteral("remote"), QStringLiteral("the git remote the runners clone"),
              QStringLiteral("name|url"), QStringLiteral("origin")}});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    const bool queue = p.isSet(QStringLiteral("queue"));
    bool priorityOk = false;
    const int priority = p.value(QStringLiteral("priority")).toInt(&priorityOk);
    if (!priorityOk)
        return ctx.fail(exitcode::Usage, QStringLiteral("--priority takes a whole number"));
    const bool ready = p.isSet(QStringLiteral("ready"));
    if (p.positionalArguments().size() != (ready ? 0 : 1))
        return ctx.fail(exitcode::Usage, QStringLiteral("name one task, or --ready\nusage: ") + usage);
    auto mode = approveMode(p.value(QStringLiteral("approve")));
    if (!mode)
        return ctx.fail(exitcode::Usage, mode.errorText());
    if (queue && (ready || *mode == ApproveMode::Prompt))
        return ctx.fail(exitcode::Usage,
                        QStringLiteral("--queue takes one task, with --approve auto or wait (a runner cannot "
                                       "prompt)"));
    if (ready && *mode == ApproveMode::Prompt)
        return ctx.fail(
                exitcode::Usage,
                QStringLiteral("--approve prompt cannot ask for several runs at once; use wait or auto"));
    bool jobsOk = false;
    const int jobs = p.value(QStringLiteral("jobs")).toInt(&jobsOk);
    if (!jobsOk || jobs < 1 || jobs > 64)
        return ctx.fail(exitcode::Usage, QStringLiteral("--jobs takes a number from 1 to 64"));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    // A broken rules, gates or policy file is bad input: say where, and start nothing.
    QString brokenFile;
    if (auto config = ProjectConfigCheck::check(project->root(), &brokenFile); !config)
        return ctx.fail(exitcode::Usage, ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile));
    if (ready)
        return runReady(ctx, *project, *mode, jobs, p.value(QStringLiteral("agent")));
    auto services = RunServicesFactory::make(*project, p.value(QStringLiteral("agent")));
    if (!services)
        return ctx.fail(exitcode::Environment, services.errorText());
    const QString actor = CliContext::humanActor();
    // The remote first: a remote the runners cannot use leaves no run behind that nobody would drive.
    QString remoteUrl;
    if (queue) {
        auto url = QueueService::resolveRemote(project->root(), p.value(QStringLiteral("remote")));
        if (!url)
            return ctx.fail(exitcode::Usage, url.error().message);
        remoteUrl = *url;
    }
    auto run = RunEngine::createRun(*project, p.positionalArguments().constFirst(), services->policy, actor);
    if (!run)
        return ctx.fail(run.errorText().startsWith(QLatin1String("there is no task")) ? exitcode::NotFound
                                                                                      : exitcode::Failed,
                        run.errorText());
    if (queue)
        return queueCreatedRun(ctx, *project, run->id, run->taskId, priority, remoteUrl,
                               *mode == ApproveMode::Auto ? actor : QString());
    ctx.io.out << "run " << run->id << " of task " << run->taskId << " started" << Qt::endl;
    return drive(ctx, *project, run->id, *mode, p.value(QStringLiteral("agent")));
}

int resumeRun(const QStringList &args, CliContext &ctx)
{
    const QString usage = QStringLiteral(
            "harness resume <run> [--approve auto|prompt|wait] [--agent NAME|TRANSCRIPT.jsonl]");
    QCommandLineParser p;
    p.addOptions(
            {{QStringLiteral("approve"), QStringLiteral("how plans are approved"), QStringLiteral("mode"),
              QStringLiteral("wait")},
             {QStringLiteral("agent"),
              QStringLiteral(
                      "an external agent (claude-code, codex, gemini, opencode) or builtin for a new run, "
                      "or a replay transcript"),
              QStringLiteral("name|path")}});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    if (p.positionalArguments().size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("name one run\nusage: ") + usage);
    auto mode = approveMode(p.value(QStringLiteral("approve")));
    if (!mode)
        return ctx.fail(exitcode::Usage, mode.errorText());
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    const QString runId = p.positionalArguments().constFirst();
    RunControl control(project->store());
    auto state = control.state(runId);
    if (!state)
        return ctx.fail(exitcode::NotFound, state.errorText());
    if (drivenByRunners(*state))
        return resumeRunnersRun(ctx, *project, runId, *state);
    if (state->paused) {
        if (auto s = control.resume(runId, CliContext::humanActor()); !s)
            return ctx.fail(exitcode::Failed, s.errorText());
    }
    ctx.io.out << "resuming run " << runId << " (" << runPhaseName(state->phase) << ")" << Qt::endl;
    return drive(ctx, *project, runId, *mode, p.value(QStringLiteral("agent")));
}

int decide(const QString &command, const QStringList &args, CliContext &ctx)
{
    const QString usage = command == QLatin1String("approve")
            ? QStringLiteral("harness approve <approval> [--feedback TEXT]")
            : QStringLiteral("harness reject <approval> --feedback TEXT");
    QCommandLineParser p;
    p.addOption(
            {QStringLiteral("feedback"), QStringLiteral("feedback for the agent"), QStringLiteral("text")});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    if (p.positionalArguments().size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("name one approval\nusage: ") + usage);
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    ApprovalService approvals(project->store());
    const QString id = p.positionalArguments().constFirst();
    if (!project->store().approval(id))
        return ctx.fail(
                exitcode::NotFound,
                QStringLiteral("there is no approval %1; \"harness status\" lists the pending ones").arg(id));
    auto result = command == QLatin1String("approve")
            ? approvals.approve(id, CliContext::humanActor(), p.value(QStringLiteral("feedback")))
            : approvals.reject(id, CliContext::humanActor(), p.value(QStringLiteral("feedback")));
    if (!result)
        return ctx.fail(exitcode::Failed, result.errorText());
    ctx.io.out << id << ' ' << approvalStateName(result->state) << " by " << result->decidedBy << Qt::endl;
    return exitcode::Ok;
}

int finishReview(const QString &command, const QStringList &args, CliContext &ctx)
{
    if (args.size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("usage: harness %1 <run>").arg(command));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    const QString runId = args.constFirst();
    if (!project->store().run(runId))
        return ctx.fail(exitcode::NotFound, QStringLiteral("there is no run %1").arg(runId));
    ReviewService review(project->store(), project->root());
    if (command == QLatin1String("discard")) {
        if (auto s = review.discard(runId, CliContext::humanActor()); !s)
            return ctx.fail(exitcode::Failed, s.errorText());
        ctx.io.out << "run " << runId << " discarded; its worktree was removed" << Qt::endl;
        return exitcode::Ok;
    }
    auto conflicts = review.merge(runId, CliContext::humanActor());
    if (!conflicts)
        return ctx.fail(exitcode::Failed, conflicts.errorText());
    if (!conflicts->isEmpty()) {
        ctx.io.out << "merge of " << runId << " refused: conflicts in "
                   << conflicts->join(QStringLiteral(", "))
                   << "\nnothing was merged; resolve on the run's branch or discard the run" << Qt::endl;
        return exitcode::Failed;
    }
    ctx.io.out << "run " << runId << " merged" << Qt::endl;
    return exitcode::Ok;
}

int control(const QString &command, const QStringList &args, CliContext &ctx)
{
    if (args.size() < 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("usage: harness %1 <run>").arg(command));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    RunControl rc(project->store());
    const QString runId = args.constFirst();
    if (!project->store().run(runId))
        return ctx.fail(exitcode::NotFound, QStringLiteral("there is no run %1").arg(runId));
    const Status s = command == QLatin1String("pause")
            ? rc.pause(runId, CliContext::humanActor())
            : rc.abort(runId, CliContext::humanActor(), args.mid(1).join(QLatin1Char(' ')));
    if (!s)
        return ctx.fail(exitcode::Failed, s.errorText());
    ctx.io.out << "run " << runId << (command == QLatin1String("pause") ? " paused" : " aborted") << Qt::endl;
    return exitcode::Ok;
}

int status(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    if (!ctx.parse(p, args, QStringLiteral("harness status [--json]")))
        return ctx.exitCode;
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    Store &store = project->store();
    auto runs = store.runs();
    if (!runs)
        return ctx.fail(exitcode::Store, runs.errorText());
    auto pending = store.approvals(true);
    if (!pending)
        return ctx.fail(exitcode::Store, pending.errorText());
    QJsonArray runArray;
    for (const auto &r : *runs) {
        auto events = store.events(r.id);
        if (!events)
            return ctx.fail(exitcode::Store, events.errorText());
        const RunState s = RunState::fold(*events);
        QJsonObject o {{QStringLiteral("run"), r.id},
                       {QStringLiteral("task"), r.taskId},
                       {QStringLiteral("phase"), runPhaseName(s.phase)},
                       {QStringLiteral("paused"), s.paused},
                       {QStringLiteral("iteration"), s.iteration},
                       {QStringLiteral("tokens"), s.tokensIn + s.tokensOut},
                       {QStringLiteral("cost"), s.cost},
                       {QStringLiteral("branch"), s.branch},
                       {QStringLiteral("reason"), s.endReason}};
        runArray.append(o);
        if (!p.isSet(QStringLiteral("json"))) {
            ctx.io.out << qSetFieldWidth(6) << Qt::left << r.id << qSetFieldWidth(6) << r.taskId
                       << qSetFieldWidth(18)
                       << (runPhaseName(s.phase) + (s.paused ? QStringLiteral(" (paused)") : QString()))
                       << qSetFieldWidth(0) << "iteration " << s.iteration << ", "
                       << (s.tokensIn + s.tokensOut) << " tokens"
                       << (s.endReason.isEmpty() ? QString() : QStringLiteral(" — ") + s.endReason) << '\n';
            if (!s.awaitingHuman.isEmpty() && !isTerminal(s.phase))
                ctx.io.out << "      " << s.awaitingHuman.size()
                           << " finding(s) wait for a human before the merge (harness accept " << r.id
                           << ")\n";
        }
    }
    QJsonArray approvalArray;
    for (const auto &a : *pending) {
        approvalArray.append(a.toJson());
        if (!p.isSet(QStringLiteral("json")))
            ctx.io.out << "pending " << a.id << ": " << approvalKindName(a.kind) << " approval for run "
                       << a.runId << " (harness approve " << a.id << ")\n";
    }
    if (p.isSet(QStringLiteral("json")))
        ctx.io.out << QJsonDocument(QJsonObject {{QStringLiteral("runs"), runArray},
                                                 {QStringLiteral("pending_approvals"), approvalArray}})
                              .toJson(QJsonDocument::Indented);
    else if (runs->isEmpty())
        ctx.io.out << "no runs yet; start one with \"harness run <task>\"\n";
    ctx.io.out.flush();
    return exitcode::Ok;
}

int demo(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("keep"), QStringLiteral("keep the temporary copy and print where it is")});
    if (!ctx.parse(p, args, QStringLiteral("harness demo [--keep]")))
        return ctx.exitCode;
    // Say what is missing before starting, rather than letting a gate fail halfway for a missing tool.
    if (const QStringList missing = DemoProject::missingRequirements(); !missing.isEmpty()) {
        ctx.io.err << "harness: the demo cannot run on this machine yet:\n";
        for (const QString &m : missing)
            ctx.io.err << "  - " << m << '\n';
        ctx.io.err.flush();
        return exitcode::Environment;
    }
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/harness-demo-XXXXXX"));
    if (!dir.isValid())
        return ctx.fail(exitcode::Environment,
                        QStringLiteral("cannot make a temporary folder: %1").arg(dir.errorString()));
    dir.setAutoRemove(!p.isSet(QStringLiteral("keep")));
    auto made = DemoProject::materialize(dir.path() + QStringLiteral("/units"));
    if (!made)
        return ctx.fail(exitcode::Environment, made.errorText());
    ctx.io.out << "demo project: " << made->repositoryRoot << Qt::endl;
    CliContext demoCtx(ctx.io, made->repositoryRoot, made->storeSpec);
    Project *project = demoCtx.project();
    if (!project)
        return demoCtx.exitCode;
    auto task = DemoProject::addTask(project->store());
    if (!task)
        return ctx.fail(exitcode::Store, task.errorText());
    ctx.io.out << "task " << task->id << ": " << task->title << Qt::endl;
    auto services = RunServicesFactory::make(*project);
    if (!services)
        return ctx.fail(exitcode::Environment, services.errorText());
    auto run = RunEngine::createRun(*project, task->id, services->policy, CliContext::humanActor());
    if (!run)
        return ctx.fail(exitcode::Failed, run.errorText());
    const int code = drive(demoCtx, *project, run->id, ApproveMode::Auto, {});
    if (code != exitcode::Waiting)
        return code;
    // The demo's human reviews and merges.
    const int merged = finishReview(QStringLiteral("merge"), {run->id}, demoCtx);
    if (merged == exitcode::Ok) {
        auto verified = project->store().verifyChain();
        if (verified && verified->intact)
            ctx.io.out << "audit chain intact: " << verified->eventsChecked << " events" << Qt::endl;
    }
    if (p.isSet(QStringLiteral("keep")))
        ctx.io.out << "kept in " << dir.path() << Qt::endl;
    return merged;
}

} // namespace

bool isRunCommand(const QString &command)
{
    static const QStringList commands {QStringLiteral("run"),     QStringLiteral("resume"),
                                       QStringLiteral("status"),  QStringLiteral("approve"),
                                       QStringLiteral("reject"),  QStringLiteral("merge"),
                                       QStringLiteral("discard"), QStringLiteral("pause"),
                                       QStringLiteral("abort"),   QStringLiteral("demo")};
    return commands.contains(command);
}

int runRunCommand(const QString &command, const QStringList &args, CliContext &ctx)
{
    if (command == QLatin1String("run"))
        return runTask(args, ctx);
    if (command == QLatin1String("resume"))
        return resumeRun(args, ctx);
    if (command == QLatin1String("status"))
        return status(args, ctx);
    if (command == QLatin1String("approve") || command == QLatin1String("reject"))
        return decide(command, args, ctx);
    if (command == QLatin1String("merge") || command == QLatin1String("discard"))
        return finishReview(command, args, ctx);
    if (command == QLatin1String("pause") || command == QLatin1String("abort"))
        return control(command, args, ctx);
    return demo(args, ctx);
}

} // namespace harness
