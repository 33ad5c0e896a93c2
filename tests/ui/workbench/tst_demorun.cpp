// A whole demo run driven through the workbench's real widgets: the demo task is in the list, Start in
// the run controls starts it, the plan appears in the plan panel with the banner, Approve is clicked,
// the timeline gains bars as the agent builds, the gates fail and then pass, and the task reaches
// review; the audit trail verifies. With HARNESS_SCREENSHOT_DIR set, each view is saved as a PNG
// (packaging/screenshots/ is made this way; Settings and Runners also at 1600×1000 and 1280×720).
#include "audit/auditmodel.h"
#include "audit/auditpanel.h"
#include "common/modelserver.h"
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "common/tools.h"
#include "gates/gatespanel.h"
#include "mainwindow.h"
#include "orchestration/demoproject.h"
#include "plan/approvalbanner.h"
#include "plan/planpanel.h"
#include "runcontrols/budgetmeter.h"
#include "runcontrols/runcontrolspanel.h"
#include "runners/runnersmodel.h"
#include "runners/runnerspanel.h"
#include "settings/modelstab.h"
#include "settings/providerchecker.h"
#include "settings/providertab.h"
#include "settings/settingsdialog.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "store/runnerroster.h"
#include "taskgraph/taskgraphpanel.h"
#include "taskgraph/taskgraphview.h"
#include "taskgraph/tasknodeitem.h"
#include "timeline/eventlistmodel.h"
#include "timeline/timelineloader.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelineview.h"
#include "ui/support/uifixture.h"

