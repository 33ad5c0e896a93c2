// SseParser: the event-stream format as servers really send it, cut at every possible byte.
#include "agents/sseparser.h"

#include <QTest>

using namespace harness;

class TestSseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognisesTheStartOfAStream_data();
    void recognisesTheStartOfAStream();
    void startIsDecidedAcrossChunks();
    void parsesEvents_data();
    void parsesEvents();
    void sameEventsWhateverTheChunking();
    void crAtChunkEndThenLf();
    void oversizeLineIsAnErrorWithExcerpt();
    void incompleteEventIsPendingNotEmitted();
};

void TestSseParser::recognisesTheStartOfAStream_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("verdict");
    QTest::newRow("data") << QByteArray("data: {}") << 1;
    QTest::newRow("event") << QByteArray("event: ping\n") << 1;
    QTest::newRow("comment") << QByteArray(": keep-alive") << 1;
    QTest::newRow("blank line") << QByteArray("\n\ndata: x") << 1;
    QTest::newRow("only blank lines so far") << QByteArray("\r\n\r\n") << 0;
    QTest::newRow("blank line then binary") << QByteArray("\r\xfc\x01\x02") << -1;
    QTest::newRow("endless blank lines") << QByteArray(64, '\n') << -1;
    QTest::newRow("bom then data") << QByteArray("\xEF\xBB\xBF"
                                                 "data:x")
                                   << 1;
    QTest::newRow("retry") << QByteArray("retry: 10\n") << 1;
    QTest::newRow("id only") << QByteArray("id\n") << 1;
    QTest::newRow("too short") << QByteArray("da") << 0;
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("half a bom") << QByteArray("\xEF\xBB") << 0;
    QTest::newRow("png") << QByteArray("\x89PNG\r\n") << -1;
    QTest::newRow("html") << QByteArray("<html><body>") << -1;
    QTest::newRow("json") << QByteArray("{\"error\": 1}") << -1;
    QTest::newRow("word that starts like a field") << QByteArray("database error") << -1;
    QTest::newRow("nul bytes") << QByteArray("\0\0\0\0", 4) << -1;
}

void TestSseParser::recognisesTheStartOfAStream()
{
    QFETCH(QByteArray, head);
    QFETCH(int, verdict);
    QCOMPARE(SseParser::startsLikeEventStream(head), verdict);
    if (verdict < 0) {
        SseParser parser;
        QVERIFY(parser.feed(head).isEmpty());
        QVERIFY(parser.hasError());
        QVERIFY(parser.notAnEventStream());
    }
}

// Byte by byte, a real stream is never mistaken for something else while its first field is incomplete.
void TestSseParser::startIsDecidedAcrossChunks()
{
    const QByteArray stream("\xEF\xBB\xBF"
                            "event: x\ndata: 1\n\n");
    SseParser parser;
    QList<SseEvent> out;
    for (char c : stream)
        QVERIFY(parser.feed(QByteArray(1, c), out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().data, QByteArray("1"));
}

void TestSseParser::parsesEvents_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<QByteArrayList>("data");

    QTest::newRow("openai data only") << QByteArray("data: {\"a\":1}\n\ndata: [DONE]\n\n")
                                      << QByteArrayList {"", ""} << QByteArrayList {"{\"a\":1}", "[DONE]"};
    QTest::newRow("anthropic named") << QByteArray("event: ping\ndata: {\"type\":\"ping\"}\n\n")
                                     << QByteArrayList {"ping"} << QByteArrayList {"{\"type\":\"ping\"}"};
    QTest::newRow("crlf line ends") << QByteArray("event: x\r\ndata: 1\r\n\r\n") << QByteArrayList {"x"}
                                    << QByteArrayList {"1"};
    QTest::newRow("cr line ends") << QByteArray("data: 1\r\rdata: 2\r\r") << QByteArrayList {"", ""}
                                  << QByteArrayList {"1", "2"};
    QTest::newRow("multi-line data joined")
            << QByteArray("data: a\ndata: b\n\n") << QByteArrayList {""} << QByteArrayList {"a\nb"};
    QTest::newRow("comments are keep-alives")
            << QByteArray(": keep-alive\n\n: x\ndata: y\n\n") << QByteArrayList {""} << QByteArrayList {"y"};
    QTest::newRow("no space after colon")
            << QByteArray("data:z\n\n") << QByteArrayList {""} << QByteArrayList {"z"};
    QTest::newRow("only one leading space removed")
            << QByteArray("data:  z\n\n") << QByteArrayList {""} << QByteArrayList {" z"};
    QTest::newRow("blank lines without data emit nothing")
            << QByteArray("\n\n\nevent: e\n\n") << QByteArrayList {} << QByteArrayList {};
    QTest::newRow("unknown fields ignored")
            << QByteArray("retry: 10\nfoo: bar\ndata: d\n\n") << QByteArrayList {""} << QByteArrayList {"d"};
    QTest::newRow("utf-8 kept") << QByteArray("data: \xc3\xa9t\xc3\xa9\n\n") << QByteArrayList {""}
                                << QByteArrayList {"\xc3\xa9t\xc3\xa9"};
}

void TestSseParser::parsesEvents()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, events);
    QFETCH(QByteArrayList, data);
    SseParser parser;
    const QList<SseEvent> out = parser.feed(input);
    QVERIFY(!parser.hasError());
    QCOMPARE(out.size(), events.size());
    for (qsizetype i = 0; i < out.size(); ++i) {
        QCOMPARE(out.at(i).event, events.at(i));
        QCOMPARE(out.at(i).data, data.at(i));
    }
}

void TestSseParser::sameEventsWhateverTheChunking()
{
    const QByteArray stream = "event: message_start\r\ndata: {\"type\":\"message_start\"}\r\n\r\n: ping\n"
                              "data: one\ndata: two\n\nevent: e\rdata: three\r\r";
    SseParser whole;
    const QList<SseEvent> reference = whole.feed(stream);
    QCOMPARE(reference.size(), 3);
    for (int size = 1; size <= 7; ++size) {
        SseParser parser;
        QList<SseEvent> out;
        for (qsizetype i = 0; i < stream.size(); i += size)
            QVERIFY(parser.feed(stream.mid(i, size), out));
        QCOMPARE(out.size(), reference.size());
        for (qsizetype i = 0; i < out.size(); ++i) {
            QCOMPARE(out.at(i).event, reference.at(i).event);
            QCOMPARE(out.at(i).data, reference.at(i).data);
        }
    }
}

void TestSseParser::crAtChunkEndThenLf()
{
    SseParser parser;
    QList<SseEvent> out;
    parser.feed("data: a\r", out);
    parser.feed("\n\r", out);
    parser.feed("\n", out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().data, QByteArray("a"));
}

void TestSseParser::oversizeLineIsAnErrorWithExcerpt()
{
    SseParser parser(1024);
    QList<SseEvent> out;
    const bool ok = parser.feed("data: " + QByteArray(2000, 'x'), out);
    QVERIFY(!ok);
    QVERIFY(parser.hasError());
    QVERIFY(parser.errorText().contains(QStringLiteral("1024")));
    QVERIFY(parser.excerpt().startsWith("data: xxx"));
    QVERIFY(parser.excerpt().size() <= 400);
    QVERIFY(!parser.feed("\n\n", out)); // stays failed
}

void TestSseParser::incompleteEventIsPendingNotEmitted()
{
    SseParser parser;
    const QList<SseEvent> out = parser.feed("data: {\"half\":");
    QVERIFY(out.isEmpty());
    QCOMPARE(parser.pending(), QByteArray("data: {\"half\":"));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
