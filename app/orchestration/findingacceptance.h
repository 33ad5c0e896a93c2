// FindingAcceptance: a human accepts a finding that only a human can settle (Finding::needsHuman: a change
// outside the task's scope, a change to the test configuration), with a reason. The acceptance is an
// audited finding_accepted event; an accepted finding no longer blocks the run's verification or its merge.
// Used by `harness accept` and the Gates view's Accept… action.
#pragma once

#include "core/finding.h"
#include "store/store.h"

namespace harness {

class FindingAcceptance
{
public:
    explicit FindingAcceptance(Store &store) : m_store(store) { }

    // Accepts the run's finding with this id (or an unambiguous prefix of at least 6 characters).
    Result<Finding> accept(const QString &runId, const QString &findingId, const QString &reason,
                           const QString &actor);
    // The run's findings that wait for a human, newest verification first, without those already accepted.
    Result<QList<Finding>> awaiting(const QString &runId);
    // Why a merge is refused while findings wait: each with its id and how to accept it.
    static QString blockingMessage(const QString &runId, const QList<Finding> &awaiting);

private:
    Store &m_store;
};

} // namespace harness
