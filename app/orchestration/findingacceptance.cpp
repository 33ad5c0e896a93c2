// FindingAcceptance: the acceptable findings are read from the run's gate_result events (latest first).
#include "findingacceptance.h"
#include "runstate.h"

#include "core/events/verifyevents.h"

namespace harness {

namespace {

// The needs-a-human findings of the run's gate results, the latest result of each gate first, one per id.
QList<Finding> humanFindings(const QList<Event> &events)
{
    QList<Finding> out;
    QStringList ids;
    for (auto it = events.crbegin(); it != events.crend(); ++it)
        if (auto p = payloadIf<GateResultPayload>(*it))
            for (Finding f : p->findings) {
                if (f.source.isEmpty())
                    f.source = p->gate;
                if (f.needsHuman && !ids.contains(f.id())) {
                    ids << f.id();
                    out << f;
                }
            }
    return out;
}

} // namespace

Result<QList<Finding>> FindingAcceptance::awaiting(const QString &runId)
{
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    const RunState state = RunState::fold(*events);
    QList<Finding> out = humanFindings(*events);
    out.removeIf([&state](const Finding &f) { return state.acceptedFindings.contains(f.id()); });
    return out;
}

Result<Finding> FindingAcceptance::accept(const QString &runId, const QString &findingId,
                                          const QString &reason, const QString &actor)
{
    if (!m_store.run(runId))
        return Result<Finding>::failure(QStringLiteral("there is no run %1").arg(runId));
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    const RunState state = RunState::fold(*events);
    if (isTerminal(state.phase))
        return Result<Finding>::failure(
                QStringLiteral("run %1 has ended (%2); there is nothing left to accept")
                        .arg(runId, runPhaseName(state.phase)));
    const QString wanted = findingId.trimmed().toLower();
    QList<Finding> matches;
    for (const Finding &f : humanFindings(*events))
        if (f.id() == wanted || (wanted.size() >= 6 && f.id().startsWith(wanted)))
            matches << f;
    if (matches.isEmpty())
        return Result<Finding>::failure(
                QStringLiteral(
                        "run %1 has no finding %2 that waits for a human; only findings marked as needing "
                        "a human (out of scope, test configuration) can be accepted — \"harness status\" "
                        "lists them")
                        .arg(runId, findingId));
    if (matches.size() > 1)
        return Result<Finding>::failure(QStringLiteral("%1 names %2 findings of run %3; give more of the id")
                                                .arg(findingId)
                                                .arg(matches.size())
                                                .arg(runId));
    const Finding f = matches.first();
    if (state.acceptedFindings.contains(f.id()))
        return Result<Finding>::failure(
                QStringLiteral("finding %1 of run %2 is already accepted").arg(f.id(), runId));
    auto e = m_store.append(makeEvent(
            runId, FindingAcceptedPayload {f.id(), reason.trimmed(), f.source, f.rule, f.file, f.message},
            actor));
    if (!e)
        return e.error();
    return f;
}

QString FindingAcceptance::blockingMessage(const QString &runId, const QList<Finding> &awaiting)
{
    QStringList lines;
    for (const Finding &f : awaiting.mid(0, 10))
        lines << QStringLiteral("  %1  %2%3: %4")
                         .arg(f.id(), f.rule, f.file.isEmpty() ? QString() : QStringLiteral(" ") + f.file,
                              f.message.section(QLatin1Char('.'), 0, 0));
    if (awaiting.size() > 10)
        lines << QStringLiteral("  ... and %1 more").arg(awaiting.size() - 10);
    return QStringLiteral(
                   "run %1 waits for a human on %2 finding(s) only a human can settle:\n%3\naccept each "
                   "(harness accept %1 <finding> --reason TEXT, or Accept… in the Gates view) or send the "
                   "run back with feedback")
            .arg(runId)
            .arg(awaiting.size())
            .arg(lines.join(QLatin1Char('\n')));
}

} // namespace harness
