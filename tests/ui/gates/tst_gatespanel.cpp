// Tests the Gates view with findings from the real rule engine on a real repository: gate status and
// log, sorting and filtering the findings, a finding opening its line in the diff, and "make this a rule".
#include "ui/diff/repofixture.h"
#include "ui/support/uifixture.h"

#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "gates/findingsmodel.h"
#include "gates/gateresultevents.h"
#include "gates/gatespanel.h"
#include "rules/ruleengine.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace harness;
using namespace harness::ui;

namespace {

struct Verified
{
    RepoFixture repo;
    QString base;
    QList<GateResult> results;
};

// A change that breaks a layer rule and a forbidden pattern, checked by the real rule engine, plus a
// real command gate.
std::unique_ptr<Verified> verify()
{
    auto v = std::make_unique<Verified>();
    v->repo.write(QStringLiteral("app/db/store.h"), "#pragma once\nstruct Store {};\n");
    v->repo.write(QStringLiteral("app/ui/view.cpp"), "// view\nint view() { return 0; }\n");
    v->base = v->repo.commitAll(QStringLiteral("base"));
    v->repo.write(
            QStringLiteral("app/ui/view.cpp"),
            "// view\n#include \"../db/store.h\"\n#include <QDebug>\nint view() {\n    qDebug() << \"x\";\n"
            "    return 0;\n}\n");
    v->repo.write(QStringLiteral("app/db/store.cpp"), "#include \"store.h\"\nvoid save() { qDebug(); }\n");
    v->repo.commitAll(QStringLiteral("change"));

    RuleSet rules;
    rules.layers.append({QStringLiteral("layer-ui"),
                         QStringLiteral("ui"),
                         {QStringLiteral("app/ui/**")},
                         {},
                         Severity::Error,
                         QStringLiteral("The UI talks to the store through services."),
                         {}});
    rules.layers.append({QStringLiteral("layer-db"),
                         QStringLiteral("db"),
                         {QStringLiteral("app/db/**")},
                         {},
                         Severity::Error,
                         QString(),
                         {}});
    ForbiddenRule debug;
    debug.id = QStringLiteral("no-qdebug");
    debug.paths = {QStringLiteral("app/**")};
    debug.pattern = QStringLiteral("qDebug\\(");
    debug.severity = Severity::Warning;
    debug.message = QStringLiteral("Use the event log instead of qDebug.");
    rules.forbidden.append(debug);

    QElapsedTimer timer;
    timer.start();
    auto findings = RuleEngine::check(v->repo.path(), rules);
    if (!findings)
        qFatal("%s", qPrintable(findings.errorText()));
    GateResult rulesGate;
    rulesGate.gate = QStringLiteral("architecture");
    rulesGate.findings = findings.value();
    rulesGate.status = rulesGate.findings.isEmpty() ? GateStatus::Passed : GateStatus::Failed;
    rulesGate.durationMs = timer.elapsed();
    for (const Finding &f : rulesGate.findings)
        rulesGate.log += QStringLiteral("%1:%2: %3 [%4]\n").arg(f.file).arg(f.line).arg(f.message, f.rule);

    GateResult listGate;
    listGate.gate = QStringLiteral("tracked-files");
    timer.restart();
    listGate.log = QString::fromUtf8(v->repo.git({QStringLiteral("ls-files")}));
    listGate.exitCode = v->repo.lastExitCode;
    listGate.durationMs = timer.elapsed();
    v->results = {listGate, rulesGate};
    return v;
}

} // namespace

class TestGatesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachIterationStaysVisible()
    {
        harness::ui::test::UiFixture fx;
        fx.addTask(QStringLiteral("Convert Kelvin"), {}, TaskState::Running);
        const Run run = fx.addRun(QStringLiteral("T1"));
        const auto gate = [](const QString &name, bool passed, const QString &rule) {
            GateResult r;
            r.gate = name;
            r.status = passed ? GateStatus::Passed : GateStatus::Failed;
            r.durationMs = 120;
            if (!passed)
                r.findings.append({QStringLiteral("src/units/core/temperature.py"), 25, 1, Severity::Error,
                                   rule, QStringLiteral("core depends on cli"), name});
            return r.toJson();
        };
        const auto iteration = [&](int n, bool passed) {
            fx.append(
                    run.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                    {{QStringLiteral("phase"), QStringLiteral("verify")}, {QStringLiteral("iteration"), n}});
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("gate_result"),
                      gate(QStringLiteral("tests"), passed, QStringLiteral("test_kelvin")));
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("gate_result"),
                      gate(QStringLiteral("rules"), passed, QStringLiteral("units-core-pure")));
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("verify_finished"),
                      {{QStringLiteral("iteration"), n}, {QStringLiteral("passed"), passed}});
        };
        iteration(1, false);
        iteration(2, true);
        GatesPanel panel;
        panel.resize(900, 400);
        panel.show();
        auto *session = fx.session(&panel);
        panel.setSession(session);
        session->selectRun(run.id);
        QComboBox *picker = panel.iterationPicker();
        QTRY_COMPARE(picker->count(), 2);
        QCOMPARE(picker->itemText(0), QStringLiteral("Iteration 1 — failed"));
        QCOMPARE(picker->itemText(1), QStringLiteral("Iteration 2 — passed"));
        QCOMPARE(panel.shownIteration(), 2); // the newest first
        QVERIFY(panel.summaryText().contains(QStringLiteral("2 passed, 0 failed")));
        // The failing first iteration, as the reviewer picks it.
        picker->setCurrentIndex(0);
        Q_EMIT picker->activated(0);
        QCOMPARE(panel.shownIteration(), 1);
        QVERIFY(panel.summaryText().contains(QStringLiteral("0 passed, 2 failed")));
        QCOMPARE(panel.findingsTable()->model()->rowCount(), 2);
        // A new iteration arrives: the reviewer's choice stays until they pick the newest again.
        fx.append(run.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                  {{QStringLiteral("phase"), QStringLiteral("verify")}, {QStringLiteral("iteration"), 3}});
        fx.append(run.id, QStringLiteral("harness"), QStringLiteral("gate_result"),
                  gate(QStringLiteral("tests"), true, {}));
        session->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(picker->count(), 3, 5000);
        QCOMPARE(picker->itemText(2), QStringLiteral("Iteration 3 — running"));
        QCOMPARE(panel.shownIteration(), 1);
        picker->setCurrentIndex(2);
        Q_EMIT picker->activated(2);
        QCOMPARE(panel.shownIteration(), 3);
    }

    void showsStatusDurationAndLog()
    {
        auto v = verify();
        GatesPanel panel;
        panel.setResults(v->results, QStringLiteral("R7"));
        QVERIFY(panel.summaryText().contains(QStringLiteral("1 passed, 1 failed")));
        // The failing gate is opened first, with its log.
        QCOMPARE(panel.gateTable()->currentIndex().row(), 1);
        QVERIFY(panel.logView()->toPlainText().contains(QStringLiteral("no-qdebug")));
        const QModelIndex status = panel.gateTable()->model()->index(1, 1);
        QVERIFY(status.data().toString().contains(QStringLiteral("failed")));
        panel.selectGate(0);
        QVERIFY(panel.logView()->toPlainText().contains(QStringLiteral("app/ui/view.cpp")));
    }

    // A gate that could not run (its program is not installed) says so above its log and in its tooltip.
    void aGateThatCouldNotRunSaysWhy()
    {
        auto r = GateResultEvents::fromPayload(
                {{QStringLiteral("gate"), QStringLiteral("tests")},
                 {QStringLiteral("status"), QStringLiteral("error")},
                 {QStringLiteral("duration_ms"), 4},
                 {QStringLiteral("exit_code"), 127},
                 {QStringLiteral("log_tail"),
                  QStringLiteral("$ python3 -m pytest\nsh: 1: python3: not found\n")},
                 {QStringLiteral("reason"), QStringLiteral("python3: not found (exit code 127)")},
                 {QStringLiteral("could_not_run"), true}});
        QVERIFY(r);
        QVERIFY(r->couldNotRun);
        GatesPanel panel;
        panel.setResults({*r}, QStringLiteral("R1"));
        panel.selectGate(0);
        QVERIFY2(panel.logView()->toPlainText().startsWith(
                         QStringLiteral("This gate could not run here: python3: not found (exit code 127)")),
                 qPrintable(panel.logView()->toPlainText()));
        const QModelIndex status = panel.gateTable()->model()->index(0, 1);
        QVERIFY(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("python3: not found")));
    }

    void findingsSortAndFilter()
    {
        auto v = verify();
        GatesPanel panel;
        panel.setResults(v->results);
        QAbstractItemModel *table = panel.findingsTable()->model();
        QVERIFY(table->rowCount() >= 3); // a layer violation and two qDebug calls
        // Sorted by severity, errors first.
        QCOMPARE(table->index(0, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("error"));
        QCOMPARE(table->index(0, FindingsModel::FileColumn).data().toString(),
                 QStringLiteral("app/ui/view.cpp"));
        // Sort by file.
        panel.findingsTable()->sortByColumn(FindingsModel::FileColumn, Qt::AscendingOrder);
        QCOMPARE(table->index(0, FindingsModel::FileColumn).data().toString(),
                 QStringLiteral("app/db/store.cpp"));
        // Errors only.
        auto *severity = panel.findChild<QComboBox *>(QStringLiteral("severityFilter"));
        severity->setCurrentIndex(2);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->index(0, FindingsModel::RuleColumn).data().toString(), QStringLiteral("layer-ui"));
        severity->setCurrentIndex(0);
        // Text filter over file, rule and message.
        QTest::keyClicks(panel.findChild<QLineEdit *>(QStringLiteral("findingFilter")),
                         QStringLiteral("store.cpp"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->index(0, FindingsModel::RuleColumn).data().toString(), QStringLiteral("no-qdebug"));
        panel.findChild<QLineEdit *>(QStringLiteral("findingFilter"))->clear();
        // Gate filter.
        auto *gate = panel.findChild<QComboBox *>(QStringLiteral("gateFilter"));
        gate->setCurrentIndex(gate->findData(QStringLiteral("tracked-files")));
        QCOMPARE(table->rowCount(), 0);
    }

    void findingOpensItsLineInTheDiff()
    {
        auto v = verify();
        DiffReviewPanel diff;
        diff.resize(1200, 700);
        QSignalSpy loaded(&diff, &DiffReviewPanel::loaded);
        diff.setTarget({v->repo.path(), QString(), QString(), QString(), v->base});
        QVERIFY(loaded.wait(20000));
        GatesPanel gates;
        connect(&gates, &GatesPanel::findingSelected, &diff,
                [&diff](const Finding &f) { diff.showLocation(f.file, f.line); });
        gates.setResults(v->results);
        QAbstractItemModel *table = gates.findingsTable()->model();
        int row = -1;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->index(r, FindingsModel::FileColumn).data().toString() ==
                        QLatin1String("app/ui/view.cpp") &&
                table->index(r, FindingsModel::RuleColumn).data().toString() == QLatin1String("no-qdebug"))
                row = r;
        }
        QVERIFY(row >= 0);
        QSignalSpy selected(&gates, &GatesPanel::findingSelected);
        QTest::mouseClick(gates.findingsTable()->viewport(), Qt::LeftButton, {},
                          gates.findingsTable()->visualRect(table->index(row, 1)).center());
        QCOMPARE(selected.count(), 1);
        const Finding finding = selected.first().first().value<Finding>();
        QCOMPARE(finding.line, 5);
        DiffView *view = diff.currentView();
        QCOMPARE(view->document()->lineText(view->currentLine()), QStringLiteral("    qDebug() << \"x\";"));
        QCOMPARE(int(view->document()->lines[size_t(view->currentLine())].newLine), 5);
    }

    void makeThisARuleCarriesTheFinding()
    {
        auto v = verify();
        GatesPanel panel;
        panel.setResults(v->results, QStringLiteral("R7"));
        QSignalSpy requested(&panel, &GatesPanel::makeRuleRequested);
        auto *button = panel.findChild<QPushButton *>(QStringLiteral("makeRuleButton"));
        QVERIFY(!button->isEnabled());
        panel.selectFinding(0);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<Finding>(), panel.currentFinding().value());
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("R7"));
    }
};

QTEST_MAIN(TestGatesPanel)
#include "tst_gatespanel.moc"
