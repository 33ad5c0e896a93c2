// RepositorySession: refreshes on the store's announced changes (and a slow fallback poll), and the
// shared selection.
#include "repositorysession.h"

#include "core/localuser.h"
#include "store/storenotifier.h"

#include <QDir>
#include <QFileInfo>

namespace harness::ui {

struct RepositorySession::Snapshot
{
    QString error;
    QList<Task> tasks;
    QList<Run> runs;
    QList<Approval> pending;
    qint64 lastLogId = 0;
};

Result<RepositorySession *> RepositorySession::open(const QString &repositoryRoot, QObject *parent)
{
    auto store = Store::open(StoreLocation::forRepository(repositoryRoot));
    if (!store)
        return store.error();
    return new RepositorySession(repositoryRoot, std::shared_ptr<Store>(std::move(store.value())), parent);
}

RepositorySession::RepositorySession(const QString &repositoryRoot, std::shared_ptr<Store> store,
                                     QObject *parent)
    : QObject(parent), m_root(QDir::cleanPath(repositoryRoot)), m_store(std::move(store)),
      m_worker(new StoreWorker(m_store, this))
{
    m_poll.setInterval(kFallbackPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RepositorySession::refresh);
    m_poll.start();
    m_changed.setSingleShot(true);
    m_changed.setInterval(kCoalesceMs);
    connect(&m_changed, &QTimer::timeout, this, &RepositorySession::refresh);
    StoreNotifier &changes = m_store->notifier();
    connect(
            &changes, &StoreNotifier::changed, this,
            [this] {
                if (!m_changed.isActive())
                    m_changed.start();
            },
            Qt::QueuedConnection);
    changes.start();
    refresh();
}

RepositorySession::~RepositorySession()
{
    Q_EMIT closing();
    m_poll.stop();
    delete m_worker; // joins the store thread before the store goes away
    m_worker = nullptr;
}

QString RepositorySession::displayName() const
{
    return QFileInfo(m_root).fileName();
}

QString RepositorySession::userActor()
{
    return LocalUser::actor();
}

Task RepositorySession::taskById(const QString &id) const
{
    for (const Task &t : m_tasks)
        if (t.id == id)
            return t;
    return {};
}

Run RepositorySession::runById(const QString &id) const
{
    for (const Run &r : m_runs)
        if (r.id == id)
            return r;
    return {};
}

QList<Run> RepositorySession::runsOfTask(const QString &taskId) const
{
    QList<Run> out;
    for (const Run &r : m_runs)
        if (r.taskId == taskId)
            out.append(r);
    return out;
}

void RepositorySession::setPollInterval(int ms)
{
    if (ms <= 0) {
        m_poll.stop();
        return;
    }
    m_poll.setInterval(ms);
    m_poll.start();
}

void RepositorySession::refresh()
{
    if (m_polling) {
        m_pollAgain = true;
        return;
    }
    m_polling = true;
    m_worker->post(
            this,
            [](Store &store) {
                Snapshot s;
                auto last = store.lastLogId();
                auto tasks = store.tasks();
                auto runs = store.runs();
                auto pending = store.approvals(true);
                if (!last || !tasks || !runs || !pending) {
                    s.error = !last  ? last.errorText()
                            : !tasks ? tasks.errorText()
                            : !runs  ? runs.errorText()
                                     : pending.errorText();
                    return s;
                }
                s.lastLogId = *last;
                s.tasks = *tasks;
                s.runs = *runs;
                s.pending = *pending;
                return s;
            },
            [this](const Snapshot &s) {
                m_polling = false;
                apply(s);
                if (m_pollAgain) {
                    m_pollAgain = false;
                    refresh();
                }
            });
}

void RepositorySession::waitForRefresh()
{
    while (m_polling || m_pollAgain)
        m_worker->drain();
}

void RepositorySession::apply(const Snapshot &s)
{
    if (!s.error.isEmpty()) {
        if (s.error != m_lastError) {
            m_lastError = s.error;
            Q_EMIT storeError(tr("Reading the store failed: %1").arg(s.error));
        }
        return;
    }
    m_lastError.clear();
    if (s.tasks != m_tasks) {
        m_tasks = s.tasks;
        Q_EMIT tasksChanged();
    }
    if (s.runs != m_runs) {
        m_runs = s.runs;
        Q_EMIT runsChanged();
    }
    if (s.pending != m_pending) {
        m_pending = s.pending;
        Q_EMIT pendingApprovalsChanged();
    }
    if (s.lastLogId != m_lastLogId) {
        m_lastLogId = s.lastLogId;
        Q_EMIT logAdvanced(m_lastLogId);
    }
}

void RepositorySession::selectTask(const QString &taskId)
{
    if (taskId == m_currentTask)
        return;
    m_currentTask = taskId;
    Q_EMIT currentTaskChanged(taskId);
}

void RepositorySession::selectRun(const QString &runId)
{
    if (runId == m_currentRun)
        return;
    m_currentRun = runId;
    const Run r = runById(runId);
    if (!r.taskId.isEmpty())
        selectTask(r.taskId);
    Q_EMIT currentRunChanged(runId);
}

} // namespace harness::ui
