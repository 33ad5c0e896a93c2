// The Gates view's Accept… on a real store: a finding only a human can settle shows "needs you" and the
// summary says it waits; Accept… asks for the reason in a dialog, records a finding_accepted event by the
// person with that reason, and the finding then shows "accepted" with the reason in its tooltip. An
// ordinary finding cannot be accepted, and an empty reason accepts nothing.
#include "ui/support/uifixture.h"

#include "core/events/verifyevents.h"
#include "gates/findingsmodel.h"
#include "gates/gatespanel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace harness;
using namespace harness::ui;

namespace {

Finding outOfScope()
{
    Finding f;
    f.file = QStringLiteral("vendor/lib.py");
    f.severity = Severity::Error;
    f.rule = QStringLiteral("out-of-scope");
    f.message = QStringLiteral("The change creates vendor/lib.py, outside the task's scope (src/**).");
    f.source = QStringLiteral("contract-scope");
    f.needsHuman = true;
    return f;
}

// Answers the reason dialog as a person would: types the text and presses the dialog's Accept button.
void answerReasonDialog(const QString &text, bool *seen)
{
    QTimer::singleShot(0, [text, seen] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            answerReasonDialog(text, seen); // not shown yet
            return;
        }
        *seen = dialog->objectName() == QLatin1String("acceptReasonDialog") &&
                dialog->labelText().contains(QStringLiteral("vendor/lib.py"));
        auto *edit = dialog->findChild<QLineEdit *>();
        QTest::keyClicks(edit, text);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
        QCOMPARE(ok->text(), QStringLiteral("Accept"));
        QTest::mouseClick(ok, Qt::LeftButton);
    });
}

int rowOf(QTableView *table, const QString &file)
{
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, FindingsModel::FileColumn).data().toString() == file)
            return r;
    return -1;
}

} // namespace

class TestAcceptFinding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptAsksForTheReasonAndShowsAccepted()
    {
        harness::ui::test::UiFixture fx;
        fx.addTask(QStringLiteral("Convert Kelvin"), {}, TaskState::Running);
        const Run run = fx.addRun(QStringLiteral("T1"));
        GateResult scope;
        scope.gate = QStringLiteral("contract-scope");
        scope.status = GateStatus::Failed;
        scope.findings = {outOfScope()};
        GateResult tests;
        tests.gate = QStringLiteral("tests");
        tests.status = GateStatus::Failed;
        tests.findings = {{QStringLiteral("tests/test_units.py"), 4, 0, Severity::Error,
                           QStringLiteral("test_k"), QStringLiteral("test_k failed"),
                           QStringLiteral("tests")}};
        fx.append(run.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                  {{QStringLiteral("phase"), QStringLiteral("verify")}, {QStringLiteral("iteration"), 1}});
        for (const GateResult &r : {tests, scope})
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("gate_result"),
                      GateResultPayload::of(r, QStringLiteral("command")).toJson());

        GatesPanel panel;
        panel.resize(1000, 420);
        panel.show();
        auto *session = fx.session(&panel);
        panel.setSession(session);
        session->selectRun(run.id);
        QTableView *table = panel.findingsTable();
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QTRY_VERIFY(panel.summaryText().contains(QStringLiteral("waiting for you: 1 finding")));

        // An ordinary finding: the agent fixes it, nobody accepts it.
        panel.selectFinding(rowOf(table, QStringLiteral("tests/test_units.py")));
        QVERIFY(!panel.acceptButton()->isEnabled());

        const int row = rowOf(table, QStringLiteral("vendor/lib.py"));
        const QModelIndex severity = table->model()->index(row, FindingsModel::SeverityColumn);
        QCOMPARE(severity.data().toString(), QStringLiteral("needs you"));
        panel.selectFinding(row);
        QVERIFY(panel.acceptButton()->isEnabled());

        // An empty reason accepts nothing.
        bool seen = false;
        answerReasonDialog(QString(), &seen);
        QTest::mouseClick(panel.acceptButton(), Qt::LeftButton);
        QVERIFY(seen);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("Not accepted: give a reason")),
                 qPrintable(panel.summaryText()));

        answerReasonDialog(QStringLiteral("vendored on purpose"), &seen);
        QTest::mouseClick(panel.acceptButton(), Qt::LeftButton);
        QVERIFY(seen);
        QTRY_COMPARE_WITH_TIMEOUT(
                table->model()
                        ->index(rowOf(table, QStringLiteral("vendor/lib.py")), FindingsModel::SeverityColumn)
                        .data()
                        .toString(),
                QStringLiteral("accepted"), 5000);
        const QModelIndex accepted = table->model()->index(rowOf(table, QStringLiteral("vendor/lib.py")),
                                                           FindingsModel::SeverityColumn);
        QVERIFY(accepted.data(Qt::ToolTipRole).toString().contains(QStringLiteral("vendored on purpose")));
        QVERIFY2(panel.summaryText().contains(QStringLiteral("Accepted %1").arg(outOfScope().id())),
                 qPrintable(panel.summaryText()));
        QVERIFY(!panel.summaryText().contains(QStringLiteral("waiting for you")));
        panel.selectFinding(rowOf(table, QStringLiteral("vendor/lib.py")));
        QVERIFY(!panel.acceptButton()->isEnabled());

        // The acceptance is an audited event of the person, with the reason.
        auto events = fx.store->events(run.id);
        QVERIFY(events);
        int found = 0;
        for (const Event &e : *events)
            if (auto p = payloadIf<FindingAcceptedPayload>(e)) {
                ++found;
                QCOMPARE(p->finding, outOfScope().id());
                QCOMPARE(p->reason, QStringLiteral("vendored on purpose"));
                QCOMPARE(p->file, QStringLiteral("vendor/lib.py"));
                QVERIFY2(e.actor.startsWith(QStringLiteral("human:")), qPrintable(e.actor));
            }
        QCOMPARE(found, 1);
    }
};

QTEST_MAIN(TestAcceptFinding)
#include "tst_acceptfinding.moc"
