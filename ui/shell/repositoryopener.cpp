// RepositoryOpener: Project::open and `git init` run in the thread pool; a superseded open's result is
// dropped when it arrives.
#include "repositoryopener.h"
#include "repositorycheck.h"

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
    connect(&m_watcher, &QFutureWatcher<Result<std::shared_ptr<Project>>>::finished, this, [this] {
        const Result<std::shared_ptr<Project>> project = m_watcher.result();
        Q_EMIT progress({});
        m_lastOpened = project.ok();
        if (!project) {
            QString why = project.errorText();
            if (!m_passwordNote.isEmpty() && why.contains(QLatin1String("password")))
                why += QStringLiteral(" (") + m_passwordNote + QStringLiteral(")");
            Q_EMIT failed(tr("%1 could not be opened: %2").arg(QDir::toNativeSeparators(m_path), why));
            return;
        }
        Q_EMIT opened(*project, m_storeSpec);
    });
}

RepositoryOpener::~RepositoryOpener()
{
    m_watcher.waitForFinished();
}

bool RepositoryOpener::open(const QString &path, const QString &storeSpec)
{
    ++m_generation;
    m_readingPassword = false; // a keychain read under way belongs to the open this one supersedes
    const Result<QString> root = RepositoryCheck::rootOf(path);
    if (!root) {
        m_lastOpened = false;
        Q_EMIT failed(root.errorText());
        const QFileInfo info(path);
        if (info.isDir() && m_window)
            offerGitInit(info.absoluteFilePath(), storeSpec);
        return false;
    }
    if (m_watcher.isRunning()) {
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
    m_watcher.setFuture(QtConcurrent::run(
            [root, storeSpec, password] { return Project::open(root, storeSpec, password); }));
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
