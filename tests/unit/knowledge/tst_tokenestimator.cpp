// TokenEstimator: the documented weights and cuts that never split a character.
#include "knowledge/tokenestimator.h"

#include <QTest>

using namespace harness;

class TestTokenEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void estimate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("tokens");
        QTest::newRow("empty") << QString() << qint64(0);
        QTest::newRow("four ascii chars") << QStringLiteral("abcd") << qint64(1);
        QTest::newRow("five ascii chars round up") << QStringLiteral("abcde") << qint64(2);
        QTest::newRow("code line") << QStringLiteral("int main() { return 0; }") << qint64(6);
        QTest::newRow("cjk per character") << QStringLiteral("漢字かな") << qint64(4);
        QTest::newRow("hangul") << QStringLiteral("한국어") << qint64(3);
        QTest::newRow("accented latin half") << QStringLiteral("éèàü") << qint64(2);
        QTest::newRow("emoji surrogate pair") << QStringLiteral("\U0001F600") << qint64(1);
        QTest::newRow("mixed") << QStringLiteral("abcd漢") << qint64(2);
    }
    void estimate()
    {
        QFETCH(QString, text);
        QFETCH(qint64, tokens);
        QCOMPARE(TokenEstimator::estimate(text), tokens);
    }

    void clipKeepsTextThatFits()
    {
        const QString text = QStringLiteral("short\ntext\n");
        QCOMPARE(TokenEstimator::clipToTokens(text, 100), text);
        QCOMPARE(TokenEstimator::clipToTokens(text, 0), QString());
    }

    void clipCutsAtLineEnd()
    {
        QString text;
        for (int i = 0; i < 100; ++i)
            text += QStringLiteral("line %1 of the file\n").arg(i, 3, 10, QLatin1Char('0'));
        const QString clipped = TokenEstimator::clipToTokens(text, 50);
        QVERIFY(TokenEstimator::estimate(clipped) <= 50);
        QVERIFY(clipped.size() > 100);
        QVERIFY(clipped.endsWith(QLatin1Char('\n')));
        QVERIFY(text.startsWith(clipped));
    }

    void clipNeverSplitsSurrogatePair()
    {
        QString text;
        for (int i = 0; i < 50; ++i)
            text += QStringLiteral("\U0001F600");
        for (qint64 budget = 1; budget < 60; ++budget) {
            const QString clipped = TokenEstimator::clipToTokens(text, budget);
            QVERIFY(TokenEstimator::estimate(clipped) <= budget);
            QVERIFY2(clipped.isEmpty() || !clipped.back().isHighSurrogate(),
                     qPrintable(QString::number(budget)));
            QCOMPARE(clipped.size() % 2, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenEstimator)
#include "tst_tokenestimator.moc"
