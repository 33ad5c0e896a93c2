// RepositoryOpener: opening a repository without blocking the window — the folder check, then finding its
// root and opening (and migrating) its store with Project::open on a worker thread while progress shows.
// A folder that is not a git repository yet gets a dialog offering `git init` (ProjectInitializer). A
// shared PostgreSQL store's password comes from the OS keychain first (StorePassword, asynchronous); a
// password given in the store URL is used for this open only and never handed on to be remembered.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <memory>

#include "core/result.h"

class QWidget;

namespace harness {
class Project;
class SecretStore;
} // namespace harness

namespace harness::ui {

class RepositoryOpener : public QObject
{
    Q_OBJECT
public:
    explicit RepositoryOpener(QWidget *window);
    ~RepositoryOpener() override;

    // Starts opening; opened() or failed() follows. False (and failed()) when the folder is refused at
    // once. A second open while one is under way supersedes it.
    bool open(const QString &path, const QString &storeSpec = {});
    bool isOpening() const { return m_watcher.isRunning() || m_initializing || m_readingPassword; }
    // Waits (running the event loop) until the open under way has finished; true if it opened (tests).
    bool waitForOpen(int timeoutMs = 60000);

Q_SIGNALS:
    void progress(const QString &message); // empty when no open is under way any more
    void opened(std::shared_ptr<harness::Project> project, const QString &storeSpec);
    void failed(const QString &message);

private:
    void offerGitInit(const QString &folder, const QString &storeSpec);
    void startOpen(const QString &root, const QString &storeSpec, const QString &password);

    QPointer<QWidget> m_window;
    QFutureWatcher<Result<std::shared_ptr<Project>>> m_watcher;
    SecretStore *m_secrets;
    QString m_path, m_storeSpec;
    QString m_passwordNote; // why the keychain gave no password, for a refused connection's message
    quint64 m_generation = 0;
    bool m_initializing = false;
    bool m_readingPassword = false;
    bool m_lastOpened = false;
};

} // namespace harness::ui
