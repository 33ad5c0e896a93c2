// RuleFactory: turns a finding or a diff hunk into a new rule — a forbidden pattern, a file-size limit
// or a forbidden layer edge — recording the run and finding it came from ("make this a rule").
#pragma once

#include "core/diff/diff.h"
#include "ruleset.h"

namespace harness {

enum class NewRuleKind { ForbiddenPattern, Limit, LayerEdge };

struct RuleProposal
{
    NewRuleKind kind = NewRuleKind::ForbiddenPattern;
    QString ruleId; // id of the rule added or changed
    QString summary; // one line for the user: what the rule now forbids
    RuleSet rules; // the base rule set with the change applied (keep the base for undo)
};

class RuleFactory
{
public:
    // root: the tree the finding is about (its file is read to get the offending line or length).
    static Result<RuleProposal> fromFinding(const RuleSet &base, const QString &root, const Finding &finding,
                                            NewRuleKind kind, const RuleOrigin &origin);
    // A hunk of a diff of the tree at root: its first added line becomes the pattern or layer edge;
    // a limit caps the file at its length before the hunk.
    static Result<RuleProposal> fromHunk(const RuleSet &base, const QString &root, const Diff &diff,
                                         const DiffHunk &hunk, NewRuleKind kind, const RuleOrigin &origin);
    // An origin naming the run and finding, dated today.
    static RuleOrigin originFor(const QString &runId, const Finding &finding, const QString &incident);

private:
    static Result<RuleProposal> forbidLine(const RuleSet &base, const QString &file, const QString &lineText,
                                           Severity severity, const QString &why, const RuleOrigin &origin);
    static Result<RuleProposal> limitFile(const RuleSet &base, const QString &file, int maxLines,
                                          Severity severity, const RuleOrigin &origin);
    static Result<RuleProposal> forbidEdge(const RuleSet &base, const QString &root, const QString &file,
                                           const QString &lineText, Severity severity,
                                           const RuleOrigin &origin);
};

} // namespace harness
