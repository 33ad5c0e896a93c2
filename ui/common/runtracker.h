// RunTracker: keeps a RunFold per run of the session up to date, reading only the events appended
// since the last look, in chunks on the store thread.
#pragma once

#include "common/runfold.h"

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

    // The fold of a run so far (empty fold for an unknown run).
    RunFold fold(const QString &runId) const { return m_folds.value(runId); }
    // The newest run of a task, or an empty string.
    QString latestRunOf(const QString &taskId) const;
    bool isIdle() const { return !m_busy; }

Q_SIGNALS:
    void runUpdated(const QString &runId);

private:
    void update();
    RepositorySession *m_session;
    QHash<QString, RunFold> m_folds;
    bool m_busy = false;
    bool m_again = false;
};

} // namespace harness::ui
