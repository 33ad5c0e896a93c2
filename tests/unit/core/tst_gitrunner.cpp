// GitRunner with real git: whatever configuration git reads (here the repository's own, standing for a
// planted one) and whatever the harness's environment holds, git starts no hook, fsmonitor, pager,
// external diff, textconv or signing program for the harness; the human's merge keeps their signing.
#include "core/gitrunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

QString plainGit(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void write(const QString &path, const QByteArray &content, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
}

} // namespace

class TestGitRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_repo, m_trip;

    // Every key below names a program; each writes the tripwire if git starts it.
    void poisonRepository(const QString &repo)
    {
        const QString touch = QStringLiteral("touch '%1'").arg(m_trip);
        const QString script = m_dir.filePath(QStringLiteral("program.sh"));
        write(script, "#!/bin/sh\n" + touch.toUtf8() + "\nexit 1\n", true);
        for (const auto &[key, value] :
             QList<std::pair<QString, QString>> {{"core.fsmonitor", touch + "; false"},
                                                 {"core.pager", touch + "; cat"},
                                                 {"pager.log", touch + "; cat"},
                                                 {"diff.external", script},
                                                 {"diff.poison.textconv", touch + "; cat"},
                                                 {"diff.poison.command", script},
                                                 {"core.editor", script},
                                                 {"core.askPass", script},
                                                 {"credential.helper", "!" + touch},
                                                 {"core.sshCommand", script},
                                                 {"commit.gpgSign", "true"},
                                                 {"gpg.program", script}})
            plainGit(repo, {QStringLiteral("config"), key, value});
        for (const char *hook :
             {"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-index-change",
              "reference-transaction", "post-checkout", "pre-auto-gc"})
            write(repo + QStringLiteral("/.git/hooks/") + QLatin1String(hook),
                  "#!/bin/sh\n" + touch.toUtf8() + "\n", true);
        write(repo + QStringLiteral("/.gitattributes"), "*.txt diff=poison\n");
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const char *name : {"OPENAI_API_KEY", "GIT_DIR", "GIT_CONFIG_PARAMETERS", "GIT_EXTERNAL_DIFF",
                                 "GIT_SSH_COMMAND", "GIT_AUTHOR_NAME", "SSH_AUTH_SOCK", "GIT_PAGER"})
            qunsetenv(name);
    }
    void init()
    {
        m_repo = m_dir.filePath(QStringLiteral("repo-%1").arg(QTest::currentTestFunction()));
        m_trip = m_dir.filePath(QStringLiteral("TRIP-%1").arg(QTest::currentTestFunction()));
        QDir().mkpath(m_repo);
        plainGit(m_repo, {"init", "-q", "-b", "main"});
        plainGit(m_repo, {"config", "user.name", "Test"});
        plainGit(m_repo, {"config", "user.email", "test@example.invalid"});
        write(m_repo + QStringLiteral("/a.txt"), "one\n");
        plainGit(m_repo, {"add", "-A"});
        plainGit(m_repo, {"commit", "-q", "-m", "base"});
    }

    void commandLineCarriesTheHardening()
    {
        const QStringList line =
                GitRunner::commandLine({QStringLiteral("-c"), QStringLiteral("core.quotepath=off"),
                                        QStringLiteral("diff"), QStringLiteral("HEAD")},
                                       GitActor::Harness);
        for (const char *setting :
             {"core.fsmonitor=false", "core.hooksPath=/dev/null", "protocol.allow=never",
              "safe.bareRepository=explicit", "diff.ignoreSubmodules=dirty",
              "credential.helper=", "commit.gpgSign=false"})
            QVERIFY2(line.contains(QLatin1String(setting)), setting);
        // Options of the subcommand go after it, the caller's global options stay before it.
        const qsizetype diff = line.indexOf(QStringLiteral("diff"));
        QCOMPARE(line.mid(diff, 4),
                 (QStringList {QStringLiteral("diff"), QStringLiteral("--no-ext-diff"),
                               QStringLiteral("--no-textconv"), QStringLiteral("HEAD")}));
        QVERIFY(line.indexOf(QStringLiteral("core.quotepath=off")) < diff);
        // The human's own act keeps their signing.
        QVERIFY(!GitRunner::commandLine({QStringLiteral("merge")}, GitActor::Human)
                         .contains(QStringLiteral("commit.gpgSign=false")));
        QVERIFY(GitRunner::commandLine({QStringLiteral("merge")}, GitActor::Human)
                        .contains(QStringLiteral("core.hooksPath=/dev/null")));
    }

    void environmentHasNoSecretAndNoGitOverride()
    {
        qputenv("OPENAI_API_KEY", "sk-canary");
        qputenv("GIT_DIR", "/elsewhere");
        qputenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='touch /tmp/x'");
        qputenv("GIT_EXTERNAL_DIFF", "/tmp/x");
        qputenv("GIT_SSH_COMMAND", "/tmp/x");
        qputenv("GIT_AUTHOR_NAME", "Kept Author");
        qputenv("SSH_AUTH_SOCK", "/run/agent.sock");
        const QProcessEnvironment harness = GitRunner::environment(GitActor::Harness);
        const QProcessEnvironment human = GitRunner::environment(GitActor::Human);
        for (const char *name : {"OPENAI_API_KEY", "GIT_DIR", "GIT_CONFIG_PARAMETERS", "GIT_EXTERNAL_DIFF",
                                 "GIT_SSH_COMMAND", "SSH_AUTH_SOCK"})
            QVERIFY2(!harness.contains(QLatin1String(name)), name);
        QCOMPARE(harness.value(QStringLiteral("GIT_AUTHOR_NAME")), QStringLiteral("Kept Author"));
        QCOMPARE(harness.value(QStringLiteral("HOME")), QDir::homePath());
        QCOMPARE(harness.value(QStringLiteral("GIT_TERMINAL_PROMPT")), QStringLiteral("0"));
        QVERIFY(!human.contains(QStringLiteral("OPENAI_API_KEY")));
        QCOMPARE(human.value(QStringLiteral("SSH_AUTH_SOCK")), QStringLiteral("/run/agent.sock"));
    }

    void configuredProgramsDoNotRun()
    {
        poisonRepository(m_repo);
        qputenv("GIT_EXTERNAL_DIFF", QFile::encodeName(m_dir.filePath(QStringLiteral("program.sh"))));
        qputenv("GIT_PAGER", "touch " + QFile::encodeName(m_trip));
        write(m_repo + QStringLiteral("/a.txt"), "two\n");
        const GitRunner git(m_repo);
        const QList<QStringList> calls {{"status", "--porcelain"},
                                        {"diff"},
                                        {"diff", "HEAD", "--stat"},
                                        {"add", "-A"},
                                        {"commit", "-q", "-m", "harness checkpoint"},
                                        {"log", "-p", "-1"},
                                        {"show", "HEAD"},
                                        {"show", "HEAD:a.txt"}};
        for (const QStringList &call : calls) {
            const GitOutput o = git.exec(call);
            QVERIFY2(o.ok(), qPrintable(call.join(QLatin1Char(' ')) + QStringLiteral(": ") + o.errorText()));
            QVERIFY2(!QFile::exists(m_trip), qPrintable(call.join(QLatin1Char(' '))));
        }
        // The harness's commit is not signed (it is the agent's work, before any review).
        QVERIFY(git.exec({QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%G?")})
                        .out.startsWith("N"));
    }

    void theHumansSigningConfigurationStillApplies()
    {
        poisonRepository(m_repo);
        plainGit(m_repo, {"checkout", "-q", "-b", "work"});
        write(m_repo + QStringLiteral("/b.txt"), "b\n");
        plainGit(m_repo, {"-c", "commit.gpgSign=false", "-c", "core.hooksPath=/dev/null", "add", "-A"});
        plainGit(m_repo,
                 {"-c", "commit.gpgSign=false", "-c", "core.hooksPath=/dev/null", "commit", "-qm", "b"});
        plainGit(m_repo, {"-c", "core.hooksPath=/dev/null", "checkout", "-q", "main"});
        QFile::remove(m_trip);
        const GitOutput merge =
                GitRunner(m_repo, 30000, GitActor::Human)
                        .exec({QStringLiteral("merge"), QStringLiteral("--no-ff"), QStringLiteral("-m"),
                               QStringLiteral("merge"), QStringLiteral("work")});
        // Their gpg.program ran (and, being a stub here, refused): the merge obeys their signing.
        QVERIFY(!merge.ok());
        QVERIFY2(merge.errorText().contains(QStringLiteral("sign")), qPrintable(merge.errorText()));
        QVERIFY(QFile::exists(m_trip));
    }

    void hooksPathInsideReadsTheConfiguredValue()
    {
        plainGit(m_repo, {"config", "core.hooksPath", ".husky"});
        QDir().mkpath(m_repo + QStringLiteral("/.husky"));
        QCOMPARE(GitRunner::hooksPathInside(m_repo), QStringLiteral(".husky"));
        plainGit(m_repo, {"config", "core.hooksPath", "/usr/share/hooks"});
        QCOMPARE(GitRunner::hooksPathInside(m_repo), QString());
    }
};

QTEST_GUILESS_MAIN(TestGitRunner)
#include "tst_gitrunner.moc"
