// TimelineData: the timeline as lanes (one per task) of bars (one per phase and iteration of a run),
// folded from the event log in order by TimelineBuilder. Plain values: copied to the GUI thread.
#pragma once

#include "core/event.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace harness::ui {

struct TimelineBar
{
    QString runId;
    QString phase;
    int iteration = 0;
    qint64 startMs = 0; // milliseconds since the epoch, UTC
    qint64 endMs = 0; // time of the last event in the bar
    bool open = true; // still growing (the run has not moved on)
    qint64 fromSeq = 0; // the run's events in this bar: [fromSeq, toSeq]
    qint64 toSeq = 0;
    qint64 events = 0;
    qint64 tokens = 0;
    double cost = 0.0;
    int toolCalls = 0;
    int errors = 0;
};

struct TimelineLane
{
    QString taskId;
    QList<TimelineBar> bars; // ordered by start
    qint64 maxDurationMs = 0;
};

// A stretch of time in which every run waited for a human (a plan's approval, a review) or nothing ran:
// the axis shows it as a short break with its length, so the work is what fills the view.
struct TimelineGap
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool operator==(const TimelineGap &) const = default;
};

struct TimelineData
{
    static constexpr qint64 kMinGapMs = 20000; // waits shorter than this stay to scale

    QList<TimelineLane> lanes; // in order of first appearance
    QList<TimelineGap> gaps; // ordered, not overlapping
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    qint64 lastLogId = 0;
    qint64 eventsSeen = 0;

    int laneOf(const QString &taskId) const;
    bool isEmpty() const { return lanes.isEmpty(); }
    // Index of the first bar of a lane that may be visible from t on (bars ordered by start).
    static int firstBarFrom(const TimelineLane &lane, qint64 t);
};

class TimelineBuilder
{
public:
    // runTask maps run ids to task ids; unknown runs get a lane named after the run.
    void setRunTasks(const QHash<QString, QString> &runTask) { m_runTask = runTask; }
    void addRunTask(const QString &runId, const QString &taskId) { m_runTask.insert(runId, taskId); }
    bool knowsRun(const QString &runId) const { return m_runTask.contains(runId); }
    // Folds the next event of the log. Of payloads it reads only those of payloadKinds(), so the
    // loader reads only those (Store::eventHeadsFromLog).
    void apply(const Event &event);
    static QStringList payloadKinds();
    const TimelineData &data() const { return m_data; }

private:
    TimelineBar &openBar(const Event &event, const QString &phase, int iteration);

    TimelineData m_data;
    QSet<QString> m_working; // runs that are doing something (not waiting for a human, not paused)
    QSet<QString> m_reviewing; // runs in their review phase
    QHash<QString, QString> m_runTask;
    QHash<QString, int> m_laneIndex;
    QHash<QString, QPair<int, int>> m_openBar; // run -> (lane, bar)
};

} // namespace harness::ui
