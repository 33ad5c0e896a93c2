// PolicyFile and PolicyForm: saving settings rewrites only the changed values of .harness/policy.json —
// byte for byte, the rest of the file (key order, indentation, inline objects, other keys) stays as the
// person wrote it; an unreadable file is replaced only on request and kept as a backup; and whether the
// policy names who runs the work.
#include "orchestration/policyfile.h"
#include "orchestration/policyform.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {
// The demo project's policy.json as shipped (two spaces, an inline "models" object), plus a key of its own.
const QByteArray kPolicy = "{\n"
                           "  \"provider\": \"replay\",\n"
                           "  \"transcript\": \".harness/replay/add-kelvin.jsonl\",\n"
                           "  \"models\": {\"default\": \"replay-demo\"},\n"
                           "  \"auto_approve\": {\"enabled\": false},\n"
                           "  \"max_plan_rounds\": 5,\n"
                           "  \"max_turns_per_iteration\": 20,\n"
                           "  \"allow_unsandboxed\": false,\n"
                           "  \"network\": {\"mode\": \"proxy\", \"allow\": [\"pypi.org\"]},\n"
                           "  \"target_branch\": \"develop\"\n"
                           "}\n";

QString writePolicy(const QTemporaryDir &dir, const QByteArray &text)
{
    QDir(dir.path()).mkpath(QStringLiteral(".harness"));
    QFile f(PolicyFile::pathFor(dir.path()));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write the fixture");
    return f.fileName();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestPolicyFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyTheChangedValuesAreRewritten()
    {
        QTemporaryDir dir;
        const QString path = writePolicy(dir, kPolicy);
        PolicyFile file = PolicyFile::load(dir.path());
        QVERIFY2(file.readable(), qPrintable(file.problem()));
        const PolicyForm before = PolicyForm::fromFile(file);
        QCOMPARE(before.provider, QStringLiteral("replay"));
        QVERIFY(before.network); // the proxy with its allow-list
        PolicyForm after = before;
        after.provider = QStringLiteral("openai");
        after.providerId = QStringLiteral("local-ollama");
        after.baseUrl = QStringLiteral("http://127.0.0.1:11434/v1");
        after.keyRequired = false;
        after.models.insert(QStringLiteral("plan"), QStringLiteral("qwen2.5-coder:32b"));
        after.maxPlanRounds = 7;
        const auto saved = file.save(after.changesFrom(before));
        QVERIFY2(saved.ok(), qPrintable(saved.errorText()));
        QVERIFY(saved->changed);
        QCOMPARE(saved->path, path);
        const QByteArray expected =
                "{\n"
                "  \"provider\": \"openai\",\n"
                "  \"transcript\": \".harness/replay/add-kelvin.jsonl\",\n"
                "  \"models\": {\"default\": \"replay-demo\", \"plan\": \"qwen2.5-coder:32b\"},\n"
                "  \"auto_approve\": {\"enabled\": false},\n"
                "  \"max_plan_rounds\": 7,\n"
                "  \"max_turns_per_iteration\": 20,\n"
                "  \"allow_unsandboxed\": false,\n"
                "  \"network\": {\"mode\": \"proxy\", \"allow\": [\"pypi.org\"]},\n"
                "  \"target_branch\": \"develop\",\n"
                "  \"provider_config\": {\n"
                "    \"id\": \"local-ollama\",\n"
                "    \"kind\": \"openai\",\n"
                "    \"base_url\": \"http://127.0.0.1:11434/v1\",\n"
                "    \"key_required\": false\n"
                "  }\n"
                "}\n";
        QCOMPARE(readAll(path), expected);
        // Read again, the file gives the form that was saved: a second save changes nothing.
        PolicyFile again = PolicyFile::load(dir.path());
        QCOMPARE(PolicyForm::fromFile(again), after);
        QVERIFY(after.changesFrom(PolicyForm::fromFile(again)).isEmpty());
        const auto second = again.save({});
        QVERIFY(second.ok());
        QVERIFY(!second->changed);
        QCOMPARE(readAll(path), expected);
    }

    void aClearedModelIsRemovedAndNetworkOffIsFalse()
    {
        QTemporaryDir dir;
        const QString path = writePolicy(dir, kPolicy);
        PolicyFile file = PolicyFile::load(dir.path());
        const PolicyForm before = PolicyForm::fromFile(file);
        PolicyForm after = before;
        after.models.remove(QStringLiteral("default"));
        after.network = false;
        QVERIFY(file.save(after.changesFrom(before)).ok());
        QCOMPARE(readAll(path),
                 QByteArray(kPolicy)
                         .replace("{\"default\": \"replay-demo\"}", "{}")
                         .replace("{\"mode\": \"proxy\", \"allow\": [\"pypi.org\"]}", "false"));
    }

    void aMissingFileIsCreated()
    {
        QTemporaryDir dir;
        PolicyFile file = PolicyFile::load(dir.path());
        QVERIFY(!file.exists());
        QVERIFY(file.readable());
        QVERIFY(!file.agentChosen());
        PolicyForm after = PolicyForm::fromFile(file);
        QCOMPARE(after.provider, QString()); // nobody chose one: no default is put in its place
        QCOMPARE(after.problem(), PolicyForm::Problem::NoProvider);
        after.provider = QStringLiteral("replay");
        after.transcript = QStringLiteral("t.jsonl");
        QCOMPARE(after.problem(), PolicyForm::Problem::None);
        QVERIFY(file.save(after.changesFrom(PolicyForm::fromFile(file))).ok());
        QCOMPARE(readAll(PolicyFile::pathFor(dir.path())),
                 QByteArray("{\n    \"provider\": \"replay\",\n    \"transcript\": \"t.jsonl\"\n}\n"));
        QVERIFY(PolicyFile::load(dir.path()).agentChosen());
    }

    void anUnreadableFileIsReplacedOnlyOnRequestWithABackup()
    {
        QTemporaryDir dir;
        const QByteArray broken = "{ \"provider\": \"openai\", ";
        const QString path = writePolicy(dir, broken);
        PolicyFile file = PolicyFile::load(dir.path());
        QVERIFY(file.exists());
        QVERIFY(!file.readable());
        QVERIFY2(file.problem().contains(QStringLiteral("policy.json:1:")), qPrintable(file.problem()));
        PolicyForm after;
        after.provider = QStringLiteral("anthropic");
        after.providerId = QStringLiteral("anthropic");
        after.baseUrl = QStringLiteral("https://api.anthropic.com");
        const auto refused = file.save(after.changesFrom(PolicyForm {}));
        QVERIFY(!refused.ok());
        QCOMPARE(readAll(path), broken);
        const auto saved = file.save(after.changesFrom(PolicyForm {}), true);
        QVERIFY2(saved.ok(), qPrintable(saved.errorText()));
        QCOMPARE(saved->backupPath, path + QStringLiteral(".bak"));
        QCOMPARE(readAll(saved->backupPath), broken);
        QVERIFY(PolicyFile::load(dir.path()).readable());
        QCOMPARE(PolicyFile::load(dir.path()).policy().provider, QStringLiteral("anthropic"));
    }

    void anInvalidResultIsNotWritten()
    {
        QTemporaryDir dir;
        const QString path = writePolicy(dir, kPolicy);
        PolicyFile file = PolicyFile::load(dir.path());
        // max_plan_rounds past its limit: refused with the located message, the file untouched.
        const auto saved = file.save({PolicyChange {{QStringLiteral("max_plan_rounds")}, 500}});
        QVERIFY(!saved.ok());
        QVERIFY2(saved.errorText().contains(QStringLiteral("policy.json:6:3: max_plan_rounds")),
                 qPrintable(saved.errorText()));
        QCOMPARE(readAll(path), kPolicy);
    }

    void whoRunsTheWork_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("chosen");
        QTest::newRow("provider") << QByteArray(R"({"provider": "replay", "transcript": "t"})") << true;
        QTest::newRow("only a transcript") << QByteArray(R"({"transcript": "t"})") << false;
        QTest::newRow("nothing") << QByteArray("{}") << false;
        QTest::newRow("external agent") << QByteArray(R"({"executor": {"acp": "claude-code"}})") << true;
        QTest::newRow("builtin without provider") << QByteArray(R"({"executor": "builtin"})") << false;
    }
    void whoRunsTheWork()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, chosen);
        QTemporaryDir dir;
        writePolicy(dir, text);
        const PolicyFile file = PolicyFile::load(dir.path());
        QVERIFY2(file.readable(), qPrintable(file.problem()));
        QCOMPARE(file.agentChosen(), chosen);
    }
};

QTEST_GUILESS_MAIN(TestPolicyFile)
#include "tst_policyfile.moc"
