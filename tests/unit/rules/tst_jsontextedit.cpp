// JsonTextEdit: byte-exact results of editing a hand-written JSON text — only the changed values are
// rewritten; key order, indentation, inline objects and other members stay as they were.
#include "rules/jsontextedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace harness;

namespace {
// The demo project's policy.json, as a person wrote it: two-space indentation, an inline object.
const QByteArray kDemo = "{\n"
                         "  \"provider\": \"replay\",\n"
                         "  \"transcript\": \".harness/replay/add-kelvin.jsonl\",\n"
                         "  \"models\": {\"default\": \"replay-demo\"},\n"
                         "  \"auto_approve\": {\"enabled\": false},\n"
                         "  \"max_plan_rounds\": 5,\n"
                         "  \"network\": false\n"
                         "}\n";
} // namespace

class tst_JsonTextEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edits_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QJsonValue>("value"); // Undefined: remove
        QTest::addColumn<QByteArray>("after");

        QTest::newRow("scalar replaced in place") << kDemo << QStringList {"provider"} << QJsonValue("openai")
                                                  << QByteArray(kDemo).replace("\"replay\",", "\"openai\",");
        QTest::newRow("equal value changes nothing")
                << kDemo << QStringList {"max_plan_rounds"} << QJsonValue(5) << kDemo;
        QTest::newRow("number") << kDemo << QStringList {"max_plan_rounds"} << QJsonValue(12)
                                << QByteArray(kDemo).replace("\"max_plan_rounds\": 5",
                                                             "\"max_plan_rounds\": 12");
        QTest::newRow("member added to an inline object")
                << kDemo << QStringList {"models", "plan"} << QJsonValue("big-model")
                << QByteArray(kDemo).replace("{\"default\": \"replay-demo\"}",
                                             "{\"default\": \"replay-demo\", \"plan\": \"big-model\"}");
        QTest::newRow("member added at the end of the top object")
                << kDemo << QStringList {"allow_unsandboxed"} << QJsonValue(true)
                << QByteArray(kDemo).replace("\"network\": false\n}",
                                             "\"network\": false,\n  \"allow_unsandboxed\": true\n}");
        QTest::newRow("missing object created in the document's style")
                << kDemo << QStringList {"provider_config", "kind"} << QJsonValue("openai")
                << QByteArray(kDemo).replace("\"network\": false\n}",
                                             "\"network\": false,\n  \"provider_config\": {\n    \"kind\": "
                                             "\"openai\"\n  }\n}");
        QTest::newRow("member removed from the middle")
                << kDemo << QStringList {"transcript"} << QJsonValue(QJsonValue::Undefined)
                << QByteArray(kDemo).replace("  \"transcript\": \".harness/replay/add-kelvin.jsonl\",\n", "");
        QTest::newRow("first member removed")
                << kDemo << QStringList {"provider"} << QJsonValue(QJsonValue::Undefined)
                << QByteArray(kDemo).replace("  \"provider\": \"replay\",\n", "");
        QTest::newRow("only member of an inline object removed")
                << kDemo << QStringList {"models", "default"} << QJsonValue(QJsonValue::Undefined)
                << QByteArray(kDemo).replace("{\"default\": \"replay-demo\"}", "{}");
        QTest::newRow("absent member removed: nothing changes")
                << kDemo << QStringList {"fallback_model"} << QJsonValue(QJsonValue::Undefined) << kDemo;
        QTest::newRow("scalar becomes an object")
                << kDemo << QStringList {"network"}
                << QJsonValue(
                           QJsonObject {{"mode", "proxy"}, {"allow", QJsonArray {"a.example", "b.example"}}})
                << QByteArray(kDemo).replace("\"network\": false",
                                             "\"network\": {\n    \"allow\": [\"a.example\", "
                                             "\"b.example\"],\n    \"mode\": \"proxy\"\n  }");
        QTest::newRow("compact text stays compact")
                << QByteArray("{\"a\":1,\"b\":{\"c\":true}}") << QStringList {"b", "d"} << QJsonValue("x")
                << QByteArray("{\"a\":1,\"b\":{\"c\":true,\"d\":\"x\"}}");
        QTest::newRow("tabs and CRLF kept") << QByteArray("{\r\n\t\"a\": 1\r\n}\r\n") << QStringList {"a"}
                                            << QJsonValue(2) << QByteArray("{\r\n\t\"a\": 2\r\n}\r\n");
        QTest::newRow("empty document object gets an indented member")
                << QByteArray("{\n}\n") << QStringList {"provider"} << QJsonValue("anthropic")
                << QByteArray("{\n    \"provider\": \"anthropic\"\n}\n");
        QTest::newRow("strings with escapes and braces are skipped whole")
                << QByteArray("{\"a\": \"}\\\"{,\", \"b\": [1, {\"c\": \"]\"}], \"d\": 0}")
                << QStringList {"d"} << QJsonValue(1)
                << QByteArray("{\"a\": \"}\\\"{,\", \"b\": [1, {\"c\": \"]\"}], \"d\": 1}");
        QTest::newRow("unicode and escaped keys")
                << QByteArray("{\"caf\xc3\xa9\": \"x\"}") << QStringList {"caf\xc3\xa9"}
                << QJsonValue("\xe2\x9c\x93 \"q\"")
                << QByteArray("{\"caf\xc3\xa9\": \"\xe2\x9c\x93 \\\"q\\\"\"}");
    }
    void edits()
    {
        QFETCH(QByteArray, before);
        QFETCH(QStringList, path);
        QFETCH(QJsonValue, value);
        QFETCH(QByteArray, after);
        JsonTextEdit edit(before);
        QVERIFY(edit.isObject());
        QVERIFY(value.isUndefined() ? edit.remove(path) : edit.set(path, value));
        QCOMPARE(edit.text(), after);
        QJsonParseError error;
        QJsonDocument::fromJson(edit.text(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    // An object value is merged member by member: the untouched members keep their bytes.
    void objectsAreMerged()
    {
        const QByteArray before =
                "{\n  \"provider_config\": {\n    \"id\": \"openai\",\n    \"kind\": \"openai\",\n"
                "    \"retry\": {\"max_attempts\": 3}\n  }\n}\n";
        JsonTextEdit edit(before);
        QVERIFY(edit.set({"provider_config"},
                         QJsonObject {{"id", "local"},
                                      {"kind", "openai"},
                                      {"retry", QJsonObject {{"max_attempts", 3}}}}));
        QCOMPARE(edit.text(), QByteArray(before).replace("\"id\": \"openai\"", "\"id\": \"local\""));
    }

    void notAnObjectIsRefused()
    {
        for (const QByteArray &text : {QByteArray("[1, 2]"), QByteArray("{\"a\": "), QByteArray()}) {
            JsonTextEdit edit(text);
            QVERIFY(!edit.isObject());
            QVERIFY(!edit.set({"a"}, 1));
            QCOMPARE(edit.text(), text);
        }
    }
};

QTEST_GUILESS_MAIN(tst_JsonTextEdit)
#include "tst_jsontextedit.moc"
