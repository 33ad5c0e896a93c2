// FindingsModel and FindingsFilterModel under QAbstractItemModelTester: findings replaced and filtered by
// severity, gate and text (and sorted) keep both models consistent, and the filter keeps what it says.
#include "gates/findingsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;

class TestFindingsModel : public QObject
{
    Q_OBJECT
private:
    static QList<GateResult> results()
    {
        GateResult lint;
        lint.gate = QStringLiteral("lint");
        lint.status = GateStatus::Failed;
        lint.findings = {
                {QStringLiteral("src/a.cpp"), 3, 1, Severity::Warning, QStringLiteral("unused"),
                 QStringLiteral("x is unused"), QStringLiteral("lint")},
                {QStringLiteral("src/b.cpp"), 9, 2, Severity::Info, QStringLiteral("style"),
                 QStringLiteral("prefer auto"), QStringLiteral("lint")},
        };
        GateResult rules;
        rules.gate = QStringLiteral("rules");
        rules.status = GateStatus::Failed;
        rules.findings = {{QStringLiteral("src/a.cpp"), 0, 0, Severity::Error, QStringLiteral("layer-ui"),
                           QStringLiteral("ui may not include store"), QStringLiteral("rules")}};
        return {lint, rules};
    }

private Q_SLOTS:
    void staysConsistentThroughFilters()
    {
        FindingsModel model;
        FindingsFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester source(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxy(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.setResults(results());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.findingCount(), 3);
        QCOMPARE(model.countsByFile().value(QStringLiteral("src/a.cpp")), 2);
        QCOMPARE(filter.rowCount(), 3);

        filter.setMinimumSeverity(Severity::Warning);
        QCOMPARE(filter.rowCount(), 2);
        filter.setGate(QStringLiteral("rules"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.data(filter.index(0, FindingsModel::RuleColumn)).toString(),
                 QStringLiteral("layer-ui"));
        filter.setGate({});
        filter.setMinimumSeverity(Severity::Info);
        filter.setText(QStringLiteral("unused"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setText({});
        filter.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        QCOMPARE(filter.rowCount(), 3);
        QCOMPARE(filter.data(filter.index(0, FindingsModel::SeverityColumn), FindingsModel::SeverityRole)
                         .toInt(),
                 int(Severity::Error));

        // Replaced while filtered and sorted, then emptied.
        filter.setMinimumSeverity(Severity::Warning);
        model.setResults(results().mid(1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(filter.rowCount(), 1);
        model.setResults({});
        QCOMPARE(filter.rowCount(), 0);
    }
};

QTEST_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"
