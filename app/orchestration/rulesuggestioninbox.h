// RuleSuggestionInbox: the rule suggestions waiting for a human — the fold of the store-wide
// rule_suggested and rule_suggestion_decided events (docs/mcp.md). A decision settles the suggested event
// it names and every earlier suggestion of the same rule (the same id: kind and rule); the same rule
// suggested again afterwards waits again. Several pending suggestions of one rule are listed once, by the
// newest. A value: fold events into it in log order, copy it, read it anywhere.
#pragma once

#include "core/events/projectevents.h"
#include "rules/ruleset.h"

#include <QDateTime>
#include <QHash>

namespace harness {

struct PendingRuleSuggestion
{
    qint64 seq = 0; // store-wide seq of the newest pending rule_suggested event of this rule
    QDateTime time; // when it was suggested
    QString actor; // who suggested it (agent:<name>)
    RuleSuggestedPayload suggested;
    int times = 1; // how many pending rule_suggested events suggest this rule

    QString id() const { return suggested.suggestion; }
    QString ruleId() const;
    QString message() const; // the message the agent's runs would be told
};

// What became of a suggestion that is no longer pending.
struct RuleSuggestionDecision
{
    QString decision; // accepted or dismissed
    QString actor;
    QDateTime time;
    qint64 eventSeq = 0; // the suggested event it settled
};

class RuleSuggestionInbox
{
public:
    // Folds one store-wide event in (others are skipped); events must come in seq order.
    void apply(const Event &event);
    // The last store-wide seq folded in (0: none): read on from the next one.
    qint64 lastSeq() const { return m_lastSeq; }

    // The pending suggestions, newest first.
    QList<PendingRuleSuggestion> pending() const;
    // The pending suggestion with this id (nullopt: none, or decided).
    std::optional<PendingRuleSuggestion> find(const QString &suggestion) const;
    // The latest decision on a suggestion (nullopt: never decided).
    std::optional<RuleSuggestionDecision> decisionOn(const QString &suggestion) const;

    // `rules` with the suggestion's rule added, read with the rules file's own reader. The error says
    // why it cannot be added now: its id is taken, or it no longer reads with these rules.
    static Result<RuleSet> addTo(const RuleSet &rules, const PendingRuleSuggestion &suggestion);

private:
    qint64 m_lastSeq = 0;
    QHash<QString, QList<PendingRuleSuggestion>> m_suggested; // by id: every suggested event, in order
    QHash<QString, RuleSuggestionDecision> m_decided; // by id: the latest decision
};

} // namespace harness
