// RunSummary: phase names and progress.
#include "runsummary.h"

namespace harness {

QString runPhaseName(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Created:
        return QStringLiteral("created");
    case RunPhase::Planning:
        return QStringLiteral("planning");
    case RunPhase::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    case RunPhase::Building:
        return QStringLiteral("building");
    case RunPhase::Verifying:
        return QStringLiteral("verifying");
    case RunPhase::Fixing:
        return QStringLiteral("fixing");
    case RunPhase::Review:
        return QStringLiteral("review");
    case RunPhase::Merged:
        return QStringLiteral("merged");
    case RunPhase::Discarded:
        return QStringLiteral("discarded");
    case RunPhase::Escalated:
        return QStringLiteral("escalated");
    case RunPhase::Failed:
        return QStringLiteral("failed");
    case RunPhase::Aborted:
        return QStringLiteral("aborted");
    case RunPhase::PullRequest:
        return QStringLiteral("left_for_pull_request");
    }
    return QStringLiteral("created");
}

bool isTerminal(RunPhase phase)
{
    return phase == RunPhase::Merged || phase == RunPhase::Discarded || phase == RunPhase::Escalated ||
            phase == RunPhase::Failed || phase == RunPhase::Aborted || phase == RunPhase::PullRequest;
}

const QStringList &RunSummary::stepOrder()
{
    static const QStringList order {QStringLiteral("plan"),  QStringLiteral("approve"),
                                    QStringLiteral("build"), QStringLiteral("verify"),
                                    QStringLiteral("fix"),   QStringLiteral("review")};
    return order;
}

double RunSummary::progress() const
{
    if (finished)
        return 1.0;
    const int index = int(stepOrder().indexOf(step));
    if (index < 0)
        return 0.0;
    return double(index + 1) / double(stepOrder().size() + 1);
}

QString RunSummary::runnerText() const
{
    if (runner.isEmpty())
        return {};
    return runnerHost.isEmpty() ? runner : QStringLiteral("%1 on %2").arg(runner, runnerHost);
}

} // namespace harness
