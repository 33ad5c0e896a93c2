// RepositorySession: the opened repository and its store, shared by every view — what is selected,
// and what changed in the store: re-read on the store thread when the store announces a change
// (StoreNotifier: LISTEN/NOTIFY on PostgreSQL, so changes made by headless runners or other workbenches
// show up at once), and after a fallback interval in any case.
#pragma once

#include "common/storeworker.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace harness::ui {

class RepositorySession : public QObject
{
    Q_OBJECT
public:
    // Opens the store of a repository (blocks for the open and migration only).
    static Result<RepositorySession *> open(const QString &repositoryRoot, QObject *parent = nullptr);
    // Uses a store that is already open (tests, the demo).
    RepositorySession(const QString &repositoryRoot, std::shared_ptr<Store> store, QObject *parent = nullptr);
    ~RepositorySession() override;

    QString repositoryRoot() const { return m_root; }
    QString displayName() const;
    Store &store() const { return *m_store; }
    StoreWorker *worker() const { return m_worker; }
    // The actor recorded for decisions made in this workbench: "human:<login name>".
    static QString userActor();

    const QList<Task> &tasks() const { return m_tasks; }
    const QList<Run> &runs() const { return m_runs; }
    const QList<Approval> &pendingApprovals() const { return m_pending; }
    qint64 lastLogId() const { return m_lastLogId; }
    Task taskById(const QString &id) const;
    Run runById(const QString &id) const;
    QList<Run> runsOfTask(const QString &taskId) const;

    QString currentTaskId() const { return m_currentTask; }
    QString currentRunId() const { return m_currentRun; }

    // The fallback interval (milliseconds) after which the store is read even without an announced
    // change; 0 stops the fallback (announced changes still refresh).
    void setPollInterval(int ms);
    static constexpr int kFallbackPollMs = 5000;
    // Changes announced within this many milliseconds are read together.
    static constexpr int kCoalesceMs = 15;
    // Polls now (after a local edit); the change signals follow asynchronously.
    void refresh();
    // Blocks until the refresh in flight, if any, has been delivered (tests).
    void waitForRefresh();
    QString lastError() const { return m_lastError; }

    // What a view keeps for this repository (its document, undo stack, box positions, selection): made
    // by make(this) on first use, a child of the session and deleted with it, so nothing of one
    // repository reaches the next. T is a QObject.
    template<typename T, typename Make>
    T *viewState(const QString &key, Make make)
    {
        if (QObject *kept = m_viewState.value(key))
            return qobject_cast<T *>(kept);
        T *made = make(this);
        m_viewState.insert(key, made);
        return made;
    }

public Q_SLOTS:
    void selectTask(const QString &taskId);
    void selectRun(const QString &runId);

Q_SIGNALS:
    // The session is being destroyed, its view state (children) still alive: a view that shows it lets go.
    void closing();
    void tasksChanged();
    void runsChanged();
    void pendingApprovalsChanged();
    void logAdvanced(qint64 lastLogId);
    void currentTaskChanged(const QString &taskId);
    void currentRunChanged(const QString &runId);
    void storeError(const QString &message);

private:
    struct Snapshot;
    void apply(const Snapshot &snapshot);

    QString m_root;
    std::shared_ptr<Store> m_store;
    StoreWorker *m_worker = nullptr;
    QTimer m_poll;
    QTimer m_changed; // coalesces announced changes into one refresh
    bool m_polling = false;
    bool m_pollAgain = false;
    QList<Task> m_tasks;
    QList<Run> m_runs;
    QList<Approval> m_pending;
    qint64 m_lastLogId = -1;
    QString m_currentTask;
    QString m_currentRun;
    QString m_lastError;
    QHash<QString, QPointer<QObject>> m_viewState;
};

} // namespace harness::ui
