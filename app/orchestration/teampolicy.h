// TeamPolicy: policy.json's "team" — where the workbench's Start sends a run (this machine, or the queue
// that runners on other machines claim from a shared PostgreSQL store), the git remote the runners clone
// and push the run's branch to, and what the workbench's Merge does with a runner's branch (merge and push
// the target branch, or leave the branch on the remote for the forge's pull request).
// {"team": {"runs_on": "this_machine"|"runners", "remote": "origin", "merge": "push"|"pull_request",
//           "priority": 0}}
#pragma once

#include "core/result.h"

#include <QJsonObject>

namespace harness {

struct TeamPolicy
{
    enum class RunsOn { ThisMachine, Runners };
    enum class Merge { Push, PullRequest };

    RunsOn runsOn = RunsOn::ThisMachine;
    QString remote = QStringLiteral("origin"); // a remote's name in the repository, or a URL
    Merge merge = Merge::Push;
    int priority = 0; // the queue priority of a run the workbench queues (higher is claimed first)

    bool queuesRuns() const { return runsOn == RunsOn::Runners; }
    QJsonObject toJson() const;
    // field names the JSON's place in errors ("team", "policy.team").
    static Result<TeamPolicy> fromJson(const QJsonValue &json, const QString &field = QStringLiteral("team"));
    static QString name(RunsOn runsOn);
    static QString name(Merge merge);
    bool operator==(const TeamPolicy &) const = default;
};

} // namespace harness
