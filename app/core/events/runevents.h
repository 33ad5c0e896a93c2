// Payloads of a run's life: requested, created (worktree and branch), each phase started, paused and
// resumed, ended (escalated, failed, aborted), errors the run went on after; and the store-wide
// task_added, dependency_added and subtasks_accepted.
#pragma once

#include "payload.h"

namespace harness {

struct RunRequestedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunRequested;
    static constexpr int kVersion = 1;
    QString task;
    QString target; // the branch the change is for

    QJsonObject toJson() const;
    static Result<RunRequestedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct RunCreatedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunCreated;
    static constexpr int kVersion = 2; // 2: executor
    QString task;
    QString baseCommit;
    QString worktree; // absolute path of the run's worktree
    QString branch; // the run's own branch
    QString target;
    QString sandboxNetwork; // what the run's sandboxed commands may reach ("none", "proxy: a, b"); may be
                            // empty
    // Who does the agent's work (policy.json's "executor" form: "builtin" or {"acp": ...}); absent before
    // version 2, which means the built-in agent. Resume uses this, not the current policy.
    QJsonValue executor;

    QJsonObject toJson() const;
    static Result<RunCreatedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// The phase names phase_started carries.
namespace phases {
inline constexpr QLatin1StringView Plan {"plan"};
inline constexpr QLatin1StringView Build {"build"};
inline constexpr QLatin1StringView Verify {"verify"};
inline constexpr QLatin1StringView Fix {"fix"};
inline constexpr QLatin1StringView Review {"review"};
} // namespace phases

struct PhaseStartedPayload
{
    static constexpr QLatin1StringView kKind = kinds::PhaseStarted;
    static constexpr int kVersion = 1;
    QString phase; // one of phases::
    int round = 0; // plan: the plan round (1-based); 0 when not given
    int iteration = 0; // build, verify, fix, review: the iteration (1-based); 0 when not given

    static PhaseStartedPayload plan(int round) { return {QString(phases::Plan), round, 0}; }
    static PhaseStartedPayload of(QLatin1StringView phase, int iteration)
    {
        return {QString(phase), 0, iteration};
    }

    QJsonObject toJson() const;
    static Result<PhaseStartedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// paused and resumed: who did it is the event's actor.
struct RunControlPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind) { return kind == kinds::Paused || kind == kinds::Resumed; }

    QJsonObject toJson() const;
    static Result<RunControlPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// escalated, failed and aborted: why the run ended.
struct RunEndedPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind)
    {
        return kind == kinds::Escalated || kind == kinds::Failed || kind == kinds::Aborted;
    }
    QString reason;
    QString worktree; // aborted: the worktree that was kept for the human
    QString configFile; // failed because this configuration file (rules, gates, policy) does not load

    QJsonObject toJson() const;
    static Result<RunEndedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A person queued the run for the runners (`harness run --queue`, the workbench's Start when the project's
// policy says runs go to runners).
struct RunQueuedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunQueued;
    static constexpr int kVersion = 1;
    int priority = 0; // higher is claimed first
    QString remote; // the git remote the runner clones (a URL or path)
    QString autoApprove; // the person whose plan approval the runner applies (empty: a person decides)

    QJsonObject toJson() const;
    static Result<RunQueuedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A runner took the run under its lease: from here on its events carry that lease's fencing token. When
// it restored the run's code on its machine (a takeover), where and from what.
struct RunClaimedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunClaimed;
    static constexpr int kVersion = 1;
    QString runner;
    QString host;
    qint64 token = 0;
    QString previousRunner; // the runner whose lease expired (empty: the first claim)
    QString worktree; // the run's worktree on this runner's machine
    QString commit; // the checkpoint the worktree was restored to (empty: not restored)
    QString snapshot; // the uncommitted work restored on top of it (empty: none)

    QJsonObject toJson() const;
    static Result<RunClaimedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A person changed the priority of a queued run (the Runners view, `harness queue --priority`).
struct RunReprioritizedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunReprioritized;
    static constexpr int kVersion = 1;
    int priority = 0;
    int previous = 0;

    QJsonObject toJson() const;
    static Result<RunReprioritizedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// Something went wrong that the run records and goes on from (or escalates right after).
struct RunErrorPayload
{
    static constexpr QLatin1StringView kKind = kinds::RunError;
    static constexpr int kVersion = 1;
    QString message;
    QString phase; // where it happened, when known
    QString errorKind; // a machine-readable class ("rate_limited", ...), when known

    QJsonObject toJson() const;
    static Result<RunErrorPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct TaskAddedPayload
{
    static constexpr QLatin1StringView kKind = kinds::TaskAdded;
    static constexpr int kVersion = 1;
    QJsonObject task; // the Task as added
    bool demo = false;

    QJsonObject toJson() const;
    static Result<TaskAddedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A person made `task` wait for `dependsOn` (the workbench's task graph, a new subtask).
struct DependencyAddedPayload
{
    static constexpr QLatin1StringView kKind = kinds::DependencyAdded;
    static constexpr int kVersion = 1;
    QString task;
    QString dependsOn;

    QJsonObject toJson() const;
    static Result<DependencyAddedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct SubtasksAcceptedPayload
{
    static constexpr QLatin1StringView kKind = kinds::SubtasksAccepted;
    static constexpr int kVersion = 1;
    QStringList tasks; // ids of the tasks made
    QString parent;

    QJsonObject toJson() const;
    static Result<SubtasksAcceptedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
