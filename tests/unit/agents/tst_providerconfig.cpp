// ProviderConfig, RetryPolicy and the request/response values: JSON round trips and errors that name
// the bad field; the back-off stays within its bounds.
#include "agents/chatresponse.h"
#include "agents/httpchatstream.h"
#include "agents/providerconfig.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TestProviderConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips();
    void badConfigNamesTheField_data();
    void badConfigNamesTheField();
    void backoffGrowsWithJitterAndCap();
    void retryAfterParsing_data();
    void retryAfterParsing();
    void chatRequestRoundTrips();
    void responseRejectsBadToolCalls();
};

void TestProviderConfig::roundTrips()
{
    ProviderConfig c;
    c.id = QStringLiteral("local-ollama");
    c.kind = QStringLiteral("openai");
    c.baseUrl = QStringLiteral("http://localhost:11434/v1");
    c.keyRequired = false;
    c.defaultModel = QStringLiteral("qwen2.5-coder");
    c.retry.maxAttempts = 6;
    auto back = ProviderConfig::fromJson(c.toJson());
    QVERIFY2(back.ok(), qPrintable(back.errorText()));
    QCOMPARE(*back, c);
}

void TestProviderConfig::badConfigNamesTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("no id") << QByteArray(R"({"kind":"openai","base_url":"http://x"})")
                           << QStringLiteral("provider.id");
    QTest::newRow("bad kind") << QByteArray(R"({"id":"a","kind":"gemini","base_url":"http://x"})")
                              << QStringLiteral("provider.kind");
    QTest::newRow("bad url") << QByteArray(R"({"id":"a","kind":"openai","base_url":"ftp://x"})")
                             << QStringLiteral("provider.base_url");
    QTest::newRow("replay without transcript")
            << QByteArray(R"({"id":"a","kind":"replay"})") << QStringLiteral("provider.transcript_path");
    QTest::newRow("id with slash") << QByteArray(R"({"id":"a/b","kind":"openai","base_url":"http://x"})")
                                   << QStringLiteral("provider.id");
    QTest::newRow("zero timeout")
            << QByteArray(R"({"id":"a","kind":"openai","base_url":"http://x","read_timeout_ms":0})")
            << QStringLiteral("provider.read_timeout_ms");
    QTest::newRow("retry attempts")
            << QByteArray(R"({"id":"a","kind":"openai","base_url":"http://x","retry":{"max_attempts":0}})")
            << QStringLiteral("provider.retry.max_attempts");
}

void TestProviderConfig::badConfigNamesTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    auto c = ProviderConfig::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!c.ok());
    QCOMPARE(c.error().field, field);
}

void TestProviderConfig::backoffGrowsWithJitterAndCap()
{
    RetryPolicy p;
    p.baseDelayMs = 100;
    p.maxDelayMs = 1000;
    for (int i = 0; i < 50; ++i) {
        const int second = p.backoffMs(2);
        const int third = p.backoffMs(3);
        const int late = p.backoffMs(12);
        QVERIFY(second >= 50 && second <= 100);
        QVERIFY(third >= 100 && third <= 200);
        QVERIFY(late >= 500 && late <= 1000);
    }
}

void TestProviderConfig::retryAfterParsing_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("seconds") << QByteArray("7") << qint64(7000);
    QTest::newRow("fraction") << QByteArray("0.5") << qint64(500);
    QTest::newRow("http date") << QByteArray("Thu, 01 Jan 2026 00:00:30 GMT") << qint64(30000);
    QTest::newRow("past date") << QByteArray("Wed, 31 Dec 2025 23:00:00 GMT") << qint64(0);
    QTest::newRow("absent") << QByteArray() << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
}

void TestProviderConfig::retryAfterParsing()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, ms);
    const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(HttpChatStream::retryAfterMs(value, now), ms);
}

void TestProviderConfig::chatRequestRoundTrips()
{
    ChatRequest r;
    r.phase = QStringLiteral("fix");
    r.iteration = 2;
    r.turn = 5;
    r.model = QStringLiteral("m");
    r.messages << ChatMessage::user(QStringLiteral("u"))
               << ChatMessage::assistant(QStringLiteral("a"),
                                         {ToolCall {QStringLiteral("c"), QStringLiteral("read"), {}}})
               << ChatMessage::toolResult(QStringLiteral("c"), QStringLiteral("r"), true);
    auto back = ChatRequest::fromJson(r.toJson());
    QVERIFY2(back.ok(), qPrintable(back.errorText()));
    QCOMPARE(back->messages, r.messages);
    QCOMPARE(back->turn, 5);
    QJsonObject bad = r.toJson();
    bad.insert(QStringLiteral("phase"), QStringLiteral("review"));
    QCOMPARE(ChatRequest::fromJson(bad).error().field, QStringLiteral("request.phase"));
}

void TestProviderConfig::responseRejectsBadToolCalls()
{
    auto r = ChatResponse::fromJson(
            QJsonDocument::fromJson(R"({"text":"x","tool_calls":[{"id":"1","arguments":{}}]})").object());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, QStringLiteral("response.tool_calls[0].name"));
}

QTEST_GUILESS_MAIN(TestProviderConfig)
#include "tst_providerconfig.moc"
