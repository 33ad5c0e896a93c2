// AssembledContext: exactly what went into one step's context — each section's text, its token cost,
// and what was cut or left out — stored as the payload of the `context_assembled` event so a person
// can later see what the agent saw (docs/architecture.md, "Context").
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace harness {

// One part of a section that is trimmed piece by piece (a file, a rule, an older iteration's summary).
struct ContextItem
{
    QString label; // file path, rule id, "iteration summary 3", ...
    qint64 tokens = 0;
    qint64 fullTokens = 0;
    bool truncated = false;
    bool omitted = false;

    QJsonObject toJson() const;
    static Result<ContextItem> fromJson(const QJsonObject &json, const QString &path);
    bool operator==(const ContextItem &) const = default;
};

struct ContextSection
{
    QString name; // stable id: contract, findings, human_feedback, agents_map, files, rules,
                  // repo_map, older_iterations
    QString title; // the heading shown to the agent
    int priority = 0; // 1 is kept first; higher numbers are cut first
    QString text; // exactly what went into the prompt (empty when omitted)
    qint64 tokens = 0; // estimate for text
    qint64 fullTokens = 0; // estimate for the section before anything was cut
    bool truncated = false;
    QString omittedReason; // non-empty when the section was left out entirely
    QString note; // what was cut, in words
    QList<ContextItem> items;

    bool included() const { return omittedReason.isEmpty() && !text.isEmpty(); }
    QJsonObject toJson() const;
    static Result<ContextSection> fromJson(const QJsonObject &json, const QString &path);
    bool operator==(const ContextSection &) const = default;
};

struct AssembledContext
{
    // The event kind under which the orchestrator stores toJson().
    static constexpr const char *kEventKind = "context_assembled";

    QList<ContextSection> sections; // in prompt order
    qint64 totalTokens = 0; // estimate for render()
    qint64 budget = 0;
    QString estimator; // the token heuristic's name (TokenEstimator::kHeuristic)

    bool overBudget() const { return totalTokens > budget; }
    const ContextSection *section(const QString &name) const;

    // The prompt text: the included sections in order, separated by blank lines.
    QString render() const;
    // The record: sections with their text, tokens and cuts, plus the SHA-256 of render().
    QJsonObject toJson() const;
    // Reads a record back; rejects one whose prompt_sha256 does not match its sections.
    static Result<AssembledContext> fromJson(const QJsonObject &json);
    bool operator==(const AssembledContext &) const = default;
};

} // namespace harness
