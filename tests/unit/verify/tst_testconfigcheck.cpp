// TestConfigCheck on diffs: each kind of test-configuration change named by the issue is a finding for a
// human (needsHuman, at the line), and the ordinary changes next to them (a fixture, a dependency, a
// build target) are not.
#include "core/diff/diffparser.h"
#include "verify/testconfigcheck.h"

#include <QTest>

using namespace harness;

namespace {

// A diff of one file from its old and new text, as git prints it (every line in one hunk).
Diff diffOf(const QString &path, const QString &before, const QString &after)
{
    const QStringList oldLines = before.isEmpty() ? QStringList() : before.split(QLatin1Char('\n'));
    const QStringList newLines = after.isEmpty() ? QStringList() : after.split(QLatin1Char('\n'));
    QByteArray text = QStringLiteral("diff --git a/%1 b/%1\n").arg(path).toUtf8();
    if (before.isEmpty())
        text += "new file mode 100644\n";
    if (after.isEmpty())
        text += "deleted file mode 100644\n";
    text += before.isEmpty() ? QByteArray("--- /dev/null\n")
                             : QStringLiteral("--- a/%1\n").arg(path).toUtf8();
    text += after.isEmpty() ? QByteArray("+++ /dev/null\n") : QStringLiteral("+++ b/%1\n").arg(path).toUtf8();
    // common prefix as context, the rest removed then added
    qsizetype same = 0;
    while (same < oldLines.size() && same < newLines.size() && oldLines.at(same) == newLines.at(same))
        ++same;
    text += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                    .arg(oldLines.isEmpty() ? 0 : 1)
                    .arg(oldLines.size())
                    .arg(newLines.isEmpty() ? 0 : 1)
                    .arg(newLines.size())
                    .toUtf8();
    for (qsizetype i = 0; i < same; ++i)
        text += ' ' + oldLines.at(i).toUtf8() + '\n';
    for (qsizetype i = same; i < oldLines.size(); ++i)
        text += '-' + oldLines.at(i).toUtf8() + '\n';
    for (qsizetype i = same; i < newLines.size(); ++i)
        text += '+' + newLines.at(i).toUtf8() + '\n';
    auto diff = DiffParser::parse(text);
    if (!diff)
        qFatal("the test's diff does not parse: %s", qPrintable(diff.errorText()));
    return std::move(*diff);
}

} // namespace

