// StoreApprovalRequester: one approval per distinct subject per run, so a restart asks no twice.
#include "storeapprovalrequester.h"
#include "core/events/planevents.h"
#include "core/events/toolevents.h"
#include "runstate.h"

#include "store/storenotifier.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QThread>

namespace harness {

ApprovalAnswer StoreApprovalRequester::requestApproval(const QString &runId, const QJsonObject &subject)
{
    const QByteArray hash = QCryptographicHash::hash(QJsonDocument(subject).toJson(QJsonDocument::Compact),
                                                     QCryptographicHash::Sha256)
                                    .toHex();
    QString id;
    if (auto all = m_store.approvals(false, runId)) {
        for (const auto &a : *all)
            if (a.kind == ApprovalKind::Permission && a.subjectHash == hash)
                id = a.id;
    }
    if (id.isEmpty()) {
        Approval a;
        a.runId = runId;
        a.kind = ApprovalKind::Permission;
        a.subjectHash = hash;
        a.subject = subject;
        auto added = m_store.addApproval(a);
        if (!added)
            return ApprovalAnswer::Denied;
        id = added->id;
        ApprovalRequestedPayload requested;
        requested.approval = id;
        requested.approvalKind = ApprovalRequestedPayload::kPermission;
        requested.subject = subject;
        // A request the log cannot record is refused: nothing is allowed without its audit trail.
        if (!m_store.append(makeEvent(runId, requested)))
            return ApprovalAnswer::Denied;
    }
    StoreNotifier &changes = m_store.notifier();
    for (;;) {
        const quint64 seen = changes.generation(runId); // before the reads: a decision then is not missed
        auto a = m_store.approval(id);
        if (!a)
            return ApprovalAnswer::Denied;
        if (a->state == ApprovalState::Approved) {
            if (!m_store.append(makeEvent(runId, kinds::PermissionGranted,
                                          PermissionAnswerPayload {id, subject, {}}, a->decidedBy)))
                return ApprovalAnswer::Denied; // a grant the log cannot record is not given
            return ApprovalAnswer::Allowed;
        }
        if (a->state != ApprovalState::Pending) {
            // Refused either way; a refusal the log cannot take still refuses.
            (void)m_store.append(makeEvent(runId, kinds::PermissionRefused,
                                           PermissionAnswerPayload {id, subject, a->feedback}, a->decidedBy));
            return ApprovalAnswer::Denied;
        }
        if (m_cancel && m_cancel->load())
            return ApprovalAnswer::Pending;
        if (auto events = m_store.events(runId)) {
            const RunState s = RunState::fold(*events);
            if (s.phase == RunPhase::Aborted)
                return ApprovalAnswer::Denied;
        }
        changes.waitForChange(runId, seen, m_pollMs); // the decision wakes it, from any process
    }
}

} // namespace harness
