// RuleTableModel under QAbstractItemModelTester over a real repository's rule document: rules added,
// edited in place, refused, removed, undone and redone, and the whole rule set replaced keep each kind's
// table consistent; the rows are the document's rules of that kind.
#include "common/repositorysession.h"
#include "ruleeditor/ruledocument.h"
#include "ruleeditor/ruletablemodel.h"
#include "ui/support/uifixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestRuleTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void staysConsistentThroughEdits()
    {
        UiFixture fx;
        RepositorySession *session = fx.session(this);
        RuleDocument *document = RuleDocument::of(session);
        QVERIFY2(document->isEditable(), qPrintable(document->loadError()));

        using Kind = RuleTableModel::Kind;
        RuleTableModel layers(Kind::Layers, document);
        RuleTableModel limits(Kind::Limits, document);
        RuleTableModel forbidden(Kind::Forbidden, document);
        RuleTableModel secrets(Kind::Secrets, document);
        QList<QAbstractItemModelTester *> testers;
        for (RuleTableModel *m : {&layers, &limits, &forbidden, &secrets})
            testers.append(new QAbstractItemModelTester(
                    m, QAbstractItemModelTester::FailureReportingMode::QtTest, this));

        const int before = limits.rowCount();
        NewRuleSpec small;
        small.name = QStringLiteral("small files");
        small.maxLines = 400;
        small.message = QStringLiteral("Split files over 400 lines.");
        const int row = limits.addRule(small);
        QCOMPARE(row, before);
        QCOMPARE(limits.rowCount(), before + 1);
        NewRuleSpec core;
        core.name = QStringLiteral("core");
        core.message = QStringLiteral("core depends on nothing");
        QVERIFY(layers.addRule(core) >= 0);

        // An edit in place, then one refused.
        const int maxLines = int(limits.keys().indexOf(QStringLiteral("max_lines")));
        QVERIFY(maxLines >= 0);
        QVERIFY(limits.setData(limits.index(row, maxLines), QStringLiteral("300")));
        QCOMPARE(limits.data(limits.index(row, maxLines)).toString(), QStringLiteral("300"));
        QVERIFY(!limits.setData(limits.index(row, maxLines), QStringLiteral("many")));
        QCOMPARE(limits.addRule(NewRuleSpec {}), -1);

        // Removed, undone, redone.
        QVERIFY(limits.removeRule(row));
        QCOMPARE(limits.rowCount(), before);
        document->undoStack()->undo();
        QCOMPARE(limits.rowCount(), before + 1);
        document->undoStack()->redo();
        QCOMPARE(limits.rowCount(), before);
        while (document->undoStack()->canUndo())
            document->undoStack()->undo();
        QCOMPARE(layers.rowCount(), 0);

        // The whole rule set replaced in one change.
        QVERIFY(document->apply(RuleDocument::defaultRules(), QStringLiteral("defaults")));
        QCOMPARE(layers.rowCount(), int(document->rules().layers.size()));
        QCOMPARE(limits.rowCount(), int(document->rules().limits.size()));
        QCOMPARE(forbidden.rowCount(), int(document->rules().forbidden.size()));
        QVERIFY(document->undoStack()->canUndo());
        document->undoStack()->undo();
        QCOMPARE(forbidden.rowCount(), 0);
        qDeleteAll(testers);
    }
};

QTEST_MAIN(TestRuleTableModel)
#include "tst_ruletablemodel.moc"
