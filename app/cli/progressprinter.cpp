// ProgressPrinter: chooses the events that mark a step; the rest stay in `harness log`.
#include "progressprinter.h"
#include "orchestration/eventkinds.h"

#include <QJsonArray>

namespace harness {

ProgressPrinter::ProgressPrinter(QTextStream &out) : m_out(out)
{
    m_clock.start();
}

void ProgressPrinter::line(const QString &text)
{
    m_out << QStringLiteral("[%1s] ").arg(double(m_clock.elapsed()) / 1000.0, 6, 'f', 1) << text << Qt::endl;
}

void ProgressPrinter::print(const Event &e)
{
    const QJsonObject &p = e.payload;
    const QString k = e.kind;
    if (k == kinds::RunCreated)
        line(QStringLiteral("worktree %1 on branch %2")
                     .arg(p.value(QStringLiteral("worktree")).toString(),
                          p.value(QStringLiteral("branch")).toString()));
    else if (k == kinds::PhaseStarted) {
        const QString phase = p.value(QStringLiteral("phase")).toString();
        if (phase == QLatin1String("plan"))
            line(QStringLiteral("plan: round %1").arg(p.value(QStringLiteral("round")).toInt()));
        else if (phase == QLatin1String("review"))
            line(QStringLiteral("review: the gates pass; the change awaits the human"));
        else
            line(QStringLiteral("%1: iteration %2")
                         .arg(phase)
                         .arg(p.value(QStringLiteral("iteration")).toInt()));
    } else if (k == kinds::PlanProposed)
        line(QStringLiteral("plan proposed: %1 (%2 steps)")
                     .arg(p.value(QStringLiteral("plan"))
                                  .toObject()
                                  .value(QStringLiteral("summary"))
                                  .toString())
                     .arg(p.value(QStringLiteral("plan"))
                                  .toObject()
                                  .value(QStringLiteral("steps"))
                                  .toArray()
                                  .size()));
    else if (k == kinds::PlanInvalid)
        line(QStringLiteral("plan invalid: %1 (asking again)")
                     .arg(p.value(QStringLiteral("error")).toString()));
    else if (k == kinds::ApprovalRequested)
        line(QStringLiteral("approval %1 requested").arg(p.value(QStringLiteral("approval")).toString()));
    else if (k == kinds::PlanApproved)
        line(QStringLiteral("plan approved by %1%2")
                     .arg(e.actor,
                          p.value(QStringLiteral("auto")).toBool() ? QStringLiteral(" (") +
                                          p.value(QStringLiteral("policy")).toString() + QLatin1Char(')')
                                                                   : QString()));
    else if (k == kinds::PlanChangesRequested || k == kinds::PlanRejected)
        line(QStringLiteral("plan sent back by %1: %2")
                     .arg(e.actor, p.value(QStringLiteral("feedback")).toString()));
    else if (k == kinds::ToolResult)
        line(QStringLiteral("  tool %1 %2%3")
                     .arg(p.value(QStringLiteral("name")).toString(),
                          p.value(QStringLiteral("ok")).toBool() ? QStringLiteral("ok")
                                                                 : QStringLiteral("refused: "),
                          p.value(QStringLiteral("ok")).toBool()
                                  ? QString()
                                  : p.value(QStringLiteral("error")).toString().left(120)));
    else if (k == kinds::ToolInterrupted)
        line(QStringLiteral("  tool %1 interrupted by a restart (not run again)")
                     .arg(p.value(QStringLiteral("name")).toString()));
    else if (k == kinds::Checkpoint)
        line(QStringLiteral("checkpoint %1").arg(p.value(QStringLiteral("commit")).toString().left(10)));
    else if (k == kinds::GateResult) {
        const qint64 findings = p.contains(QStringLiteral("findings_count"))
                ? p.value(QStringLiteral("findings_count")).toInteger()
                : p.value(QStringLiteral("findings")).toArray().size();
        const QString reason = p.value(QStringLiteral("reason")).toString();
        line(QStringLiteral("  gate %1: %2 (%3 ms, %4 findings)%5")
                     .arg(p.value(QStringLiteral("gate")).toString(),
                          p.value(QStringLiteral("status")).toString())
                     .arg(p.value(QStringLiteral("duration_ms")).toInteger())
                     .arg(findings)
                     .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason));
    } else if (k == kinds::VerifyFinished)
        line(QStringLiteral("verify: %1, %2 findings")
                     .arg(p.value(QStringLiteral("passed")).toBool() ? QStringLiteral("passed")
                                                                     : QStringLiteral("FAILED"))
                     .arg(p.value(QStringLiteral("finding_count")).toInt()));
    else if (k == kinds::Escalated || k == kinds::BudgetExhausted || k == kinds::Failed ||
             k == kinds::Aborted)
        line(QStringLiteral("%1: %2").arg(k, p.value(QStringLiteral("reason")).toString()));
    else if (k == kinds::RunError)
        line(QStringLiteral("error: %1").arg(p.value(QStringLiteral("message")).toString()));
    else if (k == kinds::Merged)
        line(QStringLiteral("merged into %1 as %2")
                     .arg(p.value(QStringLiteral("target")).toString(),
                          p.value(QStringLiteral("commit")).toString().left(10)));
    else if (k == kinds::Paused)
        line(QStringLiteral("paused by %1").arg(e.actor));
}

void ProgressPrinter::summary(const RunState &s)
{
    m_out << "\nrun " << s.runId << ": " << runPhaseName(s.phase) << (s.paused ? " (paused)" : "")
          << " after " << s.iteration << (s.iteration == 1 ? " iteration" : " iterations") << ", "
          << s.modelTurns << " model calls, " << (s.tokensIn + s.tokensOut) << " tokens";
    if (s.cost > 0)
        m_out << QStringLiteral(", $%1").arg(s.cost, 0, 'f', 4);
    m_out << Qt::endl;
    if (!s.endReason.isEmpty())
        m_out << "reason: " << s.endReason << Qt::endl;
    if (s.phase == RunPhase::Review)
        m_out << "review the change on branch " << s.branch << ", then \"harness merge " << s.runId
              << "\" or \"harness discard " << s.runId << "\"" << Qt::endl;
}

} // namespace harness
