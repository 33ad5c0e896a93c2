// ApprovalRequester: asks a human about a permission the profile marks "ask". The store-backed
// implementation (a pending approval answered later from the workbench or CLI) lives in orchestration.
#pragma once

#include <QJsonObject>
#include <QString>

namespace harness {

enum class ApprovalAnswer { Allowed, Denied, Pending };

class ApprovalRequester
{
public:
    virtual ~ApprovalRequester() = default;
    // subject: {"kind": "command"|"read"|"write"|"tool", "tool": ..., "subject": ..., "reason": ...}.
    // May block (called on the worker thread that executes tools). Pending means "asked, not answered
    // yet": the action is not performed now.
    virtual ApprovalAnswer requestApproval(const QString &runId, const QJsonObject &subject) = 0;
};

} // namespace harness
