// RepositoryOpener: opening a repository without blocking the window — the folder check, then finding its
// root and opening (and migrating) its store with Project::open on a worker thread while progress shows.
// A folder that is not a git repository yet gets a dialog offering `git init` (ProjectInitializer). A
// shared PostgreSQL store's password comes from the OS keychain first (StorePassword, asynchronous); a
// password given in the store URL is used for this open only and never handed on to be remembered. When
// the server wants a password or refuses the one given, StorePasswordDialog asks for it and the open is
// tried again with it; once it succeeds, the password goes to the keychain if the person asked for that.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <memory>

#include "core/result.h"
#include "store/storelocation.h"

#include <optional>

class QWidget;

namespace harness {
class Project;
class SecretStore;
} // namespace harness

namespace harness::ui {

class StorePasswordDialog;

class RepositoryOpener : public QObject
{
    Q_OBJECT
public:
    explicit RepositoryOpener(QWidget *window);
    ~RepositoryOpener() override;

    // Starts opening; opened() or failed() follows. False (and failed()) when the folder is refused at
    // once. A second open while one is under way supersedes it.
    bool open(const QString &path, const QString &storeSpec = {});
    // An open, the keychain's answer or the keychain keeping a typed password is under way. Not while the
    // password dialog waits for the person (isAskingForPassword).
    bool isOpening() const
    {
        return m_awaitingResult || m_initializing || m_readingPassword || m_writingPassword;
    }
    bool isAskingForPassword() const;
    // Waits (running the event loop) until the open under way has finished; true if it opened (tests).
    bool waitForOpen(int timeoutMs = 60000);

Q_SIGNALS:
    void progress(const QString &message); // empty when no open is under way any more
    void opened(std::shared_ptr<harness::Project> project, const QString &storeSpec);
    void failed(const QString &message);
    // For the window's message line: whether the keychain kept a password typed into the dialog.
    void notice(const QString &message);

private:
    void offerGitInit(const QString &folder, const QString &storeSpec);
    void startOpen(const QString &root, const QString &storeSpec, const QString &password);
    void finishOpen();
    // After a failed open: shows the password dialog (or its refusal) when the server wants a password;
    // false when this failure is not one a password can cure.
    bool askForPassword(const QString &error, const QString &message);
    void closePasswordDialog();
    void rememberPassword();

    QPointer<QWidget> m_window;
    QPointer<StorePasswordDialog> m_dialog;
    std::optional<StoreLocation> m_asked; // the store the dialog asks the password of
    QString m_remember; // the typed password to keep in the keychain once the open succeeds
    QString m_lastFailure; // the failed open's message, for Cancel
    QFutureWatcher<Result<std::shared_ptr<Project>>> m_watcher;
    SecretStore *m_secrets;
    QString m_path, m_storeSpec;
    QString m_passwordNote; // why the keychain gave no password, for a refused connection's message
    quint64 m_generation = 0;
    quint64 m_openGeneration = 0; // the open() whose Project::open runs on the worker
    bool m_initializing = false;
    bool m_readingPassword = false;
    bool m_writingPassword = false;
    bool m_awaitingResult = false; // Project::open runs, or its result is not handled yet
    bool m_cancelled = false; // the dialog was cancelled while its connection was tried: drop the result
    bool m_lastOpened = false;
};

} // namespace harness::ui
