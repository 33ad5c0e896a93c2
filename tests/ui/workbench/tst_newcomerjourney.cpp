// A newcomer's first session, through the real window at 1280×720 with the replay agent: open the demo,
// read the task, start it, read and approve the plan, watch the gates fail and then pass (each iteration
// in the Gates dock), review the diff (its files and changed lines), comment on a line and send it,
// see another iteration, merge with the confirmation answered, and find the branch and worktree gone.
// Every check is something the person sees: texts, enabled buttons, the diff's files and lines.
#include "audit/auditmodel.h"
#include "audit/auditpanel.h"
#include "common/overflowbar.h"
#include "common/repositorysession.h"
#include "common/tools.h"
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "diff/reviewsidepanel.h"
#include "diff/revisionbar.h"
#include "gates/gatespanel.h"
#include "mainwindow.h"
#include "plan/approvalbanner.h"
#include "plan/planpanel.h"
#include "runcontrols/runcontrolspanel.h"
#include "runcontrols/runstopbanner.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "taskgraph/taskgraphpanel.h"
#include "timeline/eventlistmodel.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelineview.h"
#include "ui/support/uifixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

namespace {

QString run(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(args.first(), args.mid(1));
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QStringList diffFiles(const DiffReviewPanel *panel)
{
    QStringList out;
    if (panel->document())
        for (const DiffFile &f : panel->document()->files)
            out << f.path();
    out.sort();
    return out;
}

int diffLine(const DiffReviewPanel *panel, const QString &text)
{
    const DiffDocumentPtr doc = panel->document();
    if (!doc)
        return -1;
    for (int i = 0; i < int(doc->lines.size()); ++i)
        if (doc->lineText(i) == text && doc->lines[size_t(i)].newLine > 0)
            return i;
    return -1;
}

QStringList pickerTexts(const QComboBox *combo)
{
    QStringList out;
    for (int i = 0; i < combo->count(); ++i)
        out << combo->itemText(i);
    return out;
}

} // namespace

class TestNewcomerJourney : public QObject
{
    Q_OBJECT

    QString m_shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR");

    void shot(QWidget *w, const QString &name)
    {
        if (m_shots.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(m_shots + QLatin1Char('/') + name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_newcomerjourney"));
        if (!harness::test::bubblewrapRuns())
            QFAIL("bubblewrap is not installed: run packaging/install-deps.sh");
        const QStringList pytest {QStringLiteral("-m"), QStringLiteral("pytest"),
                                  QStringLiteral("--version")};
        if (!harness::test::toolRuns(QStringLiteral("python3"), pytest) &&
            !harness::test::toolRuns(QStringLiteral("/usr/bin/python3"), pytest))
            QFAIL("python3 -m pytest is not available: run packaging/install-deps.sh");
    }

    void fromTheDemoToAMergedChange()
    {
        UiFixture fx;
        // The demo goes where a user's would ($XDG_DATA_HOME/harness-workbench/demo), here in the scratch
        // folder.
        qputenv("XDG_CONFIG_HOME", fx.path(QStringLiteral("xdg-config")).toUtf8());
        QStandardPaths::setTestModeEnabled(false);
        MainWindow w;
        // The window fits a 1280×720 laptop screen, and smaller ones too.
        QVERIFY2(w.minimumSizeHint().width() <= 1024 && w.minimumSizeHint().height() <= 640,
                 qPrintable(QStringLiteral("minimum %1×%2")
                                    .arg(w.minimumSizeHint().width())
                                    .arg(w.minimumSizeHint().height())));
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // --demo: a fresh copy in one demo folder (not a doubled harness-workbench/harness-workbench).
        QVERIFY2(w.openDemo() && w.waitForOpen(), qPrintable(w.lastError()));
        RepositorySession *session = w.session();
        session->setPollInterval(150);
        const QString root = session->repositoryRoot();
        const QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
        QVERIFY2(QDir::cleanPath(root).startsWith(QDir(dataHome).canonicalPath() +
                                                  QStringLiteral("/harness-workbench/demo/units-")),
                 qPrintable(root));
        QVERIFY(!root.contains(QStringLiteral("harness-workbench/harness-workbench")));
        QCOMPARE(w.size(), QSize(1280, 720));
        // Everything the user needs is on screen: the Gates dock and the status bar are inside the window.
        auto *gatesDock = w.dockOf(w.gatesPanel());
        QVERIFY(gatesDock && gatesDock->isVisible());
        QVERIFY(gatesDock->geometry().bottom() <= w.height());
        QVERIFY(w.statusBar()->geometry().bottom() <= w.height());

        // The task is listed and selected; its details read as a contract.
        QTRY_COMPARE(w.taskList()->model()->rowCount(), 1);
        QTRY_VERIFY(!session->currentTaskId().isEmpty());
        const QString taskId = session->currentTaskId();
        w.showView(w.taskGraph());
        QTRY_VERIFY(
                w.taskGraph()->inspector()->toPlainText().contains(QStringLiteral("Acceptance criteria:")));
        const QString details = w.taskGraph()->inspector()->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("32 F converts to 273.15 K")), qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("criterianone")) &&
                         !details.contains(QStringLiteral("Scopesrc")),
                 qPrintable(details));

