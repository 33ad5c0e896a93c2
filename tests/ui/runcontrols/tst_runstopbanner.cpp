// A run that stops without a merge is explained where the user looks: in the run dock and in a banner
// across the window — what happened, in the run's own words, and the next step — with "Show in
// Timeline"; a refused start (a broken configuration file) says where the file is broken.
#include "common/repositorysession.h"
#include "common/runtracker.h"
#include "runcontrols/runcontrolspanel.h"
#include "runcontrols/runendexplainer.h"
#include "runcontrols/runstopbanner.h"
#include "ui/support/uifixture.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestRunStopBanner : public QObject
{
    Q_OBJECT

    struct Setup
    {
        UiFixture fx;
        QWidget window;
        RunStopBanner *banner = nullptr;
        RunControlsPanel *dock = nullptr;
        RepositorySession *session = nullptr;
        RunTracker *tracker = nullptr;
        Run run;

        explicit Setup(const QString &endKind, const QString &reason)
        {
            fx.addTask(QStringLiteral("Convert Kelvin"), {}, TaskState::Escalated);
            run = fx.addRun(QStringLiteral("T1"));
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                      {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), 1}});
            if (!endKind.isEmpty())
                fx.append(run.id, QStringLiteral("harness"), endKind, {{QStringLiteral("reason"), reason}});
            auto *layout = new QVBoxLayout(&window);
            banner = new RunStopBanner(&window);
            dock = new RunControlsPanel(&window);
            layout->addWidget(banner);
            layout->addWidget(dock);
            session = fx.session(&window);
            tracker = new RunTracker(session, &window);
            banner->setSession(session, tracker);
            dock->setSession(session, tracker);
            window.resize(900, 500);
            window.show();
            session->selectTask(QStringLiteral("T1"));
        }
    };

private Q_SLOTS:
    void escalatedRunSaysWhyAndWhatNext()
    {
        Setup s(QStringLiteral("escalated"),
                QStringLiteral(
                        "the gates still fail after 3 iterations (tests, rules); a human has to look"));
        QTRY_VERIFY(s.banner->isVisible());
        const QString text = s.banner->text();
        QVERIFY2(text.contains(QStringLiteral("Run R1 escalated")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("the gates still fail after 3 iterations")));
        QVERIFY(text.contains(QStringLiteral("Gates dock")));
        // The run dock says the same, under the run's state.
        QTRY_VERIFY(s.dock->stopLabel()->isVisible());
        QVERIFY(s.dock->stopLabel()->text().contains(QStringLiteral("the gates still fail")));
        QVERIFY(s.dock->stopLabel()->text().contains(QStringLiteral("Next:")));
        // "Show in Timeline" names the run; Dismiss hides the banner for this run.
        QSignalSpy shown(s.banner, &RunStopBanner::showInTimelineRequested);
        QTest::mouseClick(s.banner->timelineButton(), Qt::LeftButton);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toString(), s.run.id);
        QTest::mouseClick(s.banner->dismissButton(), Qt::LeftButton);
        QVERIFY(!s.banner->isVisible());
        QVERIFY(s.dock->stopLabel()->isVisible()); // the dock keeps the explanation
    }

    void nextStepFollowsTheReason_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("next");
        QTest::newRow("configuration")
                << "failed"
                << "configuration error: .harness/rules.json:3:14: layers: must be an array — fix "
                   ".harness/rules.json, then start the task again (nothing was planned or built)"
                << "Run R1 failed"
                << "Rules tab";
        QTest::newRow("model") << "failed"
                               << "the model call failed: HTTP 401"
                               << "Run R1 failed"
                               << "API key";
        QTest::newRow("budget") << "budget_exhausted"
                                << "the token budget is spent"
                                << "ran out of budget"
                                << "Edit Task";
        QTest::newRow("aborted") << "aborted"
                                 << "aborted in the workbench"
                                 << "was aborted"
                                 << "discard";
        QTest::newRow("plans") << "escalated"
                               << "no plan was approved after 5 rounds"
                               << "escalated"
                               << "approve a plan";
    }

    void nextStepFollowsTheReason()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QFETCH(QString, title);
        QFETCH(QString, next);
        const RunEndExplanation e = RunEndExplainer::explain(QStringLiteral("R1"), kind, reason);
        QVERIFY(e.stopped);
        QVERIFY2(e.title.contains(title), qPrintable(e.title));
        QVERIFY2(e.nextStep.contains(next), qPrintable(e.nextStep));
        QCOMPARE(e.reason, reason);
        // A merged or discarded run has nothing to explain.
        QVERIFY(!RunEndExplainer::explain(QStringLiteral("R1"), QStringLiteral("merged"), {}).stopped);
    }

    void refusedStartSaysWhereTheFileIsBroken()
    {
        Setup s({}, {});
        QVERIFY(!s.banner->isVisible()); // a running run: nothing to explain
        s.banner->showRefusal(QStringLiteral("configuration error: .harness/gates.json:4:1: not valid JSON"));
        QVERIFY(s.banner->isVisible());
        QVERIFY(s.banner->text().contains(QStringLiteral("The run was not started")));
        QVERIFY(s.banner->text().contains(QStringLiteral(".harness/gates.json:4:1")));
        QVERIFY(!s.banner->timelineButton()->isVisible());
        QTest::mouseClick(s.banner->dismissButton(), Qt::LeftButton);
        QVERIFY(!s.banner->isVisible());
    }
};

QTEST_MAIN(TestRunStopBanner)
#include "tst_runstopbanner.moc"
