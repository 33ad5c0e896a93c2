// Tests for SizePolicy: a stored field over the limit becomes a cut with the size and SHA-256 of the
// whole, on UTF-8 boundaries; fields within the limit are left untouched at any depth.
#include "core/event.h"
#include "core/sizepolicy.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TstSizePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallPayloadsAreUntouched()
    {
        const QJsonObject payload {{QStringLiteral("text"), QStringLiteral("hello")},
                                   {QStringLiteral("n"), 3},
                                   {QStringLiteral("list"), QJsonArray {QStringLiteral("a"), 1}}};
        QCOMPARE(SizePolicy::bounded(payload), payload);
    }

    void bigFieldsAreCutAtAnyDepth()
    {
        const QString big =
                QStringLiteral("H") + QString(3 * 1024 * 1024, QLatin1Char('x')) + QStringLiteral("T");
        const QJsonObject payload {
                {QStringLiteral("tool_calls"),
                 QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("write_file")},
                                          {QStringLiteral("arguments"),
                                           QJsonObject {{QStringLiteral("path"), QStringLiteral("a.txt")},
                                                        {QStringLiteral("content"), big}}}}}},
                {QStringLiteral("text"), QStringLiteral("short")}};
        const QJsonObject out = SizePolicy::bounded(payload);
        QCOMPARE(out.value(QStringLiteral("text")).toString(), QStringLiteral("short"));
        const QJsonObject args = out.value(QStringLiteral("tool_calls"))
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(QStringLiteral("arguments"))
                                         .toObject();
        QCOMPARE(args.value(QStringLiteral("path")).toString(), QStringLiteral("a.txt"));
        const QJsonValue content = args.value(QStringLiteral("content"));
        QVERIFY(SizePolicy::isCut(content));
        QCOMPARE(SizePolicy::originalSize(content), qint64(big.size()));
        const QJsonObject cut = content.toObject();
        QCOMPARE(cut.value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(
                         QCryptographicHash::hash(big.toUtf8(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(cut.value(QStringLiteral("head")).toString().startsWith(QLatin1Char('H')));
        QVERIFY(cut.value(QStringLiteral("tail")).toString().endsWith(QLatin1Char('T')));
        QVERIFY(QJsonDocument(out).toJson(QJsonDocument::Compact).size() < 160 * 1024);
    }

    void cutsKeepUtf8Whole()
    {
        // 4-byte characters: a cut in the middle of one would make invalid UTF-8 (U+FFFD on reading).
        QString text;
        while (text.size() < 1200 * 1024)
            text += QString::fromUtf8("\xF0\x9F\x98\x80");
        QVERIFY(SizePolicy::exceeds(text, SizePolicy::kMaxStoredFieldBytes));
        const QJsonObject cut = SizePolicy::cut(text);
        QVERIFY(!cut.value(QStringLiteral("head")).toString().contains(QChar::ReplacementCharacter));
        QVERIFY(!cut.value(QStringLiteral("tail")).toString().contains(QChar::ReplacementCharacter));
        QVERIFY(!cut.value(QStringLiteral("head")).toString().isEmpty());
    }

    void eventsAreBounded()
    {
        QList<Event> events {
                Event::make(QStringLiteral("r"), QStringLiteral("harness"), QStringLiteral("k"),
                            {{QStringLiteral("text"), QString(2 * 1024 * 1024, QLatin1Char('y'))}})};
        events = SizePolicy::bounded(events);
        QVERIFY(SizePolicy::isCut(events.first().payload.value(QStringLiteral("text"))));
    }

    void sizeText()
    {
        QCOMPARE(SizePolicy::sizeText(80 * 1024 * 1024), QStringLiteral("80.0 MiB"));
        QCOMPARE(SizePolicy::sizeText(300), QStringLiteral("300 bytes"));
    }
};

QTEST_GUILESS_MAIN(TstSizePolicy)
#include "tst_sizepolicy.moc"
