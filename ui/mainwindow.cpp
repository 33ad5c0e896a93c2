// MainWindow: one clearly marked place per view below (createViews); views talk to each other only
// through the RepositorySession (selection, store changes) and the signals wired here.
#include "mainwindow.h"

#include "audit/auditpanel.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "diff/diffreviewpanel.h"
#include "gates/gateresultevents.h"
#include "gates/gatespanel.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/reviewservice.h"
#include "orchestration/runcontroller.h"
#include "plan/approvalbanner.h"
#include "plan/approvalnotifier.h"
#include "plan/planpanel.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "runcontrols/runcontrolspanel.h"
#include "settings/settingsdialog.h"
#include "shell/recentrepositories.h"
#include "shell/repositorycheck.h"
#include "shell/tasklistpanel.h"
#include "shell/welcomepage.h"
#include "taskgraph/taskgraphpanel.h"
#include "timeline/timelinepanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace harness::ui {

namespace {
QString storeSpecKey(const QString &root)
{
    return QStringLiteral("stores/") +
            QString::fromLatin1(root.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Harness Workbench"));
    setDockNestingEnabled(true);
    createViews();
    createMenus();
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setSession(nullptr);
}

MainWindow::~MainWindow()
{
    setSession(nullptr);
}

void MainWindow::createViews()
{
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_banner = new ApprovalBanner(central);
    m_center = new QStackedWidget(central);
    m_welcome = new WelcomePage(m_center);
    m_tabs = new QTabWidget(m_center);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    m_center->addWidget(m_welcome);
    m_center->addWidget(m_tabs);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_center, 1);
    setCentralWidget(central);
    connect(m_welcome, &WelcomePage::browseRequested, this, &MainWindow::browseForRepository);
    connect(m_welcome, &WelcomePage::openRequested, this,
            [this](const QString &path) { openRepository(path); });

    // --- Window shell: task list (left dock) ---
    m_taskList = new TaskListPanel(this);
    addDockView(m_taskList, tr("Tasks"), QStringLiteral("tasksDock"), Qt::LeftDockWidgetArea);
    onSession([this](RepositorySession *s) { m_taskList->setSession(s); });
    connect(m_taskList, &TaskListPanel::errorOccurred, this,
            [this](const QString &m) { statusBar()->showMessage(m, 10000); });

    // --- Workbench I: task graph (central tab) ---
    m_taskGraph = new TaskGraphPanel(this);
    addCentralView(m_taskGraph, tr("Task Graph"));
    onSession([this](RepositorySession *s) { m_taskGraph->setSession(s, m_tracker); });

    // --- Workbench I: timeline (central tab) ---
    m_timeline = new TimelinePanel(this);
    addCentralView(m_timeline, tr("Timeline"));
    onSession([this](RepositorySession *s) { m_timeline->setSession(s); });

    // --- Workbench I: run controls (right dock) ---
    m_runControls = new RunControlsPanel(this);
    addDockView(m_runControls, tr("Run"), QStringLiteral("runDock"), Qt::RightDockWidgetArea);
    onSession([this](RepositorySession *s) { m_runControls->setSession(s, m_tracker); });

    // --- Workbench I: plan approval (right dock), banner and desktop notification ---
    m_plan = new PlanPanel(this);
    QDockWidget *planDock =
            addDockView(m_plan, tr("Plan Approval"), QStringLiteral("planDock"), Qt::RightDockWidgetArea);
    m_notifier = new ApprovalNotifier(this);
    onSession([this](RepositorySession *s) {
        m_plan->setSession(s);
        m_banner->setSession(s);
        m_notifier->setSession(s);
    });
    auto reviewApproval = [this, planDock](const QString &approvalId) {
        planDock->show();
        planDock->raise();
        m_plan->showApproval(approvalId);
    };
    connect(m_banner, &ApprovalBanner::reviewRequested, this, reviewApproval);
    connect(m_notifier, &ApprovalNotifier::activated, this, reviewApproval);
    connect(m_notifier, &ApprovalNotifier::notified, this,
            [this](const QString &, const QString &message) { statusBar()->showMessage(message, 15000); });

    // --- Workbench I: audit trail (central tab) ---
    m_audit = new AuditPanel(this);
    addCentralView(m_audit, tr("Audit"));
    onSession([this](RepositorySession *s) { m_audit->setSession(s); });

    // --- Workbench II: diff / review (central tab) — mounted by WORKBENCH-II ---
    auto *diff = new DiffReviewPanel(this);
    diff->setObjectName(QStringLiteral("diffPanel"));
    addCentralView(diff, tr("Diff"));
    diff->setLiveRefresh(true);
    // --- Workbench II: gates (bottom dock) — mounted by WORKBENCH-II ---
    auto *gates = new GatesPanel(this);
    gates->setObjectName(QStringLiteral("gatesPanel"));
    addDockView(gates, tr("Gates"), QStringLiteral("gatesDock"), Qt::BottomDockWidgetArea);
    // --- Workbench II: rule editor (central tab) — mounted by WORKBENCH-II ---
    auto *rules = new RuleEditorPanel(this);
    rules->setObjectName(QStringLiteral("ruleEditorPanel"));
    addCentralView(rules, tr("Rules"));
    // The selected run (or, without one, the repository's uncommitted changes) in the diff; its
    // gate results read back from its gate_result events on the store thread.
    auto loadGates = [gates, diff](RepositorySession *s) {
        const QString runId = s->currentRunId();
        s->worker()->post(
                gates,
                [runId](Store &store) {
                    return runId.isEmpty() ? Result<QList<Event>>(QList<Event>()) : store.events(runId);
                },
                [gates, diff, runId](const Result<QList<Event>> &events) {
                    if (!events)
                        return;
                    gates->setResults(GateResultEvents::fromEvents(events.value()), runId);
                    diff->setFindingCounts(gates->findingCountsByFile());
                });
    };
    auto showRun = [diff, loadGates](RepositorySession *s) {
        const Run run = s->runById(s->currentRunId());
        if (run.id.isEmpty() || run.worktreePath.isEmpty())
            diff->setTarget({s->repositoryRoot(), QString(), QString(), QString(), QStringLiteral("HEAD")});
        else
            diff->setTarget(
                    {s->repositoryRoot(), run.worktreePath, run.branch, run.targetBranch, run.baseRef});
        loadGates(s);
    };
    auto *gatesReload = new QTimer(this);
    gatesReload->setSingleShot(true);
    gatesReload->setInterval(1000);
    connect(gatesReload, &QTimer::timeout, this, [this, loadGates] {
        if (m_session)
            loadGates(m_session);
    });
    onSession([this, rules, showRun, gatesReload](RepositorySession *s) {
        if (!s)
            return;
        rules->openRepository(s->repositoryRoot());
        showRun(s);
        connect(s, &RepositorySession::currentRunChanged, this, [s, showRun] { showRun(s); });
        connect(s, &RepositorySession::logAdvanced, gatesReload, [gatesReload] {
            if (!gatesReload->isActive())
                gatesReload->start(); // at most one read of the run's events a second
        });
    });
    connect(gates, &GatesPanel::findingSelected, this, [this, diff](const Finding &f) {
        showView(diff);
        diff->showLocation(f.file, f.line);
    });
    connect(gates, &GatesPanel::makeRuleRequested, this,
            [this, rules](const Finding &f, const QString &runId) {
                showView(rules);
                rules->proposeFromFinding(f, runId);
            });
    // Merge and discard of the selected run through the review service, so both are audited events.
    auto reviewCall = [this](QObject *context, auto work, auto done) {
        if (!m_session || m_session->currentRunId().isEmpty())
            return false;
        const QString runId = m_session->currentRunId(), root = m_session->repositoryRoot();
        const QString actor = RepositorySession::userActor();
        m_session->worker()->post(
                context,
                [work, runId, root, actor](Store &store) {
                    return work(ReviewService(store, root), runId, actor);
                },
                done);
        return true;
    };
    diff->setReviewHandlers(
            {[reviewCall](QObject *context, std::function<void(const Result<MergeOutcome> &)> done) {
                 const bool started = reviewCall(
                         context,
                         [](ReviewService review, const QString &runId, const QString &actor) {
                             return review.merge(runId, actor);
                         },
                         [done](const Result<QStringList> &conflicts) {
                             if (!conflicts) {
                                 done(Result<MergeOutcome>(conflicts.error()));
                                 return;
                             }
                             MergeOutcome outcome;
                             outcome.merged = conflicts->isEmpty();
                             outcome.conflictFiles = conflicts.value();
                             done(outcome);
                         });
                 if (!started)
                     done(Result<MergeOutcome>::failure(tr("Select the run to merge first.")));
             },
             [reviewCall](QObject *context, std::function<void(const Status &)> done) {
                 const bool started = reviewCall(
                         context,
                         [](ReviewService review, const QString &runId, const QString &actor) {
                             return review.discard(runId, actor);
                         },
                         [done](const Status &status) { done(status); });
                 if (!started)
                     done(Status::failure(tr("Select the run to discard first.")));
             }});
    // Line comments go back to the agent through the review service (on the store thread).
    connect(diff, &DiffReviewPanel::feedbackRequested, this,
            [this](const QList<LineComment> &comments, const QString &) {
                if (!m_session || m_session->currentRunId().isEmpty()) {
                    statusBar()->showMessage(
                            tr("Select the run these comments are for, then send them again."), 10000);
                    return;
                }
                const QString runId = m_session->currentRunId(), root = m_session->repositoryRoot();
                const QString actor = RepositorySession::userActor();
                m_session->worker()->post(
                        this,
                        [comments, runId, root, actor](Store &store) -> Status {
                            ReviewService review(store, root);
                            for (const LineComment &c : comments) {
                                if (Status s = review.comment(runId, {c.file, c.line, c.text}, actor); !s)
                                    return s;
                            }
                            return review.sendFeedback(runId, actor);
                        },
                        [this](const Status &status) {
                            statusBar()->showMessage(
                                    status ? tr("Comments sent to the agent for another iteration.")
                                           : tr("The comments were not sent: %1").arg(status.errorText()),
                                    15000);
                        });
            });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Repository"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::browseForRepository);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this]() {
        m_recentMenu->clear();
        for (const QString &path : RecentRepositories::list())
            m_recentMenu->addAction(QDir::toNativeSeparators(path), this,
                                    [this, path]() { openRepository(path); });
        if (m_recentMenu->isEmpty())
            m_recentMenu->addAction(tr("No recent repositories"))->setEnabled(false);
    });
    file->addAction(tr("Open the &Demo Project"), this, &MainWindow::openDemo);
    file->addAction(tr("&Close"), this, &MainWindow::closeRepository);
    file->addSeparator();
    QAction *newTask = file->addAction(tr("&New Task…"), m_taskList, &TaskListPanel::newTask);
    newTask->setShortcut(QKeySequence::New);
    file->addAction(tr("&Settings…"), this, &MainWindow::showSettings)
            ->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *approvals = menuBar()->addMenu(tr("&Approvals"));
    approvals->addAction(m_plan->approveAction());
    approvals->addAction(m_plan->rejectAction());
    approvals->addAction(m_plan->nextPendingAction());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
}

