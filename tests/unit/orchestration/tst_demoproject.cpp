// DemoProject's check of what the demo needs on this machine: each missing program is named with the
// package to install, a sandbox that cannot start gives bubblewrap's reason, and with everything
// installed (packaging/install-deps.sh) nothing is missing.
#include "orchestration/demoproject.h"

#include <QTest>

using namespace harness;

class TestDemoProject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingIsMissingWhereTheTestsRun()
    {
        const QStringList missing = DemoProject::missingRequirements();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    void eachMissingProgramIsNamedWithItsPackage()
    {
        DemoTools tools;
        tools.git = QStringLiteral("/nonexistent/git");
        tools.bwrap = QStringLiteral("/nonexistent/bwrap");
        tools.python = QStringLiteral("no-such-python-4711");
        const QStringList missing = DemoProject::missingRequirements(tools);
        QCOMPARE(missing.size(), 3);
        QVERIFY2(missing.at(0).startsWith(QStringLiteral("git is not installed")), qPrintable(missing.at(0)));
        QVERIFY(missing.at(0).contains(QStringLiteral("\"git\" package")));
        QVERIFY2(
                missing.at(1).startsWith(QStringLiteral("The sandbox cannot start: bubblewrap (bwrap) is not "
                                                        "installed")),
                qPrintable(missing.at(1)));
        QVERIFY(missing.at(1).contains(QStringLiteral("\"bubblewrap\" package")));
        QVERIFY2(missing.at(2).startsWith(QStringLiteral("no-such-python-4711 is not installed")),
                 qPrintable(missing.at(2)));
        QVERIFY(missing.at(2).contains(QStringLiteral("\"python3-pytest\"")));
    }

    void pythonWithoutPytestIsNamed()
    {
        // A Python that runs but cannot import pytest: /bin/false stands for it.
        DemoTools tools;
        tools.python = QStringLiteral("/bin/false");
        const QStringList missing = DemoProject::missingRequirements(tools);
        QCOMPARE(missing.size(), 1);
        QVERIFY2(missing.first().startsWith(QStringLiteral("pytest is not installed for /bin/false")),
                 qPrintable(missing.first()));
        QVERIFY(missing.first().contains(QStringLiteral("\"python3-pytest\" package")));
    }
};

QTEST_GUILESS_MAIN(TestDemoProject)
#include "tst_demoproject.moc"
