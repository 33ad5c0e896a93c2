// HostileTree: a repository with a run's linked worktree in which an agent planted a git repository of
// its own, armed to run a command (the tripwire, outside the tree) through the harness's git: a
// core.fsmonitor, a clean filter with .gitattributes, a hook by core.hooksPath, a .git file pointing to
// a planted git directory, an embedded bare repository. For each, plainGitRunsIt() proves with git
// without the harness's hardening that the attack is live on this git, so a test that shows the
// harness's entry point does not run it would fail without the fix.
#pragma once

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

namespace harness::test {

enum class Attack { Fsmonitor, Filter, Hook, GitFile, BareRepository };

inline QList<std::pair<const char *, Attack>> allAttacks()
{
    return {{"core.fsmonitor", Attack::Fsmonitor},
            {"filter.x.clean + .gitattributes", Attack::Filter},
            {"core.hooksPath hook", Attack::Hook},
            {".git file pointing elsewhere", Attack::GitFile},
            {"embedded bare repository", Attack::BareRepository}};
}

class HostileTree
{
public:
    explicit HostileTree(Attack attack) : m_attack(attack)
    {
        const QString d = m_dir.path();
        m_repo = d + QStringLiteral("/repo");
        m_tree = d + QStringLiteral("/tree");
        m_tripwire = d + QStringLiteral("/TRIPWIRE");
        QDir().mkpath(m_repo);
        git(m_repo, {"init", "-q", "-b", "main"});
        git(m_repo, {"config", "user.name", "Test"});
        git(m_repo, {"config", "user.email", "test@example.invalid"});
        write(m_repo + QStringLiteral("/README.md"), "# base\n");
        git(m_repo, {"add", "-A"});
        git(m_repo, {"commit", "-q", "-m", "base"});
        m_base = git(m_repo, {"rev-parse", "HEAD"});
        git(m_repo, {"worktree", "add", "-q", "-b", "run", m_tree, "main"});
        m_tree = QFileInfo(m_tree).canonicalFilePath();
        write(m_tree + QStringLiteral("/src/work.c"), "int work;\n"); // the agent's ordinary work
        const QByteArray touch = "touch '" + m_tripwire.toUtf8() + "'";
        switch (attack) {
        case Attack::Fsmonitor:
            nestedRepository(QStringLiteral("vendor/lib"), {});
            appendConfig(m_tree + QStringLiteral("/vendor/lib/.git/config"),
                         "[core]\n\tfsmonitor = \"" + touch + "; false\"\n");
            break;
        case Attack::Filter:
            nestedRepository(QStringLiteral("vendor/lib"), "* filter=x\n");
            appendConfig(m_tree + QStringLiteral("/vendor/lib/.git/config"),
                         "[filter \"x\"]\n\tclean = \"" + touch + "; cat\"\n");
            break;
        case Attack::Hook: {
            nestedRepository(QStringLiteral("vendor/lib"), {});
            const QString hooks = m_tree + QStringLiteral("/vendor/lib/tools/hooks");
            for (const char *hook : {"post-index-change", "pre-commit", "post-commit", "post-checkout",
                                     "reference-transaction", "pre-auto-gc"})
                executable(hooks + QLatin1Char('/') + QLatin1String(hook), "#!/bin/sh\n" + touch + "\n");
            appendConfig(m_tree + QStringLiteral("/vendor/lib/.git/config"),
                         "[core]\n\thooksPath = " + hooks.toUtf8() + "\n");
            break;
        }
        case Attack::GitFile: {
            // The repository's git directory is planted elsewhere in the tree; vendor/x/.git points there.
            QDir().mkpath(m_tree + QStringLiteral("/.cache"));
            QDir().mkpath(m_tree + QStringLiteral("/vendor/x"));
            git(m_tree, {"init", "-q", "--separate-git-dir=" + m_tree + "/.cache/x", "vendor/x"});
            write(m_tree + QStringLiteral("/vendor/x/lib.c"), "int lib;\n");
            git(m_tree + QStringLiteral("/vendor/x"), {"add", "-A"});
            git(m_tree + QStringLiteral("/vendor/x"), {"commit", "-q", "-m", "lib"});
            write(m_tree + QStringLiteral("/vendor/x/.git"), "gitdir: ../../.cache/x\n");
            m_nested = QStringLiteral("vendor/x");
            commitAgentsEarlierWork();
            appendConfig(m_tree + QStringLiteral("/.cache/x/config"),
                         "[core]\n\tfsmonitor = \"" + touch + "; false\"\n");
            break;
        }
        case Attack::BareRepository:
            git(m_tree, {"init", "-q", "--bare", "fixtures/evil.git"});
            appendConfig(m_tree + QStringLiteral("/fixtures/evil.git/config"),
                         "[core]\n\tbare = false\n\tworktree = ../..\n\tfsmonitor = \"" + touch +
                                 "; false\"\n");
            m_nested = QStringLiteral("fixtures/evil.git");
            break;
        }
        arm();
    }

