// ModelRouter: a model per phase from the project settings, a default, and the cheaper fallback.
#include "agents/modelrouter.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;

class TestModelRouter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void routesEachPhase_data();
    void routesEachPhase();
    void degradeUsesTheFallback();
    void missingPhaseIsNamed();
    void badSettingsNameTheField_data();
    void badSettingsNameTheField();
    void roundTrips();
};

static const char *kSettings = R"({
  "phases": {
    "plan": {"provider": "anthropic", "model": "claude-big"},
    "build": {"provider": "openai", "model": "gpt-big"},
    "default": {"provider": "local", "model": "qwen-coder"}
  },
  "fallback": {"provider": "local", "model": "qwen-small"}
})";

static ModelRouter router()
{
    return *ModelRouter::fromJson(QJsonDocument::fromJson(kSettings).object());
}

void TestModelRouter::routesEachPhase_data()
{
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::newRow("plan") << QStringLiteral("plan") << QStringLiteral("anthropic")
                          << QStringLiteral("claude-big");
    QTest::newRow("build") << QStringLiteral("build") << QStringLiteral("openai")
                           << QStringLiteral("gpt-big");
    QTest::newRow("fix uses default")
            << QStringLiteral("fix") << QStringLiteral("local") << QStringLiteral("qwen-coder");
    QTest::newRow("summarise uses default")
            << QStringLiteral("summarise") << QStringLiteral("local") << QStringLiteral("qwen-coder");
}

void TestModelRouter::routesEachPhase()
{
    QFETCH(QString, phase);
    QFETCH(QString, provider);
    QFETCH(QString, model);
    auto d = router().route(phase);
    QVERIFY(d.ok());
    QCOMPARE(d->route.provider, provider);
    QCOMPARE(d->route.model, model);
    QVERIFY(!d->degraded);
}

void TestModelRouter::degradeUsesTheFallback()
{
    auto d = router().route(QStringLiteral("plan"), true);
    QVERIFY(d.ok());
    QCOMPARE(d->route.model, QStringLiteral("qwen-small"));
    QVERIFY(d->degraded);
    ModelRouter noFallback;
    noFallback.setRoute(QStringLiteral("plan"), {QStringLiteral("p"), QStringLiteral("m")});
    auto same = noFallback.route(QStringLiteral("plan"), true);
    QCOMPARE(same->route.model, QStringLiteral("m"));
    QVERIFY(!same->degraded);
}

void TestModelRouter::missingPhaseIsNamed()
{
    ModelRouter r;
    r.setRoute(QStringLiteral("plan"), {QStringLiteral("p"), QStringLiteral("m")});
    auto d = r.route(QStringLiteral("fix"));
    QVERIFY(!d.ok());
    QCOMPARE(d.error().field, QStringLiteral("routing.phases.fix"));
    QVERIFY(d.error().message.contains(QStringLiteral("fix phase")));
}

void TestModelRouter::badSettingsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown phase") << QByteArray(R"({"phases":{"deploy":{"provider":"a","model":"b"}}})")
                                   << QStringLiteral("routing.phases.deploy");
    QTest::newRow("missing model") << QByteArray(R"({"phases":{"plan":{"provider":"a"}}})")
                                   << QStringLiteral("routing.phases.plan.model");
    QTest::newRow("no phases") << QByteArray(R"({})") << QStringLiteral("routing.phases");
    QTest::newRow("bad fallback") << QByteArray(R"({"phases":{},"fallback":{"model":"x"}})")
                                  << QStringLiteral("routing.fallback.provider");
}

void TestModelRouter::badSettingsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    auto r = ModelRouter::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, field);
}

void TestModelRouter::roundTrips()
{
    const QJsonObject json = router().toJson();
    auto back = ModelRouter::fromJson(json);
    QVERIFY(back.ok());
    QCOMPARE(back->toJson(), json);
    QCOMPARE(back->fallback().model, QStringLiteral("qwen-small"));
}

QTEST_GUILESS_MAIN(TestModelRouter)
#include "tst_modelrouter.moc"
