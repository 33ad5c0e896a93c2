// CoverageReport and CoverageCheck: lcov, gcov (produced for real by g++ --coverage and gcov in the
// test) and Cobertura reports, and the threshold on the lines a diff adds.
#include "verify/coveragecheck.h"
#include "verify/coveragereport.h"

#include "rules/sourcetree.h"

#include "common/treewriter.h"

#include <QProcess>
#include <QTest>

using namespace harness;

namespace {

QString coverageOf(const CoverageReport &r, const QString &file)
{
    QStringList out;
    const QMap<int, qint64> lines = r.linesOf(file);
    for (auto it = lines.begin(); it != lines.end(); ++it)
        out << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    return out.join(QLatin1Char(' '));
}

const QByteArray kSource = "int pick(int x)\n" // 1
                           "{\n" // 2
                           "    if (x > 0)\n" // 3
                           "        return 1;\n" // 4
                           "    return -1;\n" // 5
                           "}\n" // 6
                           "int main()\n" // 7
                           "{\n" // 8
                           "    return pick(1) - 1;\n" // 9
                           "}\n"; // 10

} // namespace

class tst_CoverageReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsLcov()
    {
        TreeWriter t;
        const QByteArray info = "TN:\nSF:" + t.path(QStringLiteral("src/a.cpp")).toUtf8() +
                "\nFN:1,pick\nDA:1,2\nDA:3,2\nDA:4,0\nLF:3\nLH:2\nend_of_record\nSF:src/"
                "b.cpp\nDA:7,1\nend_of_record\n"
                "SF:src/b.cpp\nDA:7,2\nDA:8,0\nend_of_record\n";
        t.write(QStringLiteral("src/a.cpp"), "x\n");
        t.write(QStringLiteral("cov/coverage.info"), info);
        auto r = CoverageReport::load(t.path(QStringLiteral("cov/coverage.info")), t.root());
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(coverageOf(*r, QStringLiteral("src/a.cpp")), QStringLiteral("1=2 3=2 4=0"));
        QCOMPARE(coverageOf(*r, QStringLiteral("src/b.cpp")), QStringLiteral("7=3 8=0")); // records merged
    }

    void readsRealGcovOutput()
    {
        TreeWriter t;
        QVERIFY(t.write(QStringLiteral("src/pick.cpp"), kSource));
        QProcess cc;
        cc.setWorkingDirectory(t.root());
        cc.start(QStringLiteral("g++"),
                 {QStringLiteral("--coverage"), QStringLiteral("-O0"), QStringLiteral("-o"),
                  QStringLiteral("pick"), QStringLiteral("src/pick.cpp")});
        QVERIFY(cc.waitForFinished(60000));
        QCOMPARE(cc.exitCode(), 0);
        QProcess run;
        run.setWorkingDirectory(t.root());
        run.start(t.path(QStringLiteral("pick")), {});
        QVERIFY(run.waitForFinished(10000));
        QProcess gcov; // run where the compiler ran, so gcov finds the source it names
        gcov.setWorkingDirectory(t.root());
        gcov.start(QStringLiteral("gcov"), {QStringLiteral("-o"), t.root(), QStringLiteral("src/pick.cpp")});
        QVERIFY(gcov.waitForFinished(30000));
        QCOMPARE(gcov.exitCode(), 0);
        QVERIFY(QFile::exists(t.path(QStringLiteral("pick.cpp.gcov"))));
        auto r = CoverageReport::load(t.root(), t.root()); // a directory: every .gcov file in it
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QVERIFY2(r->hasFile(QStringLiteral("src/pick.cpp")), qPrintable(r->files().join(QLatin1Char(','))));
        const QMap<int, qint64> lines = r->linesOf(QStringLiteral("src/pick.cpp"));
        QVERIFY(lines.value(4) > 0); // return 1: run
        QCOMPARE(lines.value(5, -1), 0); // return -1: never run
        QVERIFY(lines.value(9) > 0);
        QVERIFY(!lines.contains(2)); // a brace is not executable
    }

    void readsCobertura()
    {
        TreeWriter t;
        const QByteArray xml = "<?xml version=\"1.0\" ?>\n<!DOCTYPE coverage SYSTEM "
                               "'http://cobertura.sourceforge.net/xml/coverage-04.dtd'>\n"
                               "<coverage line-rate=\"0.5\" version=\"gcovr 5.2\">\n  <sources><source>" +
                t.root().toUtf8() +
                "</source></sources>\n  <packages><package name=\"src\"><classes>\n"
                "    <class name=\"a_py\" filename=\"src/a.py\" line-rate=\"0.5\"><methods/><lines>\n"
                "      <line number=\"1\" hits=\"1\"/><line number=\"2\" hits=\"0\" branch=\"false\"/>\n"
                "    </lines></class>\n  </classes></package></packages>\n</coverage>\n";
        t.write(QStringLiteral("coverage.xml"), xml);
        auto r = CoverageReport::load(t.path(QStringLiteral("coverage.xml")), t.root());
        QVERIFY2(r.ok(), qPrintable(r.errorText()));
        QCOMPARE(coverageOf(*r, QStringLiteral("src/a.py")), QStringLiteral("1=1 2=0"));
    }

    void badReportsSayWhat()
    {
        TreeWriter t;
        t.write(QStringLiteral("empty.info"), "TN:\n");
        QVERIFY(CoverageReport::load(t.path(QStringLiteral("empty.info")), t.root(), QStringLiteral("lcov"))
                        .errorText()
                        .contains(QStringLiteral("SF:")));
        QVERIFY(CoverageReport::load(t.path(QStringLiteral("missing.info")), t.root())
                        .errorText()
                        .contains(QStringLiteral("cannot read")));
        t.write(QStringLiteral("x.xml"), "<nope/>");
        QVERIFY(CoverageReport::load(t.path(QStringLiteral("x.xml")), t.root())
                        .errorText()
                        .contains(QStringLiteral("not a Cobertura report")));
    }

    void thresholdOnAddedLines()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        t.write(QStringLiteral("src/a.cpp"), "one\ntwo\nthree\n");
        QVERIFY(t.commitAll(QStringLiteral("base")));
        t.write(QStringLiteral("src/a.cpp"), "one\ntwo\nadded4\nadded5\nadded6\nadded7\nthree\n// comment\n");
        t.write(QStringLiteral("cov.info"),
                "SF:src/a.cpp\nDA:1,1\nDA:3,5\nDA:4,0\nDA:5,0\nDA:6,1\nDA:7,1\nend_of_record\n");
        auto diff = SourceTree::diffSince(t.root(), QStringLiteral("HEAD"));
        QVERIFY(diff.ok());
        auto report = CoverageReport::load(t.path(QStringLiteral("cov.info")), t.root());
        QVERIFY(report.ok());
        // added executable lines: 3, 4, 5, 6 (line 8 is not in the report); covered: 3 and 6 -> 50 %
        const CoverageOutcome pass = CoverageCheck::check(*report, *diff, 50.0);
        QCOMPARE(pass.addedExecutable, 4);
        QCOMPARE(pass.addedCovered, 2);
        QCOMPARE(pass.percent, 50.0);
        QVERIFY(pass.passed);
        QCOMPARE(pass.findings.size(), 1);
        QCOMPARE(pass.findings.first().line, 4);
        QCOMPARE(pass.findings.first().severity, Severity::Warning);
        QVERIFY(pass.findings.first().message.contains(QStringLiteral("lines 4-5")));
        const CoverageOutcome fail = CoverageCheck::check(*report, *diff, 80.0);
        QVERIFY(!fail.passed);
        QCOMPARE(fail.findings.first().severity, Severity::Error);
        QVERIFY(fail.summary.contains(QStringLiteral("50.0% (2 of 4), threshold 80.0%")));
        const CoverageOutcome none = CoverageCheck::check(CoverageReport(), *diff, 80.0);
        QVERIFY(none.passed);
        QCOMPARE(none.addedExecutable, 0);
    }
};

QTEST_GUILESS_MAIN(tst_CoverageReport)
#include "tst_coveragereport.moc"
