// Payloads of review and the end of a change: the change ready for review, line comments, feedback sent
// back for another iteration, a refused merge's conflicts, the merge (and, for a runner's run, its push),
// the branch left for a pull request, and the discard.
#pragma once

#include "payload.h"

namespace harness {

struct ReviewReadyPayload
{
    static constexpr QLatin1StringView kKind = kinds::ReviewReady;
    static constexpr int kVersion = 1;
    QString commit; // the last checkpoint: what is reviewed
    QString baseCommit;
    QString branch;
    QString target;

    QJsonObject toJson() const;
    static Result<ReviewReadyPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ReviewCommentPayload
{
    static constexpr QLatin1StringView kKind = kinds::ReviewComment;
    static constexpr int kVersion = 1;
    QString file;
    int line = 0;
    QString text;

    QJsonObject toJson() const;
    static Result<ReviewCommentPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ReviewFeedbackPayload
{
    static constexpr QLatin1StringView kKind = kinds::ReviewFeedback;
    static constexpr int kVersion = 1;
    QString feedback; // the text the agent is given for the next iteration
    QList<ReviewCommentPayload> comments;

    QJsonObject toJson() const;
    static Result<ReviewFeedbackPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct MergeConflictPayload
{
    static constexpr QLatin1StringView kKind = kinds::MergeConflict;
    static constexpr int kVersion = 1;
    QStringList files;
    QString target;

    QJsonObject toJson() const;
    static Result<MergeConflictPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct MergedPayload
{
    static constexpr QLatin1StringView kKind = kinds::Merged;
    static constexpr int kVersion = 2;
    QString commit;
    QString target;
    QString branch;
    bool deleteBranch = false; // the reviewer asked for the run's branch to go as well
    // A runner's run (v2): the remote the target branch was pushed to, whether the push went through,
    // and why not (the remote's branch moved on, the remote was unreachable): then the merge is local
    // only, for the person to push.
    QString remote;
    bool pushed = false;
    QString pushError;

    QJsonObject toJson() const;
    static Result<MergedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A runner's run left on the remote for a pull request: nothing was merged by the harness.
struct LeftForPullRequestPayload
{
    static constexpr QLatin1StringView kKind = kinds::LeftForPullRequest;
    static constexpr int kVersion = 1;
    QString remote; // where the branch is (a URL or path)
    QString branch; // the run branch the pull request is opened from
    QString target; // the branch it should go into
    QString commit; // the reviewed checkpoint the branch holds

    QJsonObject toJson() const;
    static Result<LeftForPullRequestPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct DiscardedPayload
{
    static constexpr QLatin1StringView kKind = kinds::Discarded;
    static constexpr int kVersion = 1;
    QString worktree;

    QJsonObject toJson() const;
    static Result<DiscardedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
