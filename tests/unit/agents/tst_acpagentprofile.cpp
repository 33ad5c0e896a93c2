// Tests of AcpAgentProfile: each known agent's command points it at the given endpoint with its own home,
// passes the model key and nothing else of the caller's environment, and an unknown agent is named.
#include "agents/acp/acpagentprofile.h"

#include <QTest>

using namespace harness;

class TestAcpAgentProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyKnownAgentGetsItsEndpointAndNoCallerSecrets_data();
    void everyKnownAgentGetsItsEndpointAndNoCallerSecrets();
    void unknownAgentIsNamed();
};

void TestAcpAgentProfile::everyKnownAgentGetsItsEndpointAndNoCallerSecrets_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("endpointIn"); // where the base URL must appear: an env name or "args"
    QTest::addColumn<QString>("keyIn");
    QTest::newRow("claude") << "claude"
                            << "claude-agent-acp"
                            << "ANTHROPIC_BASE_URL"
                            << "ANTHROPIC_API_KEY";
    QTest::newRow("codex") << "codex"
                           << "codex-acp"
                           << "args"
                           << "OPENAI_API_KEY";
    QTest::newRow("gemini") << "gemini"
                            << "gemini"
                            << "GOOGLE_GEMINI_BASE_URL"
                            << "GEMINI_API_KEY";
    QTest::newRow("opencode") << "opencode"
                              << "opencode"
                              << "OPENCODE_CONFIG_CONTENT"
                              << "OPENCODE_CONFIG_CONTENT";
}

void TestAcpAgentProfile::everyKnownAgentGetsItsEndpointAndNoCallerSecrets()
{
    QFETCH(QString, id);
    QFETCH(QString, program);
    QFETCH(QString, endpointIn);
    QFETCH(QString, keyIn);
    qputenv("OPENAI_API_KEY", "harness-test-caller-secret");
    qputenv("ANTHROPIC_API_KEY", "harness-test-caller-secret");
    qputenv("GITHUB_TOKEN", "harness-test-caller-secret");
    Result<AcpAgentProfile> profile = AcpAgentProfile::byId(id);
    QVERIFY2(profile, qPrintable(profile.errorText()));
    const AcpAgentEndpoint endpoint {
            QStringLiteral("http://127.0.0.1:4321"), QStringLiteral("harness-test-model-secret"), {}};
    const JsonRpcCommand c =
            profile->command(QStringLiteral("/opt/agents/bin"), endpoint, QStringLiteral("/run/agent-home"));
    QCOMPARE(c.program, QStringLiteral("/opt/agents/bin/") + program);
    const QProcessEnvironment &env = c.environment;
    if (endpointIn == QLatin1String("args"))
        QVERIFY2(c.arguments.join(QLatin1Char(' ')).contains(QStringLiteral("http://127.0.0.1:4321/v1")),
                 qPrintable(c.arguments.join(QLatin1Char(' '))));
    else
        QVERIFY2(env.value(endpointIn).contains(QStringLiteral("http://127.0.0.1:4321")),
                 qPrintable(env.value(endpointIn)));
    QVERIFY(env.value(keyIn).contains(QStringLiteral("harness-test-model-secret")));
    QCOMPARE(env.value(QStringLiteral("HOME")), QStringLiteral("/run/agent-home"));
    QVERIFY(env.value(QStringLiteral("XDG_CONFIG_HOME")).startsWith(QStringLiteral("/run/agent-home/")));
    // Nothing of the caller's environment but PATH reaches the agent: no secret of the caller's.
    for (const QString &name : env.keys())
        QVERIFY2(!env.value(name).contains(QStringLiteral("harness-test-caller-secret")), qPrintable(name));
    QVERIFY(!env.contains(QStringLiteral("GITHUB_TOKEN")));
}

void TestAcpAgentProfile::unknownAgentIsNamed()
{
    Result<AcpAgentProfile> profile = AcpAgentProfile::byId(QStringLiteral("aider"));
    QVERIFY(!profile);
    QVERIFY(profile.errorText().contains(QStringLiteral("unknown agent \"aider\"")));
    QVERIFY(profile.errorText().contains(QStringLiteral("claude, codex, gemini, opencode")));
}

QTEST_GUILESS_MAIN(TestAcpAgentProfile)
#include "tst_acpagentprofile.moc"
