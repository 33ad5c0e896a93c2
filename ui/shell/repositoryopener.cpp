// RepositoryOpener: Project::open and `git init` run in the thread pool; a superseded open's result is
// dropped when it arrives.
#include "repositoryopener.h"
#include "repositorycheck.h"

#include "orchestration/project.h"
#include "orchestration/projectinitializer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent>

namespace harness::ui {

RepositoryOpener::RepositoryOpener(QWidget *window) : QObject(window), m_window(window)
{
    connect(&m_watcher, &QFutureWatcher<Result<std::shared_ptr<Project>>>::finished, this, [this] {
        const Result<std::shared_ptr<Project>> project = m_watcher.result();
        Q_EMIT progress({});
        m_lastOpened = project.ok();
        if (!project) {
            Q_EMIT failed(tr("%1 could not be opened: %2")
                                  .arg(QDir::toNativeSeparators(m_path), project.errorText()));
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
    m_storeSpec = storeSpec;
    Q_EMIT progress(tr("Opening %1 and its store…").arg(QDir::toNativeSeparators(*root)));
    const QString where = *root, spec = storeSpec;
    m_watcher.setFuture(QtConcurrent::run([where, spec] { return Project::open(where, spec); }));
    return true;
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