#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <tuple>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestDemoRun : public QObject
{
    Q_OBJECT
private:
    QString m_shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR");

    void shot(QWidget *w, const QString &name)
    {
        if (m_shots.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY(w->window()->grab().save(m_shots + QLatin1Char('/') + name));
    }

    // Every view of the central tabs, at the two sizes the README shows (1600×1000 and 1280×720), with the
    // docks as they stand at this moment of the run: views/<moment>-<view>-<size>.png.
    void everyViewShots(MainWindow &w, const QString &moment)
    {
        if (m_shots.isEmpty())
            return;
        QVERIFY(QDir().mkpath(m_shots + QStringLiteral("/views")));
        QTabWidget *tabs = w.centralTabs();
        const QSize before = w.size();
        const int current = tabs->currentIndex();
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
            w.resize(size);
            QTRY_COMPARE(w.size(), size);
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QTest::qWait(150);
                const QString view = tabs->tabText(i)
                                             .remove(QLatin1Char('&'))
                                             .toLower()
                                             .replace(QLatin1Char(' '), QLatin1Char('-'));
                shot(&w,
                     QStringLiteral("views/%1-%2-%3x%4.png")
                             .arg(moment, view)
                             .arg(size.width())
                             .arg(size.height()));
            }
        }
        tabs->setCurrentIndex(current);
        w.resize(before);
    }

    // The window with a dialog over it, as the user sees it (the offscreen platform draws no desktop).
    static QImage withDialog(QWidget *window, QWidget *dialog)
    {
        QImage image = window->grab().toImage();
        QPainter p(&image);
        p.fillRect(image.rect(), QColor(0, 0, 0, 70));
        const QPixmap top = dialog->grab();
        const QPoint at((image.width() - top.width()) / 2, (image.height() - top.height()) / 3);
        p.drawPixmap(at, top);
        p.setPen(QColor(0, 0, 0, 140));
        p.drawRect(QRect(at, top.size()).adjusted(-1, -1, 0, 0));
        return image;
    }

    // Settings (provider tested against a loopback server, models listed) and Runners (two runners as
    // `harness runner` enrols them), at 1600×1000 and 1280×720, plus the dialog's own pictures.
    void settingsAndRunnersShots(MainWindow &w)
    {
        RepositorySession *session = w.session();
        const QDateTime now = session->store().roster().now().value();
        for (const auto &[name, host, capacity] :
             {std::tuple {QStringLiteral("build-1"), QStringLiteral("ci-01"), 2},
              std::tuple {QStringLiteral("gpu-1"), QStringLiteral("ws-07"), 1}}) {
            RunnerInfo r;
            r.name = name;
            r.host = host;
            r.instance = name + QStringLiteral("-1");
            r.capacity = capacity;
            r.version = QStringLiteral(HARNESS_VERSION);
            r.started = now.addSecs(-3600);
            r.heartbeat = now;
            r.state = QStringLiteral("running");
            QVERIFY(session->store().roster().enroll(r, 30000).ok());
        }
        ModelServer server;
        QVERIFY(server.listen());
        QJsonArray data;
        for (const char *id : {"gpt-4.1", "gpt-4.1-mini", "o4-mini", "qwen2.5-coder:32b"})
            data.append(QJsonObject {{QStringLiteral("id"), QString::fromLatin1(id)}});
        server.setFallback(ModelServer::json(QJsonObject {{QStringLiteral("data"), data}}));
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
            const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
            w.resize(size);
            QTest::qWait(200);
            auto *runners = w.findChild<RunnersPanel *>(QStringLiteral("runnersPanel"));
            w.showView(runners);
            runners->refresh();
            QTRY_COMPARE(runners->model()->rowCount(), 2);
            shot(&w, QStringLiteral("runners") + suffix);

            SettingsDialog settings(session->repositoryRoot(), &w);
            settings.show();
            QSignalSpy probed(&settings, &SettingsDialog::sandboxProbed);
            probed.wait(20000);
            settings.providerKind()->setCurrentIndex(
                    settings.providerKind()->findData(QStringLiteral("openai")));
            settings.providerId()->setText(QStringLiteral("openai"));
            settings.baseUrl()->setText(server.baseUrl(QStringLiteral("/v1")));
            settings.refreshKeyStatus();
            QTRY_VERIFY_WITH_TIMEOUT(!settings.isCheckingKey(), 20000);
            settings.keyEdit()->setText(QStringLiteral("sk-shown-as-dots"));
            settings.modelEdit(QStringLiteral("default"))->setText(QStringLiteral("gpt-4.1"));
            QTest::mouseClick(settings.providerTab()->testButton(), Qt::LeftButton);
            QTRY_VERIFY(!settings.checker()->isTesting());
            QVERIFY(withDialog(&w, &settings).save(m_shots + QStringLiteral("/settings") + suffix));
            if (size.width() == 1600) {
                QVERIFY(settings.grab().save(m_shots + QStringLiteral("/settings.png")));
                settings.tabs()->setCurrentWidget(settings.modelsTab());
                QTest::mouseClick(settings.modelsTab()->fetchButton(), Qt::LeftButton);
                QTRY_VERIFY(!settings.checker()->isFetching());
                QVERIFY(settings.grab().save(m_shots + QStringLiteral("/settings-models.png")));
                settings.tabs()->setCurrentIndex(3);
                QVERIFY(settings.grab().save(m_shots + QStringLiteral("/settings-sandbox.png")));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_demorun"));
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap (bwrap) is not installed: run packaging/install-deps.sh");
        // The gate runs in the sandbox, where the home directory (and a pyenv there) is hidden.
        const QStringList pytest {QStringLiteral("-m"), QStringLiteral("pytest"),
                                  QStringLiteral("--version")};
        if (!harness::test::toolRuns(QStringLiteral("python3"), pytest) &&
            !harness::test::toolRuns(QStringLiteral("/usr/bin/python3"), pytest))
            QFAIL("python3 -m pytest is not available: run packaging/install-deps.sh (Debian package "
                  "python3-pytest)");
    }

    void wholeRunThroughTheWidgets()
    {
        UiFixture fx; // scratch folder, XDG data and settings kept inside it
        auto where = DemoProject::materialize(fx.path(QStringLiteral("units")));
        QVERIFY2(where, qPrintable(where.errorText()));

        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.openRepository(where->repositoryRoot, where->storeSpec) && w.waitForOpen(),
                 qPrintable(w.lastError()));
        RepositorySession *session = w.session();
        session->setPollInterval(150);

        // Create the task through the store as the demo does, and see it in the list.
        auto task = DemoProject::addTask(session->store());
        QVERIFY2(task, qPrintable(task.errorText()));
        session->refresh();
        QTRY_COMPARE(w.taskList()->model()->rowCount(), 1);
        w.taskList()->view()->setCurrentIndex(w.taskList()->model()->index(0, 0));
        QCOMPARE(session->currentTaskId(), task->id);

        // Start from the run controls.
        QTRY_VERIFY(w.runControls()->startButton()->isEnabled());
        QTest::mouseClick(w.runControls()->startButton(), Qt::LeftButton);

        // The plan waits for approval: banner, plan panel with steps.
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->isVisible(), 60000);
        QVERIFY(w.banner()->text().contains(QStringLiteral("awaits your approval")));
        QTRY_VERIFY(!w.planPanel()->currentApprovalId().isEmpty());
        QVERIFY(w.planPanel()->stepsTable()->rowCount() > 0);
        QVERIFY(!w.planPanel()->summaryLabel()->text().isEmpty());
        const QString runId = session->pendingApprovals().first().runId;
        // Nothing was built before the approval.
        const QList<Event> beforeApproval = session->store().events(runId).value();
        for (const Event &e : beforeApproval)
            QVERIFY2(e.kind != QLatin1String("tool_result") && e.kind != QLatin1String("checkpoint"),
                     qPrintable(e.kind));
        w.showView(w.taskGraph());
        if (!m_shots.isEmpty()) {
            // The plan dock floated to a readable size for its picture, then docked again.
            auto *dock = w.dockOf(w.planPanel());
            QVERIFY(dock);
            dock->setFloating(true);
            dock->resize(760, 820);
            QTest::qWait(200);
            QVERIFY(dock->grab().save(m_shots + QStringLiteral("/plan.png")));
            dock->setFloating(false);
            shot(&w, QStringLiteral("workbench-plan-pending.png"));
            everyViewShots(w, QStringLiteral("plan"));
        }

        QSignalSpy decided(w.planPanel(), &PlanPanel::decided);
        QTest::mouseClick(w.planPanel()->approveButton(), Qt::LeftButton);
        QVERIFY(decided.wait(10000));

        // The agent builds: the timeline gains bars, live.
        w.showView(w.timeline());
        QTRY_VERIFY_WITH_TIMEOUT(w.timeline()->timelineView()->data().lanes.size() == 1 &&
                                         w.timeline()->timelineView()->data().lanes[0].bars.size() >= 3,
                                 60000);

        // Review is reached after the gates failed once and then passed.
        QTRY_VERIFY_WITH_TIMEOUT(session->taskById(task->id).state == TaskState::Review, 180000);
        QList<bool> verdicts;
        const QList<Event> events = session->store().events(runId).value();
        for (const Event &e : events)
            if (e.kind == QLatin1String("verify_finished"))
                verdicts << e.payload.value(QStringLiteral("passed")).toBool();
        QCOMPARE(verdicts, QList<bool>({false, true}));

        // The timeline shows plan, build, verify, fix, verify, review bars for the run.
        // The view follows the log live: wait until it shows the review bar too (the task state can
        // be read before the view's next refresh).
        const auto shownPhases = [&w] {
            QStringList out;
            for (const TimelineBar &b : w.timeline()->timelineView()->data().lanes.value(0).bars)
                out << b.phase;
            return out;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(shownPhases().contains(QStringLiteral("fix")) &&
                                          shownPhases().contains(QStringLiteral("review")),
                                  qPrintable(shownPhases().join(QLatin1Char(','))), 10000);
        const QStringList phases = shownPhases();
        // Select the first verify bar: its failing gate results are listed.
        TimelineView *view = w.timeline()->timelineView();
        view->zoomToFit();
        const int verifyBar = int(phases.indexOf(QStringLiteral("verify")));
        QVERIFY(view->selectBar(0, verifyBar));
        QTRY_VERIFY(w.timeline()->eventModel()->rowCount() > 0);
        bool gateListed = false;
        for (int r = 0; r < w.timeline()->eventModel()->rowCount(); ++r)
            gateListed |= w.timeline()->eventModel()->event(r).kind == QLatin1String("gate_result");
        QVERIFY(gateListed);
        w.timeline()->eventTable()->setCurrentIndex(w.timeline()->eventModel()->index(0, 0));
        // The Gates dock keeps every iteration: the failing first one is there to pick.
        GatesPanel *gates = w.gatesPanel();
        QTRY_COMPARE(gates->iterationPicker()->count(), 2);
        QCOMPARE(gates->iterationPicker()->itemText(0), QStringLiteral("Iteration 1 — failed"));
        gates->iterationPicker()->setCurrentIndex(0);
        Q_EMIT gates->iterationPicker()->activated(0);
        QCOMPARE(gates->shownIteration(), 1);
        QVERIFY(!gates->summaryText().contains(QStringLiteral(", 0 failed")));
        shot(&w, QStringLiteral("timeline.png"));

        // The graph shows the task in review; the run controls show what it spent.
        w.showView(w.taskGraph());
        QTRY_COMPARE(w.taskGraph()->graphView()->node(task->id)->task().state, TaskState::Review);
        // The replay agent reports what its recorded transcript spent (the demo's transcript records none).
        QTRY_VERIFY(w.runTracker()->summary(runId).step == QStringLiteral("review"));
        QTRY_VERIFY(
                w.runControls()->budgetMeter()->tokensText().contains(QStringLiteral("of 200,000 tokens")));
        if (!m_shots.isEmpty()) {
            // For the picture, a few follow-up tasks a user would add (open, waiting for the demo task).
            auto add = [&](const QString &title, const QStringList &deps) {
                Task t;
                t.title = title;
                t.contract.goal = title;
                t.dependsOn = deps;
                return session->store().addTask(t).value().id;
            };
            const QString docs = add(QStringLiteral("Document kelvin conversions"), {task->id});
            const QString rankine = add(QStringLiteral("Add Rankine scale"), {task->id});
            add(QStringLiteral("Release units 1.1"), {docs, rankine});
            session->refresh();
            QTRY_VERIFY(w.taskGraph()->graphView()->node(QStringLiteral("T4")));
            w.taskGraph()->graphView()->fit();
            w.taskGraph()->graphView()->selectTask(task->id);
        }
        shot(&w, QStringLiteral("taskgraph.png"));

        // The audit trail holds the human's approval and verifies.
        w.showView(w.audit());
        w.audit()->kindFilter()->setText(QStringLiteral("plan_approved"));
        w.audit()->applyFilter();
        QTRY_COMPARE(w.audit()->model()->rowCount(), 1);
        QCOMPARE(w.audit()->model()->event(0).actor, RepositorySession::userActor());
        w.audit()->kindFilter()->clear();
        w.audit()->applyFilter();
        QSignalSpy verified(w.audit(), &AuditPanel::verified);
        QTest::mouseClick(w.audit()->verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(20000));
        QVERIFY(verified.first().first().toBool());
        shot(&w, QStringLiteral("audit.png"));

        everyViewShots(w, QStringLiteral("review"));
        if (!m_shots.isEmpty())
            settingsAndRunnersShots(w);
    }
};

QTEST_MAIN(TestDemoRun)
#include "tst_demorun.moc"
