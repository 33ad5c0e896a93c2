// RuleSuggestionService: the rule editor's way to the rule suggestions agents made through `harness mcp`
// (docs/mcp.md) — reading which are pending from the store, and recording a human's decision on one as
// an audited rule_suggestion_decided event. Accepting adds nothing to rules.json here: the editor adds
// the rule to its document (RuleSuggestionInbox::addTo) and the person saves it as any edit. Blocking:
// the workbench calls it on its store thread.
#pragma once

#include "rulesuggestioninbox.h"
#include "store/store.h"

namespace harness {

class RuleSuggestionService
{
public:
    explicit RuleSuggestionService(Store &store);

    // `inbox` with the store-wide events after its lastSeq() folded in (a default inbox: all of them).
    Result<RuleSuggestionInbox> read(RuleSuggestionInbox inbox = {});

    // Records the decision (accepted or dismissed) on the pending suggestion in actor's name. Refused,
    // saying by whom, when it is no longer pending (decided meanwhile, e.g. in another workbench).
    // Returns the inbox with the decision folded in.
    Result<RuleSuggestionInbox> decide(const PendingRuleSuggestion &suggestion, QLatin1StringView decision,
                                       const QString &actor, RuleSuggestionInbox inbox = {});

    static constexpr int kPage = 5000; // store-wide events read per query

private:
    Store &m_store;
};

} // namespace harness
