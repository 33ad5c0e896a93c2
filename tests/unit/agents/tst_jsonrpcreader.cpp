// Tests of JsonRpcReader, the strict reader of an ACP agent's stdout: messages split across reads in every
// place, CRLF and blank lines, the size limit at its exact boundary, and each malformed line with its
// message.
#include "agents/acp/jsonrpcreader.h"

#include <QTest>

using namespace harness;

class TestJsonRpcReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsMessagesSplitAnywhere();
    void acceptsCrlfAndBlankLines();
    void limitIsExact();
    void rejectsMalformedLines_data();
    void rejectsMalformedLines();
    void staysFailedAfterAnError();
    void unterminatedLastLineIsAnError();
};

void TestJsonRpcReader::readsMessagesSplitAnywhere()
{
    const QByteArray stream =
            R"({"jsonrpc":"2.0","id":1,"method":"fs/read_text_file","params":{"sessionId":"s","path":"/a"}})"
            "\n"
            R"({"jsonrpc":"2.0","method":"session/update","params":{"sessionId":"s","update":{}}})"
            "\n"
            R"({"jsonrpc":"2.0","id":"x","result":{"ok":true}})"
            "\n"
            R"({"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"no","data":{"d":1}}})"
            "\n";
    for (int cut = 1; cut <= stream.size(); ++cut) {
        JsonRpcReader reader(1024);
        QList<JsonRpcMessage> out;
        for (qsizetype i = 0; i < stream.size(); i += cut)
            QVERIFY(reader.feed(
                    QByteArrayView(stream.constData() + i, qMin<qsizetype>(cut, stream.size() - i)), out));
        QCOMPARE(out.size(), 4);
        QCOMPARE(out.at(0).kind, JsonRpcMessage::Kind::Request);
        QCOMPARE(out.at(0).method, QStringLiteral("fs/read_text_file"));
        QCOMPARE(out.at(0).params.value(QStringLiteral("path")).toString(), QStringLiteral("/a"));
        QCOMPARE(out.at(1).kind, JsonRpcMessage::Kind::Notification);
        QCOMPARE(out.at(2).kind, JsonRpcMessage::Kind::Result);
        QCOMPARE(out.at(2).idText(), QStringLiteral("\"x\""));
        QCOMPARE(out.at(3).kind, JsonRpcMessage::Kind::Error);
        QCOMPARE(out.at(3).errorCode, -32000);
        QCOMPARE(out.at(3).errorMessage, QStringLiteral("no"));
        QCOMPARE(reader.buffered(), 0);
        QVERIFY(reader.finish());
    }
}

void TestJsonRpcReader::acceptsCrlfAndBlankLines()
{
    JsonRpcReader reader;
    QList<JsonRpcMessage> out;
    QVERIFY(reader.feed("\n\r\n   \n{\"jsonrpc\":\"2.0\",\"method\":\"a\"}\r\n\n", out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).method, QStringLiteral("a"));
}

void TestJsonRpcReader::limitIsExact()
{
    const QByteArray head = R"({"jsonrpc":"2.0","method":"m","params":{"t":")";
    const QByteArray tail = R"("}})";
    const qsizetype limit = 256;
    const QByteArray exact = head + QByteArray(limit - head.size() - tail.size(), 'a') + tail;
    QCOMPARE(exact.size(), limit);
    JsonRpcReader reader(limit);
    QList<JsonRpcMessage> out;
    QVERIFY(reader.feed(exact + '\n', out));
    QCOMPARE(out.size(), 1);
    // One byte more fails as soon as the limit is passed, before the line ends or is buffered whole.
    JsonRpcReader over(limit);
    const QByteArray longer = head + QByteArray(limit, 'a');
    const Status status = over.feed(longer, out);
    QVERIFY(!status);
    QVERIFY2(status.errorText().contains(QStringLiteral("longer than 256 bytes")),
             qPrintable(status.errorText()));
    QCOMPARE(over.buffered(), 0);
}

void TestJsonRpcReader::rejectsMalformedLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not JSON") << QByteArray("hello agent") << "not JSON";
    QTest::newRow("truncated object") << QByteArray(R"({"jsonrpc":"2.0","id":1)") << "not JSON";
    QTest::newRow("batch") << QByteArray(R"([{"jsonrpc":"2.0","method":"a"}])") << "batch";
    QTest::newRow("scalar") << QByteArray("42") << "not JSON";
    QTest::newRow("no version") << QByteArray(R"({"id":1,"result":{}})") << "not JSON-RPC 2.0";
    QTest::newRow("version 1.0") << QByteArray(R"({"jsonrpc":"1.0","id":1,"result":{}})")
                                 << "not JSON-RPC 2.0";
    QTest::newRow("version as number")
            << QByteArray(R"({"jsonrpc":2.0,"id":1,"result":{}})") << "not JSON-RPC 2.0";
    QTest::newRow("empty method") << QByteArray(R"({"jsonrpc":"2.0","method":""})") << "non-empty string";
    QTest::newRow("method not a string")
            << QByteArray(R"({"jsonrpc":"2.0","method":5})") << "non-empty string";
    QTest::newRow("params an array") << QByteArray(R"({"jsonrpc":"2.0","method":"m","params":[1]})")
                                     << "params must be an object";
    QTest::newRow("fractional id") << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"m"})")
                                   << "integer or a string";
    QTest::newRow("object id") << QByteArray(R"({"jsonrpc":"2.0","id":{},"result":1})")
                               << "integer or a string";
    QTest::newRow("neither method nor id")
            << QByteArray(R"({"jsonrpc":"2.0","result":1})") << "neither a method nor an id";
    QTest::newRow("result and error")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}})")
            << "exactly one";
    QTest::newRow("neither result nor error") << QByteArray(R"({"jsonrpc":"2.0","id":1})") << "exactly one";
    QTest::newRow("error without code")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"error":{"message":"m"}})") << "integer code";
    QTest::newRow("request with result")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"m","result":1})") << "cannot carry";
}

void TestJsonRpcReader::rejectsMalformedLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    JsonRpcReader reader;
    QList<JsonRpcMessage> out;
    const Status status = reader.feed(line + '\n', out);
    QVERIFY(!status);
    QVERIFY2(status.errorText().contains(expected), qPrintable(status.errorText()));
    QVERIFY2(status.errorText().contains(QStringLiteral("line 1")), qPrintable(status.errorText()));
    QVERIFY(out.isEmpty());
}

void TestJsonRpcReader::staysFailedAfterAnError()
{
    JsonRpcReader reader;
    QList<JsonRpcMessage> out;
    QVERIFY(!reader.feed(
            "{\"jsonrpc\":\"2.0\",\"method\":\"ok\"}\nbroken\n{\"jsonrpc\":\"2.0\",\"method\":\"after\"}\n",
            out));
    QCOMPARE(out.size(), 1); // the message before the bad line is kept, nothing after it
    QVERIFY(reader.failed());
    QVERIFY(!reader.feed("{\"jsonrpc\":\"2.0\",\"method\":\"later\"}\n", out));
    QCOMPARE(out.size(), 1);
}

void TestJsonRpcReader::unterminatedLastLineIsAnError()
{
    JsonRpcReader reader;
    QList<JsonRpcMessage> out;
    QVERIFY(reader.feed("{\"jsonrpc\":\"2.0\",", out));
    const Status end = reader.finish();
    QVERIFY(!end);
    QVERIFY(end.errorText().contains(QStringLiteral("middle of a message")));
}

QTEST_GUILESS_MAIN(TestJsonRpcReader)
#include "tst_jsonrpcreader.moc"
