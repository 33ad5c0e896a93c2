// The verify readers never follow a link out of the worktree: a gate's parser report (JUnit here) and a
// coverage report (a file, or a directory of .gcov files) that are links to canaries outside add
// nothing of them to findings or logs, while real reports beside them are still read.
#include "core/gateresult.h"
#include "runtime/sandbox.h"
#include "verify/coveragereport.h"
#include "verify/gateconfig.h"
#include "verify/gatepipeline.h"

#include "common/canary.h"
#include "common/treewriter.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;
using harness::test::Canary;

namespace {

QByteArray canaryJunit()
{
    return "<testsuite><testcase classname=\"c\" name=\"" + Canary::symbol() +
            "\" file=\"src/x.cpp\" line=\"4321\"><failure message=\"" + Canary::secret() +
            "\"/></testcase></testsuite>";
}

QByteArray canaryLcov()
{
    return "SF:src/" + Canary::symbol() + ".cpp\nDA:4321,1\nend_of_record\n";
}

void writeOutside(const Canary &c, const QString &name, const QByteArray &bytes)
{
    QFile f(c.file(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray dump(const GateResult &r)
{
    return QJsonDocument(r.toJson()).toJson();
}

} // namespace

class tst_VerifyNoFollow : public QObject
{
    Q_OBJECT

    Canary m_canary;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_canary.isValid());
        writeOutside(m_canary, QStringLiteral("report.xml"), canaryJunit());
        writeOutside(m_canary, QStringLiteral("coverage.info"), canaryLcov());
        writeOutside(m_canary, QStringLiteral("canary.cpp.gcov"),
                     "        1: 4321:int " + Canary::symbol() + ";\n");
        const SandboxStatus status = Sandbox::probe();
        if (!status.available)
            QFAIL(qPrintable(
                    QStringLiteral("bubblewrap is required for the gate tests: %1").arg(status.reason)));
    }

    void coverageReportFile()
    {
        TreeWriter t;
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("out/cov.info"), QStringLiteral("coverage.info")));
        auto linked = CoverageReport::load(t.path(QStringLiteral("out/cov.info")), t.root(),
                                           QStringLiteral("lcov"));
        QVERIFY(!linked);
        QVERIFY2(linked.errorText().contains(QStringLiteral("symbolic link")),
                 qPrintable(linked.errorText()));
        QVERIFY(!Canary::leaked(linked.errorText()));
        QVERIFY(t.write(QStringLiteral("out/real.info"), "SF:src/a.cpp\nDA:3,2\nend_of_record\n"));
        auto real = CoverageReport::load(t.path(QStringLiteral("out/real.info")), t.root(),
                                         QStringLiteral("lcov"));
        QVERIFY2(real, qPrintable(real.errorText()));
        QVERIFY(real->hasFile(QStringLiteral("src/a.cpp")));
        auto outside =
                CoverageReport::load(m_canary.file(QStringLiteral("coverage.info")), t.root(), QString());
        QVERIFY(!outside);
    }

    void coverageReportDirectory()
    {
        TreeWriter t;
        QVERIFY(m_canary.linkDir(t.root(), QStringLiteral("gcov/linked")));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("gcov/leak.cpp.gcov"),
                                  QStringLiteral("canary.cpp.gcov")));
        QVERIFY(t.write(QStringLiteral("gcov/a.cpp.gcov"),
                        "        -:    0:Source:" + t.path(QStringLiteral("src/a.cpp")).toUtf8() +
                                "\n        2:    3:int a;\n"));
        auto report = CoverageReport::load(t.path(QStringLiteral("gcov")), t.root(), QStringLiteral("gcov"));
        QVERIFY2(report, qPrintable(report.errorText()));
        QVERIFY(report->hasFile(QStringLiteral("src/a.cpp")));
        QCOMPARE(report->files().size(), 1);
    }

    void gateParserReport()
    {
        TreeWriter t;
        QVERIFY(t.write(QStringLiteral("src/x.cpp"), "int x;\n"));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("out/junit.xml"), QStringLiteral("report.xml")));
        auto config = GateConfig::fromJsonText(
                "{\"gates\": ["
                "{\"id\": \"linked\", \"kind\": \"command\", \"command\": \"true\", \"workdir\": \"out\","
                " \"stop_on_failure\": false, \"parser\": {\"format\": \"junit\", \"report\": "
                "\"junit.xml\"}},"
                "{\"id\": \"real\", \"kind\": \"command\", \"stop_on_failure\": false, \"command\": \"printf "
                "'"
                "<testsuite><testcase classname=\\\"c\\\" name=\\\"ordinaryTest\\\" file=\\\"src/x.cpp\\\" "
                "line=\\\"1\\\"><failure message=\\\"expected 3\\\"/></testcase></testsuite>' > real.xml\","
                " \"parser\": {\"format\": \"junit\", \"report\": \"real.xml\"}}]}");
        QVERIFY2(config, qPrintable(config.errorText()));
        GateContext ctx;
        ctx.worktree = t.root();
        const QList<GateResult> results = GatePipeline(*config).run(ctx);
        QCOMPARE(results.size(), 2);
        const QByteArray linked = dump(results.at(0));
        QVERIFY2(!Canary::leaked(linked), Canary::which(linked).constData());
        QCOMPARE(results.at(0).status, GateStatus::Error); // the report was not read: never a pass
        QVERIFY2(results.at(0).log.contains(QStringLiteral("symbolic link")), qPrintable(results.at(0).log));
        QVERIFY2(dump(results.at(1)).contains("ordinaryTest"), dump(results.at(1)).constData());
    }
};

QTEST_GUILESS_MAIN(tst_VerifyNoFollow)
#include "tst_verifynofollow.moc"
