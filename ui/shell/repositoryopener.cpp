// RepositoryOpener: Project::open and `git init` run in the thread pool; a superseded open's result is
// dropped when it arrives. The password dialog is window-modal and opened with open(): nothing waits.
#include "repositoryopener.h"
#include "repositorycheck.h"
#include "storepassworddialog.h"

#include "agents/redactor.h"
#include "agents/secretstore.h"
#include "orchestration/project.h"
#include "orchestration/projectinitializer.h"
#include "orchestration/storepassword.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent>

namespace harness::ui {

RepositoryOpener::RepositoryOpener(QWidget *window)
    : QObject(window), m_window(window), m_secrets(new SecretStore(SecretStore::kService, this))
{
    connect(&m_watcher, &QFutureWatcher<Result<std::shared_ptr<Project>>>::finished, this,
            &RepositoryOpener::finishOpen);
}

void RepositoryOpener::finishOpen()
{
    const Result<std::shared_ptr<Project>> project = m_watcher.result();
    m_awaitingResult = false;
    Q_EMIT progress({});
    if (std::exchange(m_cancelled, false)) {
        m_lastOpened = false; // the person cancelled the dialog while this was tried; failed() was said
        return;
    }
    m_lastOpened = project.ok();
    if (!project) {
        QString why = project.errorText();
        if (!m_passwordNote.isEmpty() && why.contains(QLatin1String("password")))
            why += QStringLiteral(" (") + m_passwordNote + QStringLiteral(")");
        const QString message = tr("%1 could not be opened: %2").arg(QDir::toNativeSeparators(m_path), why);
        if (!askForPassword(project.errorText(), message))
            Q_EMIT failed(message);
        return;
    }
    closePasswordDialog();
    Q_EMIT opened(*project, m_storeSpec);
    rememberPassword();
}

RepositoryOpener::~RepositoryOpener()
{
    m_watcher.waitForFinished();
}

bool RepositoryOpener::open(const QString &path, const QString &storeSpec)
{
    ++m_generation;
    m_readingPassword = false; // a keychain read under way belongs to the open this one supersedes
    closePasswordDialog(); // so does a password asked for
    const Result<QString> root = RepositoryCheck::rootOf(path);
    if (!root) {
        m_lastOpened = false;
        Q_EMIT failed(root.errorText());
        const QFileInfo info(path);
        if (info.isDir() && m_window)
            offerGitInit(info.absoluteFilePath(), storeSpec);
        return false;
    }
    if (m_awaitingResult) {
        // One open at a time: the newest request starts once the current one is done.
        const quint64 generation = m_generation;
        QObject *context = new QObject(this);
        connect(&m_watcher, &QFutureWatcher<Result<std::shared_ptr<Project>>>::finished, context,
                [this, context, generation, path, storeSpec] {
                    context->deleteLater();
                    if (generation == m_generation)
                        QTimer::singleShot(0, this, [this, path, storeSpec] { open(path, storeSpec); });
                });
        return true;
    }
    m_path = *root;
    // A password in the URL serves this open; what is handed on (and remembered) has none.
    QString spec = storeSpec, password;
    if (auto given = StoreLocation::parse(storeSpec); !storeSpec.isEmpty() && given &&
        given->backend == StoreLocation::Backend::Postgres && !given->postgresPassword.isEmpty()) {
        password = given->postgresPassword;
        spec = given->urlWithoutPassword();
    }
    m_storeSpec = spec;
    m_passwordNote.clear();
    const std::optional<StoreLocation> keychain =
            password.isEmpty() ? StorePassword::needsKeychain(spec) : std::nullopt;
    if (!keychain) {
        startOpen(*root, spec, password);
        return true;
    }
    m_readingPassword = true;
    Q_EMIT progress(tr("Reading the password of %1 from the keychain…").arg(keychain->describe()));
    const quint64 generation = m_generation;
    const QString where = *root;
    StorePassword::read(*m_secrets, *keychain, this,
                        [this, generation, where, spec](const StorePassword::Answer &answer) {
                            if (generation != m_generation)
                                return; // superseded
                            m_readingPassword = false;
                            m_passwordNote = answer.note;
                            startOpen(where, spec, answer.password);
                        });
    return true;
}

void RepositoryOpener::startOpen(const QString &root, const QString &storeSpec, const QString &password)
{
    Q_EMIT progress(tr("Opening %1 and its store…").arg(QDir::toNativeSeparators(root)));
    m_openGeneration = m_generation;
    m_awaitingResult = true;
    m_watcher.setFuture(QtConcurrent::run(
            [root, storeSpec, password] { return Project::open(root, storeSpec, password); }));
}

bool RepositoryOpener::isAskingForPassword() const
{
    return m_dialog && !m_dialog->isConnecting();
}

bool RepositoryOpener::askForPassword(const QString &error, const QString &message)
{
    const std::optional<StoreLocation> store = StorePassword::sharedStore(m_storeSpec);
    if (!m_window || m_openGeneration != m_generation || !store || !StorePassword::isRefusal(error)) {
        closePasswordDialog();
        return false;
    }
    m_asked = store;
    m_lastFailure = message;
    m_remember.clear();
    QString text = StorePassword::refusal(error);
    if (!m_passwordNote.isEmpty()) // why the keychain gave none: said once, before anything was typed
        text += QLatin1Char(' ') + m_passwordNote.left(1).toUpper() + m_passwordNote.mid(1) +
                QLatin1Char('.');
    m_passwordNote.clear();
    if (!m_dialog) {
        m_dialog = new StorePasswordDialog(*store, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &StorePasswordDialog::connectRequested, this,
                [this](const QString &password, bool remember) {
                    Redactor::global().add(password); // masked in anything logged from now on
                    m_remember = remember ? password : QString();
                    startOpen(m_path, m_storeSpec, password);
                });
        connect(m_dialog, &QDialog::rejected, this, [this] {
            m_dialog = nullptr; // it deletes itself on close
            m_remember.clear();
            m_cancelled = m_awaitingResult;
            Q_EMIT progress({});
            Q_EMIT failed(m_lastFailure);
        });
        m_dialog->open();
    }
    m_dialog->showRefusal(text, !StorePassword::isMissing(error));
    return true;
}

void RepositoryOpener::closePasswordDialog()
{
    if (!m_dialog)
        return;
    m_dialog->disconnect(this);
    m_dialog->close();
    m_dialog = nullptr;
}

void RepositoryOpener::rememberPassword()
{
    const QString password = std::exchange(m_remember, {});
    if (password.isEmpty() || !m_asked)
        return;
    m_writingPassword = true;
    const QString name = m_asked->keychainKey();
    StorePassword::write(*m_secrets, *m_asked, password, this, [this, name](const Status &kept) {
        m_writingPassword = false;
        Q_EMIT notice(kept ? tr("The store's password is kept in the keychain (entry \"%1\").").arg(name)
                           : kept.errorText());
    });
}

void RepositoryOpener::offerGitInit(const QString &folder, const QString &storeSpec)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Not a Git Repository"),
                                tr("%1 is not inside a git repository.\n\nThe workbench keeps every agent's "
                                   "work on git branches, so it needs one. Create an empty repository "
                                   "here (git init)? Your files stay as they are.")
                                        .arg(QDir::toNativeSeparators(folder)),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("initRepositoryDialog"));
    QPushButton *init = box->addButton(tr("Create Repository (git init)"), QMessageBox::AcceptRole);
    init->setObjectName(QStringLiteral("gitInitButton"));
    box->setDefaultButton(init);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, init, folder, storeSpec](int) {
        if (box->clickedButton() != init)
            return;
        m_initializing = true;
        Q_EMIT progress(tr("Creating a git repository in %1…").arg(QDir::toNativeSeparators(folder)));
        auto *watcher = new QFutureWatcher<Status>(this);
        connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, folder, storeSpec] {
            watcher->deleteLater();
            m_initializing = false;
            Q_EMIT progress({});
            const Status made = watcher->result();
            if (!made) {
                Q_EMIT failed(tr("No repository was created in %1: %2")
                                      .arg(QDir::toNativeSeparators(folder), made.errorText()));
                return;
            }
            open(folder, storeSpec);
        });
        watcher->setFuture(
                QtConcurrent::run([folder] { return ProjectInitializer::initGitRepository(folder); }));
    });
    box->open();
}

bool RepositoryOpener::waitForOpen(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (isOpening() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents();
    return !isOpening() && m_lastOpened;
}

} // namespace harness::ui
