// The skip policy itself: this test only skips, and CTest must count that as a failure (it is registered
// with WILL_FAIL in tests/CMakeLists.txt, so the policy holding is what makes it pass).
#include <QTest>

class TestSkipPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSkipFailsTheTest() { QSKIP("a skip outside the allow-list must fail the CTest test"); }
};

QTEST_APPLESS_MAIN(TestSkipPolicy)
#include "tst_skippolicy.moc"
