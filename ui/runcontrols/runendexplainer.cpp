// RunEndExplainer: the next step is chosen from what the reason says (the engine's reasons are stable
// sentences: "the gates still fail after …", "configuration error: …", "the model call failed: …").
#include "runendexplainer.h"

#include <QCoreApplication>

namespace harness::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("RunEndExplainer", text);
}
} // namespace

RunEndExplanation RunEndExplainer::explain(const QString &runId, const QString &outcome,
                                           const QString &reason)
{
    RunEndExplanation e;
    e.reason = reason;
    const auto has = [&reason](const char *text) {
        return reason.contains(QLatin1String(text), Qt::CaseInsensitive);
    };
    if (outcome == QLatin1String("escalated")) {
        e.stopped = true;
        e.title = tr("Run %1 escalated to you").arg(runId);
        if (has("gates still fail"))
            e.nextStep =
                    tr("Pick each iteration in the Gates dock to see what kept failing. Then start the task "
                       "again — with clearer acceptance criteria, or more iterations in its budget (Edit "
                       "Task) if the agent was close — or fix it yourself in the run's worktree.");
        else if (has("no plan was approved"))
            e.nextStep =
                    tr("Start the task again and approve a plan, or make its goal and scope clearer first "
                       "(Edit Task).");
        else if (has("within") && has("turns"))
            e.nextStep = tr("Split the task into smaller ones, or raise max_turns_per_iteration in "
                            ".harness/policy.json, then start it again.");
        else
            e.nextStep = tr("Read the run's last events in the timeline, then start the task again.");
    } else if (outcome == QLatin1String("budget_exhausted")) {
        e.stopped = true;
        e.title = tr("Run %1 ran out of budget").arg(runId);
        e.nextStep = tr("Raise the task's token, cost or time budget (Edit Task), then start it again.");
    } else if (outcome == QLatin1String("failed")) {
        e.stopped = true;
        e.title = tr("Run %1 failed").arg(runId);
        if (has("configuration error"))
            e.nextStep = tr("Fix the file at the line and column named above (the Rules tab edits "
                            ".harness/rules.json), then start the task again.");
        else if (has("model call failed"))
            e.nextStep = tr("Check the provider, model and API key in Settings, then start the task again.");
        else if (has("worktree"))
            e.nextStep =
                    tr("Check that the repository's disk has room and git works here, then start the task "
                       "again.");
        else
            e.nextStep =
                    tr("Read the events around the failure in the timeline, fix the cause, then start the "
                       "task again.");
    } else if (outcome == QLatin1String("aborted")) {
        e.stopped = true;
        e.title = tr("Run %1 was aborted").arg(runId);
        e.nextStep =
                tr("Start the task again when you are ready. The run's worktree is kept until you discard "
                   "it in the Diff view.");
    }
    return e;
}

} // namespace harness::ui