        // Start.
        QTRY_VERIFY(w.runControls()->startButton()->isEnabled());
        QTest::mouseClick(w.runControls()->startButton(), Qt::LeftButton);

        // The plan waits: the banner says so, the plan reads in full (every step, its files, risks, tests).
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->isVisible(), 60000);
        QVERIFY(w.banner()->text().contains(QStringLiteral("awaits your approval")));
        QTRY_VERIFY(!w.planPanel()->currentApprovalId().isEmpty());
        const Approval approval = session->pendingApprovals().first();
        const QString runId = approval.runId;
        const Plan plan = Plan::fromJson(approval.subject).value();
        const QString planText = w.planPanel()->planView()->toPlainText();
        for (const PlanStep &step : plan.steps) {
            QVERIFY2(planText.contains(step.description), qPrintable(step.description));
            for (const QString &file : step.files)
                QVERIFY2(planText.contains(file), qPrintable(file));
        }
        for (const QString &risk : plan.risks)
            QVERIFY2(planText.contains(risk), qPrintable(risk));
        // Readable at both sizes a user has: the panel is on screen, wide enough for a sentence, and
        // the steps wrap (no sideways scrolling).
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
            w.resize(size);
            QTest::qWait(100);
            QTRY_COMPARE(w.size(), size);
            auto *view = w.planPanel()->planView();
            QVERIFY(view->isVisible());
            const QRect onWindow(view->mapTo(&w, QPoint(0, 0)), view->size());
            QVERIFY2(w.rect().contains(onWindow),
                     qPrintable(QStringLiteral("%1×%2").arg(size.width()).arg(size.height())));
            QVERIFY2(view->width() >= 320, qPrintable(QString::number(view->width())));
            QVERIFY(!view->horizontalScrollBar()->isVisible());
            shot(&w, QStringLiteral("journey-plan-%1x%2.png").arg(size.width()).arg(size.height()));
        }
        // Before the run has a worktree to compare, the diff says what it waits for (never "no changes").
        w.showView(w.diffPanel());
        QTRY_VERIFY(w.diffPanel()->sidePanel()->statusText().contains(runId));
        QVERIFY(!w.diffPanel()->sidePanel()->mergeButton()->isEnabled());

        QSignalSpy decided(w.planPanel(), &PlanPanel::decided);
        QTest::mouseClick(w.planPanel()->approveButton(), Qt::LeftButton);
        QVERIFY(decided.wait(10000));

        // The gates fail on iteration 1 and pass on iteration 2: both stay visible in the Gates dock.
        GatesPanel *gates = w.gatesPanel();
        QTRY_VERIFY_WITH_TIMEOUT(
                pickerTexts(gates->iterationPicker()).contains(QStringLiteral("Iteration 2 — passed")),
                180000);
        QCOMPARE(pickerTexts(gates->iterationPicker()),
                 (QStringList {QStringLiteral("Iteration 1 — failed"),
                               QStringLiteral("Iteration 2 — passed")}));
        QVERIFY(gates->summaryText().contains(QStringLiteral("0 failed")));
        QComboBox *picker = gates->iterationPicker();
        picker->setCurrentIndex(0);
        Q_EMIT picker->activated(0);
        QCOMPARE(gates->shownIteration(), 1);
        QVERIFY2(!gates->summaryText().contains(QStringLiteral(", 0 failed")),
                 qPrintable(gates->summaryText()));
        QStringList rules;
        for (int r = 0; r < gates->findingsTable()->model()->rowCount(); ++r)
            rules << gates->findingsTable()->model()->index(r, 3).data().toString();
        QVERIFY2(rules.contains(QStringLiteral("units-core-pure")), qPrintable(rules.join(QLatin1Char(','))));
        shot(&w, QStringLiteral("journey-gates-iteration1.png"));

        // At review, the diff shows the run's change: its files and its lines (bug: it was empty).
        DiffReviewPanel *diff = w.diffPanel();
        w.showView(diff);
        QTRY_VERIFY_WITH_TIMEOUT(diff->sidePanel()->mergeButton()->isEnabled(), 30000);
        const QStringList expectedFiles {QStringLiteral("src/units/cli/main.py"),
                                         QStringLiteral("src/units/core/temperature.py"),
                                         QStringLiteral("tests/test_kelvin.py")};
        QTRY_COMPARE_WITH_TIMEOUT(diffFiles(diff), expectedFiles, 30000);
        QVERIFY(diffLine(diff, QStringLiteral("def fahrenheit_to_kelvin(f):")) >= 0);
        QVERIFY(diffLine(diff, QStringLiteral("    (\"f\", \"k\"): temperature.fahrenheit_to_kelvin,")) >= 0);
        QVERIFY(diff->sidePanel()->statusText().contains(QStringLiteral("waits for your review")));
        QVERIFY(!diff->sidePanel()->sendButton()->isEnabled()); // nothing to send yet
        // Every diff action is reachable at this size: on the bar, or in its working overflow menu.
        OverflowBar *bar = diff->revisionBar()->actionBar();
        if (bar->overflowButton()->isVisible()) {
            QTest::mouseClick(bar->overflowButton(), Qt::LeftButton);
            QTRY_VERIFY(bar->overflowMenu()->isVisible());
            QVERIFY(!bar->overflowMenu()->actions().isEmpty());
            bar->overflowMenu()->close();
        }
        shot(&w, QStringLiteral("journey-diff-review.png"));

        // A comment on the docstring line, sent back to the agent.
        const int docLine =
                diffLine(diff, QStringLiteral("    \"\"\"Convert degrees Fahrenheit to kelvin.\"\"\""));
        QVERIFY(docLine >= 0);
        DiffView *view = diff->currentView();
        QVERIFY(view->goToLine(docLine));
        // On a loaded machine the view scrolls to the line a moment later: click once it is on screen.
        const int visibleRows = view->viewport()->height() / qMax(1, view->rowHeight());
        QTRY_VERIFY(view->currentRow() >= view->firstVisibleRow() &&
                    view->currentRow() - view->firstVisibleRow() < visibleRows);
        QCoreApplication::processEvents();
        const int row = view->currentRow() - view->firstVisibleRow();
        QTest::mouseDClick(
                view->viewport(), Qt::LeftButton, {},
                QPoint(view->viewport()->width() / 2, row * view->rowHeight() + view->rowHeight() / 2));
        auto *dialog = diff->findChild<QInputDialog *>(QStringLiteral("commentDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->labelText().contains(QStringLiteral("src/units/core/temperature.py, line 24")));
        dialog->setTextValue(QStringLiteral("Say that it refuses temperatures below absolute zero."));
        dialog->accept();
        QCOMPARE(diff->sidePanel()->commentList()->count(), 1);
        QVERIFY(diff->sidePanel()->sendButton()->isEnabled());
        QTest::mouseClick(diff->sidePanel()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(diff->reviewResultText().contains(QStringLiteral("Sent 1 comment")));
        QCOMPARE(diff->sidePanel()->commentList()->count(), 0);

        // Another iteration: the agent answers the comment, the gates pass again, review again.
        QTRY_VERIFY_WITH_TIMEOUT(
                pickerTexts(gates->iterationPicker()).contains(QStringLiteral("Iteration 3 — passed")),
                120000);
        QTRY_VERIFY_WITH_TIMEOUT(diff->sidePanel()->mergeButton()->isEnabled(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
                diffLine(diff,
                         QStringLiteral("    \"\"\"Convert degrees Fahrenheit to kelvin; refuses "
                                        "temperatures below absolute zero.\"\"\"")) >= 0,
                30000);

        // The timeline reads: a sensible first scale, events in words, the raw JSON one click away.
        w.showView(w.timeline());
        TimelineView *timeline = w.timeline()->timelineView();
        QTRY_VERIFY(!timeline->data().isEmpty());
        const TimelineData &data = timeline->data();
        const double runWidth = timeline->xOfTime(data.lastMs) - timeline->xOfTime(data.firstMs);
        QVERIFY2(runWidth > 0.3 * (timeline->viewport()->width() - TimelineView::kHeaderWidth),
                 qPrintable(QStringLiteral("the run is %1 px wide").arg(runWidth)));
        int verifyBar = -1;
        for (int i = 0; i < data.lanes.value(0).bars.size(); ++i)
            if (data.lanes[0].bars[i].phase == QLatin1String("verify")) {
                verifyBar = i;
                break;
            }
        QVERIFY(verifyBar >= 0);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->barRect(0, verifyBar).center());
        QTRY_VERIFY(w.timeline()->eventModel()->rowCount() > 0);
        int gateRow = -1;
        for (int r = 0; r < w.timeline()->eventModel()->rowCount(); ++r)
            if (w.timeline()->eventModel()->event(r).kind == QLatin1String("gate_result")) {
                gateRow = r;
                break;
            }
        QVERIFY(gateRow >= 0);
        w.timeline()->eventTable()->setCurrentIndex(w.timeline()->eventModel()->index(gateRow, 0));
        QVERIFY(w.timeline()->eventDetail()->toPlainText().startsWith(QStringLiteral("Gate tests failed")));
        QTest::mouseClick(w.timeline()->rawJsonButton(), Qt::LeftButton);
        QVERIFY(w.timeline()->eventDetail()->toPlainText().contains(
                QStringLiteral("\"kind\": \"gate_result\"")));
        QTest::mouseClick(w.timeline()->rawJsonButton(), Qt::LeftButton);

        // Merge: asked first (with the branch and worktree cleanup offered), then done and cleaned up.
        w.showView(diff);
        QTest::mouseClick(diff->sidePanel()->mergeButton(), Qt::LeftButton);
        auto *box = diff->findChild<QMessageBox *>(QStringLiteral("confirmMerge"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("into main")));
        auto *cleanup = box->findChild<QCheckBox *>(QStringLiteral("deleteBranchCheck"));
        QVERIFY(cleanup && cleanup->isChecked());
        const QString branch = diff->target().branch;
        const QString worktree = diff->target().worktree;
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmMergeButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(diff->reviewResultText().startsWith(QStringLiteral("Merged")), 30000);
        QVERIFY(!QFileInfo::exists(worktree));
        QCOMPARE(run(root,
                     {QStringLiteral("git"), QStringLiteral("branch"), QStringLiteral("--list"), branch}),
                 QString());
        QFile merged(root + QStringLiteral("/src/units/core/temperature.py"));
        QVERIFY(merged.open(QIODevice::ReadOnly));
        QVERIFY(merged.readAll().contains("refuses temperatures below absolute zero"));
        // After the merge nothing is offered that would fail.
        QTRY_VERIFY(diff->sidePanel()->statusText().contains(QStringLiteral("merged")));
        QVERIFY(!diff->sidePanel()->mergeButton()->isEnabled());
        QVERIFY(!diff->sidePanel()->discardButton()->isEnabled());
        QVERIFY(!diff->sidePanel()->sendButton()->isEnabled());
        QVERIFY(!w.stopBanner()->isVisible());
        shot(&w, QStringLiteral("journey-merged.png"));

        // One person, one actor name: the request, the approval and the merge are all the OS account's.
        const QString account = QStringLiteral("human:") +
                run(QDir::tempPath(), {QStringLiteral("id"), QStringLiteral("-un")});
        QStringList actors;
        const QList<Event> events = session->store().events(runId).value();
        for (const Event &e : events)
            if (e.kind == QLatin1String("run_requested") || e.kind == QLatin1String("plan_approved") ||
                e.kind == QLatin1String("review_feedback") || e.kind == QLatin1String("merged"))
                actors << e.actor;
        QCOMPARE(actors, QStringList(4, account));
    }

    void aBrokenRulesFileStopsTheStartAndSaysWhere()
    {
        UiFixture fx;
        qputenv("XDG_CONFIG_HOME", fx.path(QStringLiteral("xdg-config")).toUtf8());
        QStandardPaths::setTestModeEnabled(false);
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY2(w.openDemo() && w.waitForOpen(), qPrintable(w.lastError()));
        RepositorySession *session = w.session();
        QFile rules(session->repositoryRoot() + QStringLiteral("/.harness/rules.json"));
        QVERIFY(rules.open(QIODevice::WriteOnly | QIODevice::Truncate));
        rules.write("{\n  \"version\": 1,\n  \"layers\": [\n    {\"name\": \"core\", \"paths\": \"src\"}\n  "
                    "]\n}\n");
        rules.close();
        QTRY_VERIFY(w.runControls()->startButton()->isEnabled());
        QTest::mouseClick(w.runControls()->startButton(), Qt::LeftButton);
        // Where the user looks: the banner across the window and the run dock, with file:line:column.
        QTRY_VERIFY(w.stopBanner()->isVisible());
        QVERIFY2(w.stopBanner()->text().contains(QStringLiteral("The run was not started")),
                 qPrintable(w.stopBanner()->text()));
        QVERIFY2(w.stopBanner()->text().contains(QStringLiteral(".harness/rules.json:4:")),
                 qPrintable(w.stopBanner()->text()));
        QVERIFY(w.stopBanner()->text().contains(QStringLiteral("fix .harness/rules.json")));
        // Nothing was planned: no run, no approval waiting.
        session->refresh();
        session->waitForRefresh();
        QVERIFY(session->runs().isEmpty());
        QVERIFY(session->pendingApprovals().isEmpty());
    }
};

QTEST_MAIN(TestNewcomerJourney)
#include "tst_newcomerjourney.moc"
