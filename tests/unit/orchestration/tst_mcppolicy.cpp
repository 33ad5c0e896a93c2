// policy.json's "mcp_servers": the accepted shape, and each refusal located at file:line:column with its
// field.
#include "orchestration/projectpolicy.h"

#include <QTest>

using namespace harness;

class TestMcpPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsServers()
    {
        auto p = ProjectPolicy::fromJsonText(
                R"({"mcp_servers": {"fs": {"command": ["/usr/bin/node", "/opt/fs.js",
            "${worktree}"], "env": {"LOG": "1"}, "permission": "allow", "timeout_s": 30}, "git-2": {"command": ["mcp-git"]}}})");
        QVERIFY2(p, qPrintable(p.errorText()));
        QCOMPARE(p->mcpServers.size(), 2);
        const McpServerConfig &fs = p->mcpServers.at(0); // in name order
        QCOMPARE(fs.name, QStringLiteral("fs"));
        QVERIFY(!fs.askPermission);
        QCOMPARE(fs.timeoutS, 30);
        QCOMPARE(fs.env.value("LOG"), QStringLiteral("1"));
        QCOMPARE(fs.argvFor("/w/R1"), (QStringList {"/usr/bin/node", "/opt/fs.js", "/w/R1"}));
        QVERIFY(p->mcpServers.at(1).askPermission); // the default: ask
        QCOMPARE(p->mcpServers.at(1).timeoutS, 60);
        auto again = ProjectPolicy::fromJson(p->toJson());
        QVERIFY(again);
        QCOMPARE(again->mcpServers, p->mcpServers);
        QVERIFY(!ProjectPolicy::fromJsonText("{}")->toJson().contains("mcp_servers"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad name")
                << QByteArray("{\n  \"mcp_servers\": {\"File System\": {\"command\": [\"x\"]}}}")
                << "policy.json:2:3: mcp_servers: the server name \"File System\" is refused";
        QTest::newRow("dot in name") << QByteArray("{\"mcp_servers\": {\"a.b\": {\"command\": [\"x\"]}}}")
                                     << "the server name \"a.b\" is refused";
        QTest::newRow("no command") << QByteArray("{\"mcp_servers\": {\"fs\": {}}}")
                                    << "mcp_servers.fs.command: is required";
        QTest::newRow("npx")
                << QByteArray("{\"mcp_servers\": {\"fs\": {\"command\": [\"npx\", \"-y\", \"x\"]}}}")
                << "\"npx\" would download the server";
        QTest::newRow("unknown key")
                << QByteArray("{\"mcp_servers\": {\"fs\": {\"command\": [\"x\"], \"cmd\": 1}}}")
                << "mcp_servers.fs: unknown key \"cmd\"";
        QTest::newRow("permission")
                << QByteArray("{\"mcp_servers\": {\"fs\": {\"command\": [\"x\"], \"permission\": "
                              "\"always\"}}}")
                << "mcp_servers.fs.permission: must be \"ask\"";
        QTest::newRow("timeout")
                << QByteArray("{\"mcp_servers\": {\"fs\": {\"command\": [\"x\"], \"timeout_s\": 0}}}")
                << "mcp_servers.fs.timeout_s: must be a whole number";
        QTest::newRow("env")
                << QByteArray("{\"mcp_servers\": {\"fs\": {\"command\": [\"x\"], \"env\": {\"A\": 1}}}}")
                << "mcp_servers.fs.env.A: must be a string";
        QTest::newRow("not object") << QByteArray("{\"mcp_servers\": []}")
                                    << "mcp_servers: must be an object";
    }

    void refusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        auto p = ProjectPolicy::fromJsonText(text);
        QVERIFY(!p);
        QVERIFY2(p.errorText().contains(error), qPrintable(p.errorText()));
        QVERIFY2(p.errorText().startsWith(QStringLiteral("policy.json:")), qPrintable(p.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestMcpPolicy)
#include "tst_mcppolicy.moc"
