// RunTracker: one store job per update round covering every unfinished run, each read from its last
// folded seq; a round that hit the chunk limit schedules the next round at once.
#include "runtracker.h"
#include "common/repositorysession.h"

namespace harness::ui {

namespace {
constexpr int kChunk = 5000;
}

RunTracker::RunTracker(RepositorySession *session, QObject *parent) : QObject(parent), m_session(session)
{
    connect(session, &RepositorySession::runsChanged, this, &RunTracker::update);
    connect(session, &RepositorySession::logAdvanced, this, &RunTracker::update);
    update();
}

QString RunTracker::latestRunOf(const QString &taskId) const
{
    QString best;
    QDateTime bestTime;
    qint64 bestNumber = -1;
    for (const Run &r : m_session->runs()) {
        if (r.taskId != taskId)
            continue;
        const qint64 number = r.id.mid(1).toLongLong();
        if (best.isEmpty() || r.created > bestTime || (r.created == bestTime && number > bestNumber)) {
            best = r.id;
            bestTime = r.created;
            bestNumber = number;
        }
    }
    return best;
}

void RunTracker::update()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    QHash<QString, RunState> work;
    for (const Run &r : m_session->runs()) {
        const RunState s = m_states.value(r.id);
        if (!isTerminal(s.phase))
            work.insert(r.id, s);
    }
    if (work.isEmpty())
        return;
    m_busy = true;
    struct Out
    {
        QHash<QString, RunState> states;
        QStringList changed;
        bool more = false;
    };
    m_session->worker()->post(
            this,
            [work](Store &store) {
                Out out;
                out.states = work;
                for (auto it = out.states.begin(); it != out.states.end(); ++it) {
                    auto events = store.events(it.key(), it->lastSeq + 1, -1, kChunk);
                    if (!events || events->isEmpty())
                        continue;
                    for (const Event &e : *events)
                        it->apply(e);
                    out.changed.append(it.key());
                    if (events->size() == kChunk)
                        out.more = true;
                }
                return out;
            },
            [this](const Out &out) {
                m_busy = false;
                for (const QString &id : out.changed) {
                    m_states.insert(id, out.states.value(id));
                    Q_EMIT runUpdated(id);
                }
                if (out.more || m_again) {
                    m_again = false;
                    update();
                }
            });
}

} // namespace harness::ui
