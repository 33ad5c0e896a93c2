// RuleSuggestion: a rule an agent suggests for .harness/rules.json through the MCP server's propose_rule
// (`harness mcp`, docs/mcp.md). It is checked against the rules as they stand — added to them, the file
// must still read: the entry is a rule of its kind, its id is new, its globs and expression compile — and
// becomes a rule_suggested event for a human, who adds it to the rules or not. Nothing here writes
// rules.json. Everything in it is the agent's: sizes are bounded before anything is parsed.
#pragma once

#include "core/events/projectevents.h"
#include "core/result.h"

#include <QJsonObject>

namespace harness {

struct RuleSuggestion
{
    QString kind; // layer, limit or forbidden
    QJsonObject rule; // the entry as rules.json would hold it
    QString reason; // why, in the agent's words
    QString run; // the run whose agent suggests it (empty: none)

    static constexpr qsizetype kMaxRuleBytes = 16 * 1024;
    static constexpr qsizetype kMaxReasonChars = 2000;

    static QStringList kinds();
    // The rules.json array a rule of this kind goes in: "layers", "limits" or "forbidden".
    static QString rulesArray(const QString &kind);
    // Reads {kind, rule, reason, run}: propose_rule's arguments, and what the MCP server leaves for the
    // executor. The error names the field.
    static Result<RuleSuggestion> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    // The rule as it would be stored (its origin naming the run and the reason), when it reads and
    // validates added to rulesText (the project's rules.json as it is; empty: there is none). The error
    // names the rule's field: "rule.pattern: ...".
    Result<QJsonObject> checkAgainst(const QByteArray &rulesText) const;
    // "S" and 12 hex digits of the kind and the rule: the same suggestion twice has the same id.
    QString id() const;
    RuleSuggestedPayload payload(const QJsonObject &checkedRule) const;
};

} // namespace harness
