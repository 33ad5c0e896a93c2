// EventListModel under QAbstractItemModelTester over a real store: a run's events between two seqs,
// fetched lazily in pages on the store thread, a range changed while a page is in flight, a live range
// that grows and a cleared model keep the model consistent; rows are the range's events in seq order.
#include "common/repositorysession.h"
#include "timeline/eventlistmodel.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestEventListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staysConsistentWhileFetching()
    {
        UiFixture fx;
        const Task t = fx.addTask(QStringLiteral("Convert Kelvin"));
        const Run r = fx.addRun(t.id);
        const Run other = fx.addRun(t.id);
        const int events = EventListModel::kPage * 2 + 30;
        for (int i = 0; i < events; ++i) {
            fx.append(r.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                      {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), i}});
            if (i % 50 == 0)
                fx.append(other.id, QStringLiteral("harness"), QStringLiteral("phase_started"));
        }
        RepositorySession *session = fx.session(this);

        EventListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(session);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));

        model.setRange(r.id, 1, -1);
        drainFetches(model);
        QCOMPARE(model.rowCount(), events);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.event(row).runId, r.id);
            QCOMPARE(model.event(row).seq, qint64(row + 1));
        }
        QCOMPARE(model.data(model.index(0, EventListModel::SeqColumn)).toLongLong(), 1);
        QVERIFY(!model.data(model.index(0, EventListModel::SummaryColumn)).toString().isEmpty());

        // A range changed while a page is in flight: the late page is dropped.
        model.setRange(r.id, 10, 19);
        model.fetchMore({});
        model.setRange(r.id, 100, 104);
        drainFetches(model);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.event(0).seq, 100);

        // A live range grows.
        model.setRange(other.id, 1, -1);
        drainFetches(model);
        const int before = model.rowCount();
        QVERIFY(before > 0);
        fx.append(other.id, QStringLiteral("harness"), QStringLiteral("phase_started"));
        model.markMayGrow();
        drainFetches(model);
        QCOMPARE(model.rowCount(), before + 1);

        // An event a runner wrote names the runner and its machine beside the actor.
        fx.store->setOrigin(QStringLiteral("r2"), QStringLiteral("build-7"));
        fx.append(other.id, QStringLiteral("harness"), QStringLiteral("phase_started"));
        model.markMayGrow();
        drainFetches(model);
        QCOMPARE(model.data(model.index(model.rowCount() - 1, EventListModel::ActorColumn)).toString(),
                 QStringLiteral("harness · runner r2 on build-7"));
        QCOMPARE(model.data(model.index(0, EventListModel::ActorColumn)).toString(),
                 QStringLiteral("harness"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_MAIN(TestEventListModel)
#include "tst_eventlistmodel.moc"
