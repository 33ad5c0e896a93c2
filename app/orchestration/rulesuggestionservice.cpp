// RuleSuggestionService: store-wide events in pages into the inbox; the decision, checked and appended.
#include "rulesuggestionservice.h"

namespace harness {

RuleSuggestionService::RuleSuggestionService(Store &store) : m_store(store) { }

Result<RuleSuggestionInbox> RuleSuggestionService::read(RuleSuggestionInbox inbox)
{
    for (;;) {
        auto page = m_store.events(QString(), inbox.lastSeq() + 1, -1, kPage);
        if (!page)
            return page.error();
        for (const Event &e : *page)
            inbox.apply(e);
        if (page->size() < kPage)
            return inbox;
    }
}

Result<RuleSuggestionInbox> RuleSuggestionService::decide(const PendingRuleSuggestion &suggestion,
                                                          QLatin1StringView decision, const QString &actor,
                                                          RuleSuggestionInbox inbox)
{
    using R = Result<RuleSuggestionInbox>;
    if (decision != RuleSuggestionDecidedPayload::kAccepted &&
        decision != RuleSuggestionDecidedPayload::kDismissed)
        return R::failure(QStringLiteral("must be accepted or dismissed"), QStringLiteral("decision"));
    auto current = read(std::move(inbox));
    if (!current)
        return current;
    const std::optional<PendingRuleSuggestion> pending = current->find(suggestion.id());
    if (!pending || pending->seq < suggestion.seq) {
        const auto decided = current->decisionOn(suggestion.id());
        return R::failure(decided ? QStringLiteral("The suggestion was already %1 by %2.")
                                            .arg(decided->decision, decided->actor)
                                  : QStringLiteral("There is no such suggestion in this repository."));
    }
    RuleSuggestionDecidedPayload p;
    p.suggestion = suggestion.id();
    p.eventSeq = suggestion.seq;
    p.decision = QString(decision);
    p.ruleKind = suggestion.suggested.ruleKind;
    p.ruleId = suggestion.ruleId();
    p.run = suggestion.suggested.run;
    auto appended = m_store.append(makeEvent(QString(), p, actor));
    if (!appended)
        return R::failure(QStringLiteral("The decision could not be recorded in the audit trail: %1")
                                  .arg(appended.errorText()));
    return read(std::move(*current)); // with the decision, and whatever was recorded meanwhile
}

} // namespace harness
