// The window shell: the main window assembles every view as a dock or tab, opens a repository (and
// explains why a folder is refused), shows its tasks from the store, remembers recent repositories,
// restores geometry, the last repository and the selected run after a restart; asks for a provider
// before starting where the policy names none; --version prints the version, the Qt version and the
// optional components.
#include "audit/auditpanel.h"
#include "common/repositorysession.h"
#include "help/aboutdialog.h"
#include "help/helpbrowser.h"
#include "help/helpmenu.h"
#include "help/shortcutsdialog.h"
#include "mainwindow.h"
#include "orchestration/policyfile.h"
#include "plan/approvalbanner.h"
#include "runcontrols/runcontrolspanel.h"
#include "settings/providerprompt.h"
#include "settings/providertab.h"
#include "settings/settingsdialog.h"
#include "shell/recentrepositories.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "shell/welcomepage.h"
#include "taskgraph/taskgraphpanel.h"
#include "timeline/timelinepanel.h"
#include "ui/support/uifixture.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void assemblesTheViews()
    {
        MainWindow w;
        w.show();
        QStringList tabs;
        for (int i = 0; i < w.centralTabs()->count(); ++i)
            tabs << w.centralTabs()->tabText(i);
        QVERIFY(tabs.contains(QStringLiteral("Task Graph")));
        QVERIFY(tabs.contains(QStringLiteral("Timeline")));
        QVERIFY(tabs.contains(QStringLiteral("Audit")));
        QStringList docks;
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            docks << d->objectName();
        QVERIFY(docks.contains(QStringLiteral("tasksDock")));
        QVERIFY(docks.contains(QStringLiteral("planDock")));
        QVERIFY(docks.contains(QStringLiteral("runDock")));
        // No repository: the welcome page, not empty views pretending to have data.
        QVERIFY(w.welcomePage()->isVisible());
        QVERIFY(!w.session());
    }

    void refusesAFolderThatIsNotARepository()
    {
        UiFixture fx;
        MainWindow w;
        w.show();
        const QString plain = fx.path(QStringLiteral("plain"));
        QDir().mkpath(plain);
        QVERIFY(!w.openRepository(plain) || QFileInfo::exists(QDir::rootPath() + QStringLiteral(".git")));
        QVERIFY(w.lastError().contains(QStringLiteral("not inside a git repository")));
        bool shown = false;
        for (QLabel *l : w.welcomePage()->findChildren<QLabel *>())
            shown |= l->isVisible() && l->text().contains(QStringLiteral("git init"));
        QVERIFY(shown);
    }

    // A folder without git: the window offers `git init` in a dialog, not only a line of text.
    void offersGitInitForAPlainFolder()
    {
        UiFixture fx;
        MainWindow w;
        w.show();
        const QString plain = fx.path(QStringLiteral("notes"));
        QDir().mkpath(plain);
        QFile file(plain + QStringLiteral("/todo.txt"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me\n");
        file.close();
        QVERIFY(!w.openRepository(plain));
        auto *dialog = w.findChild<QMessageBox *>(QStringLiteral("initRepositoryDialog"));
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->text().contains(QStringLiteral("git init")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("gitInitButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.session(), 30000);
        QVERIFY(QFileInfo(plain + QStringLiteral("/.git")).isDir());
        QCOMPARE(w.session()->repositoryRoot(), QDir::cleanPath(QFileInfo(plain).canonicalFilePath()));
        QVERIFY(QFileInfo::exists(plain + QStringLiteral("/todo.txt")));
    }

    // The store is opened off the GUI thread: the window keeps handling events while it opens.
    void opensOffTheGuiThreadWithProgress()
    {
        UiFixture fx;
        MainWindow w;
        w.show();
        QVERIFY(w.openRepository(fx.repo));
        QVERIFY(!w.session()); // not yet: the open goes on in the background
        auto *busy = w.findChild<QProgressBar *>(QStringLiteral("openProgress"));
        QVERIFY(busy && busy->isVisible());
        QVERIFY(w.waitForOpen());
        QVERIFY(!busy->isVisible());
    }

    void helpShowsTheGuideShortcutsAndVersions()
    {
        MainWindow w;
        w.show();
        QVERIFY(HelpBrowser::documents().contains(QStringLiteral("user-guide.md")));
        auto *menu = w.findChild<HelpMenu *>();
        QVERIFY(menu);
        menu->showGuide();
        auto *help = w.findChild<HelpBrowser *>();
        QVERIFY(help && help->isVisible());
        QCOMPARE(help->currentDocument(), QStringLiteral("user-guide.md"));
        QVERIFY(help->browser()->toPlainText().contains(QStringLiteral("The journey of a task")));
        menu->showShortcuts();
        auto *keys = w.findChild<ShortcutsDialog *>();
        QVERIFY(keys);
        bool listsNewTask = false;
        for (const QString &e : keys->entries())
            listsNewTask |= e.contains(QStringLiteral("New Task"));
        QVERIFY(listsNewTask);
        menu->showAbout();
        auto *about = w.findChild<AboutDialog *>();
        QVERIFY(about);
        QTRY_VERIFY_WITH_TIMEOUT(!about->isProbing(), 30000);
        QCoreApplication::processEvents();
        QVERIFY(about->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(about->text().contains(QStringLiteral("Keychain")));
        QVERIFY(about->text().contains(QStringLiteral("Sandbox")));
        QVERIFY(!about->text().contains(QStringLiteral("asking")));
        // The first-run page offers the demo, opening a repository and a provider.
        QVERIFY(w.welcomePage()->findChild<QPushButton *>(QStringLiteral("firstRunDemoButton"))->isVisible());
        auto *provider = w.welcomePage()->findChild<QPushButton *>(QStringLiteral("firstRunProviderButton"));
        QVERIFY(provider->isVisible());
        // The first-run page's "set up a provider" opens the settings (without a repository: it says so).
        QTest::mouseClick(provider, Qt::LeftButton);
        auto *settings = w.findChild<SettingsDialog *>();
        QVERIFY(settings);
        QTRY_VERIFY(settings->isVisible());
        QVERIFY(settings->keyStatus()->text().contains(
                QStringLiteral("Open a repository to configure its provider")));
        settings->reject();
    }

    void opensARepositoryAndShowsItsTasks()
    {
        UiFixture fx;
        MainWindow w;
        w.show();
        QVERIFY2(w.openRepository(fx.repo) && w.waitForOpen(), qPrintable(w.lastError()));
        QVERIFY(w.session());
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("repo")));
        QVERIFY(!w.welcomePage()->isVisible());
        QVERIFY(w.runController()); // the engine is built in
        Task t;
        t.title = QStringLiteral("Convert Kelvin");
        t.contract.goal = QStringLiteral("kelvin_to_celsius");
        QVERIFY(w.session()->store().addTask(t).ok());
        w.session()->refresh();
        QTRY_COMPARE(w.taskList()->model()->rowCount(), 1);
        QCOMPARE(w.taskList()->model()->index(0, TaskListModel::TitleColumn).data().toString(),
                 QStringLiteral("Convert Kelvin"));
        QCOMPARE(RecentRepositories::list().value(0),
                 QDir::cleanPath(QFileInfo(fx.repo).canonicalFilePath()));
        w.closeRepository();
        QVERIFY(!w.session());
        QVERIFY(w.welcomePage()->isVisible());
        QVERIFY(w.welcomePage()->recentList()->count() >= 1);
    }

    // A repository whose policy names no provider: Start asks the user to pick one and starts nothing
    // until they have; with one saved, the start goes on to the engine.
    void startAsksForAProviderFirst()
    {
        UiFixture fx;
        MainWindow w;
        w.show();
        QVERIFY2(w.openRepository(fx.repo) && w.waitForOpen(), qPrintable(w.lastError()));
        Task t;
        t.title = QStringLiteral("Convert Kelvin");
        t.contract.goal = QStringLiteral("kelvin_to_celsius");
        const Task added = w.session()->store().addTask(t).value();
        w.session()->refresh();
        w.session()->waitForRefresh();
        w.session()->selectTask(added.id);
        QTRY_VERIFY(w.runControls()->startButton()->isEnabled());
        QTest::mouseClick(w.runControls()->startButton(), Qt::LeftButton);
        SettingsDialog *dialog = w.providerPrompt()->dialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QString prompt = dialog->findChild<QLabel *>(QStringLiteral("providerPrompt"))->text();
        QVERIFY2(prompt.contains(
                         QStringLiteral("This repository has no provider yet, so nothing was started")),
                 qPrintable(prompt));
        QCOMPARE(dialog->tabs()->currentWidget(), static_cast<QWidget *>(dialog->providerTab()));
        QCOMPARE(dialog->providerKind()->currentText(), QStringLiteral("Choose a provider…"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QTRY_VERIFY(w.runControls()->messageLabel()->text().contains(
                QStringLiteral("Not started: this repository has no provider yet")));
        w.session()->refresh();
        w.session()->waitForRefresh();
        QVERIFY(w.session()->runs().isEmpty());
        QVERIFY(!QFile::exists(SettingsDialog::policyPath(fx.repo)));

        // Chosen and saved, the same click goes on to the engine (which reads the transcript named).
        QTest::mouseClick(w.runControls()->startButton(), Qt::LeftButton);
        QTRY_VERIFY(w.providerPrompt()->dialog() && w.providerPrompt()->dialog()->isVisible());
        dialog = w.providerPrompt()->dialog();
        dialog->providerKind()->setCurrentIndex(dialog->providerKind()->findData(QStringLiteral("replay")));
        dialog->providerTab()->transcript()->setText(QStringLiteral("recorded-session.jsonl"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        QTRY_VERIFY2(
                w.runControls()->messageLabel()->text().contains(QStringLiteral("recorded-session.jsonl")),
                qPrintable(w.runControls()->messageLabel()->text()));
        QVERIFY(PolicyFile::load(fx.repo).agentChosen());
    }

    void restoresGeometryRepositoryAndRun()
    {
        UiFixture fx;
        QString runId;
        {
            MainWindow w;
            w.show();
            QVERIFY(w.openRepository(fx.repo) && w.waitForOpen());
            Task t;
            t.title = QStringLiteral("Remember me");
            t.contract.goal = QStringLiteral("g");
            const Task added = w.session()->store().addTask(t).value();
            Run r;
            r.taskId = added.id;
            runId = w.session()->store().addRun(r).value().id;
            w.session()->refresh();
            w.session()->waitForRefresh();
            w.session()->selectRun(runId);
            w.resize(1900, 1001);
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(1900, 1001));
        QVERIFY(again.restoreLastSession() && again.waitForOpen());
        QCOMPARE(again.session()->repositoryRoot(), QDir::cleanPath(QFileInfo(fx.repo).canonicalFilePath()));
        QTRY_COMPARE(again.session()->currentRunId(), runId);
        QCOMPARE(again.session()->currentTaskId(), QStringLiteral("T1"));
    }

    void versionListsComponents()
    {
        const QString bin =
                qEnvironmentVariable("HARNESS_BIN_DIR", QStringLiteral(HARNESS_BINARY_DIR "/bin")) +
                QStringLiteral("/harness-workbench");
        if (!QFileInfo::exists(bin))
            QFAIL("harness-workbench is not built in this tree: build the harness-workbench target");
        // Without any display: --version prints text and needs no windowing system.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(bin, {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.startsWith(QStringLiteral("harness-workbench ")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY(out.contains(QStringLiteral("Syntax highlighting: ")));
        QVERIFY(out.contains(QStringLiteral("Graph layout: ")));
        QVERIFY(out.contains(QStringLiteral("Keychain: QtKeychain")));
        QVERIFY2(QRegularExpression(QStringLiteral("\\nCommit: ([0-9a-f]{12}(-dirty)?|unknown)"))
                         .match(out)
                         .hasMatch(),
                 qPrintable(out));
    }

    // The demo on a machine without python3: the Run view, where Start is, says what to install.
    void demoSaysWhatIsMissing()
    {
        UiFixture fx;
        QTemporaryDir bin;
        for (const char *tool : {"git", "bwrap", "true"}) { // bwrap's probe runs `true`
            const QString real = QStandardPaths::findExecutable(QString::fromLatin1(tool));
            QVERIFY2(!real.isEmpty(), tool);
            QVERIFY(QFile::link(real, bin.filePath(QString::fromLatin1(tool))));
        }
        const QByteArray path = qgetenv("PATH");
        // git (for the demo repository) and bwrap stay reachable; python3 does not.
        qputenv("PATH", bin.path().toUtf8());
        MainWindow w;
        w.show();
        QSignalSpy checked(&w, &MainWindow::demoRequirementsChecked);
        const bool opened = w.openDemo();
        QVERIFY(checked.wait(30000) || !checked.isEmpty());
        qputenv("PATH", path);
        QVERIFY2(opened, qPrintable(w.lastError()));
        const QStringList missing = checked.first().first().toStringList();
        QCOMPARE(missing.size(), 1);
        QVERIFY2(missing.first().startsWith(QStringLiteral("python3 is not installed")),
                 qPrintable(missing.first()));
        QLabel *message = w.runControls()->messageLabel();
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("The demo cannot run on this machine yet")),
                 qPrintable(message->text()));
        QVERIFY(message->text().contains(QStringLiteral("python3-pytest")));
        QCOMPARE(w.demoRequirements(), message->text());
    }

    // --screenshot: the real executable opens the demo offscreen, saves the window and exits 0.
    void screenshotOfTheDemoWindow()
    {
        const QString bin =
                qEnvironmentVariable("HARNESS_BIN_DIR", QStringLiteral(HARNESS_BINARY_DIR "/bin")) +
                QStringLiteral("/harness-workbench");
        QVERIFY2(QFileInfo::exists(bin), qPrintable(bin));
        QTemporaryDir scratch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), scratch.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), scratch.filePath(QStringLiteral("config")));
        const QString png = scratch.filePath(QStringLiteral("demo.png"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(bin, {QStringLiteral("--demo"), QStringLiteral("--screenshot"), png});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(QString::fromUtf8(p.readAllStandardOutput()).startsWith(QStringLiteral("screenshot ") + png),
                 qPrintable(QString::fromUtf8(p.readAllStandardError())));
        const QImage shot(png);
        QVERIFY(!shot.isNull());
        QVERIFY2(shot.width() >= 800 && shot.height() >= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(shot.width()).arg(shot.height())));
        // Painted views and text, not an empty surface: many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 3)
            for (int x = 0; x < shot.width(); x += 3)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
