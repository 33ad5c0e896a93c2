// `harness task add|list|show`. A task is added from flags or from a contract JSON file; it is
// validated completely before anything is written.
#include "taskcommand.h"
#include "core/events/runevents.h"
#include "exitcodes.h"
#include "orchestration/subtaskservice.h"
#include "orchestration/taskgraph.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace harness {

namespace {

const char *kAddUsage =
        "harness task add --title TEXT --goal TEXT [--accept TEXT]... [--check CMD]... "
        "[--scope GLOB]... [--constraint RULE]... [--depends TASK]... [--max-tokens N] "
        "[--max-cost USD] [--max-iterations N] [--max-wall-seconds N] | harness task add --file TASK.json";

int addTask(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOptions(
            {{QStringLiteral("title"), QStringLiteral("title"), QStringLiteral("text")},
             {QStringLiteral("goal"), QStringLiteral("goal"), QStringLiteral("text")},
             {QStringLiteral("accept"), QStringLiteral("acceptance criterion"), QStringLiteral("text")},
             {QStringLiteral("check"), QStringLiteral("check command for the criterion at the same position"),
              QStringLiteral("command")},
             {QStringLiteral("scope"), QStringLiteral("path glob"), QStringLiteral("glob")},
             {QStringLiteral("constraint"), QStringLiteral("rule id"), QStringLiteral("id")},
             {QStringLiteral("depends"), QStringLiteral("task id"), QStringLiteral("id")},
             {QStringLiteral("interface"), QStringLiteral("interface notes"), QStringLiteral("text")},
             {QStringLiteral("max-tokens"), QStringLiteral("token budget"), QStringLiteral("n")},
             {QStringLiteral("max-cost"), QStringLiteral("money budget"), QStringLiteral("usd")},
             {QStringLiteral("max-iterations"), QStringLiteral("fix iterations"), QStringLiteral("n")},
             {QStringLiteral("max-wall-seconds"), QStringLiteral("wall time"), QStringLiteral("n")},
             {QStringLiteral("file"), QStringLiteral("task JSON file"), QStringLiteral("path")},
             {QStringLiteral("json"), QStringLiteral("print the task as JSON")}});
    if (!ctx.parse(p, args, QString::fromLatin1(kAddUsage)))
        return ctx.exitCode;
    if (!p.positionalArguments().isEmpty())
        return ctx.fail(exitcode::Usage,
                        QStringLiteral("unexpected argument \"%1\"\nusage: %2")
                                .arg(p.positionalArguments().constFirst(), QString::fromLatin1(kAddUsage)));

    QJsonObject json;
    if (p.isSet(QStringLiteral("file"))) {
        QFile f(p.value(QStringLiteral("file")));
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(exitcode::Usage,
                            QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return ctx.fail(exitcode::Usage,
                            QStringLiteral("%1 is not a JSON object (%2 at offset %3)")
                                    .arg(f.fileName(), err.errorString())
                                    .arg(err.offset));
        json = doc.object();
    } else {
        const QStringList accept = p.values(QStringLiteral("accept"));
        const QStringList checks = p.values(QStringLiteral("check"));
        if (checks.size() > accept.size())
            return ctx.fail(exitcode::Usage,
                            QStringLiteral("each --check belongs to the --accept before it; "
                                           "give an --accept for every --check"));
        QJsonArray criteria;
        for (qsizetype i = 0; i < accept.size(); ++i) {
            QJsonObject c {{QStringLiteral("text"), accept.at(i)}};
            if (i < checks.size())
                c.insert(QStringLiteral("check"), checks.at(i));
            criteria.append(c);
        }
        QJsonObject budget;
        const auto number = [&](const QString &opt, const QString &key, bool integer) -> bool {
            if (!p.isSet(opt))
                return true;
            bool ok = false;
            const double v = p.value(opt).toDouble(&ok);
            if (!ok || (integer && v != double(qint64(v)))) {
                ctx.fail(exitcode::Usage,
                         QStringLiteral("--%1 must be %2, not \"%3\"")
                                 .arg(opt,
                                      integer ? QStringLiteral("a whole number") : QStringLiteral("a number"),
                                      p.value(opt)));
                return false;
            }
            budget.insert(key, integer ? QJsonValue(qint64(v)) : QJsonValue(v));
            return true;
        };
        if (!number(QStringLiteral("max-tokens"), QStringLiteral("max_tokens"), true) ||
            !number(QStringLiteral("max-cost"), QStringLiteral("max_cost"), false) ||
            !number(QStringLiteral("max-iterations"), QStringLiteral("max_iterations"), true) ||
            !number(QStringLiteral("max-wall-seconds"), QStringLiteral("max_wall_seconds"), true))
            return ctx.exitCode;
        QJsonObject contract {
                {QStringLiteral("goal"), p.value(QStringLiteral("goal"))},
                {QStringLiteral("acceptance"), criteria},
                {QStringLiteral("scope"), QJsonArray::fromStringList(p.values(QStringLiteral("scope")))},
                {QStringLiteral("constraints"),
                 QJsonArray::fromStringList(p.values(QStringLiteral("constraint")))},
                {QStringLiteral("interface_notes"), p.value(QStringLiteral("interface"))},
                {QStringLiteral("budget"), budget}};
        json = QJsonObject {{QStringLiteral("title"), p.value(QStringLiteral("title"))},
                            {QStringLiteral("contract"), contract},
                            {QStringLiteral("depends_on"),
                             QJsonArray::fromStringList(p.values(QStringLiteral("depends")))}};
    }
    auto task = Task::fromJson(json);
    if (!task)
        return ctx.fail(exitcode::Usage, QStringLiteral("invalid task: %1").arg(task.errorText()));
    task->id.clear();
    task->state = TaskState::Open;

    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    auto existing = project->store().tasks();
    if (!existing)
        return ctx.fail(exitcode::Store, existing.errorText());
    for (const auto &dep : std::as_const(task->dependsOn)) {
        bool found = false;
        for (const auto &t : *existing)
            found = found || t.id == dep;
        if (!found)
            return ctx.fail(
                    exitcode::NotFound,
                    QStringLiteral("--depends names %1, which is not a task; see \"harness task list\"")
                            .arg(dep));
    }
    auto added = project->store().addTask(*task);
    if (!added)
        return ctx.fail(exitcode::Store, added.errorText());
    auto logged = project->store().append(
            makeEvent({}, TaskAddedPayload {added->toJson(), false}, CliContext::humanActor()));
    if (!logged)
        return ctx.fail(exitcode::Store, logged.errorText());
    if (p.isSet(QStringLiteral("json")))
        ctx.io.out << QJsonDocument(added->toJson()).toJson(QJsonDocument::Indented);
    else
        ctx.io.out << "added " << added->id << ": " << added->title << Qt::endl;
    return exitcode::Ok;
}

int listTasks(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    if (!ctx.parse(p, args, QStringLiteral("harness task list [--json]")))
        return ctx.exitCode;
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    auto tasks = project->store().tasks();
    if (!tasks)
        return ctx.fail(exitcode::Store, tasks.errorText());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const auto &t : *tasks)
            a.append(t.toJson());
        ctx.io.out << QJsonDocument(a).toJson(QJsonDocument::Indented);
        return exitcode::Ok;
    }
    if (tasks->isEmpty()) {
        ctx.io.out << "no tasks yet; add one with \"harness task add --title ... --goal ...\"" << Qt::endl;
        return exitcode::Ok;
    }
    for (const auto &t : *tasks) {
        ctx.io.out << qSetFieldWidth(6) << Qt::left << t.id << qSetFieldWidth(18) << taskStateName(t.state)
                   << qSetFieldWidth(0) << t.title;
        if (!t.dependsOn.isEmpty())
            ctx.io.out << "  (after " << t.dependsOn.join(QStringLiteral(", ")) << ")";
        ctx.io.out << Qt::endl;
    }
    return exitcode::Ok;
}

