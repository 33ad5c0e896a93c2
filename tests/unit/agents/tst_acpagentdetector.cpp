// AcpAgentDetector: finds the four presets in an agents prefix laid out as packaging/install-agents.sh lays
// it out (real files: an executable per agent in node_modules/.bin, a package.json per package), reports a
// missing one with the reason, runs no program (a version without package.json is unknown), runs in the
// thread pool, and finds the real installation of
// HARNESS_AGENTS_DIR with the versions of its pinned package.json.
#include "agents/acp/acpagentdetector.h"
#include "common/agentinstall.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace harness;

class TestAcpAgentDetector : public QObject
{
    Q_OBJECT
private:
    static bool writeFile(const QString &path, const QByteArray &text, bool executable = false)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return false;
        f.close();
        return !executable ||
                f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                 QFile::ExeGroup);
    }
    static bool addPackage(const QString &prefix, const QString &package, const QString &version)
    {
        const QJsonObject json {{QStringLiteral("name"), package}, {QStringLiteral("version"), version}};
        return writeFile(prefix + QStringLiteral("/node_modules/") + package +
                                 QStringLiteral("/package.json"),
                         QJsonDocument(json).toJson());
    }
    static bool addBin(const QString &prefix, const QString &name, const QByteArray &script)
    {
        return writeFile(prefix + QStringLiteral("/node_modules/.bin/") + name, script, true);
    }
    static AcpAgentInstall byId(const QList<AcpAgentInstall> &all, const QString &id)
    {
        for (const AcpAgentInstall &a : all)
            if (a.id == id)
                return a;
        return {};
    }

