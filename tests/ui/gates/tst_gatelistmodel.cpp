// GateListModel under QAbstractItemModelTester: results replaced, emptied and refilled keep the model
// consistent, and each column shows the gate, its status, its duration and its number of findings.
#include "gates/gatelistmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;

class TestGateListModel : public QObject
{
    Q_OBJECT
private:
    static GateResult gate(const QString &id, GateStatus status, qint64 ms, int findings)
    {
        GateResult r;
        r.gate = id;
        r.status = status;
        r.durationMs = ms;
        for (int i = 0; i < findings; ++i)
            r.findings.append(Finding {QStringLiteral("src/a.cpp"), i + 1, 0, Severity::Warning,
                                       QStringLiteral("rule"), QStringLiteral("message"), id});
        return r;
    }

private Q_SLOTS:
    void staysConsistentThroughChanges()
    {
        GateListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setResults({gate(QStringLiteral("build"), GateStatus::Passed, 420, 0),
                          gate(QStringLiteral("tests"), GateStatus::Failed, 61000, 3),
                          gate(QStringLiteral("lint"), GateStatus::Skipped, 0, 0)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(GateListModel::ColumnCount));
        QCOMPARE(model.data(model.index(1, GateListModel::GateColumn)).toString(), QStringLiteral("tests"));
        QVERIFY(model.data(model.index(1, GateListModel::StatusColumn))
                        .toString()
                        .endsWith(GateListModel::statusText(GateStatus::Failed)));
        QCOMPARE(model.data(model.index(1, GateListModel::DurationColumn)).toString(),
                 GateListModel::durationText(61000));
        QCOMPARE(model.data(model.index(1, GateListModel::FindingsColumn)).toInt(), 3);
        QVERIFY(!model.headerData(GateListModel::StatusColumn, Qt::Horizontal).toString().isEmpty());
        model.setResults({});
        QCOMPARE(model.rowCount(), 0);
        model.setResults({gate(QStringLiteral("build"), GateStatus::Error, 5, 1)});
        QCOMPARE(model.rowCount(), 1);
        // Out-of-range indexes read as nothing.
        QVERIFY(!model.index(1, 0).isValid());
        QVERIFY(!model.data(model.index(0, GateListModel::ColumnCount)).isValid());
    }
};

QTEST_MAIN(TestGateListModel)
#include "tst_gatelistmodel.moc"
