// ContextAssembler: builds one step's context by progressive disclosure within a token budget — the
// contract always, then findings, human feedback, the AGENTS.md map, the plan's files, the rules, the
// repo map and older iterations' summaries, each cut or dropped (lowest priority first) to fit.
#pragma once

#include "assembledcontext.h"
#include "core/contract.h"
#include "core/finding.h"

#include <QList>
#include <functional>

namespace harness {

struct ContextFile
{
    QString path; // repository-relative
    QString content; // the file's current text

    // The files a plan names, as they are in the worktree: read without following a link anywhere on
    // the way and cut at maxBytes. A missing file (one the plan creates) is left out; one that cannot
    // be shown (a link, a FIFO, a path outside) says why in place of its content.
    static QList<ContextFile> read(const QString &root, const QStringList &paths,
                                   qint64 maxBytes = 512 * 1024);
};

struct ContextRule
{
    QString id;
    QString message; // written for the agent
};

struct ContextInputs
{
    Contract contract;
    QString agentsMap; // AgentsMap::text
    QString repoMap; // RepoMap::text
    QList<ContextFile> files; // the files the plan names, in the plan's order
    QList<ContextRule> rules; // the rules that apply, most important first
    QList<Finding> findings; // the latest iteration's findings (trimmed here)
    QStringList olderSummaries; // summaries of earlier iterations, oldest first
    QString humanFeedback; // the human's latest feedback (plan rejection, review comments)
};

class ContextAssembler
{
public:
    // Renders a file's body as the agent sees it, e.g. with line anchors "12:a3f|text"
    // (docs/architecture.md, "Line-anchored edits"). The default shows the content as is. The output is cut
    // at line boundaries.
    using FileRenderer = std::function<QString(const QString &path, const QString &content)>;

    explicit ContextAssembler(qint64 tokenBudget);

    void setFileRenderer(FileRenderer renderer) { m_renderFile = std::move(renderer); }
    void setMaxFindings(int cap) { m_maxFindings = cap; }
    // A file is not cut below this many tokens; when even that does not fit, files are left out
    // (largest first) and named in the note.
    void setMinFileTokens(qint64 tokens) { m_minFileTokens = tokens; }

    qint64 budget() const { return m_budget; }

    // Pure and quick (no I/O); safe on any thread. The contract is always included in full, even when
    // it alone exceeds the budget (then AssembledContext::overBudget() is true).
    AssembledContext assemble(const ContextInputs &inputs) const;

    // The contract as the agent reads it.
    static QString renderContract(const Contract &contract);

    // Section ids in prompt order and in priority order (first kept first).
    static QStringList promptOrder();
    static QStringList priorityOrder();

private:
    qint64 m_budget;
    int m_maxFindings = 20;
    qint64 m_minFileTokens = 64;
    FileRenderer m_renderFile;
};

} // namespace harness