int showTask(const QStringList &args, CliContext &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    if (!ctx.parse(p, args, QStringLiteral("harness task show <task> [--json]")))
        return ctx.exitCode;
    if (p.positionalArguments().size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("usage: harness task show <task> [--json]"));
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    auto task = project->store().task(p.positionalArguments().constFirst());
    if (!task)
        return ctx.fail(exitcode::NotFound, task.errorText());
    if (p.isSet(QStringLiteral("json"))) {
        ctx.io.out << QJsonDocument(task->toJson()).toJson(QJsonDocument::Indented);
        return exitcode::Ok;
    }
    const Contract &c = task->contract;
    ctx.io.out << task->id << ": " << task->title << Qt::endl
               << "state:       " << taskStateName(task->state) << Qt::endl
               << "goal:        " << c.goal << Qt::endl;
    for (const auto &a : c.criteria)
        ctx.io.out << "accept:      " << a.text
                   << (a.checkCommand.isEmpty() ? QString()
                                                : QStringLiteral("  [check: %1]").arg(a.checkCommand))
                   << Qt::endl;
    if (!c.scope.isEmpty())
        ctx.io.out << "scope:       " << c.scope.join(QStringLiteral(" ")) << Qt::endl;
    if (!c.constraints.isEmpty())
        ctx.io.out << "constraints: " << c.constraints.join(QStringLiteral(" ")) << Qt::endl;
    if (!task->dependsOn.isEmpty())
        ctx.io.out << "depends on:  " << task->dependsOn.join(QStringLiteral(" ")) << Qt::endl;
    ctx.io.out << "budget:      "
               << (c.budget.maxTokens ? QString::number(c.budget.maxTokens) : QStringLiteral("unlimited"))
               << " tokens, "
               << (c.budget.maxCost > 0 ? QStringLiteral("$%1").arg(c.budget.maxCost)
                                        : QStringLiteral("no cost limit"))
               << ", " << c.budget.maxIterations << " iterations" << Qt::endl;
    auto runs = project->store().runs(task->id);
    if (runs && !runs->isEmpty()) {
        ctx.io.out << "runs:       ";
        for (const auto &r : *runs)
            ctx.io.out << " " << r.id;
        ctx.io.out << Qt::endl;
    }
    return exitcode::Ok;
}

