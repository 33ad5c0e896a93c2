// RuleSet: loading .harness/rules.json with located errors, and saving it with a stable layout.
#include "rules/ruleset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

// A rules file with every kind of rule and every optional field.
QByteArray fullRules()
{
    QFile f(QStringLiteral(HARNESS_SOURCE_DIR "/tests/unit/rules/data/full-rules.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data: %s", qPrintable(f.fileName()));
    return f.readAll();
}

} // namespace

class tst_RuleSet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsEveryRuleKind()
    {
        auto rules = RuleSet::fromJsonText(fullRules());
        QVERIFY2(rules.ok(), qPrintable(rules.errorText()));
        QCOMPARE(rules->exclude, QStringList {QStringLiteral("build/**")});
        QCOMPARE(rules->layers.size(), 2);
        QCOMPARE(rules->layers.at(0).id, QStringLiteral("layer-core")); // default id
        QCOMPARE(rules->layers.at(1).id, QStringLiteral("ui-direction"));
        QCOMPARE(rules->layers.at(1).severity, Severity::Warning);
        QCOMPARE(rules->layers.at(1).origin.run, QStringLiteral("r-12"));
        QCOMPARE(rules->layers.at(1).allow, QStringList {QStringLiteral("core")});
        QCOMPARE(rules->limits.at(0).maxLines, 400);
        QCOMPARE(rules->limits.at(0).excludePaths, QStringList {QStringLiteral("src/gen/**")});
        QCOMPARE(rules->forbidden.at(0).pattern, QStringLiteral("\\bprintf\\("));
        QCOMPARE(rules->forbidden.at(0).severity, Severity::Info);
        QCOMPARE(rules->forbidden.at(1).imports, QStringList {QStringLiteral("requests")});
        QCOMPARE(rules->forbidden.at(1).origin.finding.value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(rules->secrets.builtin, false);
        QCOMPARE(rules->secrets.entropy, 3.5);
        QCOMPARE(rules->secrets.patterns.at(0).secretGroup, 1);
        QCOMPARE(rules->secrets.patterns.at(0).keywords, QStringList {QStringLiteral("acme_")});
        QCOMPARE(rules->ruleIds(),
                 (QStringList {QStringLiteral("layer-core"), QStringLiteral("ui-direction"),
                               QStringLiteral("short-files"), QStringLiteral("no-printf"),
                               QStringLiteral("no-requests"), QStringLiteral("acme-token")}));
        QCOMPARE(rules->layerIndexOf(QStringLiteral("src/ui/view.cpp")), 1);
        QCOMPARE(rules->layerIndexOf(QStringLiteral("tools/x.cpp")), -1);
    }

    void savedTextIsStableAndRoundTrips()
    {
        auto rules = RuleSet::fromJsonText(fullRules());
        QVERIFY(rules.ok());
        const QByteArray text = rules->toJsonText();
        auto again = RuleSet::fromJsonText(text);
        QVERIFY2(again.ok(), qPrintable(again.errorText() + QLatin1Char('\n') + QString::fromUtf8(text)));
        QVERIFY(*again == *rules);
        QCOMPARE(again->toJsonText(), text); // a second save changes nothing
        // fixed key order, 2-space indent, one rule per block
        QVERIFY(text.startsWith("{\n  \"version\": 1,\n  \"exclude\": [\"build/**\"],\n  \"layers\": [\n    "
                                "{\n      \"id\": \"layer-core\",\n"));
        QVERIFY(text.contains("      \"max_lines\": 400,\n"));
        QVERIFY(text.indexOf("\"layers\"") < text.indexOf("\"limits\""));
        QVERIFY(text.indexOf("\"limits\"") < text.indexOf("\"forbidden\""));
        QVERIFY(text.indexOf("\"forbidden\"") < text.indexOf("\"secrets\""));
        QVERIFY(!text.contains('\t'));
    }

    void editingOneRuleChangesOnlyItsLines()
    {
        auto rules = RuleSet::fromJsonText(fullRules());
        QVERIFY(rules.ok());
        const QList<QByteArray> before = rules->toJsonText().split('\n');
        rules->limits[0].maxLines = 500;
        const QList<QByteArray> after = rules->toJsonText().split('\n');
        QCOMPARE(after.size(), before.size());
        int changed = 0;
        for (qsizetype i = 0; i < before.size(); ++i)
            changed += before.at(i) != after.at(i);
        QCOMPARE(changed, 1);
    }

    void errorsNameFileLineColumnAndPath_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QByteArray("{\n  \"layers\": [\n    {\"name\": \"a\",}\n  ]\n}")
                                << "rules.json:3:19: not valid JSON";
        QTest::newRow("unknown-layer")
                << QByteArray(
                           "{\n  \"layers\": [\n    {\"name\": \"a\", \"paths\": [\"a/**\"], \"allow\": "
                           "[]},\n"
                           "    {\"name\": \"b\", \"paths\": [\"b/**\"], \"allow\": [\"a\", \"c\"]}\n  ]\n}")
                << "rules.json:4:53: layers[1].allow[1]: names no layer (\"c\")";
        QTest::newRow("unknown-key") << QByteArray("{\"limits\": [{\"id\": \"x\", \"paths\": [\"a\"], "
                                                   "\"max_line\": 3, \"message\": \"m\"}]}")
                                     << "rules.json:1:41: limits[0].max_line: unknown key \"max_line\"";
        QTest::newRow("wrong-type") << QByteArray("{\"limits\": [\n  {\"id\": \"x\", \"paths\": \"a/**\", "
                                                  "\"max_lines\": 3, \"message\": \"m\"}\n]}")
                                    << "rules.json:2:15: limits[0].paths: must be an array of strings";
        QTest::newRow("bad-regex") << QByteArray("{\"forbidden\": [{\"id\": \"f\", \"paths\": [\"**\"], "
                                                 "\"pattern\": \"a(b\", \"message\": \"m\"}]}")
                                   << "rules.json:1:45: forbidden[0].pattern: invalid regular expression";
        QTest::newRow("duplicate-id")
                << QByteArray("{\"limits\": [{\"id\": \"x\", \"paths\": [\"a\"], \"max_lines\": 3, "
                              "\"message\": \"m\"},\n"
                              "{\"id\": \"x\", \"paths\": [\"b\"], \"max_lines\": 3, \"message\": \"m\"}]}")
                << "rules.json:2:2: limits[1].id: rule id \"x\" is used twice";
        QTest::newRow("missing-message")
                << QByteArray("{\"limits\": [{\"id\": \"x\", \"paths\": [\"a\"], \"max_lines\": 3}]}")
                << "rules.json:1:13: limits[0].message: is required";
        QTest::newRow("bad-severity")
                << QByteArray("{\"forbidden\": [{\"id\": \"f\", \"paths\": [\"**\"], \"pattern\": \"x\", "
                              "\"severity\": \"fatalish\", \"message\": \"m\"}]}")
                << "rules.json:1:61: forbidden[0].severity: must be info, warning or error";
        QTest::newRow("bad-glob") << QByteArray("{\"exclude\": [\"ok/**\", \"a[b\"]}")
                                  << "rules.json:1:23: exclude[1]: unclosed '['";
        QTest::newRow("nothing-forbidden")
                << QByteArray("{\"forbidden\": [{\"id\": \"f\", \"paths\": [\"**\"], \"message\": \"m\"}]}")
                << "rules.json:1:16: forbidden[0].pattern: a forbidden rule needs a \"pattern\" or "
                   "\"imports\"";
        QTest::newRow("bad-group") << QByteArray("{\"secrets\": {\"patterns\": [{\"id\": \"s\", \"pattern\": "
                                                 "\"ab\", \"secret_group\": 2, \"message\": \"m\"}]}}")
                                   << "rules.json:1:56: secrets.patterns[0].secret_group: names capture "
                                      "group 2 but the pattern has 0";
        QTest::newRow("not-object") << QByteArray("[1, 2]")
                                    << "rules.json:1:1: the top level must be an object";
        QTest::newRow("zero-limit")
                << QByteArray("{\"limits\": [{\"id\": \"x\", \"paths\": [\"a\"], \"max_lines\": 0, "
                              "\"message\": \"m\"}]}")
                << "rules.json:1:41: limits[0].max_lines: must be a positive number of lines";
        QTest::newRow("version") << QByteArray("{\"version\": 2}")
                                 << "rules.json:1:2: version: only version 1 is supported";
    }
    void errorsNameFileLineColumnAndPath()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        RuleFileError detail;
        auto rules = RuleSet::fromJsonText(text, QStringLiteral("rules.json"), &detail);
        QVERIFY(!rules.ok());
        QVERIFY2(rules.errorText().startsWith(expected), qPrintable(rules.errorText()));
        QCOMPARE(detail.text(), rules.errorText());
        QVERIFY(detail.line > 0);
    }

    void saveWritesAndRefusesInvalidRules()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        auto rules = RuleSet::fromJsonText(fullRules());
        QVERIFY(rules.ok());
        QVERIFY(rules->save(path).ok());
        auto loaded = RuleSet::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorText()));
        QVERIFY(*loaded == *rules);

        RuleSet broken = *rules;
        broken.layers[1].allow << QStringLiteral("nowhere");
        const Status saved = broken.save(path);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().field, QStringLiteral("layers[1].allow[1]"));
        QVERIFY(RuleSet::load(path)->layers.at(1).allow ==
                QStringList {QStringLiteral("core")}); // file untouched

        auto missing = RuleSet::load(dir.filePath(QStringLiteral("none.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.errorText().contains(QStringLiteral("cannot read the rules file")));
    }
};

QTEST_GUILESS_MAIN(tst_RuleSet)
#include "tst_ruleset.moc"
