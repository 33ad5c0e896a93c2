// TimelineLoader: one chunk per store job, so other views' jobs interleave with a long catch-up.
#include "timelineloader.h"
#include "common/repositorysession.h"

namespace harness::ui {

struct TimelineLoader::State
{
    TimelineBuilder builder;
    qint64 nextLogId = 1;
};

TimelineLoader::TimelineLoader(RepositorySession *session, QObject *parent)
    : QObject(parent), m_session(session), m_state(std::make_shared<State>())
{
    connect(session, &RepositorySession::logAdvanced, this, &TimelineLoader::update);
    update();
}

void TimelineLoader::update()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    QHash<QString, QString> runTask;
    for (const Run &r : m_session->runs())
        runTask.insert(r.id, r.taskId);
    struct Out
    {
        TimelineData data;
        bool changed = false;
        bool more = false;
        QString error;
    };
    std::shared_ptr<State> state = m_state;
    m_session->worker()->post(
            this,
            [state, runTask](Store &store) {
                Out out;
                for (auto it = runTask.cbegin(); it != runTask.cend(); ++it)
                    state->builder.addRunTask(it.key(), it.value());
                auto events =
                        store.eventHeadsFromLog(state->nextLogId, kChunk, TimelineBuilder::payloadKinds());
                if (!events) {
                    out.error = events.errorText();
                    return out;
                }
                for (const Event &e : *events) {
                    if (!e.runId.isEmpty() && !state->builder.knowsRun(e.runId)) {
                        auto run = store.run(e.runId);
                        state->builder.addRunTask(e.runId, run ? run->taskId : e.runId);
                    }
                    state->builder.apply(e);
                    state->nextLogId = e.logId + 1;
                }
                out.changed = !events->isEmpty();
                out.more = events->size() == kChunk;
                if (out.changed)
                    out.data = state->builder.data();
                return out;
            },
            [this](const Out &out) {
                m_busy = false;
                if (!out.error.isEmpty()) {
                    Q_EMIT loadError(tr("The timeline could not read the event log: %1").arg(out.error));
                    return;
                }
                if (out.changed) {
                    m_data = out.data;
                    Q_EMIT dataChanged();
                }
                if (out.more || m_again) {
                    m_again = false;
                    update();
                } else {
                    Q_EMIT caughtUp(m_data.lastLogId);
                }
            });
}

} // namespace harness::ui
