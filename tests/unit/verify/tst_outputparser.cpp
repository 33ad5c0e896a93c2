// OutputParser: each format on real tool output (GCC, Clang and CTest output captured from the tools;
// pytest, JUnit, ESLint and SARIF in the shapes those tools write) into file, line, column, severity,
// rule and message — every problem found, nothing invented.
#include "verify/outputparser.h"

#include <QFile>
#include <QTest>

using namespace harness;

namespace {

QByteArray data(const QString &name)
{
    QFile f(QStringLiteral(HARNESS_SOURCE_DIR "/tests/unit/verify/data/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

QStringList summary(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << QStringLiteral("%1|%2:%3:%4|%5")
                        .arg(f.rule, f.file)
                        .arg(f.line)
                        .arg(f.column)
                        .arg(severityName(f.severity));
    return out;
}

} // namespace

class tst_OutputParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("root");
        QTest::addColumn<QString>("workdir");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("firstMessage");

        QTest::newRow("gcc") << "gcc" << data(QStringLiteral("gcc-output.txt")) << "/work/proj"
                             << "/work/proj"
                             << QStringList {"compiler-error|bad.cpp:4:13|error",
                                             "-Wunused-variable|bad.cpp:3:7|warning",
                                             "compiler-error|bad.cpp:6:34|error"}
                             << "expected primary-expression before ‘;’ token";
        QTest::newRow("clang") << "gcc" << data(QStringLiteral("clang-output.txt")) << "/work/proj"
                               << "/work/proj/build"
                               << QStringList {"compiler-error|build/bad.cpp:4:13|error",
                                               "compiler-error|build/bad.cpp:6:34|error"}
                               << "expected expression";
        QTest::newRow("gcc-absolute-and-werror")
                << "gcc"
                << QByteArray(
                           "/work/proj/src/a.cpp:10:5: error: unused variable 'x' [-Werror=unused-variable]\n"
                           "\x1b[01m\x1b[K../src/b.h:2:1:\x1b[m\x1b[K warning: extra ';' [-Wpedantic]\n"
                           "/work/proj/src/a.cpp:10:5: error: unused variable 'x' [-Werror=unused-variable]\n"
                           "ld: cannot find -lfoo\n")
                << "/work/proj"
                << "/work/proj/build"
                << QStringList {"-Wunused-variable|src/a.cpp:10:5|error", "-Wpedantic|src/b.h:2:1|warning"}
                << "unused variable 'x'";
        QTest::newRow("ctest-output")
                << "ctest" << data(QStringLiteral("ctest-output.txt")) << "/work/src"
                << "/work/src/build"
                << QStringList {"tst_Model::saves|tests/tst_model.cpp:42:0|error", "fails|:0:0|error",
                                "slow|:0:0|error"}
                << "[empty] Compared values are not the same; Actual   (m.size()): 1; Expected (0)       : 0";
        QTest::newRow("gtest-output")
                << "ctest"
                << QByteArray("3: [ RUN      ] Cart.Total\n3: /work/src/cart_test.cc:21: Failure\n"
                              "3: Expected equality of these values:\n3:   cart.total()\n3:     Which is: "
                              "7\n3:   8\n"
                              "3: [  FAILED  ] Cart.Total (0 ms)\n")
                << "/work/src"
                << "/work/src/build" << QStringList {"gtest-failure|cart_test.cc:21:0|error"}
                << "Expected equality of these values: cart.total() Which is: 7 8";
        QTest::newRow("ctest-junit")
                << "junit" << data(QStringLiteral("ctest-junit.xml")) << "/work/src"
                << "/work/src/build"
                << QStringList {"fails|tests/tst_model.cpp:42:0|error", "slow|:0:0|error"}
                << "test fails failed: FAIL!  : tst_Model::saves(empty) Compared values are not the same";
        QTest::newRow("pytest-junit")
                << "junit" << data(QStringLiteral("pytest-junit.xml")) << "/work/shop"
                << "/work/shop"
                << QStringList {"tests.test_price::test_rounding|tests/test_price.py:9:0|error"}
                << "test tests.test_price::test_rounding failed: assert 2.67 == 2.68\n +  where 2.67 = "
                   "round_price(2.675)";
        QTest::newRow("pytest")
                << "pytest" << data(QStringLiteral("pytest-output.txt")) << "/work/shop"
                << "/work/shop"
                << QStringList {"tests/test_cart.py::TestCart::test_total|tests/test_cart.py:14:0|error",
                                "tests/test_price.py::test_rounding|tests/test_price.py:9:0|error",
                                "tests/test_price.py::test_with_database|tests/test_price.py:0:0|error"}
                << "tests/test_cart.py::TestCart::test_total failed: assert 7 == 8";
        QTest::newRow("eslint") << "eslint" << data(QStringLiteral("eslint-output.json")) << "/work/web"
                                << "/work/web"
                                << QStringList {"no-unused-vars|src/cart.js:3:7|error",
                                                "eqeqeq|src/cart.js:9:13|warning",
                                                "parse-error|src/broken.js:2:15|error"}
                                << "'total' is assigned a value but never used.";
        QTest::newRow("sarif")
                << "sarif" << data(QStringLiteral("semgrep.sarif")) << "/work/shop"
                << "/work/shop"
                << QStringList {"python.lang.security.audit.subprocess-shell-true|shop/deploy "
                                "tools/run.py:12:5|error",
                                "python.lang.best-practice.open-never-closed|shop/io.py:3:0|info",
                                "whole-file|:0:0|warning"}
                << "Found 'subprocess' function 'run' with 'shell=True'.";
        QTest::newRow("regex") << "regex"
                               << QByteArray("src/a.sh:3: warning: quote this\nnoise line\nsrc/b.sh:10: "
                                             "error: bad redirect\r\n")
                               << "/work/p"
                               << "/work/p"
                               << QStringList {"shellcheck|src/a.sh:3:0|warning",
                                               "shellcheck|src/b.sh:10:0|error"}
                               << "quote this";
        QTest::newRow("none") << "none" << QByteArray("anything") << "/w"
                              << "/w" << QStringList {} << "";
    }
    void parses()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, input);
        QFETCH(QString, root);
        QFETCH(QString, workdir);
        QFETCH(QStringList, expected);
        QFETCH(QString, firstMessage);
        ParseContext ctx;
        ctx.root = root;
        ctx.workdir = workdir;
        ctx.source = QStringLiteral("gate-x");
        ctx.spec.format = format;
        ctx.spec.pattern =
                QStringLiteral("^(?<file>[^:]+):(?<line>\\d+): (?<severity>\\w+): (?<message>.*)$");
        ctx.spec.rule = QStringLiteral("shellcheck");
        auto findings = OutputParser::parse(input, ctx);
        QVERIFY2(findings.ok(), qPrintable(findings.errorText()));
        QCOMPARE(summary(*findings), expected);
        if (!expected.isEmpty()) {
            QCOMPARE(findings->first().message, firstMessage);
            QCOMPARE(findings->first().source, QStringLiteral("gate-x"));
        }
    }

    void clangNoteIsFoldedIntoItsError()
    {
        ParseContext ctx;
        ctx.root = ctx.workdir = QStringLiteral("/work/proj");
        ctx.spec.format = QStringLiteral("gcc");
        auto findings = OutputParser::parse(data(QStringLiteral("clang-output.txt")), ctx);
        QVERIFY(findings.ok());
        QVERIFY2(findings->last().message.contains(QStringLiteral("(note: 'push_back' declared here)")),
                 qPrintable(findings->last().message));
    }

    void malformedInputSaysWhat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("hint");
        QTest::newRow("eslint-not-json")
                << "eslint" << QByteArray("Oops! Something went wrong") << "not the JSON array";
        QTest::newRow("sarif-no-runs")
                << "sarif" << QByteArray("{\"version\": \"2.1.0\"}") << "not a SARIF log";
        QTest::newRow("junit-not-xml") << "junit" << QByteArray("<<<") << "not valid XML";
        QTest::newRow("unknown-format") << "tap" << QByteArray("ok 1") << "unknown output format";
    }
    void malformedInputSaysWhat()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, input);
        QFETCH(QString, hint);
        ParseContext ctx;
        ctx.root = QStringLiteral("/w");
        ctx.spec.format = format;
        auto findings = OutputParser::parse(input, ctx);
        QVERIFY(!findings.ok());
        QVERIFY2(findings.errorText().contains(hint), qPrintable(findings.errorText()));
    }
};

QTEST_GUILESS_MAIN(tst_OutputParser)
#include "tst_outputparser.moc"
