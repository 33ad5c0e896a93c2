// MainWindow: assembles the views as docks and tabs around the opened repository and wires their
// signals; it owns the repository session and (when the engine is built in) the run controller.
#pragma once

#include <QLockFile>
#include <QMainWindow>
#include <functional>
#include <memory>

class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;

namespace harness {
class Project;
class RunController;
} // namespace harness

namespace harness::ui {

class ApprovalBanner;
class ApprovalNotifier;
class AuditPanel;
class DiffReviewPanel;
class GatesPanel;
class PlanPanel;
class ProviderPrompt;
class RepositoryOpener;
class ReviewController;
class RepositorySession;
class RunControlsPanel;
class RunStopBanner;
class RunTracker;
class TaskGraphPanel;
class TaskListPanel;
class TimelinePanel;
class WelcomePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts opening a repository (a folder inside a git work tree): its store is opened on a worker
    // while the status bar shows progress, then `then` runs. On failure the welcome page says why; a
    // folder that is not a repository is offered `git init`. storeSpec overrides where its store lives
    // (the demo keeps its own); empty = the default. False when the folder is refused at once.
    bool openRepository(const QString &path, const QString &storeSpec = {}, std::function<void()> then = {});
    // Runs the event loop until the open under way has finished; true when a repository is open (tests).
    bool waitForOpen(int timeoutMs = 60000);
    void closeRepository();
    // Materializes the bundled demo project in the user's data folder and opens it with its task.
    bool openDemo();
    // Reopens the repository (and selected run) open when the workbench last closed.
    bool restoreLastSession();
    QString lastError() const { return m_lastError; }

    RepositorySession *session() const { return m_session; }
    RunTracker *runTracker() const { return m_tracker; }
    harness::RunController *runController() const { return m_controller; }
    WelcomePage *welcomePage() const { return m_welcome; }
    TaskListPanel *taskList() const { return m_taskList; }
    TaskGraphPanel *taskGraph() const { return m_taskGraph; }
    TimelinePanel *timeline() const { return m_timeline; }
    PlanPanel *planPanel() const { return m_plan; }
    RunControlsPanel *runControls() const { return m_runControls; }
    AuditPanel *audit() const { return m_audit; }
    DiffReviewPanel *diffPanel() const { return m_diff; }
    GatesPanel *gatesPanel() const { return m_gates; }
    ApprovalBanner *banner() const { return m_banner; }
    ReviewController *reviewController() const { return m_review; }
    RunStopBanner *stopBanner() const { return m_stopBanner; }
    ProviderPrompt *providerPrompt() const { return m_providerPrompt; }
    QTabWidget *centralTabs() const { return m_tabs; }
    // Shows the central tab or dock holding this widget.
    void showView(QWidget *view);
    // The dock holding this view, if it is in one.
    QDockWidget *dockOf(QWidget *view) const;
    // After openDemo: what the demo needs and does not find on this machine, as shown in the Run view
    // (empty when nothing is missing or the check has not finished).
    QString demoRequirements() const { return m_demoRequirements; }

Q_SIGNALS:
    // The demo's requirements were checked (after openDemo); missing is empty when it can run.
    void demoRequirementsChecked(const QStringList &missing);

public Q_SLOTS:
    void browseForRepository();
    void showSettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createViews();
    void createMenus();
    void repositoryOpened(std::shared_ptr<harness::Project> project, const QString &storeSpec);
    void repositoryFailed(const QString &message);
    QDockWidget *addDockView(QWidget *view, const QString &title, const QString &objectName,
                             Qt::DockWidgetArea area);
    void addCentralView(QWidget *view, const QString &title);
    QWidget *fitting(QWidget *view); // the view in a scroll area that lets the window shrink
    void arrangeDocks();
    static QWidget *viewIn(QWidget *container);
    // Every view that follows the repository registers how it takes the session (nullptr = none open).
    void onSession(std::function<void(RepositorySession *)> hook) { m_sessionHooks.append(std::move(hook)); }
    void setSession(RepositorySession *session);
    void saveState();
    void checkDemoRequirements();

    QStackedWidget *m_center = nullptr;
    QTabWidget *m_tabs = nullptr;
    WelcomePage *m_welcome = nullptr;
    ApprovalBanner *m_banner = nullptr;
    RunStopBanner *m_stopBanner = nullptr;
    ApprovalNotifier *m_notifier = nullptr;
    ReviewController *m_review = nullptr;
    TaskListPanel *m_taskList = nullptr;
    TaskGraphPanel *m_taskGraph = nullptr;
    TimelinePanel *m_timeline = nullptr;
    PlanPanel *m_plan = nullptr;
    RunControlsPanel *m_runControls = nullptr;
    AuditPanel *m_audit = nullptr;
    DiffReviewPanel *m_diff = nullptr;
    GatesPanel *m_gates = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    RepositoryOpener *m_opener = nullptr;
    ProviderPrompt *m_providerPrompt = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_busyText = nullptr;
    std::function<void()> m_afterOpen;
    bool m_rememberSpec = false;
    // The docks keep their first-start proportions as the window is resized, until the person drags a
    // dock separator (or a saved layout was restored).
    bool m_autoArrange = false;

    QList<std::function<void(RepositorySession *)>> m_sessionHooks;
    std::shared_ptr<harness::Project> m_project;
    RepositorySession *m_session = nullptr;
    RunTracker *m_tracker = nullptr;
    harness::RunController *m_controller = nullptr;
    QString m_lastError;
    QString m_demoRequirements;
    std::unique_ptr<QLockFile> m_demoLock; // the demo copy open here is not cleaned up by another
};

} // namespace harness::ui
