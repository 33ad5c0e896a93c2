// SubtaskService implementation.
#include "subtaskservice.h"
#include "core/events/runevents.h"
#include "runstate.h"

#include <QJsonArray>

namespace harness {

Result<QList<ProposedSubtask>> SubtaskService::proposed(const QString &runId)
{
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    if (events->isEmpty())
        return Result<QList<ProposedSubtask>>::failure(QStringLiteral("there is no run %1").arg(runId));
    const RunState s = RunState::fold(*events);
    if (!s.plan)
        return Result<QList<ProposedSubtask>>::failure(QStringLiteral("run %1 has no plan yet").arg(runId));
    return s.plan->subtasks;
}

Result<QList<Task>> SubtaskService::accept(const QString &runId, const QList<int> &indices,
                                           const QString &actor, const QList<ProposedSubtask> &edited)
{
    auto offered = proposed(runId);
    if (!offered)
        return offered.error();
    const QList<ProposedSubtask> source = edited.isEmpty() ? *offered : edited;
    if (source.isEmpty())
        return Result<QList<Task>>::failure(
                QStringLiteral("the plan of run %1 proposes no subtask").arg(runId));
    QList<int> chosen = indices;
    if (chosen.isEmpty())
        for (int i = 0; i < source.size(); ++i)
            chosen << i;
    for (int i : std::as_const(chosen))
        if (i < 0 || i >= source.size())
            return Result<QList<Task>>::failure(QStringLiteral("there is no subtask %1; the plan proposes %2")
                                                        .arg(i + 1)
                                                        .arg(source.size()));
    auto run = m_store.run(runId);
    if (!run)
        return run.error();
    auto parent = m_store.task(run->taskId);
    if (!parent)
        return parent.error();
    // Validate every new task before adding any, so a bad one leaves nothing half-added.
    QList<Task> tasks;
    for (int i : std::as_const(chosen)) {
        const ProposedSubtask &st = source.at(i);
        Task t;
        t.title = st.title;
        t.contract.goal = st.goal;
        t.contract.scope = st.scope;
        t.contract.constraints = parent->contract.constraints;
        t.contract.budget = parent->contract.budget;
        t.parentId = parent->id;
        auto valid = Task::fromJson(t.toJson());
        if (!valid)
            return Result<QList<Task>>::failure(
                    QStringLiteral("subtask %1: %2").arg(i + 1).arg(valid.errorText()));
        tasks << *valid;
    }
    QList<Task> added;
    SubtasksAcceptedPayload accepted;
    accepted.parent = parent->id;
    for (Task t : tasks) {
        t.id.clear();
        auto a = m_store.addTask(t);
        if (!a)
            return a.error();
        added << *a;
        accepted.tasks << a->id;
    }
    auto e = m_store.append(makeEvent(runId, accepted, actor));
    if (!e)
        return e.error();
    return added;
}

} // namespace harness
