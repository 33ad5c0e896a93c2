// The repository's git directory as a sandboxed command sees it, with real git and real bubblewrap: a
// config holding a token in a remote URL, an insteadOf URL with a token, a credential helper with its
// store file, an http extraHeader and a password key shows none of them, credential files read empty,
// and git status, log, diff and remote get-url still work, in a main checkout and in a linked worktree.
#include "runtime/gitconfigredactor.h"
#include "runtime/sandbox.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

namespace {
const QList<QByteArray> kSecrets {"ghp_SECRETTOKEN123",
                                  "glpat-SECRET2",
                                  "c2VjcmV0LWhlYWRlcg",
                                  "hunter2SECRET",
                                  "store-file-SECRET",
                                  "root-file-SECRET",
                                  "alice",
                                  "bob:"};
} // namespace

class TestSandboxGitView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(Sandbox::probe().available, qPrintable(Sandbox::probe().reason)); }
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_repo = m_dir->path() + QStringLiteral("/repo");
        makeRepo(m_repo);
        const QString gitDir = m_repo + QStringLiteral("/.git");
        config({"remote.origin.url", "https://alice:ghp_SECRETTOKEN123@github.com/org/repo.git"});
        config({"remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*"});
        config({"url.https://bob:glpat-SECRET2@gitlab.com/.insteadOf", "https://gitlab.com/"});
        config({"credential.helper", QStringLiteral("store --file=%1/credentials").arg(gitDir)});
        config({"credential.https://example.com.username", "carol"});
        config({"http.https://github.com/.extraheader", "AUTHORIZATION: basic c2VjcmV0LWhlYWRlcg=="});
        config({"sendemail.smtppass", "hunter2SECRET"});
        config({"include.path", "/nonexistent/secret.inc"});
        writeFile(gitDir + QStringLiteral("/credentials"), "https://alice:store-file-SECRET@github.com\n");
        writeFile(m_repo + QStringLiteral("/.git-credentials"), "https://x:root-file-SECRET@example.com\n");
        writeFile(gitDir + QStringLiteral("/info/exclude"), ".git-credentials\n");
        m_configBefore = readFile(gitDir + QStringLiteral("/config"));
        QVERIFY(m_configBefore.contains("ghp_SECRETTOKEN123"));
    }

    void redactedListing_data()
    {
        QTest::addColumn<QByteArray>("listing");
        QTest::addColumn<QByteArray>("kept");
        QTest::addColumn<QByteArray>("gone");
        QTest::newRow("url userinfo") << QByteArray("remote.origin.url\nhttps://u:s3cr3t@host/r.git")
                                      << QByteArray("\turl = \"https://host/r.git\"") << QByteArray("s3cr3t");
        QTest::newRow("token as user") << QByteArray("remote.o.pushurl\nhttps://ghp_x@h/r")
                                       << QByteArray("https://h/r") << QByteArray("ghp_x");
        QTest::newRow("ssh url kept") << QByteArray("remote.o.url\ngit@github.com:o/r.git")
                                      << QByteArray("\"git@github.com:o/r.git\"") << QByteArray("@@");
        QTest::newRow("subsection") << QByteArray("url.https://t0k@h/.insteadof\nhttps://h/")
                                    << QByteArray("[url \"https://h/\"]") << QByteArray("t0k");
        QTest::newRow("helper") << QByteArray("credential.helper\nstore --file=/x/creds")
                                << QByteArray("[remote") << QByteArray("creds");
        QTest::newRow("extraheader") << QByteArray("http.https://h/.extraheader\nAuthorization: x")
                                     << QByteArray("# A redacted copy") << QByteArray("Authorization");
        QTest::newRow("include") << QByteArray("includeif.gitdir:~/w/.path\n~/w.inc")
                                 << QByteArray("# A redacted") << QByteArray("w.inc");
        QTest::newRow("quoting") << QByteArray("alias.q\n!echo \"a\\b\"\tz")
                                 << QByteArray("\tq = \"!echo \\\"a\\\\b\\\"\\tz\"") << QByteArray("@@");
        QTest::newRow("implicit true")
                << QByteArray("core.bare") << QByteArray("[core]\n\tbare\n") << QByteArray("@@");
    }
    void redactedListing()
    {
        QFETCH(QByteArray, listing);
        QFETCH(QByteArray, kept);
        QFETCH(QByteArray, gone);
        const QByteArray out =
                GitConfigRedactor::redactListing(listing + '\0' + "remote.x.url\nhttps://h/x" + '\0');
        QVERIFY2(out.contains(kept), out.constData());
        QVERIFY2(!out.contains(gone), out.constData());
    }
    void redactedFileIsValidGitConfig()
    {
        auto text = GitConfigRedactor::redactFile(m_repo + QStringLiteral("/.git/config"));
        QVERIFY2(text.ok(), qPrintable(text.errorText()));
        const QString copy = m_dir->path() + QStringLiteral("/copy.config");
        writeFile(copy, *text);
        int exit = -1;
        const QString list = git(
                m_repo, {QStringLiteral("config"), QStringLiteral("--file"), copy, QStringLiteral("--list")},
                &exit);
        QCOMPARE(exit, 0);
        QVERIFY(list.contains(QStringLiteral("remote.origin.url=https://github.com/org/repo.git")));
        QVERIFY(list.contains(QStringLiteral("remote.origin.fetch=+refs/heads/*:refs/remotes/origin/*")));
        QVERIFY(list.contains(QStringLiteral("url.https://gitlab.com/.insteadof=https://gitlab.com/")));
        for (const QByteArray &secret : kSecrets)
            QVERIFY2(!list.toUtf8().contains(secret), secret.constData());
        QVERIFY(!list.contains(QStringLiteral("credential")));
    }
    void mainCheckoutSeesRedactedConfigAndGitWorks()
    {
        writeFile(m_repo + QStringLiteral("/README.md"), "changed in the sandbox test\n");
        const CommandResult r = run(m_repo, QStringLiteral(".git"));
        checkView(r, m_repo + QStringLiteral("/.git"));
        QCOMPARE(readFile(m_repo + QStringLiteral("/.git/config")),
                 m_configBefore); // the host's file is intact
    }
    void linkedWorktreeSeesRedactedCommonConfig()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        writeFile(wt->path + QStringLiteral("/README.md"), "changed in the sandbox test\n");
        const QString common = QFileInfo(m_repo + QStringLiteral("/.git")).canonicalFilePath();
        const CommandResult r = run(wt->path, common);
        checkView(r, common);
    }

