// JsonTextLocator: line and column of JSON paths and byte offsets, for located rules.json errors.
#include "rules/jsontextlocator.h"

#include <QTest>

using namespace harness;

class tst_JsonTextLocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pathsAreLocated_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("top-key") << "layers" << 2 << 3;
        QTest::newRow("array-item") << "layers[1]" << 4 << 5;
        QTest::newRow("nested-key") << "layers[1].allow" << 4 << 19;
        QTest::newRow("nested-item") << "layers[1].allow[1]" << 4 << 34;
        QTest::newRow("missing-falls-back") << "layers[1].paths" << 4 << 5;
        QTest::newRow("unicode-column") << "name" << 6 << 3;
        QTest::newRow("after-unicode") << "x" << 6 << 18;
    }
    void pathsAreLocated()
    {
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(int, column);
        const QByteArray text = "{\n"
                                "  \"layers\": [\n"
                                "    {\"name\": \"a\"},\n"
                                "    {\"name\": \"b\", \"allow\": [\"a\", \"zz\"]}\n"
                                "  ],\n"
                                "  \"name\": \"\xc3\xa9t\xc3\xa9\", \"x\": 1\n"
                                "}\n";
        const JsonTextLocator locator(text);
        const TextPosition pos = locator.positionOfPath(path);
        QCOMPARE(pos.line, line);
        QCOMPARE(pos.column, column);
    }

    void offsetsBecomeLineAndColumn()
    {
        const JsonTextLocator locator("{\n  \"a\": 1,\n  oops\n}");
        const TextPosition pos = locator.positionOfOffset(14);
        QCOMPARE(pos.line, 3);
        QCOMPARE(pos.column, 3);
        QCOMPARE(locator.describe(QStringLiteral("rules.json"), QStringLiteral("a"), QStringLiteral("bad")),
                 QStringLiteral("rules.json:2:3: a: bad"));
    }

    void truncatedTextDoesNotCrash()
    {
        const JsonTextLocator locator("{\"a\": [1, {\"b\": ");
        QCOMPARE(locator.positionOfPath(QStringLiteral("a[1].b")).line, 1);
        QCOMPARE(locator.positionOfPath(QStringLiteral("a[1].b")).column, 12);
    }
};

QTEST_GUILESS_MAIN(tst_JsonTextLocator)
#include "tst_jsontextlocator.moc"
