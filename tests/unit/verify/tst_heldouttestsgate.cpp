// The held-out-tests gate: test results read by the pytest, CTest and JUnit parsers; the comparison of a
// base and a candidate run (failed, no longer run, fewer executed, named by the plan); the scratch copies
// (links copied as links, nothing written through a link the agent planted, nested repositories
// refused); and the whole gate on a small pytest project with the real sandbox: a weakened test
// (`assert True or ...`) and a conftest.py collect_ignore are caught, an honest change the plan names is not.
#include "verify/gatepipeline.h"
#include "verify/heldouttestsgate.h"
#include "verify/scratchtree.h"
#include "verify/testoutcomes.h"

#include "common/treewriter.h"
#include "runtime/sandbox.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

using Expected = QMap<QString, QString>; // id -> passed, failed, skipped

QString name(TestOutcome o)
{
    switch (o) {
    case TestOutcome::Passed:
        return QStringLiteral("passed");
    case TestOutcome::Failed:
        return QStringLiteral("failed");
    case TestOutcome::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

TestOutcomes outcomes(const Expected &e)
{
    TestOutcomes o;
    for (auto it = e.begin(); it != e.end(); ++it)
        o.add(it.key(),
              it.value() == QLatin1String("passed")           ? TestOutcome::Passed
                      : it.value() == QLatin1String("failed") ? TestOutcome::Failed
                                                              : TestOutcome::Skipped);
    return o;
}

QStringList rules(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << f.rule + QLatin1Char(':') + (f.file.isEmpty() ? QStringLiteral("-") : f.file);
    out.sort();
    return out;
}

const QByteArray kGates = "{\"gates\": [\n"
                          "  {\"id\": \"tests\", \"kind\": \"command\", \"command\": \"python3 -B -m pytest "
                          "-q -p no:cacheprovider tests\",\n"
                          "   \"parser\": \"pytest\", \"stop_on_failure\": false},\n"
                          "  {\"id\": \"held-out\", \"kind\": \"held-out-tests\", \"tests_gate\": \"tests\", "
                          "\"test_paths\": [\"tests/**\"]}\n"
                          "]}\n";

// A small pytest project at its base commit; returns the commit.
QString baseProject(const TreeWriter &t)
{
    t.initGit();
    t.write(QStringLiteral(".harness/gates.json"), kGates);
    t.write(QStringLiteral("src/calc.py"),
            "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n");
    t.write(QStringLiteral("tests/conftest.py"),
            "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), \"..\", "
            "\"src\"))\n");
    t.write(QStringLiteral("tests/test_calc.py"),
            "import calc\n\n\ndef test_add():\n    assert calc.add(1, 2) == 3\n\n\ndef test_sub():\n"
            "    assert calc.sub(3, 2) == 1\n");
    t.commitAll(QStringLiteral("base"));
    return QString::fromUtf8(t.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed());
}

GateResult runHeldOut(const TreeWriter &t, const QString &base, const QStringList &plan = {})
{
    auto config = GateConfig::fromJsonText(kGates);
    if (!config)
        qFatal("%s", qPrintable(config.errorText()));
    GateContext ctx;
    ctx.worktree = t.root();
    ctx.baseRevision = base;
    ctx.plan = plan;
    return GatePipeline(*config).runGate(*config->gate(QStringLiteral("held-out")), ctx);
}

} // namespace

class tst_HeldOutTestsGate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsOutcomes_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<Expected>("expected");
        QTest::addColumn<int>("executed");

        QTest::newRow("pytest -rA") << "pytest"
                                    << QByteArray(
                                               "..Fs\n=== short test summary info ===\n"
                                               "PASSED tests/test_a.py::test_one\n"
                                               "PASSED tests/test_a.py::TestK::test_two[1-2]\n"
                                               "SKIPPED [1] tests/test_a.py:9: later\n"
                                               "XFAIL tests/test_a.py::test_x - bug 3\n"
                                               "FAILED tests/test_b.py::test_three - assert 1 == 2\n"
                                               "ERROR tests/test_b.py::test_four - fixture 'db' not found\n"
                                               "2 failed, 2 passed, 1 skipped, 1 xfailed in 0.05s\n")
                                    << Expected {{"tests/test_a.py::test_one", "passed"},
                                                 {"tests/test_a.py::TestK::test_two[1-2]", "passed"},
                                                 {"tests/test_a.py::test_x", "skipped"},
                                                 {"tests/test_b.py::test_three", "failed"},
                                                 {"tests/test_b.py::test_four", "failed"}}
                                    << 4;
        QTest::newRow("pytest -v") << "pytest"
                                   << QByteArray("tests/test_a.py::test_one PASSED      [ 50%]\n"
                                                 "tests/test_a.py::test_two SKIPPED (x) [100%]\n")
                                   << Expected {{"tests/test_a.py::test_one", "passed"},
                                                {"tests/test_a.py::test_two", "skipped"}}
                                   << 1;
        QTest::newRow("ctest")
                << "ctest"
                << QByteArray(
                           "    Start 1: tst_calc\n"
                           "1/3 Test #1: tst_calc .........................   Passed    0.02 sec\n"
                           "2/3 Test #2: tst_parser .......................***Failed    0.03 sec\n"
                           "3/3 Test #3: tst_slow .........................***Not Run (Disabled)   0.00 sec\n"
                           "67% tests passed, 1 tests failed out of 3\n")
                << Expected {{"tst_calc", "passed"}, {"tst_parser", "failed"}, {"tst_slow", "skipped"}} << 2;
        QTest::newRow("junit") << "junit"
                               << QByteArray(
                                          "<?xml version=\"1.0\"?><testsuites><testsuite name=\"pytest\">"
                                          "<testcase classname=\"tests.test_a\" name=\"test_one\"/>"
                                          "<testcase classname=\"tests.test_a\" name=\"test_two\">"
                                          "<failure message=\"boom\">trace</failure></testcase>"
                                          "<testcase classname=\"tests.test_a\" name=\"test_three\">"
                                          "<skipped message=\"later\"/></testcase></testsuite></testsuites>")
                               << Expected {{"tests.test_a::test_one", "passed"},
                                            {"tests.test_a::test_two", "failed"},
                                            {"tests.test_a::test_three", "skipped"}}
                               << 2;
    }

    void readsOutcomes()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, output);
        QFETCH(Expected, expected);
        QFETCH(int, executed);
        auto read = TestOutcomes::read(output, format);
        QVERIFY2(read, qPrintable(read.errorText()));
        Expected got;
        for (auto it = read->tests.begin(); it != read->tests.end(); ++it)
            got.insert(it.key(), name(it.value()));
        QCOMPARE(got, expected);
        QCOMPARE(read->executed(), executed);
    }

    void pytestWithoutNamesIsAnError()
    {
        auto read = TestOutcomes::read("..\n2 passed in 0.01s\n", QStringLiteral("pytest"));
        QVERIFY(!read);
        QVERIFY2(read.errorText().contains(QStringLiteral("-rA")), qPrintable(read.errorText()));
    }

    void compares()
    {
        const TestOutcomes base = outcomes({{"t.py::a", "passed"},
                                            {"t.py::b", "passed"},
                                            {"t.py::c", "failed"},
                                            {"t.py::d", "passed"},
                                            {"t.py::e", "passed"}});
        const TestOutcomes candidate = outcomes({{"t.py::a", "passed"},
                                                 {"t.py::b", "failed"},
                                                 {"t.py::c", "failed"},
                                                 {"t.py::d", "skipped"},
                                                 {"t.py::e", "passed"}});
        QStringList excused;
        QList<Finding> found = HeldOutTestsGate::compare(base, candidate, {}, &excused);
        QCOMPARE(rules(found),
                 (QStringList {"held-out-count-dropped:-", "held-out-test-failed:t.py",
                               "held-out-test-not-run:t.py"}));
        QVERIFY(excused.isEmpty());
        for (const Finding &f : found)
            QVERIFY(!f.needsHuman); // the agent fixes these: the code has to pass the tests as they were
        // The plan names b (its id) and d (its name): d not running is then no drop either.
        found = HeldOutTestsGate::compare(base, candidate,
                                          {QStringLiteral("t.py::b now raises for negative input"),
                                           QStringLiteral("drop d: the feature is gone")},
                                          &excused);
        QVERIFY2(found.isEmpty(), qPrintable(rules(found).join(QLatin1Char(' '))));
        QCOMPARE(excused, (QStringList {"t.py::b", "t.py::d"}));
        // Nothing changed: nothing found.
        QVERIFY(HeldOutTestsGate::compare(base, base, {}).isEmpty());
    }

    void namedByPlan_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("plan");
        QTest::addColumn<bool>("named");
        QTest::newRow("id") << "tests/test_t.py::test_kelvin"
                            << "tests/test_t.py::test_kelvin expects 273.15" << true;
        QTest::newRow("name") << "tests/test_t.py::test_kelvin"
                              << "update test_kelvin for the new rounding" << true;
        QTest::newRow("parametrised") << "tests/test_t.py::test_k[1-2]"
                                      << "test_k changes" << true;
        QTest::newRow("prefix of another name") << "tests/test_t.py::test_k"
                                                << "test_kelvin changes" << false;
        QTest::newRow("file only") << "tests/test_t.py::test_k"
                                   << "edit tests/test_t.py" << false;
        QTest::newRow("ctest") << "tst_parser"
                               << "tst_parser now rejects empty input" << true;
    }

    void namedByPlan()
    {
        QFETCH(QString, id);
        QFETCH(QString, plan);
        QFETCH(bool, named);
        QCOMPARE(HeldOutTestsGate::namedByPlan(id, {plan}), named);
    }

    void scratchCopiesLinksAsLinksAndWritesNothingThroughThem()
    {
        TreeWriter t;
        const QString base = baseProject(t);
        QTemporaryDir outside;
        // The agent's tree: tests/ is now a link to a folder outside, and a source file links out.
        QDir(t.path(QStringLiteral("tests"))).removeRecursively();
        QVERIFY(QFile::link(outside.path(), t.path(QStringLiteral("tests"))));
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), t.path(QStringLiteral("src/leak.py"))));
        QTemporaryDir scratch;
        const QString baseDir = scratch.filePath(QStringLiteral("base"));
        const QString candidateDir = scratch.filePath(QStringLiteral("candidate"));
        QVERIFY(QDir().mkpath(baseDir) && QDir().mkpath(candidateDir));
        auto baseFiles = ScratchTree::fromCommit(t.root(), base, baseDir);
        QVERIFY2(baseFiles, qPrintable(baseFiles.errorText()));
        QVERIFY(baseFiles->contains(QStringLiteral("tests/test_calc.py")));
        auto copied = ScratchTree::fromWorktree(t.root(), candidateDir, [](const QString &p) {
            return p.startsWith(QLatin1String("tests/"));
        });
        QVERIFY2(copied, qPrintable(copied.errorText()));
        QVERIFY(copied->contains(QStringLiteral("src/leak.py")));
        QCOMPARE(QFileInfo(candidateDir + QStringLiteral("/src/leak.py")).symLinkTarget(),
                 QStringLiteral("/etc/passwd"));
        QVERIFY(QFileInfo(candidateDir + QStringLiteral("/tests")).isSymLink());
        // Restoring the base's tests replaces the planted link with a folder of our own.
        for (const QString &p : *baseFiles)
            if (p.startsWith(QLatin1String("tests/")))
                QVERIFY(ScratchTree::copy(baseDir, p, candidateDir));
        QVERIFY(!QFileInfo(candidateDir + QStringLiteral("/tests")).isSymLink());
        QVERIFY(QFileInfo(candidateDir + QStringLiteral("/tests/test_calc.py")).isFile());
        QVERIFY2(QDir(outside.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 "a file was written through the agent's link");
    }

    void nestedRepositoryIsRefused()
    {
        TreeWriter t;
        const QString base = baseProject(t);
        QVERIFY(QDir().mkpath(t.path(QStringLiteral("vendor/lib/.git"))));
        t.write(QStringLiteral("vendor/lib/.git/HEAD"), "ref: refs/heads/main\n");
        const GateResult r = runHeldOut(t, base);
        QCOMPARE(r.status, GateStatus::Error);
        QVERIFY(!r.findings.isEmpty());
        QCOMPARE(r.findings.first().rule, QStringLiteral("nested_repository"));
    }

    void catchesWeakenedTestsInTheSandbox()
    {
        if (!Sandbox::probe().available)
            QFAIL("bubblewrap (bwrap) is required: run packaging/install-deps.sh");
        TreeWriter t;
        const QString base = baseProject(t);
        // The code is broken, and the test that would say so is made to pass anyway.
        t.write(QStringLiteral("src/calc.py"),
                "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n");
        t.write(QStringLiteral("tests/test_calc.py"),
                "import calc\n\n\ndef test_add():\n    assert True or calc.add(1, 2) == 3\n\n\ndef "
                "test_sub():\n"
                "    assert calc.sub(3, 2) == 1\n");
        t.write(QStringLiteral("tests/test_more.py"), "def test_new():\n    assert True\n");
        QVERIFY(t.commitAll(QStringLiteral("weakened")));
        GateResult r = runHeldOut(t, base);
        QCOMPARE(gateStatusName(r.status), QStringLiteral("failed"));
        QCOMPARE(rules(r.findings), QStringList {"held-out-test-failed:tests/test_calc.py"});
        QVERIFY(r.findings.first().message.contains(QStringLiteral("tests/test_calc.py::test_add")));
        QVERIFY2(r.log.contains(QStringLiteral("At the base commit: 2 passed, 0 failed")), qPrintable(r.log));
        QVERIFY2(r.log.contains(QStringLiteral("On the candidate code: 1 passed, 1 failed")),
                 qPrintable(r.log));

        // The same change, when the approved plan names the behaviour change of test_add: not a finding.
        r = runHeldOut(t, base,
                       {QStringLiteral("tests/test_calc.py::test_add: add now subtracts, as asked")});
        QCOMPARE(gateStatusName(r.status), QStringLiteral("passed"));
        QVERIFY2(r.log.contains(QStringLiteral("Named by the approved plan")), qPrintable(r.log));
    }

    void catchesCollectIgnoreInTheSandbox()
    {
        if (!Sandbox::probe().available)
            QFAIL("bubblewrap (bwrap) is required: run packaging/install-deps.sh");
        TreeWriter t;
        const QString base = baseProject(t);
        t.write(QStringLiteral("src/calc.py"),
                "def add(a, b):\n    return 0\n\n\ndef sub(a, b):\n    return a - b\n");
        t.write(QStringLiteral("tests/conftest.py"),
                "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), \"..\", "
                "\"src\"))\n"
                "collect_ignore = [\"test_calc.py\"]\n");
        QVERIFY(t.commitAll(QStringLiteral("ignored")));
        const GateResult r = runHeldOut(t, base);
        QCOMPARE(gateStatusName(r.status), QStringLiteral("failed"));
        // The configuration change is for a human; the broken code is caught by the base's conftest.py.
        QCOMPARE(rules(r.findings),
                 (QStringList {"held-out-test-failed:tests/test_calc.py",
                               "test-config-changed:tests/conftest.py"}));
        for (const Finding &f : r.findings)
            QCOMPARE(f.needsHuman, f.rule == QLatin1String("test-config-changed"));
    }
};

QTEST_GUILESS_MAIN(tst_HeldOutTestsGate)
#include "tst_heldouttestsgate.moc"
