// Timeline over a real store: one lane per task, one bar per phase and iteration, bars appear live as
// events are appended, a selected bar lists its events lazily and shows context, response, tool calls,
// tokens and cost; zoom changes the time scale; only visible bars are painted.
#include "common/repositorysession.h"
#include "core/eventkinds.h"
#include "core/events/toolevents.h"
#include "timeline/eventlistmodel.h"
#include "timeline/timelineloader.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelineview.h"
#include "ui/support/uifixture.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestTimelinePanel : public QObject
{
    Q_OBJECT
private:
    // A run through plan, build and verify, with a model call, a tool call and a failing gate.
    static void recordRun(UiFixture &fx, const QString &runId)
    {
        // One event every two seconds, so each bar has a visible length.
        static QDateTime clock = QDateTime::currentDateTimeUtc().addSecs(-600);
        auto append = [&](const QString &run, const QString &actor, const QString &kind,
                          const QJsonObject &payload = {}) {
            clock = clock.addSecs(2);
            return fx.append(run, actor, kind, payload, clock);
        };
        auto phase = [&](const QString &p, int it) {
            append(runId, QStringLiteral("harness"), QStringLiteral("phase_started"),
                   {{QStringLiteral("phase"), p}, {QStringLiteral("iteration"), it}});
        };
        append(runId, QStringLiteral("harness"), QStringLiteral("run_created"));
        phase(QStringLiteral("plan"), 1);
        append(runId, QStringLiteral("harness"), QStringLiteral("context_assembled"),
               {{QStringLiteral("context"), QStringLiteral("CONTRACT: convert kelvin")}});
        append(runId, QStringLiteral("agent:replay"), QStringLiteral("model_call"),
               {{QStringLiteral("input_tokens"), 1200},
                {QStringLiteral("output_tokens"), 300},
                {QStringLiteral("cost"), 0.0125}});
        append(runId, QStringLiteral("agent:replay"), QStringLiteral("agent_response"),
               {{QStringLiteral("response"), QStringLiteral("Here is my plan: add kelvin_to_celsius")}});
        phase(QStringLiteral("build"), 1);
        append(runId, QStringLiteral("agent:replay"), QStringLiteral("tool_call_started"),
               {{QStringLiteral("tool"), QStringLiteral("write_file")},
                {QStringLiteral("arguments"),
                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/units.py")}}}});
        append(runId, QStringLiteral("harness"), QStringLiteral("tool_result"),
               {{QStringLiteral("output"), QStringLiteral("wrote 12 lines")}});
        phase(QStringLiteral("verify"), 1);
        append(runId, QStringLiteral("harness"), QStringLiteral("gate_result"),
               {{QStringLiteral("gate"), QStringLiteral("tests")},
                {QStringLiteral("status"), QStringLiteral("failed")}});
    }

    // Shows the panel at size over fx's store and waits until it has read the log: its session, or
    // nullptr when it did not catch up.
    static RepositorySession *showCaughtUp(UiFixture &fx, TimelinePanel &panel, QSize size)
    {
        panel.resize(size);
        panel.show();
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        QSignalSpy caught(panel.loader(), &TimelineLoader::caughtUp);
        return caught.wait(10000) ? session : nullptr;
    }

    struct Setup
    {
        UiFixture fx;
        TimelinePanel *panel = nullptr;
        RepositorySession *session = nullptr;
        Setup()
        {
            const Task a = fx.addTask(QStringLiteral("Convert Kelvin"));
            const Task b = fx.addTask(QStringLiteral("Parse units"));
            recordRun(fx, fx.addRun(a.id).id);
            recordRun(fx, fx.addRun(b.id).id);
            panel = new TimelinePanel;
            session = showCaughtUp(fx, *panel, QSize(1200, 800));
            QVERIFY(session);
        }
        ~Setup() { delete panel; }
    };

private Q_SLOTS:
    void lanesAndBars()
    {
        Setup s;
        const TimelineData &d = s.panel->timelineView()->data();
        QCOMPARE(d.lanes.size(), 2);
        QCOMPARE(d.lanes[0].taskId, QStringLiteral("T1"));
        QCOMPARE(d.lanes[1].taskId, QStringLiteral("T2"));
        // run_created forms a "start" bar, then plan, build, verify.
        QStringList phases;
        for (const TimelineBar &b : d.lanes[0].bars)
            phases << b.phase;
        QCOMPARE(phases, QStringList({"start", "plan", "build", "verify"}));
        const TimelineBar &plan = d.lanes[0].bars[1];
        QCOMPARE(plan.tokens, 1500);
        QCOMPARE(plan.cost, 0.0125);
        QCOMPARE(plan.events, 4);
        QVERIFY(!plan.open);
        QCOMPARE(d.lanes[0].bars[2].toolCalls, 1);
        QCOMPARE(d.lanes[0].bars[3].errors, 1); // the failed gate
        QVERIFY(d.lanes[0].bars[3].open); // the run has not moved on
    }

    void liveBarsAppear()
    {
        Setup s;
        s.fx.append(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("phase_started"),
                    {{QStringLiteral("phase"), QStringLiteral("fix")}, {QStringLiteral("iteration"), 2}});
        QTRY_COMPARE_WITH_TIMEOUT(s.panel->timelineView()->data().lanes[0].bars.size(), 5, 5000);
        const TimelineBar &fix = s.panel->timelineView()->data().lanes[0].bars.last();
        QCOMPARE(fix.phase, QStringLiteral("fix"));
        QCOMPARE(fix.iteration, 2);
        QVERIFY(!s.panel->timelineView()->data().lanes[0].bars[3].open); // verify closed by fix
        s.fx.append(QStringLiteral("R1"), QStringLiteral("human:alice"), QStringLiteral("aborted"));
        QTRY_VERIFY_WITH_TIMEOUT(!s.panel->timelineView()->data().lanes[0].bars.last().open, 5000);
    }

    void selectingABarShowsWhatWentIn()
    {
        Setup s;
        TimelineView *view = s.panel->timelineView();
        // Events of the test follow each other within milliseconds: zoom in until the bars are wide.
        view->horizontalScrollBar()->setValue(0);
        view->setPixelsPerSecond(5000, TimelineView::kHeaderWidth);
        const QRect bar = view->barRect(0, 1); // T1's plan bar
        QVERIFY(!bar.isEmpty());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, bar.center());
        QCOMPARE(view->selectedLane(), 0);
        QCOMPARE(view->selectedBarIndex(), 1);
        QCOMPARE(s.session->currentRunId(), QStringLiteral("R1"));
        QTRY_COMPARE(s.panel->eventModel()->rowCount(), 4);
        QVERIFY(s.panel->barSummary()->text().contains(QStringLiteral("1,500 tokens")));
        QVERIFY(s.panel->barSummary()->text().contains(QStringLiteral("$0.0125")));
        // The first event (phase start) is shown; pick the context and the response.
        auto *table = s.panel->eventTable();
        auto find = [&](const QString &kind) {
            for (int r = 0; r < s.panel->eventModel()->rowCount(); ++r)
                if (s.panel->eventModel()->event(r).kind == kind)
                    return r;
            return -1;
        };
        table->setCurrentIndex(s.panel->eventModel()->index(find(QStringLiteral("context_assembled")), 0));
        QVERIFY(s.panel->eventDetail()->toPlainText().contains(QStringLiteral("CONTRACT: convert kelvin")));
        table->setCurrentIndex(s.panel->eventModel()->index(find(QStringLiteral("agent_response")), 0));
        QVERIFY(s.panel->eventDetail()->toPlainText().contains(QStringLiteral("Here is my plan")));
        // A build bar shows the tool call with its arguments and result.
        QVERIFY(view->selectBar(0, 2));
        QTRY_COMPARE(s.panel->eventModel()->rowCount(), 3);
        table->setCurrentIndex(s.panel->eventModel()->index(find(QStringLiteral("tool_call_started")), 0));
        QVERIFY(s.panel->eventDetail()->toPlainText().contains(QStringLiteral("src/units.py")));
    }

    void eventListPagesLazily()
    {
        UiFixture fx;
        const Task t = fx.addTask(QStringLiteral("Chatty"));
        const Run r = fx.addRun(t.id);
        QList<Event> batch;
        batch.append(Event::make(r.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                                 {{QStringLiteral("phase"), QStringLiteral("build")}}));
        for (int i = 0; i < 1500; ++i)
            batch.append(Event::make(r.id, QStringLiteral("harness"), QStringLiteral("log"),
                                     {{QStringLiteral("text"), QStringLiteral("line %1").arg(i)}}));
        QVERIFY(fx.store->append(batch).ok());
        RepositorySession *session = fx.session();
        EventListModel model;
        model.setSession(session);
        model.setRange(r.id, 1, -1);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), EventListModel::kPage); // one page, not everything
        QVERIFY(model.canFetchMore({}));
        while (model.canFetchMore({}) || model.isFetching()) {
            model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), 1501);
        QCOMPARE(model.event(1500).payload.value(QStringLiteral("text")).toString(),
                 QStringLiteral("line 1499"));
        delete session;
    }

    void zoomAndPaintOnlyVisible()
    {
        Setup s;
        TimelineView *view = s.panel->timelineView();
        const double fitted = view->pixelsPerSecond();
        view->zoomIn();
        QVERIFY(view->pixelsPerSecond() > fitted);
        QWheelEvent wheel(QPointF(400, 60), view->viewport()->mapToGlobal(QPointF(400, 60)), {},
                          QPoint(0, -240), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        const double before = view->pixelsPerSecond();
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->pixelsPerSecond() < before);
        view->zoomToFit();
        view->viewport()->repaint();
        QVERIFY(view->lastPaintedBars() > 0);
        // Zoomed far in at the start, the later bars are off screen and not painted.
        view->setPixelsPerSecond(5000, TimelineView::kHeaderWidth);
        view->horizontalScrollBar()->setValue(0);
        view->viewport()->repaint();
        QVERIFY(view->lastPaintedBars() < 8);
    }

    void firstViewFitsTheRunOnceShown()
    {
        // Data that arrives while the timeline is hidden (another tab is in front) is fitted when the
        // view is shown at its real width — not into the few pixels a hidden view has (a weeks scale).
        UiFixture fx;
        const Task t = fx.addTask(QStringLiteral("Convert Kelvin"));
        recordRun(fx, fx.addRun(t.id).id);
        TimelinePanel panel;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        QSignalSpy caught(panel.loader(), &TimelineLoader::caughtUp);
        QVERIFY(caught.wait(10000));
        panel.resize(1200, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        TimelineView *view = panel.timelineView();
        const TimelineData &d = view->data();
        const double plot = view->viewport()->width() - TimelineView::kHeaderWidth;
        const double span = view->xOfTime(d.lastMs) - view->xOfTime(d.firstMs);
        QVERIFY2(span > 0.6 * plot && span <= plot,
                 qPrintable(QStringLiteral("%1 of %2 px").arg(span).arg(plot)));
    }

    void zoomKeepsTheTimeUnderTheCursor()
    {
        Setup s;
        TimelineView *view = s.panel->timelineView();
        view->zoomToFit();
        for (const int x : {700, 300, 950}) {
            const qint64 t = view->timeAtX(x);
            for (const int delta : {240, 240, -120}) {
                QWheelEvent wheel(QPointF(x, 60), view->viewport()->mapToGlobal(QPointF(x, 60)), {},
                                  QPoint(0, delta), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase,
                                  false);
                QApplication::sendEvent(view->viewport(), &wheel);
                QVERIFY2(qAbs(view->xOfTime(t) - x) <= 3.0,
                         qPrintable(QStringLiteral("at x=%1 the time moved to x=%2")
                                            .arg(x)
                                            .arg(view->xOfTime(t))));
            }
        }
        // Zoomed in at the newest events of a live run, new events do not move them from under the cursor.
        view->zoomToFit();
        const int x = view->viewport()->width() - 60;
        const qint64 t = view->timeAtX(x);
        QWheelEvent wheel(QPointF(x, 60), view->viewport()->mapToGlobal(QPointF(x, 60)), {}, QPoint(0, 480),
                          Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(qAbs(view->xOfTime(t) - x) <= 3.0);
        const qint64 seen = view->data().eventsSeen;
        s.fx.append(QStringLiteral("R2"), QStringLiteral("harness"), QStringLiteral("gate_result"),
                    {{QStringLiteral("gate"), QStringLiteral("rules")},
                     {QStringLiteral("status"), QStringLiteral("passed")}},
                    QDateTime::fromMSecsSinceEpoch(view->data().lastMs + 5000, Qt::UTC));
        QTRY_VERIFY_WITH_TIMEOUT(view->data().eventsSeen > seen, 5000);
        QVERIFY2(qAbs(view->xOfTime(t) - x) <= 3.0,
                 qPrintable(QStringLiteral("new events moved x=%1 to x=%2").arg(x).arg(view->xOfTime(t))));
    }

    void fitLeavesOutTheWaitForApproval()
    {
        UiFixture fx;
        const Task t = fx.addTask(QStringLiteral("Convert Kelvin"));
        const Run r = fx.addRun(t.id);
        QDateTime clock = QDateTime::currentDateTimeUtc().addSecs(-3600);
        auto append = [&](int seconds, const QString &actor, const QString &kind,
                          const QJsonObject &payload = {}) {
            clock = clock.addSecs(seconds);
            fx.append(r.id, actor, kind, payload, clock);
        };
        append(0, QStringLiteral("harness"), QStringLiteral("phase_started"),
               {{QStringLiteral("phase"), QStringLiteral("plan")}});
        append(3, QStringLiteral("harness"), QStringLiteral("approval_requested"),
               {{QStringLiteral("kind"), QStringLiteral("plan")},
                {QStringLiteral("approval"), QStringLiteral("A1")}});
        append(25 * 60, QStringLiteral("human:alice"), QStringLiteral("plan_approved")); // 25 minutes later
        append(1, QStringLiteral("harness"), QStringLiteral("phase_started"),
               {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), 1}});
        for (int i = 0; i < 10; ++i)
            append(3, QStringLiteral("agent:replay"), QStringLiteral("tool_call_started"));
        append(2, QStringLiteral("harness"), QStringLiteral("phase_started"),
               {{QStringLiteral("phase"), QStringLiteral("verify")}, {QStringLiteral("iteration"), 1}});
        append(4, QStringLiteral("harness"), QStringLiteral("verify_finished"),
               {{QStringLiteral("passed"), true}});
        TimelinePanel panel;
        QVERIFY(showCaughtUp(fx, panel, QSize(1200, 700)));
        TimelineView *view = panel.timelineView();
        view->zoomToFit();
        const TimelineData &d = view->data();
        QCOMPARE(d.gaps.size(), 1); // the 25 minutes nobody worked
        const double plot = view->viewport()->width() - TimelineView::kHeaderWidth;
        // The build (30 s of work) is readable, though the wait before it was fifty times longer.
        const QRect build = view->barRect(0, 1);
        QVERIFY2(build.width() > 0.3 * plot,
                 qPrintable(QStringLiteral("build is %1 of %2 px").arg(build.width()).arg(plot)));
        // The wait is drawn short, at a fixed width, and the whole run fits.
        const TimelineGap &gap = d.gaps.first();
        QVERIFY(view->xOfTime(gap.endMs) - view->xOfTime(gap.startMs) <= TimelineView::kGapWidth + 1);
        QVERIFY(view->xOfTime(d.lastMs) <= view->viewport()->width());
        // The mapping holds across the gap both ways.
        for (const qint64 ms :
             {d.firstMs + 1000, gap.startMs + (gap.endMs - gap.startMs) / 2, d.lastMs - 1000})
            QVERIFY(qAbs(view->timeAtX(int(view->xOfTime(ms))) - ms) <
                    2000 + (gap.endMs - gap.startMs) / TimelineView::kGapWidth);
    }

    void eventsReadAsTextWithTheJsonOneClickAway()
    {
        Setup s;
        TimelineView *view = s.panel->timelineView();
        QVERIFY(view->selectBar(0, 3)); // T1's verify bar
        QTRY_VERIFY(s.panel->eventModel()->rowCount() >= 2);
        int row = -1;
        for (int r = 0; r < s.panel->eventModel()->rowCount(); ++r)
            if (s.panel->eventModel()->event(r).kind == QLatin1String("gate_result"))
                row = r;
        QVERIFY(row >= 0);
        QCOMPARE(s.panel->eventModel()->index(row, EventListModel::SummaryColumn).data().toString().left(17),
                 QStringLiteral("Gate tests failed"));
        s.panel->eventTable()->setCurrentIndex(s.panel->eventModel()->index(row, 0));
        QVERIFY(s.panel->eventDetail()->toPlainText().startsWith(QStringLiteral("Gate tests failed")));
        QVERIFY(!s.panel->eventDetail()->toPlainText().contains(QStringLiteral("\"status\"")));
        QTest::mouseClick(s.panel->rawJsonButton(), Qt::LeftButton);
        QVERIFY(s.panel->eventDetail()->toPlainText().contains(QStringLiteral("\"kind\": \"gate_result\"")));
        QVERIFY(s.panel->eventDetail()->toPlainText().contains(QStringLiteral("\"status\": \"failed\"")));
        QTest::mouseClick(s.panel->rawJsonButton(), Qt::LeftButton);
        QVERIFY(s.panel->eventDetail()->toPlainText().startsWith(QStringLiteral("Gate tests failed")));
    }

    // A write the sandbox refused to the agent's own process: the row and the detail say first that nothing
    // was written, then why, what happened and what to do.
    void aRefusedWriteSaysNothingWasWritten()
    {
        UiFixture fx;
        const Task task = fx.addTask(QStringLiteral("Convert Kelvin"));
        const QString runId = fx.addRun(task.id).id;
        QDateTime clock = QDateTime::currentDateTimeUtc().addSecs(-60);
        const auto append = [&](const QString &actor, const QString &kind, const QJsonObject &payload) {
            clock = clock.addSecs(2);
            fx.append(runId, actor, kind, payload, clock);
        };
        append(QStringLiteral("harness"), QStringLiteral("run_created"), {});
        append(QStringLiteral("harness"), QStringLiteral("phase_started"),
               {{QStringLiteral("phase"), QStringLiteral("plan")}, {QStringLiteral("iteration"), 1}});
        SandboxWriteRefusedPayload refused;
        refused.path = fx.repo + QStringLiteral("/src/units/early.py");
        refused.syscall = QStringLiteral("openat");
        refused.pid = 4242;
        refused.comm = QStringLiteral("node");
        refused.reason = QStringLiteral("the worktree is read-only until the plan is approved");
        append(QStringLiteral("harness"), QString(kinds::SandboxWriteRefused), refused.toJson());
        append(QStringLiteral("agent:claude-code"), QStringLiteral("agent_response"),
               {{QStringLiteral("text"), QStringLiteral("Here is my plan.")}});

        TimelinePanel panel;
        QVERIFY(showCaughtUp(fx, panel, QSize(1600, 1000)));
        QVERIFY(panel.timelineView()->selectBar(0, 1)); // the plan bar
        QTRY_VERIFY(panel.eventModel()->rowCount() >= 2);
        int row = -1;
        for (int r = 0; r < panel.eventModel()->rowCount(); ++r)
            if (panel.eventModel()->event(r).kind == kinds::SandboxWriteRefused)
                row = r;
        QVERIFY(row >= 0);
        const QString summary =
                panel.eventModel()->index(row, EventListModel::SummaryColumn).data().toString();
        QVERIFY2(summary.startsWith(QStringLiteral("Sandbox refused a write, nothing was written: ")),
                 qPrintable(summary));
        panel.eventTable()->setCurrentIndex(panel.eventModel()->index(row, 0));
        const QString detail = panel.eventDetail()->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("The agent's process node (pid 4242) tried to write ") +
                                 refused.path),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Nothing was written")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Once you approve the plan, the worktree is writable")),
                 qPrintable(detail));
        const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
                panel.resize(size);
                QCoreApplication::processEvents();
                QVERIFY(panel.grab().save(QStringLiteral("%1/timeline-write-refused-%2x%3.png")
                                                  .arg(shots)
                                                  .arg(size.width())
                                                  .arg(size.height())));
            }
    }

    void emptyStateWithoutRuns()
    {
        UiFixture fx;
        fx.addTask(QStringLiteral("Not started"));
        TimelinePanel panel;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session);
        QSignalSpy caught(panel.loader(), &TimelineLoader::caughtUp);
        QVERIFY(caught.wait(5000));
        QVERIFY(panel.timelineView()->data().isEmpty());
        QVERIFY(!panel.timelineView()->isVisibleTo(&panel));
    }
};

QTEST_MAIN(TestTimelinePanel)
#include "tst_timelinepanel.moc"
