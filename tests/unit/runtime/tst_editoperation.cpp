// Tests for EditOperation: strict JSON parsing of line-anchored edits, errors naming the field.
#include "runtime/editoperation.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TestEditOperation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryKind()
    {
        const QByteArray json =
                "{\"path\":\"a.c\",\"edits\":[\n"
                "            "
                "{\"op\":\"replace\",\"start\":\"2:abc\",\"end\":\"4:def\",\"lines\":[\"x\",\"y\"]},\n"
                "            {\"op\":\"delete\",\"start\":\"7:123\"},\n"
                "            {\"op\":\"insert_before\",\"anchor\":\"9:fff\",\"lines\":\"one\\ntwo\\n\"},\n"
                "            {\"op\":\"insert_after\",\"anchor\":\"10:000\",\"lines\":[\"z\"]},\n"
                "            {\"op\":\"prepend\",\"lines\":[\"// top\"]},\n"
                "            {\"op\":\"append\",\"lines\":[\"// end\"]}]}";
        auto ops = EditOperation::parseBatch(json);
        QVERIFY2(ops.ok(), qPrintable(ops.errorText()));
        QCOMPARE(ops->size(), 6);
        QCOMPARE(ops->at(0).kind, EditOperation::Kind::Replace);
        QCOMPARE(ops->at(0).start.line, 2);
        QCOMPARE(ops->at(0).end.line, 4);
        QCOMPARE(ops->at(0).lines, QStringList({QStringLiteral("x"), QStringLiteral("y")}));
        QCOMPARE(ops->at(1).kind, EditOperation::Kind::Delete);
        QCOMPARE(ops->at(1).end.line, 7); // end defaults to start
        QCOMPARE(ops->at(2).lines, QStringList({QStringLiteral("one"), QStringLiteral("two")}));
        QCOMPARE(ops->at(3).kind, EditOperation::Kind::InsertAfter);
        QCOMPARE(ops->at(4).kind, EditOperation::Kind::Prepend);
        QCOMPARE(ops->at(5).kind, EditOperation::Kind::Append);
        // Round trip.
        for (const EditOperation &op : *ops) {
            auto again = EditOperation::fromJson(op.toJson());
            QVERIFY(again.ok());
            QCOMPARE(*again, op);
        }
    }
    void replaceWithNoLinesDeletes()
    {
        auto ops = EditOperation::parseBatch(
                QByteArray("[{\"op\":\"replace\",\"start\":\"1:abc\",\"lines\":[]}]"));
        QVERIFY(ops.ok());
        QVERIFY(ops->first().lines.isEmpty());
    }
    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{") << "";
        QTest::newRow("no edits") << QByteArray("{\"path\":\"x\"}") << "edits";
        QTest::newRow("empty batch") << QByteArray("[]") << "edits";
        QTest::newRow("not object") << QByteArray("[1]") << "edits[0]";
        QTest::newRow("no op") << QByteArray("[{\"start\":\"1:abc\"}]") << "edits[0].op";
        QTest::newRow("unknown op") << QByteArray("[{\"op\":\"move\",\"start\":\"1:abc\"}]") << "edits[0].op";
        QTest::newRow("missing start")
                << QByteArray("[{\"op\":\"replace\",\"lines\":[\"x\"]}]") << "edits[0].start";
        QTest::newRow("bad anchor") << QByteArray(
                                               "[{\"op\":\"replace\",\"start\":\"one\",\"lines\":[\"x\"]}]")
                                    << "edits[0].start";
        QTest::newRow("anchor not string")
                << QByteArray("[{\"op\":\"replace\",\"start\":3,\"lines\":[\"x\"]}]") << "edits[0].start";
        QTest::newRow("end before start")
                << QByteArray(
                           "[{\"op\":\"replace\",\"start\":\"5:abc\",\"end\":\"2:abc\",\"lines\":[\"x\"]}]")
                << "edits[0].end";
        QTest::newRow("missing lines")
                << QByteArray("[{\"op\":\"replace\",\"start\":\"1:abc\"}]") << "edits[0].lines";
        QTest::newRow("line not string")
                << QByteArray("[{\"op\":\"insert_after\",\"anchor\":\"1:abc\",\"lines\":[1]}]")
                << "edits[0].lines[0]";
        QTest::newRow("insert without anchor")
                << QByteArray("[{\"op\":\"insert_after\",\"lines\":[\"x\"]}]") << "edits[0].anchor";
        QTest::newRow("empty insertion")
                << QByteArray("[{\"op\":\"append\",\"lines\":[]}]") << "edits[0].lines";
        QTest::newRow("delete with lines")
                << QByteArray("[{\"op\":\"delete\",\"start\":\"1:abc\",\"lines\":[\"x\"]}]")
                << "edits[0].lines";
        QTest::newRow("second edit bad")
                << QByteArray("[{\"op\":\"delete\",\"start\":\"1:abc\"},{\"op\":\"delete\"}]")
                << "edits[1].start";
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        auto ops = EditOperation::parseBatch(json);
        QVERIFY(!ops.ok());
        QCOMPARE(ops.error().field, field);
        QVERIFY(!ops.error().message.isEmpty());
    }
    void refusesHugeBatches()
    {
        QJsonArray edits;
        for (int i = 0; i < 2001; ++i)
            edits << QJsonObject {{QStringLiteral("op"), QStringLiteral("delete")},
                                  {QStringLiteral("start"), QStringLiteral("1:abc")}};
        QVERIFY(!EditOperation::parseBatch(edits).ok());
    }
};

QTEST_GUILESS_MAIN(TestEditOperation)
#include "tst_editoperation.moc"