private Q_SLOTS:
    void findsPresetsInAFakePrefix()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString p = dir.path();
        const QByteArray noRun = "#!/bin/sh\necho must-not-run > \"$0.ran\"\nexit 1\n";
        QVERIFY(addBin(p, QStringLiteral("claude-agent-acp"), noRun));
        QVERIFY(addPackage(p, QStringLiteral("@zed-industries/claude-agent-acp"), QStringLiteral("0.23.1")));
        QVERIFY(addBin(p, QStringLiteral("codex-acp"), noRun));
        QVERIFY(addPackage(p, QStringLiteral("@zed-industries/codex-acp"), QStringLiteral("0.16.0")));
        QVERIFY(addBin(p, QStringLiteral("opencode"), noRun));
        QVERIFY(addPackage(p, QStringLiteral("opencode-ai"), QStringLiteral("1.18.33")));
        // gemini is missing: its package.json alone does not make it installed.
        QVERIFY(addPackage(p, QStringLiteral("@google/gemini-cli"), QStringLiteral("0.61.0")));

        const QList<AcpAgentInstall> all = AcpAgentDetector::detect(p);
        QCOMPARE(all.size(), 4);
        QCOMPARE(all.at(0).id, QStringLiteral("claude"));
        const AcpAgentInstall claude = byId(all, QStringLiteral("claude"));
        QVERIFY(claude.installed());
        QCOMPARE(claude.preset, QStringLiteral("claude-code"));
        QCOMPARE(claude.displayName, QStringLiteral("Claude Code"));
        QCOMPARE(claude.version, QStringLiteral("0.23.1"));
        QCOMPARE(claude.versionSource, QStringLiteral("package.json"));
        QCOMPARE(claude.executable, p + QStringLiteral("/node_modules/.bin/claude-agent-acp"));
        QCOMPARE(byId(all, QStringLiteral("codex")).version, QStringLiteral("0.16.0"));
        QCOMPARE(byId(all, QStringLiteral("opencode")).version, QStringLiteral("1.18.33"));
        const AcpAgentInstall gemini = byId(all, QStringLiteral("gemini"));
        QVERIFY(!gemini.installed());
        QVERIFY(gemini.version.isEmpty());
        QVERIFY2(gemini.problem.contains(QStringLiteral("no executable gemini")), qPrintable(gemini.problem));
        // A package.json was there for every installed one: nothing was run.
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("/node_modules/.bin/opencode.ran")));
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("/node_modules/.bin/claude-agent-acp.ran")));
    }

    // Without a package.json the version is unknown, and no program is run to ask (not even one that
    // would print it).
    void withoutAPackageJsonNothingRuns()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString p = dir.path();
        QVERIFY(addBin(p, QStringLiteral("gemini"), "#!/bin/sh\ntouch \"$0.ran\"\necho 0.61.0\n"));
        QVERIFY(addBin(p, QStringLiteral("claude-agent-acp"), "#!/bin/sh\ntouch \"$0.ran\"\n"));
        // A package.json of another package beside it is not taken for the agent's.
        QVERIFY(addPackage(p, QStringLiteral("@google/gemini-cli-other"), QStringLiteral("9.9.9")));
        const QList<AcpAgentInstall> all = AcpAgentDetector::detect(p);
        for (const char *id : {"gemini", "claude"}) {
            const AcpAgentInstall a = byId(all, QString::fromLatin1(id));
            QVERIFY(a.installed());
            QVERIFY(a.version.isEmpty());
            QVERIFY(a.versionSource.isEmpty());
            QVERIFY2(a.problem.contains(QStringLiteral("version unknown")), qPrintable(a.problem));
        }
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("/node_modules/.bin/gemini.ran")));
        QVERIFY(!QFileInfo::exists(p + QStringLiteral("/node_modules/.bin/claude-agent-acp.ran")));
        QVERIFY(!byId(all, QStringLiteral("codex")).installed());
    }

    void detectsInTheThreadPool()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(addBin(dir.path(), QStringLiteral("codex-acp"), "#!/bin/sh\nexit 1\n"));
        QVERIFY(addPackage(dir.path(), QStringLiteral("@zed-industries/codex-acp"), QStringLiteral("9.9.9")));
        AcpAgentDetector detector;
        int answers = 0;
        connect(&detector, &AcpAgentDetector::detected, this, [&answers]() { ++answers; });
        QVERIFY(detector.start(dir.path()));
        QVERIFY(detector.isRunning());
        QVERIFY(!detector.start(dir.path())); // one at a time
        // Still one at a time once the pool is done but its answer is not yet delivered (no event loop ran).
        QThread::msleep(200);
        QVERIFY(detector.isRunning());
        QVERIFY(!detector.start(dir.path()));
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, 10000);
        QCOMPARE(byId(detector.last(), QStringLiteral("codex")).version, QStringLiteral("9.9.9"));
        QVERIFY(!byId(detector.last(), QStringLiteral("claude")).installed());
    }

    // The real prefix of packaging/install-agents.sh (HARNESS_AGENTS_DIR, else the build's agents/): every
    // preset installed at the pinned version.
    void findsTheRealInstallation()
    {
        QString installError;
        const QString bin = test::agentsBinDir(QStringLiteral(HARNESS_BINARY_DIR), &installError);
        QVERIFY2(!bin.isEmpty(), qPrintable(installError));
        const QString prefix = QDir::cleanPath(bin + QStringLiteral("/../.."));
        QFile lock(prefix + QStringLiteral("/package.json"));
        QVERIFY2(lock.open(QIODevice::ReadOnly), qPrintable(lock.fileName()));
        const QJsonObject pins = QJsonDocument::fromJson(lock.readAll())
                                         .object()
                                         .value(QStringLiteral("dependencies"))
                                         .toObject();
        const QList<AcpAgentInstall> all = AcpAgentDetector::detect(prefix);
        QCOMPARE(all.size(), 4);
        for (const AcpAgentInstall &a : all) {
            QVERIFY2(a.installed(), qPrintable(a.id + QStringLiteral(": ") + a.problem));
            QCOMPARE(a.versionSource, QStringLiteral("package.json"));
            QVERIFY2(pins.value(a.package).toString().contains(a.version),
                     qPrintable(a.package + QStringLiteral(" ") + a.version));
        }
    }
};

QTEST_GUILESS_MAIN(TestAcpAgentDetector)
#include "tst_acpagentdetector.moc"
