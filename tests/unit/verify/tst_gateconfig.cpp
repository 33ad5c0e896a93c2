// GateConfig: .harness/gates.json with every gate kind, its defaults, and errors located at line:column.
#include "verify/gateconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace harness;

class tst_GateConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsEveryKindInOrder()
    {
        const QByteArray text =
                "{\n"
                "  \"version\": 1,\n"
                "  \"gates\": [\n"
                "    {\"id\": \"build\", \"kind\": \"command\", \"command\": \"cmake --build build\", "
                "\"parser\": \"gcc\", \"timeout_s\": 900},\n"
                "    {\"id\": \"tests\", \"kind\": \"command\", \"command\": \"ctest --output-junit j.xml\", "
                "\"workdir\": \"build\",\n"
                "     \"parser\": {\"format\": \"junit\", \"report\": \"j.xml\"}, \"stop_on_failure\": "
                "false},\n"
                "    {\"id\": \"lint\", \"kind\": \"command\", \"command\": \"./lint.sh\", \"network\": "
                "true,\n"
                "     \"parser\": {\"format\": \"regex\", \"pattern\": \"^(?<file>[^:]+):(?<line>\\\\d+): "
                "(?<message>.*)$\", \"severity\": \"warning\", \"rule\": \"lint\"}},\n"
                "    {\"id\": \"rules\", \"kind\": \"rules\", \"scope\": \"tree\"},\n"
                "    {\"id\": \"secrets\", \"kind\": \"secrets\"},\n"
                "    {\"id\": \"coverage\", \"kind\": \"coverage\", \"report\": \"build/coverage.info\", "
                "\"format\": \"lcov\", \"threshold\": 75.5},\n"
                "    {\"id\": \"integrity\", \"kind\": \"test-integrity\", \"test_paths\": [\"qa/**\"]}\n"
                "  ]\n"
                "}\n";
        auto config = GateConfig::fromJsonText(text);
        QVERIFY2(config.ok(), qPrintable(config.errorText()));
        QStringList ids;
        for (const Gate &g : config->gates)
            ids << g.id + QLatin1Char(':') + gateKindName(g.kind);
        QCOMPARE(ids,
                 (QStringList {"build:command", "tests:command", "lint:command", "rules:rules",
                               "secrets:secrets", "coverage:coverage", "integrity:test-integrity"}));
        const Gate &build = config->gates.at(0);
        QCOMPARE(build.parser.format, QStringLiteral("gcc"));
        QCOMPARE(build.timeoutSeconds, 900);
        QVERIFY(build.stopOnFailure);
        QVERIFY(!build.network);
        const Gate *tests = config->gate(QStringLiteral("tests"));
        QVERIFY(tests);
        QCOMPARE(tests->workdir, QStringLiteral("build"));
        QCOMPARE(tests->parser.report, QStringLiteral("j.xml"));
        QVERIFY(!tests->stopOnFailure);
        QCOMPARE(tests->timeoutSeconds, 600);
        QVERIFY(config->gate(QStringLiteral("lint"))->network);
        QCOMPARE(config->gate(QStringLiteral("lint"))->parser.severity, QStringLiteral("warning"));
        QCOMPARE(config->gate(QStringLiteral("rules"))->scope, QStringLiteral("tree"));
        QCOMPARE(config->gate(QStringLiteral("secrets"))->scope, QStringLiteral("changed"));
        QCOMPARE(config->gate(QStringLiteral("coverage"))->threshold, 75.5);
        QCOMPARE(config->gate(QStringLiteral("integrity"))->testPaths, QStringList {QStringLiteral("qa/**")});
        QVERIFY(!config->gate(QStringLiteral("nope")));
    }

    void errorsAreLocated_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\"gates\": [\n  {\"id\": \"a\" \"kind\": \"rules\"}\n]}")
                                << "gates.json:2:15: not valid JSON";
        QTest::newRow("no-gates") << QByteArray("{}") << "gates.json:1:1: gates: is required";
        QTest::newRow("unknown-kind")
                << QByteArray("{\"gates\": [\n  {\"id\": \"a\", \"kind\": \"lint\"}\n]}")
                << "gates.json:2:15: gates[0].kind: must be command, rules, secrets, coverage, "
                   "test-integrity or held-out-tests";
        QTest::newRow("held-out-parser")
                << QByteArray(
                           "{\"gates\": [{\"id\": \"h\", \"kind\": \"held-out-tests\", \"command\": \"make "
                           "test\", \"parser\": \"gcc\"}]}")
                << "gates.json:1:74: gates[0].parser: a held-out-tests gate reads its command's test results";
        QTest::newRow("held-out-tests-gate")
                << QByteArray(
                           "{\"gates\": [{\"id\": \"r\", \"kind\": \"rules\"},\n {\"id\": \"h\", \"kind\": "
                           "\"held-out-tests\", \"tests_gate\": \"r\"}]}")
                << "gates.json:2:40: gates[1].tests_gate: must be the id of a command gate (got \"r\")";
        QTest::newRow("command-missing")
                << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"command\"}]}")
                << "gates.json:1:12: gates[0].command: a command gate needs a command line";
        QTest::newRow("unknown-parser") << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"command\", "
                                                      "\"command\": \"x\", \"parser\": \"tap\"}]}")
                                        << "gates.json:1:59: gates[0].parser: unknown format \"tap\"";
        QTest::newRow("regex-without-message")
                << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"command\", \"command\": \"x\", "
                              "\"parser\": "
                              "{\"format\": \"regex\", \"pattern\": \"(?<file>.*)\"}}]}")
                << "gates.json:1:89: gates[0].parser.pattern: needs a named group (?<message>...)";
        QTest::newRow("duplicate-id") << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": "
                                                    "\"rules\"},\n{\"id\": \"a\", \"kind\": \"secrets\"}]}")
                                      << "gates.json:2:2: gates[1].id: gate id \"a\" is used twice";
        QTest::newRow("workdir-escapes")
                << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"command\", \"command\": \"x\", "
                              "\"workdir\": \"../other\"}]}")
                << "gates.json:1:59: gates[0].workdir: must be a path inside the worktree";
        QTest::newRow("coverage-no-report")
                << QByteArray("{\"gates\": [{\"id\": \"c\", \"kind\": \"coverage\"}]}")
                << "gates.json:1:12: gates[0].report: a coverage gate needs the report file";
        QTest::newRow("threshold")
                << QByteArray("{\"gates\": [{\"id\": \"c\", \"kind\": \"coverage\", \"report\": \"x\", "
                              "\"threshold\": 120}]}")
                << "gates.json:1:59: gates[0].threshold: must be a percentage between 0 and 100";
        QTest::newRow("typo-key")
                << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"rules\", \"stop_on_fail\": true}]}")
                << "gates.json:1:41: gates[0].stop_on_fail: unknown key";
        QTest::newRow("bad-scope")
                << QByteArray("{\"gates\": [{\"id\": \"a\", \"kind\": \"rules\", \"scope\": \"all\"}]}")
                << "gates.json:1:41: gates[0].scope: must be \"changed\" or \"tree\"";
    }
    void errorsAreLocated()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        auto config = GateConfig::fromJsonText(text);
        QVERIFY(!config.ok());
        QVERIFY2(config.errorText().startsWith(expected), qPrintable(config.errorText()));
    }

    void loadsTheProjectsOwnGates()
    {
        auto config = GateConfig::load(QStringLiteral(HARNESS_SOURCE_DIR "/.harness/gates.json"));
        QVERIFY2(config.ok(), qPrintable(config.errorText()));
        QVERIFY(config->gate(QStringLiteral("rules")));
        QVERIFY(config->gate(QStringLiteral("test-integrity")));
        QTemporaryDir dir;
        auto missing = GateConfig::load(dir.filePath(QStringLiteral("gates.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.errorText().contains(QStringLiteral("cannot read the gates file")));
    }
};

QTEST_GUILESS_MAIN(tst_GateConfig)
#include "tst_gateconfig.moc"
