// AssembledContext: the record of what the agent saw survives a round trip, and a bad one is named.
#include "knowledge/assembledcontext.h"
#include "knowledge/contextassembler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace harness;

namespace {

AssembledContext sample(qint64 budget)
{
    ContextInputs in;
    in.contract.goal = QStringLiteral("Fix the parser — ünïcode ok 漢字");
    in.contract.scope = {QStringLiteral("src/**")};
    in.agentsMap = QStringLiteral("AGENTS.md map: 1 file.\n\n### AGENTS.md\nRun the tests.\n");
    in.repoMap = QStringLiteral("./ (2 files)\n  a.cpp, b.h\n");
    QString big;
    for (int i = 0; i < 400; ++i)
        big += QStringLiteral("line %1\n").arg(i);
    in.files = {{QStringLiteral("src/a.cpp"), big}, {QStringLiteral("src/b.h"), QStringLiteral("int b;\n")}};
    in.rules = {{QStringLiteral("r1"), QStringLiteral("do this")}};
    in.olderSummaries = {QStringLiteral("Iteration 1: changed no files.")};
    return ContextAssembler(budget).assemble(in);
}

} // namespace

class TestAssembledContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::newRow("everything fits") << qint64(100000);
        QTest::newRow("files cut, later sections omitted") << qint64(400);
    }
    void roundTrip()
    {
        QFETCH(qint64, budget);
        const AssembledContext original = sample(budget);
        const QByteArray stored = QJsonDocument(original.toJson()).toJson(QJsonDocument::Compact);
        const auto back = AssembledContext::fromJson(QJsonDocument::fromJson(stored).object());
        QVERIFY2(back.ok(), qPrintable(back.errorText()));
        QCOMPARE(back->render(), original.render());
        QCOMPARE(back->sections.size(), original.sections.size());
        QVERIFY(*back == original);
        QCOMPARE(original.toJson().value(QStringLiteral("estimator")).toString(),
                 QStringLiteral("chars4-cjk1"));
    }

    void recordShowsWhatWasCut()
    {
        const QJsonObject json = sample(400).toJson();
        QCOMPARE(json.value(QStringLiteral("budget")).toInteger(), 400);
        bool sawOmitted = false;
        bool sawTruncatedItem = false;
        for (const QJsonValue &v : json.value(QStringLiteral("sections")).toArray()) {
            const QJsonObject s = v.toObject();
            sawOmitted = sawOmitted || s.contains(QStringLiteral("omitted_reason"));
            for (const QJsonValue &item : s.value(QStringLiteral("items")).toArray())
                sawTruncatedItem =
                        sawTruncatedItem || item.toObject().value(QStringLiteral("truncated")).toBool();
        }
        QVERIFY(sawOmitted);
        QVERIFY(sawTruncatedItem);
    }

    void badRecords_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("field");
        QTest::newRow("altered text") << QStringLiteral("text") << QStringLiteral("context.prompt_sha256");
        QTest::newRow("sections missing")
                << QStringLiteral("nosections") << QStringLiteral("context.sections");
        QTest::newRow("section not an object")
                << QStringLiteral("notobject") << QStringLiteral("context.sections[0]");
        QTest::newRow("negative tokens")
                << QStringLiteral("negative") << QStringLiteral("context.sections[1].tokens");
        QTest::newRow("item without label")
                << QStringLiteral("itemlabel") << QStringLiteral("context.sections[5].items[0].label");
    }
    void badRecords()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, field);
        QJsonObject json = sample(100000).toJson();
        QJsonArray sections = json.value(QStringLiteral("sections")).toArray();
        if (mutation == QLatin1String("text")) {
            QJsonObject s = sections.at(0).toObject();
            s.insert(QStringLiteral("text"),
                     s.value(QStringLiteral("text")).toString() + QStringLiteral("injected"));
            sections.replace(0, s);
        } else if (mutation == QLatin1String("nosections")) {
            json.remove(QStringLiteral("sections"));
        } else if (mutation == QLatin1String("notobject")) {
            sections.replace(0, 42);
        } else if (mutation == QLatin1String("negative")) {
            QJsonObject s = sections.at(1).toObject();
            s.insert(QStringLiteral("tokens"), -5);
            sections.replace(1, s);
        } else if (mutation == QLatin1String("itemlabel")) {
            QJsonObject s = sections.at(5).toObject();
            QCOMPARE(s.value(QStringLiteral("name")).toString(), QStringLiteral("files"));
            QJsonArray items = s.value(QStringLiteral("items")).toArray();
            QJsonObject item = items.at(0).toObject();
            item.remove(QStringLiteral("label"));
            items.replace(0, item);
            s.insert(QStringLiteral("items"), items);
            sections.replace(5, s);
        }
        if (json.contains(QStringLiteral("sections")))
            json.insert(QStringLiteral("sections"), sections);
        const auto back = AssembledContext::fromJson(json);
        QVERIFY(!back.ok());
        QCOMPARE(back.error().field, field);
    }
};

QTEST_GUILESS_MAIN(TestAssembledContext)
#include "tst_assembledcontext.moc"
