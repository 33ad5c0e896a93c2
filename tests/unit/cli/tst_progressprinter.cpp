// ProgressPrinter's lines for `harness run`: a gate that did not pass says why when its findings do not
// ("failed (4 ms, 0 findings)" alone told a newcomer nothing), and a run's end gives its reason.
#include "progressprinter.h"

#include "core/event.h"
#include "orchestration/runstate.h"

#include <QJsonArray>
#include <QTest>

using namespace harness;

class TestProgressPrinter : public QObject
{
    Q_OBJECT

    static QString printed(const Event &e)
    {
        QString text;
        QTextStream out(&text);
        ProgressPrinter printer(out);
        printer.print(e);
        out.flush();
        return text.section(QStringLiteral("] "), 1).trimmed(); // without the elapsed-time prefix
    }

private Q_SLOTS:
    void gateLines_data()
    {
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("line");
        QTest::newRow("could not run")
                << QJsonObject {{"gate", "tests"},
                                {"status", "error"},
                                {"duration_ms", 4},
                                {"findings_count", 0},
                                {"findings", QJsonArray {}},
                                {"reason", "python3: not found (exit code 127); install it on this machine"}}
                << "gate tests: error (4 ms, 0 findings): python3: not found (exit code 127); install it on "
                   "this machine";
        QTest::newRow("passed") << QJsonObject {{"gate", "rules"},
                                                {"status", "passed"},
                                                {"duration_ms", 12},
                                                {"findings_count", 0},
                                                {"findings", QJsonArray {}}}
                                << "gate rules: passed (12 ms, 0 findings)";
        // The event keeps at most 200 findings; the line counts them all.
        QTest::newRow("many findings")
                << QJsonObject {{"gate", "lint"},
                                {"status", "failed"},
                                {"duration_ms", 900},
                                {"findings_count", 512},
                                {"findings", QJsonArray {QJsonObject {{"message", "unused x"}}}}}
                << "gate lint: failed (900 ms, 512 findings)";
    }

    void gateLines()
    {
        QFETCH(QJsonObject, payload);
        QFETCH(QString, line);
        QCOMPARE(printed(Event::make(QStringLiteral("R1"), QStringLiteral("harness"),
                                     QStringLiteral("gate_result"), payload)),
                 line);
    }

    void aFailedRunSaysWhy()
    {
        const QString line = printed(Event::make(
                QStringLiteral("R1"), QStringLiteral("harness"), QStringLiteral("failed"),
                {{QStringLiteral("reason"),
                  QStringLiteral("the sandbox cannot start here: bubblewrap is installed but cannot create a "
                                 "sandbox here (bwrap: No permissions to creating new namespace)")}}));
        QVERIFY2(line.startsWith(QStringLiteral("failed: the sandbox cannot start here: bubblewrap")),
                 qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestProgressPrinter)
#include "tst_progressprinter.moc"
