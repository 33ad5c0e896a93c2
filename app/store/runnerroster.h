// RunnerRoster: the runners that serve this store — who they are, where, how many runs they take at
// once, and when each last said it was alive. One live runner per name: a second process under a name
// that is alive elsewhere is refused.
#pragma once

#include "sqlconnections.h"

#include <QDateTime>
#include <QList>

namespace harness {

struct RunnerInfo
{
    QString name;
    QString host;
    QString instance; // one per process, so a restart under the same name is told from a clash
    int capacity = 1;
    QString version;
    QDateTime started;
    QDateTime heartbeat;
    QString state; // "running", "stopping", "stopped", "offline" (store unreachable), as it last said
    QString note;
    int runs = 0; // runs it holds a live lease on now (read from the queue)

    // Alive: it said so within staleAfterMs and did not stop.
    bool alive(const QDateTime &now, int staleAfterMs) const
    {
        return state != QLatin1String("stopped") && heartbeat.isValid() &&
                heartbeat.msecsTo(now) <= staleAfterMs;
    }
};

class RunnerRoster
{
public:
    explicit RunnerRoster(SqlConnections &connections) : m_connections(connections) { }

    // Registers (or re-registers after a restart) a runner. Refused when another live process
    // (a heartbeat within staleAfterMs) holds the name.
    Status enroll(const RunnerInfo &runner, int staleAfterMs);
    // The runner says it is alive (and in which state). false: another process took the name.
    Result<bool> heartbeat(const QString &name, const QString &instance, const QString &state,
                           const QString &note = {});
    // Every runner, most recently alive first, with its live lease count; now is the database's clock.
    Result<QList<RunnerInfo>> runners();
    Result<QDateTime> now();

private:
    SqlConnections &m_connections;
};

} // namespace harness
