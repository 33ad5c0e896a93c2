// MainWindow: one clearly marked place per view below (createViews); views talk to each other only
// through the RepositorySession (selection, store changes) and the signals wired here.
#include "mainwindow.h"

#include "audit/auditpanel.h"
#include "common/fittingarea.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "diff/diffreviewpanel.h"
#include "diff/reviewcontroller.h"
#include "gates/gatespanel.h"
#include "help/helpmenu.h"
#include "orchestration/demoproject.h"
#include "orchestration/project.h"
#include "orchestration/runcontroller.h"
#include "plan/approvalbanner.h"
#include "plan/approvalnotifier.h"
#include "plan/planpanel.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "runcontrols/runcontrolspanel.h"
#include "runcontrols/runstopbanner.h"
#include "runners/runnerspanel.h"
#include "settings/providerprompt.h"
#include "settings/settingsdialog.h"
#include "shell/recentrepositories.h"
#include "shell/repositorycheck.h"
#include "shell/repositoryopener.h"
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
#include <QLabel>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPointer>
#include <QProgressBar>
#include <QScreen>
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
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // A first start fills a laptop screen (1280×720) without running past it.
        const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1400, 900);
        resize(qMin(1400, room.width()), qMin(900, room.height()));
    }
    // The side docks run the full height; the Gates dock sits under the central views.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_autoArrange = !restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (m_autoArrange)
        QTimer::singleShot(0, this, &MainWindow::arrangeDocks);
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
    m_stopBanner = new RunStopBanner(central);
    m_center = new QStackedWidget(central);
    m_welcome = new WelcomePage(m_center);
    m_tabs = new QTabWidget(m_center);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    m_center->addWidget(m_welcome);
    m_center->addWidget(m_tabs);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_stopBanner);
    centralLayout->addWidget(m_center, 1);
    setCentralWidget(central);
    connect(m_welcome, &WelcomePage::browseRequested, this, &MainWindow::browseForRepository);
    connect(m_welcome, &WelcomePage::openRequested, this,
            [this](const QString &path) { openRepository(path); });
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::providerSetupRequested, this, &MainWindow::showSettings);
    m_providerPrompt = new ProviderPrompt(this);

    // --- Window shell: opening a repository off the GUI thread, with progress in the status bar ---
    m_opener = new RepositoryOpener(this);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("openProgress"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busyText = new QLabel(this);
    statusBar()->addPermanentWidget(m_busyText);
    statusBar()->addPermanentWidget(m_busy);
    m_busy->hide();
    connect(m_opener, &RepositoryOpener::progress, this, [this](const QString &message) {
        m_busyText->setText(message);
        m_busy->setVisible(!message.isEmpty());
        m_welcome->showProgress(message);
    });
    connect(m_opener, &RepositoryOpener::opened, this, &MainWindow::repositoryOpened);
    connect(m_opener, &RepositoryOpener::failed, this, &MainWindow::repositoryFailed);
    connect(m_opener, &RepositoryOpener::notice, this,
            [this](const QString &m) { statusBar()->showMessage(m, 15000); });

    // --- Window shell: task list (left dock) ---
    m_taskList = new TaskListPanel(this);
    addDockView(m_taskList, tr("Tasks"), QStringLiteral("tasksDock"), Qt::LeftDockWidgetArea);
    onSession([this](RepositorySession *s) { m_taskList->setSession(s, m_tracker); });
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
    onSession([this](RepositorySession *s) {
        m_runControls->setSession(s, m_tracker);
        m_stopBanner->setSession(s, m_tracker);
    });
    connect(m_stopBanner, &RunStopBanner::showInTimelineRequested, this, [this](const QString &runId) {
        showView(m_timeline);
        m_timeline->showRun(runId);
    });

    // --- Workbench I: plan approval (right dock), banner and desktop notification ---
    m_plan = new PlanPanel(this);
    QDockWidget *planDock =
            addDockView(m_plan, tr("Plan Approval"), QStringLiteral("planDock"), Qt::RightDockWidgetArea);
    m_notifier = new ApprovalNotifier(this);
    m_notifier->setWindow(this);
    connect(m_notifier, &ApprovalNotifier::decided, this,
            [this](const QString &, const QString &message) { statusBar()->showMessage(message, 15000); });
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

    // --- Teams: the runners serving the store and the run queue (central tab, docs/team.md) ---
    auto *runners = new RunnersPanel(this);
    runners->setObjectName(QStringLiteral("runnersPanel"));
    addCentralView(runners, tr("Runners"));
    onSession([runners](RepositorySession *s) { runners->setSession(s); });

    // --- Workbench II: diff / review (central tab) — mounted by WORKBENCH-II ---
    m_diff = new DiffReviewPanel(this);
    auto *diff = m_diff;
    diff->setObjectName(QStringLiteral("diffPanel"));
    addCentralView(diff, tr("Diff"));
    diff->setLiveRefresh(true);
    // --- Workbench II: gates (bottom dock) — mounted by WORKBENCH-II ---
    m_gates = new GatesPanel(this);
    auto *gates = m_gates;
    gates->setObjectName(QStringLiteral("gatesPanel"));
    addDockView(gates, tr("Gates"), QStringLiteral("gatesDock"), Qt::BottomDockWidgetArea);
    // --- Workbench II: rule editor (central tab) — mounted by WORKBENCH-II ---
    auto *rules = new RuleEditorPanel(this);
    rules->setObjectName(QStringLiteral("ruleEditorPanel"));
    addCentralView(rules, tr("Rules"));
    // The diff follows the selected run through the review controller (which also merges, discards and
    // sends comments through the review service); the gates follow it per iteration.
    m_review = new ReviewController(this);
    diff->setController(m_review);
    onSession([this, rules, gates](RepositorySession *s) {
        m_review->setSession(s, m_tracker);
        gates->setSession(s);
        rules->setSession(s);
    });
    connect(gates, &GatesPanel::findingCountsChanged, diff, &DiffReviewPanel::setFindingCounts);
    connect(gates, &GatesPanel::findingSelected, this, [this, diff](const Finding &f) {
        showView(diff);
        diff->showLocation(f.file, f.line);
    });
    connect(gates, &GatesPanel::makeRuleRequested, this,
            [this, rules](const Finding &f, const QString &runId) {
                showView(rules);
                (void)rules->proposeFromFinding(f, runId); // the editor shows the new rule or why not
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

    menuBar()->addMenu(new HelpMenu(this));
}

QDockWidget *MainWindow::addDockView(QWidget *view, const QString &title, const QString &objectName,
                                     Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() keys docks by object name
    dock->setWidget(fitting(view));
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::addCentralView(QWidget *view, const QString &title)
{
    m_tabs->addTab(fitting(view), title);
}

void MainWindow::arrangeDocks()
{
    // First start: proportions that leave the central view most of the room at any window size.
    const auto dock = [this](const char *name) {
        return findChild<QDockWidget *>(QLatin1String(name));
    };
    QDockWidget *tasks = dock("tasksDock"), *run = dock("runDock"), *plan = dock("planDock"),
                *gates = dock("gatesDock");
    if (!tasks || !run || !plan || !gates)
        return;
    const int w = width(), h = height();
    resizeDocks({tasks, run}, {qBound(170, w / 6, 260), qBound(300, w * 30 / 100, 440)}, Qt::Horizontal);
    resizeDocks({run, plan}, {qBound(150, h / 4, 230), qMax(200, h - qBound(150, h / 4, 230))}, Qt::Vertical);
    resizeDocks({gates}, {qBound(150, h * 30 / 100, 330)}, Qt::Vertical);
}

QWidget *MainWindow::fitting(QWidget *view)
{
    // Below its own minimum a view scrolls instead of pushing the window past a laptop's screen.
    return new FittingArea(view, this);
}

QWidget *MainWindow::viewIn(QWidget *container)
{
    auto *area = qobject_cast<FittingArea *>(container);
    return area ? area->view() : container;
}

QDockWidget *MainWindow::dockOf(QWidget *view) const
{
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        if (viewIn(dock->widget()) == view)
            return dock;
    return nullptr;
}

void MainWindow::showView(QWidget *view)
{
    for (int tab = 0; tab < m_tabs->count(); ++tab)
        if (viewIn(m_tabs->widget(tab)) == view) {
            m_tabs->setCurrentIndex(tab);
            return;
        }
    if (QDockWidget *dock = dockOf(view)) {
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
    if (!session) {
        m_project.reset();
        m_demoLock.reset();
    }
    m_session = session;
    if (session) {
        m_tracker = new RunTracker(session, this);
        if (m_project) {
            m_controller = new RunController(m_project, this);
            // Start asks for a provider first when the policy names none (never a default nobody chose).
            connect(m_runControls, &RunControlsPanel::startRequested, m_controller,
                    [this](const QString &taskId) {
                        QPointer<RunController> controller =
                                m_controller; // gone if another repository opens meanwhile
                        m_providerPrompt->requestStart(
                                m_project->root(),
                                [controller, taskId]() {
                                    if (controller)
                                        controller->start(taskId);
                                },
                                [this](const QString &message) {
                                    m_runControls->showMessage(message, true);
                                });
                    });
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
                m_stopBanner->showRefusal(m);
            });
            connect(m_controller, &RunController::runStarted, this, [this](const QString &runId) {
                m_runControls->showMessage({}, false);
                m_stopBanner->showRefusal({});
                m_session->refresh();
                m_session->selectRun(runId);
            });
            // A run queued for the runners: said where Start was clicked, and selected like a started one.
            connect(m_controller, &RunController::runQueued, this,
                    [this](const QString &runId, const QString &, const QString &message) {
                        m_runControls->showMessage(message, false);
                        m_stopBanner->showRefusal({});
                        m_session->refresh();
                        m_session->selectRun(runId);
                    });
            connect(m_controller, &RunController::runStateChanged, session, &RepositorySession::refresh);
            connect(m_controller, &RunController::runFinished, session, &RepositorySession::refresh);
            m_runControls->setEngineAvailable(true);
            // Runs left unfinished when the workbench last closed continue (they were waiting, or crashed);
            // runs queued for the runners are left to them.
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

bool MainWindow::openRepository(const QString &path, const QString &storeSpec, std::function<void()> then)
{
    QString spec = storeSpec;
    if (const Result<QString> root = RepositoryCheck::rootOf(path); root && spec.isEmpty())
        spec = QSettings().value(storeSpecKey(*root)).toString();
    m_rememberSpec = !storeSpec.isEmpty();
    m_afterOpen = std::move(then);
    return m_opener->open(path, spec);
}

bool MainWindow::waitForOpen(int timeoutMs)
{
    return m_opener->waitForOpen(timeoutMs) && m_session;
}

void MainWindow::repositoryOpened(std::shared_ptr<Project> project, const QString &storeSpec)
{
    setSession(nullptr);
    m_project = std::move(project);
    if (m_rememberSpec)
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
    if (auto then = std::exchange(m_afterOpen, {}))
        then();
}

void MainWindow::repositoryFailed(const QString &message)
{
    m_afterOpen = {};
    m_lastError = message;
    m_welcome->showError(message);
    statusBar()->showMessage(message, 15000);
}

void MainWindow::closeRepository()
{
    setSession(nullptr);
    RecentRepositories::setLast({});
    m_welcome->reload();
}

bool MainWindow::openDemo()
{
    // One demo folder (…/harness-workbench/demo), where the oldest copies not open anywhere go; copies
    // made by earlier versions in a doubled folder go too.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
            QStringLiteral("/harness-workbench");
    const QString base = data + QStringLiteral("/demo");
    QDir().mkpath(base);
    DemoProject::removeOldCopies(base, 2);
    DemoProject::removeOldCopies(data + QStringLiteral("/harness-workbench/demo"), 0);
    const QString root = DemoProject::newCopyPath(base);
    auto made = DemoProject::materialize(root);
    if (!made) {
        m_lastError = tr("The demo project could not be created in %1: %2").arg(root, made.errorText());
        m_welcome->showError(m_lastError);
        return false;
    }
    // The copy is claimed before it opens (so no other workbench cleans it up meanwhile) and held while it
    // is open here. Once it is open, its task is added on the store thread and selected.
    auto lock = std::make_shared<std::unique_ptr<QLockFile>>(DemoProject::claimCopy(root));
    return openRepository(made->repositoryRoot, made->storeSpec, [this, lock] {
        m_demoLock = std::move(*lock);
        RepositorySession *s = m_session;
        s->worker()->post(
                s, [](Store &store) { return DemoProject::addTask(store); },
                [this, s](const Result<Task> &task) {
                    if (!task) {
                        m_lastError = tr("The demo task could not be added: %1").arg(task.errorText());
                        statusBar()->showMessage(m_lastError, 15000);
                        return;
                    }
                    s->refresh();
                    s->selectTask(task->id);
                });
        checkDemoRequirements();
    });
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
    if (last.isEmpty())
        return false;
    const QString run = QSettings().value(QStringLiteral("session/run")).toString();
    const QString task = QSettings().value(QStringLiteral("session/task")).toString();
    return openRepository(last, {}, [this, run, task] {
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
    });
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
    // Window-modal and opened without a nested event loop: runs and views keep updating behind it.
    auto *dialog = new SettingsDialog(m_session ? m_session->repositoryRoot() : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("session/task"), m_session ? m_session->currentTaskId() : QString());
    settings.setValue(QStringLiteral("session/run"), m_session ? m_session->currentRunId() : QString());
}

bool MainWindow::event(QEvent *event)
{
    // A press where no child is (a press a child ignored also arrives here) is on a dock separator: the
    // person sizes the docks.
    if (event->type() == QEvent::MouseButtonPress &&
        !childAt(static_cast<QMouseEvent *>(event)->position().toPoint()))
        m_autoArrange = false;
    return QMainWindow::event(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_autoArrange)
        QTimer::singleShot(0, this, &MainWindow::arrangeDocks);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

} // namespace harness::ui