int acceptSubtasks(const QStringList &args, CliContext &ctx)
{
    const QString usage = QStringLiteral("harness task accept-subtasks <run> [--only N,N,...]");
    QCommandLineParser p;
    p.addOption({QStringLiteral("only"), QStringLiteral("1-based numbers of the subtasks to accept"),
                 QStringLiteral("list")});
    if (!ctx.parse(p, args, usage))
        return ctx.exitCode;
    if (p.positionalArguments().size() != 1)
        return ctx.fail(exitcode::Usage, QStringLiteral("name one run\nusage: ") + usage);
    QList<int> indices;
    if (p.isSet(QStringLiteral("only"))) {
        for (const QString &part :
             p.value(QStringLiteral("only")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1)
                return ctx.fail(exitcode::Usage,
                                QStringLiteral("--only takes subtask numbers from 1, e.g. --only 1,3"));
            indices << n - 1;
        }
    }
    Project *project = ctx.project();
    if (!project)
        return ctx.exitCode;
    const QString runId = p.positionalArguments().constFirst();
    if (!project->store().run(runId))
        return ctx.fail(exitcode::NotFound, QStringLiteral("there is no run %1").arg(runId));
    auto added = SubtaskService(project->store()).accept(runId, indices, CliContext::humanActor());
    if (!added)
        return ctx.fail(exitcode::Failed, added.errorText());
    for (const auto &t : *added)
        ctx.io.out << "added " << t.id << ": " << t.title << " (subtask of " << t.parentId << ")" << Qt::endl;
    return exitcode::Ok;
}

} // namespace

int runTaskCommand(const QStringList &args, CliContext &ctx)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("add"))
        return addTask(rest, ctx);
    if (sub == QLatin1String("list"))
        return listTasks(rest, ctx);
    if (sub == QLatin1String("show"))
        return showTask(rest, ctx);
    if (sub == QLatin1String("accept-subtasks"))
        return acceptSubtasks(rest, ctx);
    return ctx.fail(exitcode::Usage, QStringLiteral("usage: harness task add|list|show|accept-subtasks ..."));
}

} // namespace harness
