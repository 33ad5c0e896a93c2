// TestIntegrityCheck: real git diffs of changes that weaken tests (deleted test files, skips, removed
// assertions, removed tests or registrations) are flagged; honest changes are not.
#include "verify/testintegritycheck.h"

#include "rules/sourcetree.h"

#include "common/treewriter.h"

#include <QTest>

using namespace harness;

using Files = QMap<QString, QByteArray>; // path -> content; an empty content deletes the file

Q_DECLARE_METATYPE(Files)

namespace {

const QByteArray kQtTest = "void tst_Cart::total()\n{\n    Cart c;\n    c.add(3);\n    QCOMPARE(c.total(), "
                           "3);\n    QVERIFY(!c.isEmpty());\n}\n";
const QByteArray kGtest = "TEST(Cart, Total) {\n  Cart c;\n  EXPECT_EQ(c.total(), 0);\n}\n\nTEST(Cart, Add) "
                          "{\n  Cart c;\n  c.add(1);\n  ASSERT_EQ(c.total(), 1);\n}\n";
const QByteArray kPytest = "def test_total():\n    assert total([1, 2]) == 3\n\n\ndef test_empty():\n    "
                           "assert total([]) == 0\n";
const QByteArray kJest =
        "describe('cart', () => {\n  it('totals', () => {\n    expect(total([1, 2])).toBe(3);\n  });\n});\n";
const QByteArray kGo =
        "func TestTotal(t *testing.T) {\n\tif Total(1, 2) != 3 {\n\t\tt.Errorf(\"bad total\")\n\t}\n}\n";
const QByteArray kCmake =
        "harness_test(tst_cart SOURCES tst_cart.cpp)\nharness_test(tst_price SOURCES tst_price.cpp)\n";

Files base()
{
    return Files {{QStringLiteral("src/cart.cpp"), "int total() { return 3; }\n"},
                  {QStringLiteral("tests/tst_cart.cpp"), kQtTest},
                  {QStringLiteral("tests/CMakeLists.txt"), kCmake},
                  {QStringLiteral("src/cart_test.cc"), kGtest},
                  {QStringLiteral("py/test_total.py"), kPytest},
                  {QStringLiteral("web/cart.test.ts"), kJest},
                  {QStringLiteral("go/total_test.go"), kGo}};
}

QByteArray replaced(QByteArray text, const QByteArray &from, const QByteArray &to)
{
    return text.replace(from, to);
}

} // namespace

