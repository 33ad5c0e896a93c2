// Tests WordDiff: the changed words inside a changed line, and the fallback for very long lines.
#include "diff/worddiff.h"

#include <QTest>

using namespace harness::ui;

Q_DECLARE_METATYPE(QList<TextRange>)

class TestWordDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<QString>("oldLine");
        QTest::addColumn<QString>("newLine");
        QTest::addColumn<QStringList>("removedWords");
        QTest::addColumn<QStringList>("addedWords");
        QTest::newRow("one word") << QStringLiteral("int count = 0;") << QStringLiteral("int total = 0;")
                                  << QStringList {QStringLiteral("count")}
                                  << QStringList {QStringLiteral("total")};
        QTest::newRow("inserted argument")
                << QStringLiteral("call(a, b);") << QStringLiteral("call(a, x, b);") << QStringList {}
                << QStringList {QStringLiteral("x, ")};
        QTest::newRow("identical") << QStringLiteral("same") << QStringLiteral("same") << QStringList {}
                                   << QStringList {};
        QTest::newRow("all new") << QString() << QStringLiteral("new text") << QStringList {}
                                 << QStringList {QStringLiteral("new text")};
    }

    void compare()
    {
        QFETCH(QString, oldLine);
        QFETCH(QString, newLine);
        QFETCH(QStringList, removedWords);
        QFETCH(QStringList, addedWords);
        const WordDiffResult result = WordDiff::compare(oldLine, newLine);
        QStringList removed, added;
        for (const TextRange &r : result.removed)
            removed << oldLine.mid(r.start, r.length);
        for (const TextRange &r : result.added)
            added << newLine.mid(r.start, r.length);
        QCOMPARE(removed, removedWords);
        QCOMPARE(added, addedWords);
    }

    void longLinesFallBackToPrefixAndSuffix()
    {
        QString a, b;
        for (int i = 0; i < 600; ++i) {
            a += QStringLiteral("w%1 ").arg(i);
            b += QStringLiteral("w%1 ").arg(i == 300 ? 9999 : i);
        }
        const WordDiffResult result = WordDiff::compare(a, b, 400);
        QCOMPARE(result.removed.size(), 1);
        QCOMPARE(result.added.size(), 1);
        QVERIFY(a.mid(result.removed[0].start, result.removed[0].length).contains(QStringLiteral("300")));
        QVERIFY(b.mid(result.added[0].start, result.added[0].length).contains(QStringLiteral("9999")));
    }
};

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
