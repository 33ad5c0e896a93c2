// RepoFixture: a real git repository in a temporary directory, for the diff, gates and rule editor tests.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

class RepoFixture
{
public:
    RepoFixture()
    {
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git({QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Reviewer")});
        git({QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("reviewer@example.org")});
        git({QStringLiteral("config"), QStringLiteral("commit.gpgsign"), QStringLiteral("false")});
        git({QStringLiteral("config"), QStringLiteral("core.autocrlf"), QStringLiteral("false")});
    }

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &relative) const { return QDir(m_dir.path()).filePath(relative); }

    // Runs git in the repository (or in dir) and returns its standard output; records failures.
    QByteArray git(const QStringList &args, const QString &dir = {})
    {
        QProcess process;
        process.setWorkingDirectory(dir.isEmpty() ? m_dir.path() : dir);
        process.start(QStringLiteral("git"), args);
        process.waitForFinished(60000);
        lastExitCode = process.exitCode();
        lastError = process.readAllStandardError();
        return process.readAllStandardOutput();
    }

    void write(const QString &relative, const QByteArray &content)
    {
        const QString full = filePath(relative);
        QDir().mkpath(QFileInfo(full).absolutePath());
        QFile file(full);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
    }

    QString commitAll(const QString &message, const QString &dir = {})
    {
        git({QStringLiteral("add"), QStringLiteral("-A")}, dir);
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
             QStringLiteral("-m"), message},
            dir);
        return QString::fromUtf8(git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}, dir)).trimmed();
    }

    int lastExitCode = 0;
    QByteArray lastError;

private:
    QTemporaryDir m_dir;
};