class tst_TestIntegrityCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flagsWeakenedTests_data()
    {
        QTest::addColumn<Files>("change");
        QTest::addColumn<QStringList>("expected"); // "rule file:line"

        QTest::newRow("code-fix-only")
                << Files {{QStringLiteral("src/cart.cpp"), "int total() { return 1 + 2; }\n"}}
                << QStringList {};
        QTest::newRow("new-test-added")
                << Files {{QStringLiteral("tests/tst_price.cpp"),
                           "void tst_Price::zero()\n{\n    QCOMPARE(price(0), 0);\n}\n"}}
                << QStringList {};
        QTest::newRow("assertion-replaced-by-equal-one")
                << Files {{QStringLiteral("tests/tst_cart.cpp"),
                           replaced(kQtTest, "QCOMPARE(c.total(), 3);", "QCOMPARE(c.total(), 3 * 1);")}}
                << QStringList {};
        QTest::newRow("test-file-deleted") << Files {{QStringLiteral("py/test_total.py"), QByteArray()}}
                                           << QStringList {"test-deleted py/test_total.py:0"};
        QTest::newRow("assertion-removed") << Files {{QStringLiteral("tests/tst_cart.cpp"),
                                                      replaced(kQtTest, "    QVERIFY(!c.isEmpty());\n", "")}}
                                           << QStringList {"assertions-removed tests/tst_cart.cpp:6"};
        QTest::newRow("assertion-commented-out") << Files {{QStringLiteral("tests/tst_cart.cpp"),
                                                            replaced(kQtTest, "    QCOMPARE(c.total(), 3);",
                                                                     "    // QCOMPARE(c.total(), 3);")}}
                                                 << QStringList {"assertions-removed tests/tst_cart.cpp:5"};
        QTest::newRow("qskip") << Files {{QStringLiteral("tests/tst_cart.cpp"),
                                          replaced(kQtTest, "    Cart c;\n",
                                                   "    QSKIP(\"flaky\");\n    Cart c;\n")}}
                               << QStringList {"test-skipped tests/tst_cart.cpp:3"};
        QTest::newRow("pytest-skip") << Files {{QStringLiteral("py/test_total.py"),
                                                "import pytest\n\n\n@pytest.mark.skip(reason='later')\n" +
                                                        kPytest}}
                                     << QStringList {"test-skipped py/test_total.py:4"};
        QTest::newRow("jest-only") << Files {{QStringLiteral("web/cart.test.ts"),
                                              replaced(kJest, "  it('totals'", "  it.only('totals'")}}
                                   << QStringList {"test-skipped web/cart.test.ts:2"};
        QTest::newRow("go-skip") << Files {{QStringLiteral("go/total_test.go"),
                                            replaced(kGo, "{\n\tif", "{\n\tt.Skip(\"later\")\n\tif")}}
                                 << QStringList {"test-skipped go/total_test.go:2"};
        QTest::newRow("gtest-disabled")
                << Files {{QStringLiteral("src/cart_test.cc"),
                           replaced(kGtest, "TEST(Cart, Add)", "TEST(Cart, DISABLED_Add)")}}
                << QStringList {"test-skipped src/cart_test.cc:6"};
        QTest::newRow("gtest-test-removed")
                << Files {{QStringLiteral("src/cart_test.cc"),
                           kGtest.left(kGtest.indexOf("\nTEST(Cart, Add)") + 1)}}
                << QStringList {"assertions-removed src/cart_test.cc:6", "tests-removed src/cart_test.cc:6"};
        QTest::newRow("pytest-test-removed")
                << Files {{QStringLiteral("py/test_total.py"),
                           kPytest.left(kPytest.indexOf("\n\n\ndef test_empty") + 1)}}
                << QStringList {"assertions-removed py/test_total.py:3", "tests-removed py/test_total.py:3"};
        QTest::newRow("if-0") << Files {{QStringLiteral("tests/tst_cart.cpp"),
                                         "#if 0\n" + kQtTest + "#endif\n"}}
                              << QStringList {"test-skipped tests/tst_cart.cpp:1"};
        QTest::newRow("registration-removed")
                << Files {{QStringLiteral("tests/CMakeLists.txt"),
                           "harness_test(tst_cart SOURCES tst_cart.cpp)\n"}}
                << QStringList {"test-registration-removed tests/CMakeLists.txt:2"};
        QTest::newRow("test-moved-out") << Files {{QStringLiteral("py/test_total.py"), QByteArray()},
                                                  {QStringLiteral("py/total_checks.py"), kPytest}}
                                        << QStringList {"test-moved-out py/total_checks.py:0"};
    }
    void flagsWeakenedTests()
    {
        QFETCH(Files, change);
        QFETCH(QStringList, expected);
        TreeWriter t;
        QVERIFY(t.initGit());
        const Files files = base();
        for (auto it = files.begin(); it != files.end(); ++it)
            QVERIFY(t.write(it.key(), it.value()));
        QVERIFY(t.commitAll(QStringLiteral("base")));
        for (auto it = change.begin(); it != change.end(); ++it) {
            if (it.value().isEmpty())
                QVERIFY(t.remove(it.key()));
            else
                QVERIFY(t.write(it.key(), it.value()));
        }
        QVERIFY(t.commitAll(QStringLiteral("change")));
        auto diff = SourceTree::diffSince(t.root(), QStringLiteral("HEAD~1"));
        QVERIFY2(diff.ok(), qPrintable(diff.errorText()));
        QStringList got;
        for (const Finding &f : TestIntegrityCheck().check(*diff)) {
            got << QStringLiteral("%1 %2:%3").arg(f.rule, f.file).arg(f.line);
            QCOMPARE(f.severity, Severity::Error);
            QCOMPARE(f.source, QStringLiteral("test-integrity"));
            QVERIFY(!f.message.isEmpty());
        }
        got.sort();
        QCOMPARE(got, expected);
    }

    void extraTestPaths()
    {
        QVERIFY(!TestIntegrityCheck().isTestFile(QStringLiteral("qa/checks/cart.cpp")));
        QVERIFY(TestIntegrityCheck({QStringLiteral("qa/**")})
                        .isTestFile(QStringLiteral("qa/checks/cart.cpp")));
        QVERIFY(TestIntegrityCheck().isTestFile(QStringLiteral("tests/unit/verify/tst_x.cpp")));
        QVERIFY(TestIntegrityCheck().isTestFile(QStringLiteral("pkg/foo_test.go")));
        QVERIFY(!TestIntegrityCheck().isTestFile(QStringLiteral("src/contest.py")));
    }
};

QTEST_GUILESS_MAIN(tst_TestIntegrityCheck)
#include "tst_testintegritycheck.moc"
