// Timeline over a real store: one lane per task, one bar per phase and iteration, bars appear live as
// events are appended, a selected bar lists its events lazily and shows context, response, tool calls,
// tokens and cost; zoom changes the time scale; only visible bars are painted.
#include "common/repositorysession.h"
#include "timeline/eventlistmodel.h"
#include "timeline/timelineloader.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelineview.h"
#include "ui/support/uifixture.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QtTest>

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
            panel->resize(1200, 800);
            panel->show();
            session = fx.session(panel);
            panel->setSession(session);
            QSignalSpy caught(panel->loader(), &TimelineLoader::caughtUp);
            QVERIFY(caught.wait(10000));
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
