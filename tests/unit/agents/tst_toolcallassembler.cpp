// ToolCallAssembler: argument fragments joined per call, bad JSON reported with its text.
#include "agents/toolcallassembler.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TestToolCallAssembler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void joinsFragmentsPerIndex();
    void interleavedCallsStayApart();
    void emptyArgumentsAreAnEmptyObject();
    void invalidArgumentsNameTheToolAndQuoteTheText_data();
    void invalidArgumentsNameTheToolAndQuoteTheText();
    void sizeCapStopsAssembly();
    void missingNameIsAnError();
};

void TestToolCallAssembler::joinsFragmentsPerIndex()
{
    ToolCallAssembler a;
    a.begin(0, QStringLiteral("call_1"), QStringLiteral("read"));
    for (const char *f : {"{\"pa", "th\":", " \"src/ma", "in.cpp\"}"})
        QVERIFY(a.append(0, f));
    auto calls = a.finish();
    QVERIFY2(calls.ok(), qPrintable(calls.errorText()));
    QCOMPARE(calls->size(), 1);
    QCOMPARE(calls->first().id, QStringLiteral("call_1"));
    QCOMPARE(calls->first().name, QStringLiteral("read"));
    QCOMPARE(calls->first().arguments.value(QStringLiteral("path")).toString(),
             QStringLiteral("src/main.cpp"));
}

void TestToolCallAssembler::interleavedCallsStayApart()
{
    ToolCallAssembler a;
    a.begin(1, QStringLiteral("b"), QStringLiteral("write"));
    a.begin(0, QStringLiteral("a"), QStringLiteral("read"));
    a.append(0, "{\"x\":");
    a.append(1, "{\"y\":");
    a.append(1, "2}");
    a.append(0, "1}");
    auto calls = a.finish();
    QVERIFY(calls.ok());
    QCOMPARE(calls->size(), 2);
    QCOMPARE(calls->at(0).name, QStringLiteral("read")); // index order
    QCOMPARE(calls->at(0).arguments.value(QStringLiteral("x")).toInt(), 1);
    QCOMPARE(calls->at(1).arguments.value(QStringLiteral("y")).toInt(), 2);
}

void TestToolCallAssembler::emptyArgumentsAreAnEmptyObject()
{
    ToolCallAssembler a;
    a.begin(0, QStringLiteral("c"), QStringLiteral("list"));
    auto calls = a.finish();
    QVERIFY(calls.ok());
    QVERIFY(calls->first().arguments.isEmpty());
}

void TestToolCallAssembler::invalidArgumentsNameTheToolAndQuoteTheText_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::newRow("cut short") << QByteArray("{\"path\": \"src");
    QTest::newRow("array not object") << QByteArray("[1,2]");
    QTest::newRow("garbage") << QByteArray("\x01\x02not json");
}

void TestToolCallAssembler::invalidArgumentsNameTheToolAndQuoteTheText()
{
    QFETCH(QByteArray, arguments);
    ToolCallAssembler a;
    a.begin(0, QStringLiteral("c"), QStringLiteral("edit"));
    a.append(0, arguments);
    auto calls = a.finish();
    QVERIFY(!calls.ok());
    QVERIFY(calls.error().message.contains(QStringLiteral("\"edit\"")));
    QCOMPARE(calls.error().field, QStringLiteral("tool_calls[0]"));
    QCOMPARE(a.excerpt(), arguments.trimmed());
}

void TestToolCallAssembler::sizeCapStopsAssembly()
{
    ToolCallAssembler a(100);
    a.begin(0, QStringLiteral("c"), QStringLiteral("write"));
    QVERIFY(a.append(0, QByteArray(90, 'x')));
    QVERIFY(!a.append(0, QByteArray(20, 'x')));
    QVERIFY(a.errorText().contains(QStringLiteral("100")));
    QVERIFY(!a.finish().ok());
}

void TestToolCallAssembler::missingNameIsAnError()
{
    ToolCallAssembler a;
    a.append(3, "{}");
    auto calls = a.finish();
    QVERIFY(!calls.ok());
    QVERIFY(calls.error().message.contains(QStringLiteral("name")));
}

QTEST_GUILESS_MAIN(TestToolCallAssembler)
#include "tst_toolcallassembler.moc"
