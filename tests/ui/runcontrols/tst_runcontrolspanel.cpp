// Run controls over a real store: the selected task's latest run with phase and iteration, the budget
// meter from the run's model_call events against the task's limits, and which of start / pause /
// resume / abort are offered in each state (none without a run engine, with the reason), and what a run
// queued for the team's runners shows: waiting for a runner, then the runner and machine that have it.
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "runcontrols/budgetmeter.h"
#include "runcontrols/runcontrolspanel.h"
#include "ui/support/uifixture.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestRunControlsPanel : public QObject
{
    Q_OBJECT
private:
    struct Setup
    {
        UiFixture fx;
        RunControlsPanel panel;
        RepositorySession *session = nullptr;
        RunTracker *tracker = nullptr;
        Setup()
        {
            fx.addTask(QStringLiteral("Convert Kelvin"), {}, TaskState::Running);
            const Run r = fx.addRun(QStringLiteral("T1"));
            fx.append(r.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                      {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), 2}});
            for (int i = 0; i < 3; ++i)
                fx.append(r.id, QStringLiteral("agent:gpt-test"), QStringLiteral("model_call"),
                          {{QStringLiteral("input_tokens"), 20000},
                           {QStringLiteral("output_tokens"), 7000},
                           {QStringLiteral("cost"), 0.55}});
            session = fx.session(&panel);
            tracker = new RunTracker(session, &panel);
            panel.setSession(session, tracker);
            panel.show();
            session->selectTask(QStringLiteral("T1"));
            QTRY_VERIFY(tracker->summary(QStringLiteral("R1")).tokens == 81000);
        }
    };

