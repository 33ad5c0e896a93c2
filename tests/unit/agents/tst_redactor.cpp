// Redactor: every registered key value disappears from text, bytes, JSON and logged messages.
#include "agents/redactor.h"
#include "testkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace harness;

namespace {
QStringList captured;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    captured << message;
}
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactsText_data();
    void redactsText();
    void redactsNestedJson();
    void shortValuesAreNotRegistered();
    void longerKeyContainingAnotherIsMaskedWhole();
    void loggedMessagesAreRedacted();
};

void TestRedactor::redactsText_data()
{
    QTest::addColumn<QString>("pattern"); // %1 is where the key goes
    QTest::newRow("header") << QStringLiteral("Authorization: Bearer %1");
    QTest::newRow("twice") << QStringLiteral("%1 and again %1");
    QTest::newRow("inside json text") << QStringLiteral("{\"api_key\":\"%1\"}");
    QTest::newRow("url") << QStringLiteral("https://example.test/v1?key=%1&x=1");
}

void TestRedactor::redactsText()
{
    QFETCH(QString, pattern);
    Redactor r;
    const QString key = testKey(QStringLiteral("text"));
    r.add(key);
    const QString out = r.redact(pattern.arg(key));
    QVERIFY(!out.contains(key));
    QCOMPARE(out, pattern.arg(Redactor::kMask));
    QVERIFY(!r.redact(pattern.arg(key).toUtf8()).contains(key.toUtf8()));
    QVERIFY(r.containsSecret(pattern.arg(key)));
    QVERIFY(!r.containsSecret(out));
}

void TestRedactor::redactsNestedJson()
{
    Redactor r;
    const QString key = testKey(QStringLiteral("json"));
    r.add(key);
    const QJsonObject in {
            {QStringLiteral("headers"), QJsonArray {QStringLiteral("x-api-key: ") + key}},
            {QStringLiteral("nested"), QJsonObject {{key, QJsonObject {{QStringLiteral("v"), key}}}}},
            {QStringLiteral("n"), 3}};
    const QJsonObject out = r.redact(QJsonValue(in)).toObject();
    const QByteArray text = QJsonDocument(out).toJson();
    QVERIFY(!text.contains(key.toUtf8()));
    QCOMPARE(out.value(QStringLiteral("n")).toInt(), 3);
    QCOMPARE(out.value(QStringLiteral("headers")).toArray().first().toString(),
             QStringLiteral("x-api-key: [redacted]"));
}

void TestRedactor::shortValuesAreNotRegistered()
{
    Redactor r;
    r.add(QStringLiteral("abc"));
    r.add(QString());
    QCOMPARE(r.count(), 0);
    QCOMPARE(r.redact(QStringLiteral("abc abc")), QStringLiteral("abc abc"));
}

void TestRedactor::longerKeyContainingAnotherIsMaskedWhole()
{
    Redactor r;
    const QString shortKey = testKey(QStringLiteral("s"));
    const QString longKey = shortKey + QStringLiteral("-extended");
    r.add(shortKey);
    r.add(longKey);
    QCOMPARE(r.redact(longKey), Redactor::kMask);
    r.remove(longKey);
    QCOMPARE(r.redact(longKey), Redactor::kMask + QStringLiteral("-extended"));
}

void TestRedactor::loggedMessagesAreRedacted()
{
    const QString key = testKey(QStringLiteral("log"));
    Redactor::global().add(key);
    QtMessageHandler before = qInstallMessageHandler(capture);
    Redactor::installMessageFilter(); // chains to `capture`
    qWarning().noquote() << "request failed with key" << key;
    qInstallMessageHandler(before);
    QCOMPARE(captured.size(), 1);
    QVERIFY(!captured.first().contains(key));
    QVERIFY(captured.first().contains(Redactor::kMask));
    Redactor::global().remove(key);
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
