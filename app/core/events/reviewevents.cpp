// Review payloads: JSON round trips.
#include "reviewevents.h"

namespace harness {

namespace {
QJsonObject commentJson(const ReviewCommentPayload &c)
{
    return {{QStringLiteral("file"), c.file},
            {QStringLiteral("line"), c.line},
            {QStringLiteral("text"), c.text}};
}

ReviewCommentPayload readComment(JsonReader &r)
{
    ReviewCommentPayload c;
    c.file = r.optionalString(QStringLiteral("file"));
    c.line = int(r.integer(QStringLiteral("line"), false, 0));
    c.text = r.optionalString(QStringLiteral("text"));
    return c;
}
} // namespace

QJsonObject ReviewReadyPayload::toJson() const
{
    return withVersion({{QStringLiteral("commit"), commit},
                        {QStringLiteral("base_commit"), baseCommit},
                        {QStringLiteral("branch"), branch},
                        {QStringLiteral("target"), target}},
                       kVersion);
}

Result<ReviewReadyPayload> ReviewReadyPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ReviewReadyPayload>(json, kind);
    ReviewReadyPayload p;
    p.commit = r.optionalString(QStringLiteral("commit"));
    p.baseCommit = r.optionalString(QStringLiteral("base_commit"));
    p.branch = r.optionalString(QStringLiteral("branch"));
    p.target = r.optionalString(QStringLiteral("target"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ReviewCommentPayload::toJson() const
{
    return withVersion(commentJson(*this), kVersion);
}

Result<ReviewCommentPayload> ReviewCommentPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ReviewCommentPayload>(json, kind);
    ReviewCommentPayload p = readComment(r);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ReviewFeedbackPayload::toJson() const
{
    QJsonArray list;
    for (const auto &c : comments)
        list.append(commentJson(c));
    return withVersion({{QStringLiteral("feedback"), feedback}, {QStringLiteral("comments"), list}},
                       kVersion);
}

Result<ReviewFeedbackPayload> ReviewFeedbackPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ReviewFeedbackPayload>(json, kind);
    ReviewFeedbackPayload p;
    p.feedback = r.optionalString(QStringLiteral("feedback"));
    const QJsonArray list = r.array(QStringLiteral("comments"));
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        JsonReader item(o, r.fieldPath(QStringLiteral("comments[%1]").arg(i)));
        p.comments << readComment(item);
        if (!item.ok())
            r.adopt(item.error());
    }
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject MergeConflictPayload::toJson() const
{
    return withVersion({{QStringLiteral("files"), QJsonArray::fromStringList(files)},
                        {QStringLiteral("target"), target}},
                       kVersion);
}

Result<MergeConflictPayload> MergeConflictPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<MergeConflictPayload>(json, kind);
    MergeConflictPayload p;
    p.files = r.stringList(QStringLiteral("files"));
    p.target = r.optionalString(QStringLiteral("target"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject MergedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("commit"), commit},
                   {QStringLiteral("target"), target},
                   {QStringLiteral("branch"), branch},
                   {QStringLiteral("delete_branch"), deleteBranch}};
    if (!remote.isEmpty()) {
        o.insert(QStringLiteral("remote"), remote);
        o.insert(QStringLiteral("pushed"), pushed);
        if (!pushError.isEmpty())
            o.insert(QStringLiteral("push_error"), pushError);
    }
    return withVersion(o, kVersion);
}

Result<MergedPayload> MergedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<MergedPayload>(json, kind);
    MergedPayload p;
    p.commit = r.optionalString(QStringLiteral("commit"));
    p.target = r.optionalString(QStringLiteral("target"));
    p.branch = r.optionalString(QStringLiteral("branch"));
    p.deleteBranch = r.boolean(QStringLiteral("delete_branch"), false);
    p.remote = r.optionalString(QStringLiteral("remote"));
    p.pushed = r.boolean(QStringLiteral("pushed"), false);
    p.pushError = r.optionalString(QStringLiteral("push_error"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject LeftForPullRequestPayload::toJson() const
{
    return withVersion({{QStringLiteral("remote"), remote},
                        {QStringLiteral("branch"), branch},
                        {QStringLiteral("target"), target},
                        {QStringLiteral("commit"), commit}},
                       kVersion);
}

Result<LeftForPullRequestPayload> LeftForPullRequestPayload::fromJson(const QJsonObject &json,
                                                                      QStringView kind)
{
    JsonReader r = payloadReader<LeftForPullRequestPayload>(json, kind);
    LeftForPullRequestPayload p;
    p.remote = r.string(QStringLiteral("remote"));
    p.branch = r.string(QStringLiteral("branch"));
    p.target = r.optionalString(QStringLiteral("target"));
    p.commit = r.optionalString(QStringLiteral("commit"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject DiscardedPayload::toJson() const
{
    return withVersion({{QStringLiteral("worktree"), worktree}}, kVersion);
}

Result<DiscardedPayload> DiscardedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<DiscardedPayload>(json, kind);
    DiscardedPayload p;
    p.worktree = r.optionalString(QStringLiteral("worktree"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
