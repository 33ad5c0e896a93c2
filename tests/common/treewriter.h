// TreeWriter: writes a file tree (and optionally a git repository) into a temporary directory for the
// rules and verify tests; fixtures are made by the test, never taken from the developer's machine.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

class TreeWriter
{
public:
    QString root() const { return m_dir.path(); }
    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    bool write(const QString &rel, const QByteArray &content) const
    {
        const QString full = m_dir.filePath(rel);
        QDir().mkpath(QFileInfo(full).path());
        QFile f(full);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }
    bool remove(const QString &rel) const { return QFile::remove(m_dir.filePath(rel)); }

    // Runs git in the tree with a fixed identity; returns stdout, or a null array on failure.
    QByteArray git(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("git"),
                QStringList {QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                             QStringLiteral("user.email=test@example.com"), QStringLiteral("-c"),
                             QStringLiteral("commit.gpgsign=false"), QStringLiteral("-c"),
                             QStringLiteral("init.defaultBranch=main")} +
                        args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return QByteArray();
        const QByteArray out = p.readAllStandardOutput();
        return out.isNull() ? QByteArray("") : out;
    }
    bool commitAll(const QString &message) const
    {
        return !git({QStringLiteral("add"), QStringLiteral("-A")}).isNull() &&
                !git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message})
                         .isNull();
    }
    bool initGit() const { return !git({QStringLiteral("init"), QStringLiteral("-q")}).isNull(); }

private:
    QTemporaryDir m_dir;
};
