// TimelineData / TimelineBuilder: bars open on phase_started and close when the run's next phase opens
// or the run ends; events before any phase form a "start" bar. Events are read through the schema's
// typed payloads (core/events/).
#include "timelinedata.h"

#include "core/events/agentevents.h"
#include "core/events/runevents.h"
#include "core/events/verifyevents.h"

#include <algorithm>

namespace harness::ui {

int TimelineData::laneOf(const QString &taskId) const
{
    for (int i = 0; i < lanes.size(); ++i)
        if (lanes[i].taskId == taskId)
            return i;
    return -1;
}

int TimelineData::firstBarFrom(const TimelineLane &lane, qint64 t)
{
    const qint64 from = t - lane.maxDurationMs;
    auto it = std::lower_bound(lane.bars.cbegin(), lane.bars.cend(), from,
                               [](const TimelineBar &b, qint64 v) { return b.startMs < v; });
    return int(it - lane.bars.cbegin());
}

TimelineBar &TimelineBuilder::openBar(const Event &event, const QString &phase, int iteration)
{
    const QString taskId = m_runTask.value(event.runId, event.runId);
    int lane = m_laneIndex.value(taskId, -1);
    if (lane < 0) {
        lane = int(m_data.lanes.size());
        m_data.lanes.append(TimelineLane {taskId, {}, 0});
        m_laneIndex.insert(taskId, lane);
    }
    TimelineBar bar;
    bar.runId = event.runId;
    bar.phase = phase;
    bar.iteration = iteration;
    bar.startMs = bar.endMs = event.time.toMSecsSinceEpoch();
    bar.fromSeq = bar.toSeq = event.seq;
    QList<TimelineBar> &bars = m_data.lanes[lane].bars;
    // Events arrive in log order, so a new bar almost always goes at the end.
    int at = int(bars.size());
    while (at > 0 && bars[at - 1].startMs > bar.startMs)
        --at;
    bars.insert(at, bar);
    // Shift open-bar indices of this lane that moved.
    for (auto it = m_openBar.begin(); it != m_openBar.end(); ++it)
        if (it->first == lane && it->second >= at)
            ++it->second;
    m_openBar.insert(event.runId, {lane, at});
    return bars[at];
}

QStringList TimelineBuilder::payloadKinds()
{
    return {QString(PhaseStartedPayload::kKind), QString(ModelCallPayload::kKind),
            QString(GateResultPayload::kKind)};
}

void TimelineBuilder::apply(const Event &event)
{
    m_data.lastLogId = qMax(m_data.lastLogId, event.logId);
    if (event.runId.isEmpty())
        return; // store-wide events have no lane
    ++m_data.eventsSeen;
    const qint64 t = event.time.toMSecsSinceEpoch();
    // Time in which no run did anything (each waited for a human, or none was open) becomes a gap.
    if (m_data.lastMs > 0 && t - m_data.lastMs >= TimelineData::kMinGapMs && m_working.isEmpty())
        m_data.gaps.append({m_data.lastMs, t});
    if (m_data.firstMs == 0 || t < m_data.firstMs)
        m_data.firstMs = t;
    m_data.lastMs = qMax(m_data.lastMs, t);
    const QString &k = event.kind;
    if (k == QLatin1String("approval_requested") || k == QLatin1String("paused")) {
        m_working.remove(event.runId);
    } else if (k == QLatin1String("phase_started")) {
        const bool review = event.payload.value(QLatin1String("phase")).toString() == QLatin1String("review");
        if (review) {
            m_reviewing.insert(event.runId);
            m_working.remove(event.runId);
        } else {
            m_reviewing.remove(event.runId);
            m_working.insert(event.runId);
        }
    } else if (kinds::endsRun(event.kind)) {
        m_working.remove(event.runId);
        m_reviewing.remove(event.runId);
    } else if (!m_reviewing.contains(event.runId) || event.actor.startsWith(QLatin1String("human:"))) {
        // A decision, a resume or any work of the run: it is busy again until it waits anew.
        if (k != QLatin1String("review_comment"))
            m_working.insert(event.runId);
    }

    TimelineBar *bar = nullptr;
    auto current = m_openBar.constFind(event.runId);
    if (auto opened = payloadIf<PhaseStartedPayload>(event)) {
        if (current != m_openBar.cend())
            m_data.lanes[current->first].bars[current->second].open = false;
        bar = &openBar(event, opened->phase, qMax(1, opened->iteration));
    } else if (current == m_openBar.cend()) {
        bar = &openBar(event, QStringLiteral("start"), 1);
    } else {
        bar = &m_data.lanes[current->first].bars[current->second];
    }
    bar->endMs = qMax(bar->endMs, t);
    bar->toSeq = qMax(bar->toSeq, event.seq);
    ++bar->events;
    if (auto call = payloadIf<ModelCallPayload>(event)) {
        bar->tokens += call->tokens();
        bar->cost += call->cost;
    }
    if (event.kind == kinds::ToolCallStarted)
        ++bar->toolCalls;
    if (event.kind.contains(QLatin1String("error")) || event.kind == kinds::PlanInvalid)
        ++bar->errors;
    else if (auto gate = payloadIf<GateResultPayload>(event); gate && gate->status == GateStatus::Failed)
        ++bar->errors;
    const auto pos = m_openBar.value(event.runId);
    TimelineLane &lane = m_data.lanes[pos.first];
    lane.maxDurationMs = qMax(lane.maxDurationMs, bar->endMs - bar->startMs);
    if (kinds::endsRun(event.kind)) {
        bar->open = false;
        m_openBar.remove(event.runId);
    }
}

} // namespace harness::ui