class tst_TestConfigCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<int>("line"); // -1: no finding
        QTest::addColumn<QString>("says");

        const QString conftest = QStringLiteral("import sys\n");
        QTest::newRow("conftest collect_ignore") << "tests/conftest.py" << conftest
                                                 << conftest + "collect_ignore = [\"test_temperature.py\"]\n"
                                                 << 2 << "collect_ignore";
        QTest::newRow("conftest hook adding skip markers") << "tests/conftest.py" << conftest
                                                           << conftest +
                        "def pytest_collection_modifyitems(config, items):\n    for item in items:\n"
                        "        item.add_marker(pytest.mark.skip(reason=\"flaky\"))\n"
                                                           << 2 << "pytest_collection_modifyitems";
        QTest::newRow("new conftest with collect_ignore_glob") << "conftest.py"
                                                               << ""
                                                               << "collect_ignore_glob = [\"tests/*\"]\n"
                                                               << 1 << "collect_ignore_glob";
        QTest::newRow("conftest deleted") << "tests/conftest.py" << conftest << "" << 0 << "deletes";
        QTest::newRow("conftest fixture only")
                << "tests/conftest.py" << conftest
                << conftest + "@pytest.fixture\ndef tmp_units():\n    return 3\n"
                << -1 << "";
        QTest::newRow("pytest.ini changed") << "pytest.ini"
                                            << "[pytest]\naddopts = -q\n"
                                            << "[pytest]\naddopts = -q --deselect tests/a.py\n"
                                            << 0 << "pytest.ini";
        QTest::newRow("pyproject pytest section")
                << "pyproject.toml"
                << "[project]\nname = \"u\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"
                << "[project]\nname = \"u\"\n\n[tool.pytest.ini_options]\naddopts = \"-q -k 'not slow'\"\n"
                << 0 << "pytest section";
        QTest::newRow("pyproject other section")
                << "pyproject.toml"
                << "[project]\nname = \"u\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"
                << "[project]\nname = \"units\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"
                << -1 << "";
        QTest::newRow("setup.cfg tool:pytest")
                << "setup.cfg"
                << "[metadata]\nname = u\n"
                << "[metadata]\nname = u\n[tool:pytest]\nnorecursedirs = tests\n"
                << 0 << "pytest section";
        QTest::newRow("skip marker in a test")
                << "tests/test_units.py"
                << "def test_a():\n    assert f() == 1\n"
                << "@pytest.mark.skip(reason=\"later\")\ndef test_a():\n    assert f() == 1\n"
                << 1 << "skip";
        QTest::newRow("xfail marker in a test") << "tests/test_units.py"
                                                << "def test_a():\n    assert f() == 1\n"
                                                << "@pytest.mark.xfail\ndef test_a():\n    assert f() == 1\n"
                                                << 1 << "xfail";
        QTest::newRow("ordinary test edit") << "tests/test_units.py"
                                            << "def test_a():\n    assert f() == 1\n"
                                            << "def test_a():\n    assert f() == 1\n    assert f() != 2\n"
                                            << -1 << "";
        QTest::newRow("ctest DISABLED")
                << "tests/CMakeLists.txt"
                << "add_test(NAME calc COMMAND calc)\n"
                << "add_test(NAME calc COMMAND calc)\nset_tests_properties(calc PROPERTIES DISABLED TRUE)\n"
                << 2 << "DISABLED";
        QTest::newRow("ctest labels")
                << "CMakeLists.txt"
                << "add_test(NAME calc COMMAND calc)\n"
                << "add_test(NAME calc COMMAND calc)\nset_tests_properties(calc PROPERTIES LABELS slow)\n"
                << 2 << "LABELS";
        QTest::newRow("cmake target only") << "CMakeLists.txt"
                                           << "add_library(calc calc.cpp)\n"
                                           << "add_library(calc calc.cpp more.cpp)\n"
                                           << -1 << "";
        QTest::newRow("jest config") << "jest.config.js"
                                     << "module.exports = {};\n"
                                     << "module.exports = {testPathIgnorePatterns: ['x']};\n"
                                     << 0 << "jest.config.js";
        QTest::newRow("vitest config added") << "vitest.config.ts"
                                             << ""
                                             << "export default {}\n"
                                             << 0 << "adds";
        QTest::newRow("package.json jest key")
                << "package.json"
                << "{\n  \"name\": \"u\"\n}\n"
                << "{\n  \"name\": \"u\",\n  \"jest\": {\"testMatch\": []}\n}\n"
                << 3 << "jest";
        QTest::newRow("package.json dependency") << "package.json"
                                                 << "{\n  \"name\": \"u\"\n}\n"
                                                 << "{\n  \"name\": \"u\",\n  \"version\": \"2\"\n}\n"
                                                 << -1 << "";
        QTest::newRow("go test build tag") << "calc/calc_test.go"
                                           << "package calc\n"
                                           << "//go:build integration\n\npackage calc\n"
                                           << 1 << "go:build";
    }

    void findings()
    {
        QFETCH(QString, path);
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(int, line);
        QFETCH(QString, says);
        const Diff diff = diffOf(path, before, after);
        QCOMPARE(diff.files.size(), size_t(1));
        const auto textOf = [&](const QString &text) {
            return [text, path](const QString &p) {
                return p == path ? text.toUtf8() : QByteArray();
            };
        };
        const QList<Finding> found =
                TestConfigCheck({QStringLiteral("tests/**")}).check(diff, textOf(before), textOf(after));
        if (line < 0) {
            QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().message));
            return;
        }
        QCOMPARE(found.size(), 1);
        const Finding &f = found.first();
        QCOMPARE(f.file, path);
        QCOMPARE(f.line, line);
        QCOMPARE(f.rule, QStringLiteral("test-config-changed"));
        QVERIFY(f.needsHuman);
        QCOMPARE(f.severity, Severity::Error);
        QVERIFY2(f.message.contains(says), qPrintable(f.message));
        QVERIFY2(f.message.contains(QStringLiteral("accept")), qPrintable(f.message));
    }

    void restoredConfigFiles()
    {
        QVERIFY(TestConfigCheck::isTestConfigFile(QStringLiteral("tests/conftest.py")));
        QVERIFY(TestConfigCheck::isTestConfigFile(QStringLiteral("pytest.ini")));
        QVERIFY(TestConfigCheck::isTestConfigFile(QStringLiteral("web/vitest.config.mts")));
        QVERIFY(!TestConfigCheck::isTestConfigFile(QStringLiteral("pyproject.toml")));
        QVERIFY(!TestConfigCheck::isTestConfigFile(QStringLiteral("src/conftest_helpers.py")));
    }

    void findingIdsAreStableAcrossLines()
    {
        Finding a;
        a.file = QStringLiteral("vendor/x");
        a.rule = QStringLiteral("out-of-scope");
        a.message = QStringLiteral("m");
        a.source = QStringLiteral("scope");
        Finding b = a;
        b.line = 12;
        QCOMPARE(a.id(), b.id());
        QCOMPARE(a.id().size(), 12);
        b.file = QStringLiteral("vendor/y");
        QVERIFY(a.id() != b.id());
        a.needsHuman = true;
        auto back = Finding::fromJson(a.toJson());
        QVERIFY(back.ok());
        QVERIFY(back->needsHuman);
        QVERIFY(!Finding::fromJson(b.toJson())->needsHuman);
    }
};

QTEST_GUILESS_MAIN(tst_TestConfigCheck)
#include "tst_testconfigcheck.moc"
