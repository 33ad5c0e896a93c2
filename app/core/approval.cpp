// Approval JSON round-trip and names.
#include "approval.h"
#include "jsonreader.h"

namespace harness {

QString approvalKindName(ApprovalKind kind)
{
    switch (kind) {
    case ApprovalKind::Plan:
        return QStringLiteral("plan");
    case ApprovalKind::Permission:
        return QStringLiteral("permission");
    case ApprovalKind::Merge:
        return QStringLiteral("merge");
    }
    return QStringLiteral("plan");
}

QString approvalStateName(ApprovalState state)
{
    switch (state) {
    case ApprovalState::Pending:
        return QStringLiteral("pending");
    case ApprovalState::Approved:
        return QStringLiteral("approved");
    case ApprovalState::Rejected:
        return QStringLiteral("rejected");
    case ApprovalState::ChangesRequested:
        return QStringLiteral("changes_requested");
    }
    return QStringLiteral("pending");
}

QJsonObject Approval::toJson() const
{
    QJsonObject o {{QStringLiteral("id"), id},
                   {QStringLiteral("run"), runId},
                   {QStringLiteral("kind"), approvalKindName(kind)},
                   {QStringLiteral("subject_hash"), QString::fromLatin1(subjectHash)},
                   {QStringLiteral("subject"), subject},
                   {QStringLiteral("state"), approvalStateName(state)},
                   {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)}};
    if (!decidedBy.isEmpty())
        o.insert(QStringLiteral("decided_by"), decidedBy);
    if (!feedback.isEmpty())
        o.insert(QStringLiteral("feedback"), feedback);
    if (decided.isValid())
        o.insert(QStringLiteral("decided"), decided.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

Result<Approval> Approval::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    Approval a;
    a.id = r.optionalString(QStringLiteral("id"));
    a.runId = r.string(QStringLiteral("run"));
    const QString kind = r.string(QStringLiteral("kind"));
    a.subjectHash = r.string(QStringLiteral("subject_hash")).toLatin1();
    a.subject = r.object(QStringLiteral("subject"), false);
    const QString state = r.optionalString(QStringLiteral("state"), QStringLiteral("pending"));
    a.decidedBy = r.optionalString(QStringLiteral("decided_by"));
    a.feedback = r.optionalString(QStringLiteral("feedback"));
    a.created = QDateTime::fromString(r.optionalString(QStringLiteral("created")), Qt::ISODateWithMs);
    a.decided = QDateTime::fromString(r.optionalString(QStringLiteral("decided")), Qt::ISODateWithMs);
    if (r.ok()) {
        bool found = false;
        for (auto k : {ApprovalKind::Plan, ApprovalKind::Permission, ApprovalKind::Merge})
            if (approvalKindName(k) == kind) {
                a.kind = k;
                found = true;
            }
        if (!found)
            r.fail(QStringLiteral("kind"), QStringLiteral("must be plan, permission or merge"));
        found = false;
        for (auto s : {ApprovalState::Pending, ApprovalState::Approved, ApprovalState::Rejected,
                       ApprovalState::ChangesRequested})
            if (approvalStateName(s) == state) {
                a.state = s;
                found = true;
            }
        if (!found)
            r.fail(QStringLiteral("state"),
                   QStringLiteral("must be pending, approved, rejected or changes_requested"));
    }
    if (!r.ok())
        return r.error();
    return a;
}

} // namespace harness
