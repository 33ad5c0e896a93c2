// Tests for LineAnchor: stable short hashes, strict parsing, the LINE:HASH|text display form.
#include "runtime/lineanchor.h"

#include <QTest>

using namespace harness;

class TestLineAnchor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hashIsThreeHexDigitsAndStable()
    {
        const QString h = LineAnchor::hashOf(u"int main(void)");
        QCOMPARE(h.size(), 3);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{3}$")).match(h).hasMatch());
        QCOMPARE(LineAnchor::hashOf(u"int main(void)"), h);
        // FNV-1a of "" is 0x811c9dc5 -> % 4096 = 0xdc5
        QCOMPARE(LineAnchor::hashOf(u""), QStringLiteral("dc5"));
    }
    void trailingWhitespaceDoesNotChangeTheHash()
    {
        QCOMPARE(LineAnchor::hashOf(u"return 0;  \t\r"), LineAnchor::hashOf(u"return 0;"));
        QVERIFY(LineAnchor::hashOf(u"    return 0;") != LineAnchor::hashOf(u"return 0;"));
    }
    void changedContentChangesTheHash()
    {
        QVERIFY(LineAnchor::hashOf(u"x = 1;") != LineAnchor::hashOf(u"x = 2;"));
    }
    void formatLine()
    {
        const QString row = LineAnchor::formatLine(12, u"foo();");
        QCOMPARE(row, QStringLiteral("12:") + LineAnchor::hashOf(u"foo();") + QStringLiteral("|foo();"));
    }
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("hash");
        QTest::newRow("plain") << "12:a3f" << true << 12 << "a3f";
        QTest::newRow("upper hex") << "7:A3F" << true << 7 << "a3f";
        QTest::newRow("display row") << "40:1e2|    return x;" << true << 40 << "1e2";
        QTest::newRow("spaces") << "  3:000 " << true << 3 << "000";
        QTest::newRow("no colon") << "12a3f" << false << 0 << "";
        QTest::newRow("zero line") << "0:abc" << false << 0 << "";
        QTest::newRow("negative") << "-1:abc" << false << 0 << "";
        QTest::newRow("short hash") << "12:ab" << false << 0 << "";
        QTest::newRow("long hash") << "12:abcd" << false << 0 << "";
        QTest::newRow("non hex") << "12:xyz" << false << 0 << "";
        QTest::newRow("empty") << "" << false << 0 << "";
        QTest::newRow("huge line") << "99999999999999:abc" << false << 0 << "";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        auto a = LineAnchor::parse(text);
        QCOMPARE(a.ok(), ok);
        if (ok) {
            QFETCH(int, line);
            QFETCH(QString, hash);
            QCOMPARE(a->line, line);
            QCOMPARE(a->hash, hash);
            QCOMPARE(LineAnchor::parse(a->toString())->line, line);
        } else {
            QVERIFY(!a.errorText().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestLineAnchor)
#include "tst_lineanchor.moc"