QDockWidget *MainWindow::addDockView(QWidget *view, const QString &title, const QString &objectName,
                                     Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() keys docks by object name
    dock->setWidget(view);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::addCentralView(QWidget *view, const QString &title)
{
    m_tabs->addTab(view, title);
}

void MainWindow::showView(QWidget *view)
{
    const int tab = m_tabs->indexOf(view);
    if (tab >= 0) {
        m_tabs->setCurrentIndex(tab);
        return;
    }
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        if (dock->widget() == view) {
            dock->show();
            dock->raise();
        }
}

void MainWindow::setSession(RepositorySession *session)
{
    RepositorySession *old = m_session;
    for (const auto &hook : std::as_const(m_sessionHooks))
        hook(nullptr);
    delete m_controller;
    m_controller = nullptr;
    delete m_tracker;
    m_tracker = nullptr;
    m_session = nullptr;
    delete old;
    if (!session)
        m_project.reset();
    m_session = session;
    if (session) {
        m_tracker = new RunTracker(session, this);
        if (m_project) {
            m_controller = new RunController(m_project, this);
            connect(m_runControls, &RunControlsPanel::startRequested, m_controller, &RunController::start,
                    Qt::UniqueConnection);
            connect(m_runControls, &RunControlsPanel::pauseRequested, m_controller, &RunController::pause,
                    Qt::UniqueConnection);
            connect(m_runControls, &RunControlsPanel::resumeRequested, m_controller, &RunController::resume,
                    Qt::UniqueConnection);
            connect(m_runControls, &RunControlsPanel::abortRequested, m_controller,
                    [this](const QString &runId) {
                        m_controller->abort(runId, tr("aborted in the workbench"));
                    });
            connect(m_controller, &RunController::failed, this, [this](const QString &m) {
                m_runControls->showMessage(m, true);
                statusBar()->showMessage(m, 15000);
            });
            connect(m_controller, &RunController::runStarted, this, [this](const QString &runId) {
                m_runControls->showMessage({}, false);
                m_session->refresh();
                m_session->selectRun(runId);
            });
            connect(m_controller, &RunController::runStateChanged, session, &RepositorySession::refresh);
            connect(m_controller, &RunController::runFinished, session, &RepositorySession::refresh);
            m_runControls->setEngineAvailable(true);
            // Runs left unfinished when the workbench last closed continue (they were waiting, or crashed).
            m_controller->resumeUnfinished();
        }
    } else {
        m_runControls->setEngineAvailable(false, tr("Open a repository first."));
    }
    m_demoRequirements.clear();
    m_runControls->showMessage({}, false);
    for (const auto &hook : std::as_const(m_sessionHooks))
        hook(session);
    m_center->setCurrentWidget(session ? static_cast<QWidget *>(m_tabs) : m_welcome);
    setWindowTitle(session ? tr("%1 — Harness Workbench").arg(session->displayName())
                           : tr("Harness Workbench"));
    if (session)
        connect(session, &RepositorySession::storeError, this,
                [this](const QString &m) { statusBar()->showMessage(m, 15000); });
}

bool MainWindow::openRepository(const QString &path, const QString &storeSpec)
{
    const Result<QString> root = RepositoryCheck::rootOf(path);
    if (!root) {
        m_lastError = root.errorText();
        m_welcome->showError(m_lastError);
        statusBar()->showMessage(m_lastError, 15000);
        return false;
    }
    QString spec = storeSpec;
    if (spec.isEmpty())
        spec = QSettings().value(storeSpecKey(*root)).toString();
    auto project = Project::open(*root, spec);
    if (!project) {
        m_lastError =
                tr("%1 could not be opened: %2").arg(QDir::toNativeSeparators(*root), project.errorText());
        m_welcome->showError(m_lastError);
        statusBar()->showMessage(m_lastError, 15000);
        return false;
    }
    setSession(nullptr);
    m_project = *project;
    if (!storeSpec.isEmpty())
        QSettings().setValue(storeSpecKey(m_project->root()), storeSpec);
    setSession(new RepositorySession(m_project->root(), m_project->sharedStore(), this));
    m_lastError.clear();
    m_welcome->showError({});
    RecentRepositories::add(m_project->root());
    RecentRepositories::setLast(m_project->root());
    statusBar()->showMessage(tr("Opened %1 (store: %2)")
                                     .arg(QDir::toNativeSeparators(m_project->root()),
                                          m_project->store().location().describe()),
                             8000);
    return true;
}

void MainWindow::closeRepository()
{
    setSession(nullptr);
    RecentRepositories::setLast({});
    m_welcome->reload();
}

bool MainWindow::openDemo()
{
    const QString base =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/demo");
    QDir().mkpath(base);
    const QString root = base + QStringLiteral("/units-") +
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    auto made = DemoProject::materialize(root);
    if (!made) {
        m_lastError = tr("The demo project could not be created in %1: %2").arg(root, made.errorText());
        m_welcome->showError(m_lastError);
        return false;
    }
    if (!openRepository(made->repositoryRoot, made->storeSpec))
        return false;
    auto task = DemoProject::addTask(m_project->store());
    if (!task) {
        m_lastError = tr("The demo task could not be added: %1").arg(task.errorText());
        statusBar()->showMessage(m_lastError, 15000);
        return false;
    }
    m_session->refresh();
    m_session->selectTask(task->id);
    checkDemoRequirements();
    return true;
}

void MainWindow::checkDemoRequirements()
{
    // Runs python3 and bwrap (a few hundred milliseconds): on a worker, answered where Start is.
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher, s = m_session]() {
        watcher->deleteLater();
        if (m_session != s)
            return; // another repository was opened meanwhile
        const QStringList missing = watcher->result();
        m_demoRequirements = missing.isEmpty() ? QString()
                                               : tr("The demo cannot run on this machine yet:\n• %1")
                                                         .arg(missing.join(QStringLiteral("\n• ")));
        m_runControls->showMessage(m_demoRequirements, true);
        if (!missing.isEmpty())
            statusBar()->showMessage(tr("The demo cannot run yet: %1").arg(missing.constFirst()), 30000);
        Q_EMIT demoRequirementsChecked(missing);
    });
    watcher->setFuture(QtConcurrent::run([]() { return DemoProject::missingRequirements(); }));
}

bool MainWindow::restoreLastSession()
{
    const QString last = RecentRepositories::last();
    if (last.isEmpty() || !openRepository(last))
        return false;
    const QString run = QSettings().value(QStringLiteral("session/run")).toString();
    const QString task = QSettings().value(QStringLiteral("session/task")).toString();
    // The selection applies once the first snapshot of the store has arrived.
    auto *s = m_session;
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(s, &RepositorySession::logAdvanced, this, [s, run, task, conn]() {
        QObject::disconnect(*conn);
        if (!task.isEmpty())
            s->selectTask(task);
        if (!run.isEmpty())
            s->selectRun(run);
    });
    return true;
}

void MainWindow::browseForRepository()
{
    const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open Repository"), RecentRepositories::list().value(0, QDir::homePath()));
    if (!dir.isEmpty())
        openRepository(dir);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_session ? m_session->repositoryRoot() : QString(), this);
    dialog.exec();
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("session/task"), m_session ? m_session->currentTaskId() : QString());
    settings.setValue(QStringLiteral("session/run"), m_session ? m_session->currentRunId() : QString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

} // namespace harness::ui
