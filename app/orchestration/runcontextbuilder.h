// RunContextBuilder: the context a phase gives the agent, assembled by progressive disclosure from the
// run's state — the contract, the AGENTS.md map, a repo map, the files the approved plan names (with
// line anchors), the rules that apply, the latest findings, the human's feedback and summaries of older
// iterations — within the token budget. Executor-agnostic: what is assembled is recorded
// (context_assembled) so a person can see exactly what the agent saw.
#pragma once

#include "runjournal.h"

namespace harness {

class TreeListing;

class RunContextBuilder
{
public:
    // listing: the run's kept file list for the repository map; null lists the tree with git each time.
    RunContextBuilder(const RunJournal &journal, qint64 tokenBudget, TreeListing *listing = nullptr)
        : m_journal(journal), m_tokenBudget(tokenBudget), m_listing(listing)
    { }

    // The rendered prompt for the phase ("plan", "build" or "fix"); *record gets what went in.
    QString assemble(const QString &phase, QJsonObject *record) const;

private:
    const RunJournal &m_journal;
    qint64 m_tokenBudget;
    TreeListing *m_listing;
};

} // namespace harness
