// Task JSON round-trip and state names (stable API: lower_snake).
#include "task.h"
#include "jsonreader.h"

#include <QJsonArray>
#include <array>

namespace harness {

namespace {
struct StateName
{
    TaskState state;
    const char *name;
};
constexpr std::array kStateNames {
        StateName {TaskState::Open, "open"},
        StateName {TaskState::Running, "running"},
        StateName {TaskState::AwaitingApproval, "awaiting_approval"},
        StateName {TaskState::Review, "review"},
        StateName {TaskState::Merged, "merged"},
        StateName {TaskState::Discarded, "discarded"},
        StateName {TaskState::Escalated, "escalated"},
        StateName {TaskState::Failed, "failed"},
        StateName {TaskState::Aborted, "aborted"},
};
} // namespace

QString taskStateName(TaskState state)
{
    for (const auto &s : kStateNames)
        if (s.state == state)
            return QString::fromLatin1(s.name);
    return QStringLiteral("open");
}

Result<TaskState> taskStateFromName(const QString &name)
{
    for (const auto &s : kStateNames)
        if (name == QLatin1String(s.name))
            return s.state;
    return Result<TaskState>::failure(QStringLiteral("unknown task state \"%1\"").arg(name),
                                      QStringLiteral("state"));
}

QJsonObject Task::toJson() const
{
    QJsonObject o {{QStringLiteral("id"), id},
                   {QStringLiteral("title"), title},
                   {QStringLiteral("contract"), contract.toJson()},
                   {QStringLiteral("depends_on"), QJsonArray::fromStringList(dependsOn)},
                   {QStringLiteral("state"), taskStateName(state)}};
    if (!parentId.isEmpty())
        o.insert(QStringLiteral("parent"), parentId);
    if (created.isValid())
        o.insert(QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

Result<Task> Task::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Task t;
    t.id = r.optionalString(QStringLiteral("id"));
    t.title = r.string(QStringLiteral("title"));
    const QJsonObject contract = r.object(QStringLiteral("contract"));
    if (r.ok()) {
        auto c = Contract::fromJson(contract);
        if (c)
            t.contract = *c;
        else
            r.adopt(c.error());
    }
    t.dependsOn = r.stringList(QStringLiteral("depends_on"));
    t.parentId = r.optionalString(QStringLiteral("parent"));
    const QString state = r.optionalString(QStringLiteral("state"), QStringLiteral("open"));
    if (r.ok()) {
        auto s = taskStateFromName(state);
        if (s)
            t.state = *s;
        else
            r.adopt(s.error());
    }
    const QString created = r.optionalString(QStringLiteral("created"));
    if (!created.isEmpty()) {
        t.created = QDateTime::fromString(created, Qt::ISODateWithMs);
        if (!t.created.isValid())
            r.fail(QStringLiteral("created"), QStringLiteral("must be an ISO 8601 date and time"));
    }
    if (t.dependsOn.contains(t.id) && !t.id.isEmpty())
        r.fail(QStringLiteral("depends_on"), QStringLiteral("a task cannot depend on itself"));
    if (!r.ok())
        return r.error();
    return t;
}

} // namespace harness
