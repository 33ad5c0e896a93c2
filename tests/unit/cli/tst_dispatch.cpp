// The `harness` entry point: `harness check` runs harness-check, every other command harness-engine,
// both found beside it; the command word is found after the global options as the engine finds it. Run on
// copies of the real programs in a folder of their own, so a missing one shows which was started.
#include "common/gitfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kBin = QStringLiteral(HARNESS_BINARY_DIR "/bin");

struct Ran
{
    int code = -1;
    QString out;
    QString err;
};

Ran runIn(const QString &folder, const QStringList &args)
{
    QProcess p;
    p.start(folder + QStringLiteral("/harness"), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestDispatch : public QObject
{
    Q_OBJECT

    // A folder holding copies of `harness` and the given programs.
    bool install(const QTemporaryDir &dir, const QStringList &programs)
    {
        for (const QString &p : QStringList {QStringLiteral("harness")} + programs)
            if (!QFile::copy(kBin + QLatin1Char('/') + p, dir.filePath(p)))
                return false;
        return true;
    }

private Q_SLOTS:
    void checkRunsTheCheckProgram()
    {
        QTemporaryDir dir;
        QVERIFY(install(dir, {QStringLiteral("harness-check")}));
        test::GitFixture repo;
        // No engine here: only harness-check can answer, in every form of the global options.
        for (const QStringList &args :
             {QStringList {QStringLiteral("--repo"), repo.root(), QStringLiteral("check")},
              QStringList {QStringLiteral("--repo=") + repo.root(), QStringLiteral("check")},
              QStringList {QStringLiteral("--store"), QStringLiteral("x.sqlite"), QStringLiteral("--repo"),
                           repo.root(), QStringLiteral("check")}}) {
            const Ran r = runIn(dir.path(), args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(QStringLiteral("no rules file at ") + repo.root()), qPrintable(r.err));
        }
        const Ran help = runIn(dir.path(), {QStringLiteral("check"), QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--changed-since")), qPrintable(help.out));
    }

    void everyOtherCommandRunsTheEngine()
    {
        QTemporaryDir dir;
        QVERIFY(install(dir, {QStringLiteral("harness-check")}));
        // "check" as the value of --repo is not the command: --version is, and it is the engine's.
        for (const QStringList &args :
             {QStringList {QStringLiteral("--version")},
              QStringList {QStringLiteral("--repo"), QStringLiteral("check"), QStringLiteral("--version")},
              QStringList {QStringLiteral("task"), QStringLiteral("check")}}) {
            const Ran r = runIn(dir.path(), args);
            QCOMPARE(r.code, 127);
            QVERIFY2(r.err.contains(QStringLiteral("cannot start ") + QDir(dir.path()).canonicalPath() +
                                    QStringLiteral("/harness-engine")),
                     qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("reinstall")), qPrintable(r.err));
        }
        QVERIFY(QFile::copy(kBin + QStringLiteral("/harness-engine"),
                            dir.filePath(QStringLiteral("harness-engine"))));
        const Ran version = runIn(dir.path(), {QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY2(version.out.contains(QStringLiteral("commit:")), qPrintable(version.out));
    }

    void withoutTheCheckProgramTheEngineChecks()
    {
        QTemporaryDir dir;
        QVERIFY(install(dir, {QStringLiteral("harness-engine")}));
        test::GitFixture repo;
        const Ran r = runIn(dir.path(), {QStringLiteral("--repo"), repo.root(), QStringLiteral("check")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no rules file at ") + repo.root()), qPrintable(r.err));
    }

    // The installed programs side by side: the check's program and the engine give the same answer.
    void theTwoChecksAgree()
    {
        test::GitFixture repo;
        QDir(repo.root()).mkpath(QStringLiteral(".harness"));
        QFile rules(repo.root() + QStringLiteral("/.harness/rules.json"));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(R"({"version":1,"limits":[{"id":"short-files","paths":["**"],"max_lines":1,)"
                    R"("severity":"error","message":"one line a file"}]})");
        rules.close();
        QFile source(repo.root() + QStringLiteral("/a.c"));
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write("int a;\nint b;\n");
        source.close();
        const QStringList args {QStringLiteral("--repo"), repo.root(), QStringLiteral("check"),
                                QStringLiteral("--format"), QStringLiteral("json")};
        const Ran viaCheck = runIn(kBin, args);
        QProcess engine;
        engine.start(kBin + QStringLiteral("/harness-engine"), args);
        QVERIFY(engine.waitForFinished(60000));
        QCOMPARE(viaCheck.code, engine.exitCode());
        // The same answer but for the time each took.
        auto withoutTime = [](const QByteArray &json) {
            QJsonObject o = QJsonDocument::fromJson(json).object();
            o.remove(QStringLiteral("elapsed_ms"));
            return o;
        };
        const QJsonObject a = withoutTime(viaCheck.out.toUtf8());
        QVERIFY2(a.value(QStringLiteral("findings")).toArray().size() == 1, qPrintable(viaCheck.out));
        QCOMPARE(a.value(QStringLiteral("findings"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("rule"))
                         .toString(),
                 QStringLiteral("short-files"));
        QCOMPARE(a, withoutTime(engine.readAllStandardOutput()));
    }
};

QTEST_GUILESS_MAIN(TestDispatch)
#include "tst_dispatch.moc"
