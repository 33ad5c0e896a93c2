// IterationSummarizer: the deterministic text older iterations are reduced to.
#include "knowledge/iterationsummarizer.h"
#include "knowledge/tokenestimator.h"

#include <QTest>

using namespace harness;

class TestIterationSummarizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullSummary()
    {
        IterationFacts facts;
        facts.iteration = 2;
        facts.commit = QStringLiteral("1a2b3c4d5e6f7a8b9c0d");
        facts.filesChanged = {QStringLiteral("src/a.cpp"), QStringLiteral("src/a.h"),
                              QStringLiteral("tests/t.cpp")};
        facts.linesAdded = 40;
        facts.linesRemoved = 12;
        facts.gates = {{QStringLiteral("build"), true, 0, 1}, {QStringLiteral("tests"), false, 2, 0}};
        Finding f;
        f.file = QStringLiteral("tests/t.cpp");
        f.line = 14;
        f.rule = QStringLiteral("QCOMPARE");
        f.message = QStringLiteral("expected 3,\n got 2");
        f.source = QStringLiteral("tests");
        facts.findings = {f, f};
        facts.outcome = QStringLiteral("returned to Fix");
        QCOMPARE(
                IterationSummarizer::summarize(facts),
                QStringLiteral("Iteration 2 (commit 1a2b3c4): changed 3 files (+40 -12): src/a.cpp, src/a.h, "
                               "tests/t.cpp. Gates: build passed (1 warning); tests failed (2 errors). Top "
                               "findings:\n"
                               "  - tests/t.cpp:14: error [QCOMPARE] expected 3, got 2\n"
                               "Outcome: returned to Fix."));
    }

    void capsFilesFindingsAndText()
    {
        IterationFacts facts;
        facts.iteration = 1;
        for (int i = 0; i < 40; ++i)
            facts.filesChanged.append(QStringLiteral("src/file%1.cpp").arg(i));
        for (int i = 0; i < 30; ++i) {
            Finding f;
            f.file = QStringLiteral("src/file%1.cpp").arg(i);
            f.line = i + 1;
            f.severity = i % 2 ? Severity::Warning : Severity::Error;
            f.rule = QStringLiteral("r");
            f.message = QString(500, QLatin1Char('m'));
            facts.findings.append(f);
        }
        facts.feedback = QStringLiteral("Please keep the public API unchanged.");
        const QString s = IterationSummarizer::summarize(facts);
        QVERIFY(s.contains(QStringLiteral("changed 40 files (+0 -0): src/file0.cpp")));
        QVERIFY(s.contains(QStringLiteral(" and 34 more.")));
        QCOMPARE(s.count(QStringLiteral("\n  - ")), 3);
        QVERIFY(s.contains(QStringLiteral("… and 27 more findings (12 errors, 15 warnings)")));
        QVERIFY(s.contains(QStringLiteral("Human feedback: \"Please keep the public API unchanged.\".")));
        QVERIFY(!s.contains(QString(200, QLatin1Char('m'))));
        // Few tokens whatever the iteration's size.
        QVERIFY2(TokenEstimator::estimate(s) < 300, qPrintable(QString::number(TokenEstimator::estimate(s))));
    }

    void fromGateResults()
    {
        IterationFacts facts;
        facts.iteration = 4;
        GateResult style;
        style.gate = QStringLiteral("style");
        style.status = GateStatus::Skipped;
        GateResult build;
        build.gate = QStringLiteral("build");
        build.status = GateStatus::Failed;
        for (int i = 0; i < 3; ++i) {
            Finding f;
            f.file = QStringLiteral("src/x.cpp");
            f.line = 10 * (i + 1);
            f.severity = i == 0 ? Severity::Warning : Severity::Error;
            f.rule = QStringLiteral("compile");
            f.message = QStringLiteral("problem %1").arg(i);
            build.findings.append(f);
        }
        facts.addGateResult(style);
        facts.addGateResult(build);
        QCOMPARE(facts.findings.size(), 3);
        const QString s = IterationSummarizer::summarize(facts);
        QVERIFY2(s.contains(QStringLiteral("Gates: style skipped; build failed (2 errors, 1 warning).")),
                 qPrintable(s));
        // Errors come first among the top findings.
        QVERIFY(s.indexOf(QStringLiteral("src/x.cpp:20: error")) <
                s.indexOf(QStringLiteral("src/x.cpp:10: warning")));
    }

    void nothingChanged()
    {
        IterationFacts facts;
        facts.iteration = 3;
        QCOMPARE(IterationSummarizer::summarize(facts), QStringLiteral("Iteration 3: changed no files."));
    }
};

QTEST_GUILESS_MAIN(TestIterationSummarizer)
#include "tst_iterationsummarizer.moc"
