// AuditModel under QAbstractItemModelTester over a real store: pages fetched lazily on the store thread,
// a filter applied while reading, a restart at a log position and a growing log keep the model
// consistent, and the rows are the matching events in log order.
#include "audit/auditmodel.h"
#include "common/repositorysession.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestAuditModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staysConsistentWhileFetching()
    {
        UiFixture fx;
        const Run r = fx.addRun(fx.addTask(QStringLiteral("Convert Kelvin")).id);
        // More than one scan page, with the humans' events spread through it.
        for (int i = 0; i < AuditModel::kScanPage + 150; ++i)
            fx.append(r.id, i % 100 == 0 ? QStringLiteral("human:alice") : QStringLiteral("harness"),
                      QStringLiteral("phase_started"), {{QStringLiteral("iteration"), i}});
        RepositorySession *session = fx.session(this);

        AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(session);
        QTRY_VERIFY(model.rowCount() > 0);
        drainFetches(model);
        const qint64 total = fx.store->lastLogId().value();
        QCOMPARE(qint64(model.rowCount()), total);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.event(row - 1).logId < model.event(row).logId);

        model.setFilter(AuditFilter {QStringLiteral("human:"), {}});
        QTRY_VERIFY(!model.isFetching());
        drainFetches(model);
        QVERIFY(model.rowCount() >= (AuditModel::kScanPage + 150 + 99) / 100);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.event(row).actor.startsWith(QLatin1String("human:")));

        model.setBrokenLogId(model.event(1).logId);
        QCOMPARE(model.rowOfLogId(model.brokenLogId()), 1);
        model.setFilter({});
        model.startAt(total - 9);
        drainFetches(model);
        QCOMPARE(model.rowCount(), 10);

        // The log grows: the end is looked for again.
        fx.append(r.id, QStringLiteral("human:bob"), QStringLiteral("review_comment"));
        session->refresh();
        session->waitForRefresh();
        QTRY_COMPARE(model.rowCount(), 11);
        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestAuditModel)
#include "tst_auditmodel.moc"
