// TeamPolicy: reading and writing policy.json's "team" object.
#include "teampolicy.h"

#include "core/jsonreader.h"

namespace harness {

namespace {

QString k(const char *s)
{
    return QString::fromLatin1(s);
}

} // namespace

QString TeamPolicy::name(RunsOn runsOn)
{
    return runsOn == RunsOn::Runners ? k("runners") : k("this_machine");
}

QString TeamPolicy::name(Merge merge)
{
    return merge == Merge::PullRequest ? k("pull_request") : k("push");
}

QJsonObject TeamPolicy::toJson() const
{
    return QJsonObject {{k("runs_on"), name(runsOn)},
                        {k("remote"), remote},
                        {k("merge"), name(merge)},
                        {k("priority"), priority}};
}

Result<TeamPolicy> TeamPolicy::fromJson(const QJsonValue &json, const QString &field)
{
    TeamPolicy p;
    if (json.isUndefined() || json.isNull())
        return p;
    if (!json.isObject())
        return Result<TeamPolicy>::failure(
                QStringLiteral(
                        "must be an object such as {\"runs_on\": \"runners\", \"remote\": \"origin\"}"),
                field);
    const QJsonObject object = json.toObject();
    JsonReader r(object, field);
    const QString runsOn = r.optionalString(k("runs_on"), name(RunsOn::ThisMachine));
    if (runsOn == name(RunsOn::Runners))
        p.runsOn = RunsOn::Runners;
    else if (runsOn != name(RunsOn::ThisMachine))
        r.fail(k("runs_on"),
               QStringLiteral("must be \"this_machine\" or \"runners\", not \"%1\"").arg(runsOn));
    p.remote = r.optionalString(k("remote"), k("origin")).trimmed();
    if (p.remote.isEmpty())
        r.fail(k("remote"), k("must name a git remote of the repository (\"origin\") or give its URL"));
    const QString merge = r.optionalString(k("merge"), name(Merge::Push));
    if (merge == name(Merge::PullRequest))
        p.merge = Merge::PullRequest;
    else if (merge != name(Merge::Push))
        r.fail(k("merge"), QStringLiteral("must be \"push\" or \"pull_request\", not \"%1\"").arg(merge));
    p.priority = int(r.integer(k("priority"), false, 0));
    if (p.priority < -1000 || p.priority > 1000)
        r.fail(k("priority"), k("must be between -1000 and 1000"));
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!QStringList {k("runs_on"), k("remote"), k("merge"), k("priority")}.contains(it.key()))
            r.fail(it.key(), k("is not a field of \"team\" (runs_on, remote, merge, priority)"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
