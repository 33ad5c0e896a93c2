// IterationHistory: one summary per verified iteration, from its checkpoint, gate results and findings.
#include "iterationhistory.h"
#include "core/events/toolevents.h"
#include "core/events/verifyevents.h"

#include <QJsonArray>

#include <algorithm>

namespace harness {

void IterationHistory::noteChangedFile(const QString &path, int added, int removed)
{
    if (path.isEmpty())
        return;
    if (!m_current.filesChanged.contains(path))
        m_current.filesChanged << path;
    m_current.linesAdded += added;
    m_current.linesRemoved += removed;
}

void IterationHistory::apply(const Event &e)
{
    if (e.kind == kinds::ToolResult) {
        // What the agent's file tools changed (a shell command's changes show in the checkpoint only).
        auto p = readPayload<ToolResultPayload>(e);
        if (!p || !p->ok)
            return;
        const QJsonObject &content = p->content;
        const auto number = [](const QJsonObject &o, const char *key) {
            return o.value(QLatin1String(key)).toInt();
        };
        if (p->name == QLatin1String("edit_file"))
            noteChangedFile(content.value(QStringLiteral("path")).toString(), number(content, "lines_added"),
                            number(content, "lines_removed"));
        else if (p->name == QLatin1String("write_file")) // a new file: it never overwrites
            noteChangedFile(content.value(QStringLiteral("path")).toString(), number(content, "lines"), 0);
        else if (p->name == QLatin1String("apply_patch"))
            for (const auto &f : content.value(QStringLiteral("files")).toArray()) {
                const QJsonObject file = f.toObject();
                noteChangedFile(file.value(QStringLiteral("path")).toString(), number(file, "added"),
                                number(file, "removed"));
            }
    } else if (e.kind == kinds::Checkpoint) {
        if (auto p = readPayload<CheckpointPayload>(e)) {
            m_current.iteration = p->iteration;
            m_current.commit = p->commit.left(10);
        }
    } else if (e.kind == kinds::GateResult) {
        auto p = readPayload<GateResultPayload>(e);
        if (!p)
            return;
        IterationFacts::Gate g;
        g.gate = p->gate;
        g.passed = p->status == GateStatus::Passed;
        // A gate run again after a pause replaces its earlier (stopped) result.
        const auto same = std::find_if(m_current.gates.begin(), m_current.gates.end(),
                                       [&g](const IterationFacts::Gate &o) { return o.gate == g.gate; });
        if (same != m_current.gates.end())
            *same = g;
        else
            m_current.gates.append(g);
    } else if (e.kind == kinds::VerifyFinished) {
        auto p = readPayload<VerifyFinishedPayload>(e);
        if (p && m_current.iteration > 0) {
            m_current.findings << p->findings;
            m_current.outcome =
                    p->passed ? QStringLiteral("gates passed") : QStringLiteral("returned to Fix");
            m_summaries.append({m_current.iteration, IterationSummarizer::summarize(m_current)});
        }
        m_current = IterationFacts();
    }
}

QStringList IterationHistory::summariesBefore(int iteration) const
{
    QStringList out;
    for (const auto &[number, summary] : m_summaries)
        if (number < iteration)
            out << summary;
    return out;
}

} // namespace harness
