// StoreApprovalRequester: a permission "ask" becomes a pending approval in the store, answered from the
// workbench or `harness approve` (in any process); the tool call waits for the answer. Aborting the run
// ends the wait with a denial.
#pragma once

#include "runtime/approvalrequester.h"
#include "store/store.h"

#include <atomic>

namespace harness {

class StoreApprovalRequester : public ApprovalRequester
{
public:
    explicit StoreApprovalRequester(Store &store, const std::atomic_bool *cancel = nullptr)
        : m_store(store), m_cancel(cancel)
    { }

    // Blocks until the approval is decided or the run is aborted or cancelled; it wakes when the store
    // announces a change to the run, and looks again after the fallback interval in any case.
    ApprovalAnswer requestApproval(const QString &runId, const QJsonObject &subject) override;
    void setPollIntervalMs(int ms) { m_pollMs = ms; }

private:
    Store &m_store;
    const std::atomic_bool *m_cancel;
    int m_pollMs = 1000;
};

} // namespace harness
