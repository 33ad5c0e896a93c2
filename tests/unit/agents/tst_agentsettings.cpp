// AgentSettings: a project's providers, routing and prices read from JSON, with cross-checks that name
// the bad field.
#include "agents/agentsettings.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TestAgentSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAProjectsSettings();
    void badSettingsNameTheField_data();
    void badSettingsNameTheField();
    void replayOnlyRoutesEveryPhase();
};

static const char *kSettings = R"({
  "providers": [
    {"id": "openai", "kind": "openai", "base_url": "https://api.openai.com/v1", "api_key_env": "OPENAI_API_KEY"},
    {"id": "ollama", "kind": "openai", "base_url": "http://localhost:11434/v1", "key_required": false},
    {"id": "anthropic", "kind": "anthropic", "base_url": "https://api.anthropic.com", "api_key_env": "ANTHROPIC_API_KEY"}
  ],
  "routing": {
    "phases": {"plan": {"provider": "anthropic", "model": "claude-big"}, "default": {"provider": "openai", "model": "gpt-big"}},
    "fallback": {"provider": "ollama", "model": "qwen2.5-coder"}
  },
  "prices": {"gpt-big": {"input": 2.5, "output": 10}, "claude-big": {"input": 3, "output": 15}},
  "degrade_at": 0.7,
  "plan_repairs": 3
})";

void TestAgentSettings::readsAProjectsSettings()
{
    auto s = AgentSettings::fromJson(QJsonDocument::fromJson(kSettings).object());
    QVERIFY2(s.ok(), qPrintable(s.errorText()));
    QCOMPARE(s->providers.size(), 3);
    QVERIFY(s->provider(QStringLiteral("ollama")));
    QCOMPARE(s->provider(QStringLiteral("ollama"))->keyRequired, false);
    QCOMPARE(s->routing.route(QStringLiteral("plan"))->route.model, QStringLiteral("claude-big"));
    QCOMPARE(s->routing.route(QStringLiteral("fix"))->route.model, QStringLiteral("gpt-big"));
    QCOMPARE(s->routing.route(QStringLiteral("fix"), true)->route.provider, QStringLiteral("ollama"));
    QCOMPARE(s->prices.price(QStringLiteral("claude-big")).outputPerMTok, 15.0);
    QCOMPARE(s->degradeAt, 0.7);
    QCOMPARE(s->planRepairs, 3);
    auto back = AgentSettings::fromJson(s->toJson());
    QVERIFY(back.ok());
    QCOMPARE(back->toJson(), s->toJson());
}

void TestAgentSettings::badSettingsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    const QByteArray one = R"("providers":[{"id":"a","kind":"openai","base_url":"http://x"}])";
    QTest::newRow("unknown routed provider")
            << QByteArray("{" + one + R"(,"routing":{"phases":{"plan":{"provider":"b","model":"m"}}}})")
            << QStringLiteral("agents.routing.phases.plan.provider");
    QTest::newRow("unknown fallback")
            << QByteArray("{" + one + R"(,"routing":{"phases":{},"fallback":{"provider":"z","model":"m"}}})")
            << QStringLiteral("agents.routing.fallback.provider");
    QTest::newRow("duplicate id")
            << QByteArray(
                       R"({"providers":[{"id":"a","kind":"openai","base_url":"http://x"},{"id":"a","kind":"anthropic","base_url":"http://y"}],"routing":{"phases":{}}})")
            << QStringLiteral("agents.providers[1].id");
    QTest::newRow("bad provider")
            << QByteArray(R"({"providers":[{"id":"a","kind":"gemini"}],"routing":{"phases":{}}})")
            << QStringLiteral("agents.providers[0].kind");
    QTest::newRow("degrade above one")
            << QByteArray("{" + one + R"(,"routing":{"phases":{}},"degrade_at":1.5})")
            << QStringLiteral("agents.degrade_at");
    QTest::newRow("bad price")
            << QByteArray("{" + one + R"(,"routing":{"phases":{}},"prices":{"m":{"input":"x","output":1}}})")
            << QStringLiteral("agents.prices.m.input");
}

void TestAgentSettings::badSettingsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    auto s = AgentSettings::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field, field);
}

void TestAgentSettings::replayOnlyRoutesEveryPhase()
{
    const AgentSettings s = AgentSettings::replayOnly(QStringLiteral("/tmp/demo.jsonl"));
    for (const char *phase : {"plan", "build", "fix", "summarise"}) {
        auto d = s.routing.route(QString::fromLatin1(phase));
        QVERIFY(d.ok());
        QCOMPARE(d->route.provider, QStringLiteral("replay"));
    }
    QVERIFY(AgentSettings::fromJson(s.toJson()).ok());
}

QTEST_GUILESS_MAIN(TestAgentSettings)
#include "tst_agentsettings.moc"
