// The Runners view's queue over a real store (SQLite): the queued runs in claim order under
// QAbstractItemModelTester, a run's priority raised from the view reorders the queue and is recorded with
// the person's name, the queue's limits applied from the view reach the store and the audit trail, and the
// buttons say why they are disabled.
#include "core/events/projectevents.h"
#include "core/events/runevents.h"
#include "runners/queuemodel.h"
#include "runners/queuepanel.h"
#include "runners/runnerspanel.h"
#include "store/runnerroster.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestQueuePanel : public QObject
{
    Q_OBJECT

    struct Setup
    {
        UiFixture fx;
        RepositorySession *session = nullptr;
        RunnersPanel *panel = nullptr;
        Setup()
        {
            for (int i = 1; i <= 3; ++i) {
                const Task t = fx.addTask(QStringLiteral("Task %1").arg(i));
                const Run r = fx.addRun(t.id);
                if (!fx.store->queue().enqueue(r.id, t.id, i == 3 ? 5 : 0, QStringLiteral("/srv/remote.git")))
                    qFatal("enqueue");
            }
            panel = new RunnersPanel;
            session = fx.session(panel);
            panel->resize(1100, 600);
            panel->show();
            QSignalSpy read(panel, &RunnersPanel::refreshed);
            panel->setSession(session);
            if (!read.wait(5000))
                qFatal("the runners view did not read the store");
        }
        ~Setup() { delete panel; }
        QueuePanel *queue() const { return panel->queuePanel(); }
        QStringList order() const
        {
            QStringList runs;
            for (const QueueEntry &e : queue()->model()->entries())
                runs << e.runId;
            return runs;
        }
    };

private Q_SLOTS:
    void showsTheQueueInClaimOrder()
    {
        Setup s;
        QAbstractItemModelTester tester(s.queue()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(s.order(), (QStringList {"R3", "R1", "R2"}));
        QueueModel *m = s.queue()->model();
        QCOMPARE(m->data(m->index(0, QueueModel::Priority)).toInt(), 5);
        QCOMPARE(m->data(m->index(0, QueueModel::State)).toString(), QStringLiteral("waiting"));
        QCOMPARE(m->data(m->index(0, QueueModel::Runner)).toString(), QStringLiteral("—"));
        // Nothing selected: the priority buttons are off and say why.
        QVERIFY(!s.queue()->raiseButton()->isEnabled());
        QCOMPARE(s.queue()->raiseButton()->toolTip(), QStringLiteral("Select a run in the queue."));
        QVERIFY(!s.queue()->applyLimitsButton()->isEnabled());
        QCOMPARE(s.queue()->maxRunsBox()->text(), QStringLiteral("no limit"));
        // With HARNESS_SCREENSHOT_DIR set: the view with two runners and the queue, at both sizes.
        if (const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR"); !shots.isEmpty()) {
            for (const QString &name : {QStringLiteral("build-1"), QStringLiteral("build-2")}) {
                RunnerInfo r;
                r.name = name;
                r.host = QStringLiteral("node-") + name.right(1);
                r.instance = name;
                r.capacity = 2;
                r.version = QStringLiteral("0.1.0");
                QVERIFY(s.fx.store->roster().enroll(r, 30000));
            }
            auto lease = s.fx.store->queue().claim(QStringLiteral("build-1"), 30000);
            QVERIFY(lease && lease->has_value());
            s.queue()->table()->selectRow(1);
            for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
                s.panel->resize(size);
                QSignalSpy read(s.panel, &RunnersPanel::refreshed);
                s.panel->refresh();
                QVERIFY(read.wait(5000));
                QVERIFY(s.panel->grab().save(QStringLiteral("%1/runners-queue-%2x%3.png")
                                                     .arg(shots)
                                                     .arg(size.width())
                                                     .arg(size.height())));
            }
        }
    }

    void raisingAPriorityReordersAndIsAudited()
    {
        Setup s;
        QAbstractItemModelTester tester(s.queue()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        s.queue()->table()->selectRow(s.queue()->model()->rowOf(QStringLiteral("R2")));
        QVERIFY(s.queue()->raiseButton()->isEnabled());
        // Six quick clicks are six steps, even before the view has read the first one back.
        for (int i = 0; i < 6; ++i)
            s.queue()->raiseButton()->click();
        QTRY_COMPARE(s.order(), (QStringList {"R2", "R3", "R1"}));
        QCOMPARE(s.queue()->selectedRun(), QStringLiteral("R2")); // the selection follows the run
        QTRY_COMPARE(s.queue()->messageLabel()->text(), QStringLiteral("R2 now has priority 6."));
        auto entry = s.fx.store->queue().entry(QStringLiteral("R2"));
        QVERIFY(entry && entry->has_value());
        QCOMPARE((*entry)->priority, 6);
        auto events = s.fx.store->events(QStringLiteral("R2"));
        QVERIFY(events);
        QList<RunReprioritizedPayload> changes;
        for (const Event &e : std::as_const(*events))
            if (auto p = payloadIf<RunReprioritizedPayload>(e)) {
                changes << *p;
                QCOMPARE(e.actor, RepositorySession::userActor());
            }
        QCOMPARE(changes.size(), 6);
        QCOMPARE(changes.last().previous, 5);
        QCOMPARE(changes.last().priority, 6);
    }

    void limitsAppliedReachTheStoreAndTheAuditTrail()
    {
        Setup s;
        s.queue()->maxRunsBox()->setValue(3);
        s.queue()->maxSpendBox()->setValue(12.5);
        QVERIFY(s.queue()->applyLimitsButton()->isEnabled());
        // Wait for the apply's own answer: a refresh that read the store before it may answer first.
        QSignalSpy applied(s.queue(), &QueuePanel::changed);
        s.queue()->applyLimitsButton()->click();
        QVERIFY(applied.wait(5000));
        auto limits = s.fx.store->queue().limits();
        QVERIFY(limits);
        QCOMPARE(limits->maxConcurrent, 3);
        QCOMPARE(limits->maxSpend, 12.5);
        QVERIFY(!s.queue()->applyLimitsButton()->isEnabled()); // nothing left to apply
        QVERIFY(s.queue()->messageLabel()->text().startsWith(QStringLiteral("Limits applied")));
        auto events = s.fx.store->events(QString());
        QVERIFY(events);
        std::optional<QueueLimitsChangedPayload> changed;
        for (const Event &e : std::as_const(*events))
            if (auto p = payloadIf<QueueLimitsChangedPayload>(e)) {
                changed = p;
                QCOMPARE(e.actor, RepositorySession::userActor());
            }
        QVERIFY(changed);
        QCOMPARE(changed->maxConcurrent, 3);
        QCOMPARE(changed->previousMaxConcurrent, 0);
        // A refresh shows what the store holds, and does not overwrite a value being typed.
        s.queue()->maxRunsBox()->setValue(7);
        QSignalSpy again(s.panel, &RunnersPanel::refreshed);
        s.panel->refresh();
        QVERIFY(again.wait(5000));
        QCOMPARE(s.queue()->maxRunsBox()->value(), 7);
        QVERIFY(s.queue()->applyLimitsButton()->isEnabled());
    }

    void aRunThatEndedMeanwhileSaysSo()
    {
        Setup s;
        s.queue()->table()->selectRow(s.queue()->model()->rowOf(QStringLiteral("R1")));
        // Another workbench or a runner ended R1 after this view read the queue.
        auto lease = s.fx.store->queue().claim(QStringLiteral("r1"), 30000);
        QVERIFY(lease && lease->has_value());
        QCOMPARE((*lease)->runId, QStringLiteral("R3")); // the most urgent first
        QVERIFY(s.fx.store->queue().setPriority(QStringLiteral("R1"), 9));
        auto second = s.fx.store->queue().claim(QStringLiteral("r1"), 30000);
        QVERIFY(second && second->has_value());
        QCOMPARE((*second)->runId, QStringLiteral("R1"));
        QVERIFY(s.fx.store->queue().release(**second, QueueEntry::State::Done, QStringLiteral("ended")));
        s.queue()->raiseButton()->click();
        // A periodic refresh may come first: wait for the raise's own answer.
        QTRY_VERIFY2_WITH_TIMEOUT(s.queue()->messageLabel()->property("error").toBool(),
                                  qPrintable(s.queue()->messageLabel()->text()), 5000);
        QCOMPARE(s.queue()->messageLabel()->text(),
                 QStringLiteral(
                         "Could not change the priority of R1: run R1 has ended; its priority no longer "
                         "matters"));
    }
};

QTEST_MAIN(TestQueuePanel)

#include "tst_queuepanel.moc"