private Q_SLOTS:
    void budgetMeter()
    {
        Setup s;
        QTRY_COMPARE(s.panel.budgetMeter()->tokensText(), QStringLiteral("81,000 of 100,000 tokens"));
        QCOMPARE(s.panel.budgetMeter()->tokensPercent(), 81);
        QCOMPARE(s.panel.budgetMeter()->costText(), QStringLiteral("$1.65 of $2.00"));
        QVERIFY(s.panel.stateLabel()->text().contains(QStringLiteral("build, iteration 2 of 3")));
        // Spend grows live.
        s.fx.append(QStringLiteral("R1"), QStringLiteral("agent:gpt-test"), QStringLiteral("model_call"),
                    {{QStringLiteral("input_tokens"), 30000}, {QStringLiteral("cost"), 0.5}});
        QTRY_COMPARE_WITH_TIMEOUT(s.panel.budgetMeter()->tokensText(),
                                  QStringLiteral("111,000 of 100,000 tokens"), 5000);
        QCOMPARE(s.panel.budgetMeter()->tokensPercent(), 100);
    }

    void noEngineNoButtons()
    {
        Setup s;
        for (QPushButton *b :
             {s.panel.startButton(), s.panel.pauseButton(), s.panel.resumeButton(), s.panel.abortButton()}) {
            QVERIFY(!b->isEnabled());
            QVERIFY(b->toolTip().contains(QStringLiteral("not connected")));
        }
    }

    void buttonsFollowTheRun()
    {
        Setup s;
        s.panel.setEngineAvailable(true);
        QVERIFY(!s.panel.startButton()->isEnabled());
        QVERIFY(s.panel.pauseButton()->isEnabled());
        QVERIFY(!s.panel.resumeButton()->isEnabled());
        QVERIFY(s.panel.abortButton()->isEnabled());
        QSignalSpy pause(&s.panel, &RunControlsPanel::pauseRequested);
        QTest::mouseClick(s.panel.pauseButton(), Qt::LeftButton);
        QCOMPARE(pause.size(), 1);
        QCOMPARE(pause.first().first().toString(), QStringLiteral("R1"));

        s.fx.append(QStringLiteral("R1"), QStringLiteral("human:alice"), QStringLiteral("paused"));
        QTRY_VERIFY_WITH_TIMEOUT(s.panel.resumeButton()->isEnabled(), 5000);
        QVERIFY(!s.panel.pauseButton()->isEnabled());
        QVERIFY(s.panel.stateLabel()->text().contains(QStringLiteral("paused")));

        s.fx.append(QStringLiteral("R1"), QStringLiteral("human:alice"), QStringLiteral("aborted"));
        Task t = s.fx.store->task(QStringLiteral("T1")).value();
        t.state = TaskState::Aborted;
        QVERIFY(s.fx.store->updateTask(t).ok());
        QTRY_VERIFY_WITH_TIMEOUT(s.panel.startButton()->isEnabled(), 5000);
        QVERIFY(!s.panel.abortButton()->isEnabled());
        QSignalSpy start(&s.panel, &RunControlsPanel::startRequested);
        QTest::mouseClick(s.panel.startButton(), Qt::LeftButton);
        QCOMPARE(start.first().first().toString(), QStringLiteral("T1"));
    }

    // A run the engine stopped says why beside its state, not only "ended (failed)".
    void anEndedRunSaysWhy()
    {
        Setup s;
        s.fx.append(QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("failed"),
                    {{QStringLiteral("reason"),
                      QStringLiteral("gate \"tests\" could not run: python3: not found (exit code 127)")}});
        QTRY_VERIFY_WITH_TIMEOUT(s.panel.stateLabel()->text().contains(QStringLiteral("ended (failed)")),
                                 5000);
        // The stop explanation gives the engine's reason.
        QVERIFY(!s.panel.stopLabel()->isHidden());
        QVERIFY2(s.panel.stopLabel()->text().contains(QStringLiteral("python3: not found (exit code 127)")),
                 qPrintable(s.panel.stopLabel()->text()));
    }

    // A run queued for the runners is live while its task is still open: no Start, Pause and Abort offered
    // as decisions its runner obeys, and the state says who has it.
    void aQueuedRunSaysWhoHasIt()
    {
        UiFixture fx;
        fx.addTask(QStringLiteral("Convert Kelvin"));
        const Run r = fx.addRun(QStringLiteral("T1"));
        fx.append(r.id, QStringLiteral("human:ann"), QStringLiteral("run_requested"),
                  {{QStringLiteral("task"), QStringLiteral("T1")},
                   {QStringLiteral("target"), QStringLiteral("main")}});
        fx.append(r.id, QStringLiteral("human:ann"), QStringLiteral("run_queued"),
                  {{QStringLiteral("priority"), 0},
                   {QStringLiteral("remote"), QStringLiteral("/srv/units.git")}});
        RunControlsPanel panel;
        RepositorySession *session = fx.session(&panel);
        auto *tracker = new RunTracker(session, &panel);
        panel.setSession(session, tracker);
        panel.setEngineAvailable(true);
        panel.show();
        session->selectTask(QStringLiteral("T1"));
        QTRY_COMPARE_WITH_TIMEOUT(
                panel.stateLabel()->text(),
                QStringLiteral(
                        "Task: Open · run R1\nQueued for the runners: waiting for a runner to claim it. "
                        "Runners on other machines drive it, not this workbench."),
                5000);
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.pauseButton()->isEnabled());
        QVERIFY(panel.abortButton()->isEnabled());
        QVERIFY(!panel.resumeButton()->isEnabled());
        QCOMPARE(panel.pauseButton()->toolTip(),
                 QStringLiteral("Records a pause; the runner that claims it stops at its next safe point."));

        fx.append(r.id, QStringLiteral("harness"), QStringLiteral("run_claimed"),
                  {{QStringLiteral("runner"), QStringLiteral("build-3")},
                   {QStringLiteral("host"), QStringLiteral("node-7")},
                   {QStringLiteral("token"), 1}});
        fx.append(r.id, QStringLiteral("human:ann"), QStringLiteral("paused"));
        QTRY_VERIFY_WITH_TIMEOUT(panel.resumeButton()->isEnabled(), 5000);
        QCOMPARE(panel.stateLabel()->text(),
                 QStringLiteral(
                         "Task: Open · run R1 · paused\nQueued for the runners: claimed by runner build-3 "
                         "on node-7, which drives it."));
        QCOMPARE(panel.resumeButton()->toolTip(),
                 QStringLiteral(
                         "Records that the run may go on; its runner continues it (it is not driven here)."));
        QVERIFY(!panel.pauseButton()->isEnabled());
        QVERIFY(panel.abortButton()->isEnabled());
        QSignalSpy resume(&panel, &RunControlsPanel::resumeRequested);
        QTest::mouseClick(panel.resumeButton(), Qt::LeftButton);
        QCOMPARE(resume.size(), 1);
    }

    void noTaskSelected()
    {
        UiFixture fx;
        RunControlsPanel panel;
        RepositorySession *session = fx.session(&panel);
        panel.setSession(session, nullptr);
        panel.setEngineAvailable(true);
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(panel.budgetMeter()->tokensText().contains(QStringLiteral("no run")));
    }
};

QTEST_MAIN(TestRunControlsPanel)
#include "tst_runcontrolspanel.moc"
