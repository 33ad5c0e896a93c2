// Plan approval over a real store: a pending plan raises the banner and shows summary, steps with
// files and risks; Approve records a decision bound to the plan's hash by the human; edited steps
// travel with the approval; request changes and reject need feedback; permission asks share the queue;
// the keyboard shortcuts approve, reject and move to the next pending decision.
#include "common/repositorysession.h"
#include "orchestration/approvalservice.h"
#include "plan/approvalbanner.h"
#include "plan/approvalnotifier.h"
#include "plan/planpanel.h"
#include "ui/support/uifixture.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestPlanPanel : public QObject
{
    Q_OBJECT
private:
    struct Setup
    {
        UiFixture fx;
        QWidget window;
        PlanPanel *panel = nullptr;
        ApprovalBanner *banner = nullptr;
        RepositorySession *session = nullptr;
        Approval approval;
        Setup()
        {
            const Task t = fx.addTask(QStringLiteral("Convert Kelvin"), {}, TaskState::AwaitingApproval);
            const Run r = fx.addRun(t.id);
            approval = fx.addPlanApproval(r.id);
            auto *layout = new QVBoxLayout(&window);
            banner = new ApprovalBanner(&window);
            panel = new PlanPanel(&window);
            layout->addWidget(banner);
            layout->addWidget(panel);
            window.resize(700, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            session = fx.session(&window);
            panel->setSession(session);
            banner->setSession(session);
        }
        Approval stored() { return fx.store->approval(approval.id).value(); }
    };

private Q_SLOTS:
    void showsThePendingPlanAndTheBanner()
    {
        Setup s;
        QVERIFY(s.banner->isVisible());
        QVERIFY(s.banner->text().contains(QStringLiteral("The plan of T1 (run R1) awaits your approval")));
        QCOMPARE(s.panel->currentApprovalId(), s.approval.id);
        QCOMPARE(s.panel->summaryLabel()->text(), QStringLiteral("Add a Kelvin conversion with tests"));
        QCOMPARE(s.panel->stepsTable()->rowCount(), 2);
        QCOMPARE(s.panel->stepsTable()->item(0, 0)->text(), QStringLiteral("Add kelvin_to_celsius"));
        QCOMPARE(s.panel->stepsTable()->item(1, 1)->text(), QStringLiteral("tests/test_units.py"));
        // The plan reads in full: every step with its files, the risks and the tests, wrapped.
        const QString text = s.panel->planView()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Add kelvin_to_celsius")));
        QVERIFY(text.contains(QStringLiteral("src/units.py")));
        QVERIFY(text.contains(QStringLiteral("tests/test_units.py")));
        QVERIFY(text.contains(QStringLiteral("Rounding of negative temperatures")));
        QVERIFY(text.contains(QStringLiteral("test_kelvin_zero")));
        QCOMPARE(s.panel->planView()->lineWrapMode(), QTextEdit::WidgetWidth);
        // Editing the steps is one click away, and back.
        QVERIFY(!s.panel->stepsTable()->isVisible());
        QTest::mouseClick(s.panel->editStepsButton(), Qt::LeftButton);
        QVERIFY(s.panel->stepsTable()->isVisible());
        QTest::mouseClick(s.panel->editStepsButton(), Qt::LeftButton);
        QVERIFY(s.panel->planView()->isVisible());
    }

    void approveBindsToThePlanHash()
    {
        Setup s;
        QSignalSpy decided(s.panel, &PlanPanel::decided);
        QTest::mouseClick(s.panel->approveButton(), Qt::LeftButton);
        QVERIFY(decided.wait(5000));
        const Approval a = s.stored();
        QCOMPARE(a.state, ApprovalState::Approved);
        QCOMPARE(a.decidedBy, RepositorySession::userActor());
        QCOMPARE(a.subjectHash, UiFixture::samplePlan().hash());
        // Once decided, the banner goes and the panel says nothing waits.
        QTRY_VERIFY(!s.banner->isVisible());
        QTRY_VERIFY(s.panel->currentApprovalId().isEmpty());
    }

    void editedStepsTravelWithTheApproval()
    {
        Setup s;
        QTableWidget *steps = s.panel->stepsTable();
        steps->item(1, 0)->setText(QStringLiteral("Test kelvin_to_celsius at 0 K and 273.15 K"));
        steps->item(1, 1)->setText(QStringLiteral("tests/test_units.py, tests/test_edge.py"));
        QVERIFY(s.panel->stepsEdited());
        QVERIFY(s.panel->approveButton()->text().contains(QStringLiteral("Edited")));
        QSignalSpy decided(s.panel, &PlanPanel::decided);
        s.panel->approve();
        QVERIFY(decided.wait(5000));
        const Approval a = s.stored();
        QCOMPARE(a.state, ApprovalState::Approved);
        const std::optional<Plan> edited = ApprovalService::editedPlan(a);
        QVERIFY(edited.has_value());
        QCOMPARE(edited->steps[1].description, QStringLiteral("Test kelvin_to_celsius at 0 K and 273.15 K"));
        QCOMPARE(edited->steps[1].files, QStringList({"tests/test_units.py", "tests/test_edge.py"}));
    }

    void invalidEditIsRefused()
    {
        Setup s;
        s.panel->stepsTable()->item(0, 1)->setText(QStringLiteral("../outside.py"));
        s.panel->approve();
        QVERIFY(s.panel->statusLabel()->text().contains(QStringLiteral("not valid")));
        QCOMPARE(s.stored().state, ApprovalState::Pending);
    }

    void requestChangesNeedsFeedback()
    {
        Setup s;
        QTest::mouseClick(s.panel->requestChangesButton(), Qt::LeftButton);
        QVERIFY(s.panel->statusLabel()->text().contains(QStringLiteral("Write feedback")));
        QCOMPARE(s.stored().state, ApprovalState::Pending);
        QTest::keyClicks(s.panel->feedbackEdit(), QStringLiteral("Also handle Fahrenheit"));
        QSignalSpy decided(s.panel, &PlanPanel::decided);
        QTest::mouseClick(s.panel->requestChangesButton(), Qt::LeftButton);
        QVERIFY(decided.wait(5000));
        QCOMPARE(s.stored().state, ApprovalState::ChangesRequested);
        QCOMPARE(s.stored().feedback, QStringLiteral("Also handle Fahrenheit"));
    }

    void rejectByShortcut()
    {
        Setup s;
        QTest::keyClicks(s.panel->feedbackEdit(), QStringLiteral("Wrong approach"));
        QSignalSpy decided(s.panel, &PlanPanel::decided);
        s.window.activateWindow();
        QTest::keyClick(&s.window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(decided.wait(5000));
        QCOMPARE(s.stored().state, ApprovalState::Rejected);
    }

    void permissionAsksShareTheQueueAndNextPending()
    {
        Setup s;
        Approval ask;
        ask.runId = QStringLiteral("R1");
        ask.kind = ApprovalKind::Permission;
        ask.subject =
                QJsonObject {{QStringLiteral("kind"), QStringLiteral("command")},
                             {QStringLiteral("tool"), QStringLiteral("run_command")},
                             {QStringLiteral("subject"), QStringLiteral("pip install pint")},
                             {QStringLiteral("reason"), QStringLiteral("network access is set to ask")}};
        ask.subjectHash = "permission-hash";
        ask = s.fx.store->addApproval(ask).value();
        s.session->refresh();
        QTRY_COMPARE(s.panel->queue()->count(), 2);
        QVERIFY(s.banner->text().contains(QStringLiteral("1 more decision")));
        s.window.activateWindow();
        QTest::keyClick(&s.window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(s.panel->currentApprovalId(), ask.id);
        QCOMPARE(s.panel->approveButton()->text(), QStringLiteral("&Allow"));
        bool shown = false;
        for (QLabel *l : s.panel->findChildren<QLabel *>())
            shown |= l->isVisible() && l->text().contains(QStringLiteral("pip install pint"));
        QVERIFY(shown);
        QSignalSpy decided(s.panel, &PlanPanel::decided);
        QTest::keyClick(&s.window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(decided.wait(5000));
        QCOMPARE(s.fx.store->approval(ask.id)->state, ApprovalState::Approved);
        // Back to the plan, still pending.
        QTRY_COMPARE(s.panel->currentApprovalId(), s.approval.id);
    }

    void aDecisionMadeElsewhereIsReported()
    {
        Setup s;
        // Another workbench (or `harness approve`) decides first.
        QVERIFY(ApprovalService(*s.fx.store).approve(s.approval.id, QStringLiteral("human:bob")).ok());
        QSignalSpy failed(s.panel, &PlanPanel::decisionFailed);
        QTest::keyClicks(s.panel->feedbackEdit(), QStringLiteral("no"));
        s.panel->reject();
        QVERIFY(failed.wait(5000));
        QVERIFY(s.panel->statusLabel()->text().contains(QStringLiteral("already decided")));
        QCOMPARE(s.stored().decidedBy, QStringLiteral("human:bob"));
    }

    void notifierAnnouncesNewApprovalsOnly()
    {
        UiFixture fx;
        const Task t = fx.addTask(QStringLiteral("Old"));
        const Run r = fx.addRun(t.id);
        fx.addPlanApproval(r.id); // pending before the workbench opened: the banner shows it
        RepositorySession *session = fx.session();
        ApprovalNotifier notifier;
        notifier.setSession(session);
        QSignalSpy notified(&notifier, &ApprovalNotifier::notified);
        Plan other = UiFixture::samplePlan();
        other.summary = QStringLiteral("A second plan");
        const Approval fresh = fx.addPlanApproval(r.id, other);
        session->refresh();
        QVERIFY(notified.wait(5000));
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.first().first().toString(), fresh.id);
        QVERIFY(notifier.shown().last().contains(QStringLiteral("A second plan")));
        delete session;
    }
};

QTEST_MAIN(TestPlanPanel)
#include "tst_planpanel.moc"
