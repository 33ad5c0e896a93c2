// RunContextBuilder: the plan phase sees the contract and the maps; build and fix also see the approved
// plan and its files; fix also sees the findings.
#include "runcontextbuilder.h"

#include "core/events/runevents.h"
#include "knowledge/agentsmap.h"
#include "knowledge/contextassembler.h"
#include "knowledge/repomap.h"
#include "runtime/lineanchor.h"
#include "runtime/treelisting.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace harness {

QString RunContextBuilder::assemble(const QString &phase, QJsonObject *record) const
{
    const RunState &state = m_journal.state();
    const Task &task = m_journal.task();
    const QString root = state.worktreePath;
    const bool planning = phase == phases::Plan;
    ContextInputs in;
    in.contract = task.contract;
    in.agentsMap = AgentsMap::discover(root, task.contract.scope).text;
    if (m_listing) {
        bool fromGit = false;
        QString error;
        const QStringList files = m_listing->files(&fromGit, &error);
        if (error.isEmpty())
            in.repoMap = RepoMap::render(root, files, {}, fromGit).text;
    } else {
        in.repoMap = RepoMap::build(root).text;
    }
    if (state.plan && !planning) {
        in.files = ContextFile::read(root, state.plan->touchedFiles());
        in.humanFeedback = state.fixFeedback;
    } else {
        in.humanFeedback = state.planFeedback;
    }
    if (phase == phases::Fix)
        in.findings = state.latestFindings;
    if (state.plan && !planning)
        in.contract.interfaceNotes += QStringLiteral("\n\nApproved plan:\n") +
                QString::fromUtf8(QJsonDocument(state.plan->toJson()).toJson(QJsonDocument::Indented));
    for (const QString &id : std::as_const(task.contract.constraints))
        in.rules.append(
                {id, QStringLiteral("constraint %1 of .harness/rules.json applies to this task").arg(id)});

    // Older iterations, summarised from their facts.
    in.olderSummaries = m_journal.history().summariesBefore(state.iteration);
    ContextAssembler assembler(m_tokenBudget);
    assembler.setFileRenderer([](const QString &, const QString &content) {
        QString out;
        const QStringList lines = content.split(QLatin1Char('\n'));
        const qsizetype n = content.endsWith(QLatin1Char('\n')) ? lines.size() - 1 : lines.size();
        for (qsizetype i = 0; i < n; ++i)
            out += LineAnchor::formatLine(int(i + 1), lines.at(i)) + QLatin1Char('\n');
        return out;
    });
    const AssembledContext ctx = assembler.assemble(in);
    *record = ctx.toJson();
    return ctx.render();
}

} // namespace harness
