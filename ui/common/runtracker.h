// RunTracker: keeps the one fold (RunState) of each run of the session up to date, reading only the
// events appended since the last look, in chunks on the store thread; views read its RunSummary.
#pragma once

#include "orchestration/runstate.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace harness::ui {

class RepositorySession;

class RunTracker : public QObject
{
    Q_OBJECT
public:
    explicit RunTracker(RepositorySession *session, QObject *parent = nullptr);

    // What the fold of a run says so far (an empty summary for an unknown run).
    RunSummary summary(const QString &runId) const { return m_states.value(runId).summary(); }
    // The newest run of a task, or an empty string.
    QString latestRunOf(const QString &taskId) const;
    bool isIdle() const { return !m_busy; }

Q_SIGNALS:
    void runUpdated(const QString &runId);

private:
    void update();
    RepositorySession *m_session;
    QHash<QString, RunState> m_states;
    bool m_busy = false;
    bool m_again = false;
};

} // namespace harness::ui