private:
    void config(const QStringList &keyValue)
    {
        int exit = -1;
        git(m_repo, QStringList {QStringLiteral("config"), QStringLiteral("--add")} + keyValue, &exit);
        QCOMPARE(exit, 0);
    }
    CommandResult run(const QString &tree, const QString &gitDir)
    {
        SandboxConfig c;
        c.worktreeRoot = tree;
        const QString script =
                QStringLiteral("cat %1/config %1/credentials .git-credentials 2>&1; git config --list; "
                               "echo ==; git remote get-url origin && git status --porcelain && git log "
                               "--oneline && "
                               "git diff --stat && echo GIT-OK")
                        .arg(gitDir);
        return Sandbox(c).runShell(script, 60000);
    }
    void checkView(const CommandResult &r, const QString &gitDir)
    {
        Q_UNUSED(gitDir)
        const QByteArray all = r.stdoutData + r.stderrData;
        QVERIFY2(r.exitCode == 0, all.constData());
        for (const QByteArray &secret : kSecrets)
            QVERIFY2(!all.contains(secret),
                     qPrintable(QStringLiteral("%1 visible:\n%2")
                                        .arg(QString::fromUtf8(secret), QString::fromUtf8(all))));
        QVERIFY(!all.contains("credential.helper"));
        QVERIFY(all.contains("# A redacted copy made by the harness"));
        const QByteArray after = all.mid(all.indexOf("==\n") + 3);
        QVERIFY2(after.startsWith("https://github.com/org/repo.git\n M README.md\n"), after.constData());
        QVERIFY(after.contains("initial"));
        QVERIFY(after.contains("README.md | "));
        QVERIFY(after.endsWith("GIT-OK\n"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QByteArray m_configBefore;
};

QTEST_GUILESS_MAIN(TestSandboxGitView)
#include "tst_sandboxgitview.moc"