    bool isValid() const { return m_dir.isValid() && QFileInfo(m_tree + QStringLiteral("/.git")).isFile(); }
    Attack attack() const { return m_attack; }
    QString repo() const { return m_repo; }
    QString tree() const { return m_tree; }
    QString base() const { return m_base; }
    QString scratch() const { return m_dir.path(); }
    QString nested() const { return m_nested; } // where the planted repository is, relative to tree()
    QString tripwire() const { return m_tripwire; }
    bool tripped() const { return QFile::exists(m_tripwire); }

    // Makes the planted repository's files look changed (a new mtime, same size), so that a git status
    // in it refreshes its index: what a clean filter and the post-index-change hook need to run.
    void arm()
    {
        static int step = 0;
        const QString file = m_tree + QLatin1Char('/') + m_nested + QStringLiteral("/lib.c");
        QFile f(file);
        if (f.open(QIODevice::ReadWrite))
            f.setFileTime(QDateTime::currentDateTime().addSecs(60 + 10 * ++step),
                          QFileDevice::FileModificationTime);
    }

    // The control: git without the harness's hardening, run where the attack aims, runs the command.
    // Leaves the trap armed and the tripwire removed.
    bool plainGitRunsIt()
    {
        QFile::remove(m_tripwire);
        const QString where =
                m_attack == Attack::BareRepository ? m_tree + QLatin1Char('/') + m_nested : m_tree;
        git(where, {"status", "--porcelain"});
        const bool ran = tripped();
        QFile::remove(m_tripwire);
        arm();
        return ran;
    }

    static QString git(const QString &dir, const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Agent"));
        env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("agent@example.invalid"));
        env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Agent"));
        env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("agent@example.invalid"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("git"), args);
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    static QString git(const QString &dir, std::initializer_list<const char *> args)
    {
        QStringList list;
        for (const char *a : args)
            list << QString::fromUtf8(a);
        return git(dir, list);
    }
    static void write(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
    }

private:
    // A repository of the agent's making at `rel`, committed into the run's branch the way the harness's
    // checkpoint did before it refused such trees (git records it as a gitlink), so that git now looks
    // into it on every status.
    void nestedRepository(const QString &rel, const QByteArray &attributes)
    {
        const QString dir = m_tree + QLatin1Char('/') + rel;
        QDir().mkpath(dir);
        git(dir, {"init", "-q"});
        write(dir + QStringLiteral("/lib.c"), "int lib;\n");
        if (!attributes.isEmpty())
            write(dir + QStringLiteral("/.gitattributes"), attributes);
        git(dir, {"add", "-A"});
        git(dir, {"commit", "-q", "-m", "lib"});
        m_nested = rel;
        commitAgentsEarlierWork();
    }
    void commitAgentsEarlierWork()
    {
        git(m_tree, {"add", "-A"});
        git(m_tree, {"commit", "-q", "-m", "agent's earlier work"});
    }
    static void appendConfig(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        if (f.open(QIODevice::Append))
            f.write(text);
    }
    static void executable(const QString &path, const QByteArray &content)
    {
        write(path, content);
        QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    }

    QTemporaryDir m_dir;
    Attack m_attack;
    QString m_repo, m_tree, m_base, m_tripwire, m_nested;
};

} // namespace harness::test
