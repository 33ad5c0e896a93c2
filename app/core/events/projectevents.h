// Payloads of changes people make to the project's own files through the workbench: rules_changed
// (.harness/rules.json saved by the rule editor), and rule_suggested (a rule an agent suggests for it
// through `harness mcp`; a human adds it to the rules or not, nothing writes rules.json for it).
#pragma once

#include "payload.h"

namespace harness {

struct RulesChangedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RulesChanged;
    static constexpr int kVersion = 1;
    QString path; // relative to the repository: .harness/rules.json
    QString before; // the file's fingerprint before the write (empty: there was none)
    QString after; // and after it
    QStringList added; // rule ids
    QStringList removed;
    QStringList changed;
    bool settingsChanged = false; // exclude or secret-scan settings changed
    QString backup; // relative path of the kept copy when an unreadable file was replaced

    QJsonObject toJson() const;
    static Result<RulesChangedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A rule an agent suggested through the MCP server's propose_rule, checked against the rules of the time
// (it reads as a rule of its kind, its id is new). A store-wide event, like rules_changed: it is about the
// project's rules, not a run's state.
struct RuleSuggestedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RuleSuggested;
    static constexpr int kVersion = 1;
    QString suggestion; // its id: "S" and 12 hex digits of the kind and rule
    QString run; // the run whose agent suggested it (empty: none)
    QString ruleKind; // layer, limit or forbidden
    QJsonObject rule; // the entry as it would stand in rules.json (its origin names the run and reason)
    QString reason; // why, in the agent's words

    QJsonObject toJson() const;
    static Result<RuleSuggestedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A human's decision on a rule_suggested event in the rule editor: accepted (the rule was added to the
// editor's rules, to be saved as any edit) or dismissed. Store-wide; it settles the suggested event it
// names and the earlier suggestions of the same rule, so they are no longer listed.
struct RuleSuggestionDecidedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RuleSuggestionDecided;
    static constexpr int kVersion = 1;
    static constexpr QLatin1StringView kAccepted {"accepted"};
    static constexpr QLatin1StringView kDismissed {"dismissed"};
    QString suggestion; // the suggestion's id ("S" and 12 hex digits)
    qint64 eventSeq = 0; // the store-wide seq of the rule_suggested event decided
    QString decision; // accepted or dismissed
    QString ruleKind; // layer, limit or forbidden
    QString ruleId; // the suggested rule's id
    QString run; // the run whose agent suggested it (empty: none)

    QJsonObject toJson() const;
    static Result<RuleSuggestionDecidedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A person changed the run queue's limits (store-wide): how many runs the runners drive at once and how
// much money the queue's runs may spend before no new run is claimed. 0: no limit.
struct QueueLimitsChangedPayload
{
    static constexpr QLatin1StringView kKind = kinds::QueueLimitsChanged;
    static constexpr int kVersion = 1;
    int maxConcurrent = 0;
    double maxSpend = 0;
    int previousMaxConcurrent = 0;
    double previousMaxSpend = 0;

    QJsonObject toJson() const;
    static Result<QueueLimitsChangedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
