// FindingTrimmer: duplicates removed, most severe first, a cap with an honest count of the rest.
#include "knowledge/findingtrimmer.h"

#include <QTest>

using namespace harness;

namespace {

Finding make(const QString &file, int line, Severity sev, const QString &rule, const QString &message = {})
{
    Finding f;
    f.file = file;
    f.line = line;
    f.severity = sev;
    f.rule = rule;
    f.message = message.isEmpty() ? rule + QStringLiteral(" at ") + file : message;
    return f;
}

} // namespace

class TestFindingTrimmer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dedupeKeepsMostSevere()
    {
        const QList<Finding> in {
                make(QStringLiteral("a.cpp"), 3, Severity::Warning, QStringLiteral("unused")),
                make(QStringLiteral("a.cpp"), 3, Severity::Error, QStringLiteral("unused")),
                make(QStringLiteral("a.cpp"), 3, Severity::Warning, QStringLiteral("unused")),
                make(QStringLiteral("a.cpp"), 4, Severity::Warning, QStringLiteral("unused")),
                make(QStringLiteral("a.cpp"), 3, Severity::Info, QStringLiteral("style"))};
        const TrimmedFindings t = FindingTrimmer::trim(in);
        QCOMPARE(t.duplicates, 2);
        QCOMPARE(t.total, 3);
        QCOMPARE(t.kept.size(), 3);
        QCOMPARE(t.kept.at(0).severity, Severity::Error);
        QCOMPARE(t.kept.at(0).line, 3);
        QCOMPARE(t.omitted, 0);
        QVERIFY(t.moreNote().isEmpty());
    }

    void orderBySeverityThenFileThenLine()
    {
        const QList<Finding> in {make(QStringLiteral("b.cpp"), 1, Severity::Info, QStringLiteral("r1")),
                                 make(QStringLiteral("b.cpp"), 9, Severity::Error, QStringLiteral("r2")),
                                 make(QStringLiteral("a.cpp"), 20, Severity::Warning, QStringLiteral("r3")),
                                 make(QStringLiteral("b.cpp"), 2, Severity::Error, QStringLiteral("r4")),
                                 make(QStringLiteral("a.cpp"), 50, Severity::Error, QStringLiteral("r5"))};
        const TrimmedFindings t = FindingTrimmer::trim(in);
        QStringList rules;
        for (const Finding &f : t.kept)
            rules.append(f.rule);
        QCOMPARE(rules,
                 (QStringList {QStringLiteral("r5"), QStringLiteral("r4"), QStringLiteral("r2"),
                               QStringLiteral("r3"), QStringLiteral("r1")}));
    }

    void cap_data()
    {
        QTest::addColumn<int>("cap");
        QTest::addColumn<int>("kept");
        QTest::addColumn<QString>("note");
        QTest::newRow("no cap") << 0 << 7 << QString();
        QTest::newRow("cap above count") << 10 << 7 << QString();
        QTest::newRow("cap keeps errors")
                << 3 << 3 << QStringLiteral("… and 4 more findings (3 warnings, 1 note)");
        QTest::newRow("cap 2") << 2 << 2
                               << QStringLiteral("… and 5 more findings (1 error, 3 warnings, 1 note)");
        QTest::newRow("cap 6") << 6 << 6 << QStringLiteral("… and 1 more finding (1 note)");
    }
    void cap()
    {
        QFETCH(int, cap);
        QFETCH(int, kept);
        QFETCH(QString, note);
        QList<Finding> in;
        for (int i = 0; i < 3; ++i)
            in.append(make(QStringLiteral("e.cpp"), i + 1, Severity::Error, QStringLiteral("build")));
        for (int i = 0; i < 3; ++i)
            in.append(make(QStringLiteral("w.cpp"), i + 1, Severity::Warning, QStringLiteral("lint")));
        in.append(make(QStringLiteral("i.cpp"), 1, Severity::Info, QStringLiteral("hint")));
        const TrimmedFindings t = FindingTrimmer::trim(in, cap);
        QCOMPARE(t.kept.size(), kept);
        QCOMPARE(t.moreNote(), note);
        QCOMPARE(t.render().endsWith(note + (note.isEmpty() ? QString() : QStringLiteral("\n"))), true);
    }

    void renderLine()
    {
        Finding f = make(QStringLiteral("src/a.cpp"), 12, Severity::Error, QStringLiteral("layers"),
                         QStringLiteral("core must not include ui"));
        f.column = 5;
        f.source = QStringLiteral("architecture");
        QCOMPARE(TrimmedFindings::renderFinding(f),
                 QStringLiteral("src/a.cpp:12:5: error [layers] core must not include ui (architecture)"));
        f.line = 0;
        f.rule.clear();
        f.source.clear();
        QCOMPARE(TrimmedFindings::renderFinding(f),
                 QStringLiteral("src/a.cpp: error core must not include ui"));
    }
};

QTEST_GUILESS_MAIN(TestFindingTrimmer)
#include "tst_findingtrimmer.moc"
