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

    static qint64 storedBytes(const QJsonObject &payload)
    {
        return QJsonDocument(payload).toJson(QJsonDocument::Compact).size();
    }

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

    void manyStringsInOneArrayAreBoundedAsAWhole()
    {
        // 40 strings of 1 MB, each under the field limit: the array is cut, the call's id and name stay.
        QJsonArray lines;
        for (int i = 0; i < 40; ++i)
            lines << QString(1000 * 1000, QLatin1Char('a' + i % 26));
        const QJsonObject payload {
                {QStringLiteral("text"), QStringLiteral("editing")},
                {QStringLiteral("tool_calls"),
                 QJsonArray {QJsonObject {
                         {QStringLiteral("id"), QStringLiteral("c2")},
                         {QStringLiteral("name"), QStringLiteral("edit_file")},
                         {QStringLiteral("arguments"),
                          QJsonObject {
                                  {QStringLiteral("path"), QStringLiteral("src/a.py")},
                                  {QStringLiteral("edits"),
                                   QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("append")},
                                                            {QStringLiteral("lines"), lines}}}}}}}}}};
        const QJsonObject out = SizePolicy::bounded(payload);
        QVERIFY(storedBytes(out) <= SizePolicy::kMaxStoredPayloadBytes);
        QCOMPARE(SizePolicy::jsonBytes(out), storedBytes(out));
        QCOMPARE(out.value(QStringLiteral("text")).toString(), QStringLiteral("editing"));
        const QJsonObject call = out.value(QStringLiteral("tool_calls")).toArray().at(0).toObject();
        QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("c2"));
        QCOMPARE(call.value(QStringLiteral("name")).toString(), QStringLiteral("edit_file"));
        const QJsonObject args = call.value(QStringLiteral("arguments")).toObject();
        QCOMPARE(args.value(QStringLiteral("path")).toString(), QStringLiteral("src/a.py"));
        const QJsonObject edit = args.value(QStringLiteral("edits")).toArray().at(0).toObject();
        QCOMPARE(edit.value(QStringLiteral("op")).toString(), QStringLiteral("append"));
        const QJsonArray cutLines = edit.value(QStringLiteral("lines")).toArray();
        QCOMPARE(cutLines.size(), 40);
        for (const QJsonValue &line : cutLines) {
            QVERIFY(SizePolicy::isCut(line));
            QCOMPARE(SizePolicy::originalSize(line), qint64(1000 * 1000));
        }
        QCOMPARE(cutLines.at(1).toObject().value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(
                         QCryptographicHash::hash(QByteArray(1000 * 1000, 'b'), QCryptographicHash::Sha256)
                                 .toHex()));
    }

    void manySmallStringsAreCutAsAnArray()
    {
        // 300,000 strings of 10 bytes: none is worth a cut of its own, so the array is cut as one.
        QJsonArray many;
        for (int i = 0; i < 300000; ++i)
            many << QStringLiteral("0123456789");
        const QJsonObject payload {{QStringLiteral("id"), QStringLiteral("x")},
                                   {QStringLiteral("many"), many}};
        const QJsonObject out = SizePolicy::bounded(payload);
        QVERIFY(storedBytes(out) <= SizePolicy::kMaxStoredPayloadBytes);
        QCOMPARE(out.value(QStringLiteral("id")).toString(), QStringLiteral("x"));
        const QJsonObject cut = out.value(QStringLiteral("many")).toObject();
        QVERIFY(SizePolicy::isCut(cut));
        QCOMPARE(cut.value(QStringLiteral("kind")).toString(), QStringLiteral("array"));
        const QByteArray json = QJsonDocument(many).toJson(QJsonDocument::Compact);
        QCOMPARE(SizePolicy::originalSize(cut), qint64(json.size()));
        QCOMPARE(cut.value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex()));
        QVERIFY(json.startsWith(cut.value(QStringLiteral("head")).toString().toUtf8()));
    }

    void deepObjectsAreBounded()
    {
        // 60 levels, each with an id, a number and 100 KB of text: about 6 MB in all.
        QJsonObject node {{QStringLiteral("id"), QStringLiteral("leaf")}};
        for (int depth = 0; depth < 60; ++depth)
            node = QJsonObject {{QStringLiteral("id"), QStringLiteral("n%1").arg(depth)},
                                {QStringLiteral("n"), depth},
                                {QStringLiteral("text"), QString(100 * 1000, QLatin1Char('d'))},
                                {QStringLiteral("child"), node}};
        const QJsonObject payload {{QStringLiteral("kind"), QStringLiteral("deep")},
                                   {QStringLiteral("tree"), node}};
        QVERIFY(storedBytes(payload) > 5 * 1000 * 1000);
        const QJsonObject out = SizePolicy::bounded(payload);
        QVERIFY(storedBytes(out) <= SizePolicy::kMaxStoredPayloadBytes);
        QCOMPARE(out.value(QStringLiteral("kind")).toString(), QStringLiteral("deep"));
        const QJsonObject top = out.value(QStringLiteral("tree")).toObject();
        QCOMPARE(top.value(QStringLiteral("id")).toString(), QStringLiteral("n59"));
        QCOMPARE(top.value(QStringLiteral("n")).toInt(), 59);
        QVERIFY(top.contains(QStringLiteral("child")));
    }

    void mediumStringsOverTheBudgetAreCut()
    {
        // 30 strings of 100 KB, each far under the field limit, 3 MB together.
        QJsonObject payload {{QStringLiteral("id"), QStringLiteral("m")}};
        for (int i = 0; i < 30; ++i)
            payload.insert(QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0')),
                           QString(100 * 1000, QLatin1Char('m')));
        const QJsonObject out = SizePolicy::bounded(payload);
        QVERIFY(storedBytes(out) <= SizePolicy::kMaxStoredPayloadBytes);
        QCOMPARE(out.value(QStringLiteral("id")).toString(), QStringLiteral("m"));
        QCOMPARE(out.size(), payload.size());
        for (int i = 0; i < 30; ++i) {
            const QJsonValue v = out.value(QStringLiteral("s%1").arg(i, 2, 10, QLatin1Char('0')));
            QVERIFY(SizePolicy::isCut(v));
            QCOMPARE(SizePolicy::originalSize(v), qint64(100 * 1000));
        }
    }

    void payloadJustUnderTheBudgetIsUntouched()
    {
        // Two strings just under the field limit and small fields, just under the payload budget.
        QJsonObject payload {{QStringLiteral("id"), QStringLiteral("u")}, {QStringLiteral("n"), 7}};
        payload.insert(QStringLiteral("a"),
                       QString(SizePolicy::kMaxStoredFieldBytes - 100, QLatin1Char('a')));
        payload.insert(QStringLiteral("b"),
                       QString(SizePolicy::kMaxStoredFieldBytes - 100, QLatin1Char('b')));
        const qint64 rest = SizePolicy::kMaxStoredPayloadBytes - storedBytes(payload) - 20;
        payload.insert(QStringLiteral("c"), QString(rest, QLatin1Char('c')));
        QVERIFY(storedBytes(payload) <= SizePolicy::kMaxStoredPayloadBytes);
        QVERIFY(storedBytes(payload) > SizePolicy::kMaxStoredPayloadBytes - 64);
        QCOMPARE(SizePolicy::bounded(payload), payload);
        payload.insert(QStringLiteral("d"), QString(100, QLatin1Char('d')));
        const QJsonObject over = SizePolicy::bounded(payload);
        QVERIFY(storedBytes(over) <= SizePolicy::kMaxStoredPayloadBytes);
        QVERIFY(SizePolicy::isCut(over.value(QStringLiteral("a"))));
        QCOMPARE(over.value(QStringLiteral("d")), payload.value(QStringLiteral("d")));
    }

    void sizeText()
    {
        QCOMPARE(SizePolicy::sizeText(80 * 1024 * 1024), QStringLiteral("80.0 MiB"));
        QCOMPARE(SizePolicy::sizeText(300), QStringLiteral("300 bytes"));
    }
};

QTEST_GUILESS_MAIN(TstSizePolicy)
#include "tst_sizepolicy.moc"
