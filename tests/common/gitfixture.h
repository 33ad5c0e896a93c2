// GitFixture: a real git repository in a temporary folder, with an identity for commits, for tests.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace harness::test {

class GitFixture
{
public:
    GitFixture()
    {
        m_root = QDir(m_dir.path()).filePath(QStringLiteral("repo"));
        QDir().mkpath(m_root);
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git({QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Test")});
        git({QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("test@example.invalid")});
    }
    bool isValid() const { return m_dir.isValid(); }
    QString root() const { return m_root; }
    QString scratch() const { return m_dir.path(); }
    QString storePath() const { return QDir(m_dir.path()).filePath(QStringLiteral("state.sqlite")); }

    void write(const QString &rel, const QByteArray &content) const
    {
        const QString path = QDir(m_root).filePath(rel);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    QByteArray read(const QString &rel) const
    {
        QFile f(QDir(m_root).filePath(rel));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QString git(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(m_root);
        p.start(QStringLiteral("git"), args);
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    // git's standard output byte for byte (a diff's text), or a null array when git fails.
    QByteArray output(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(m_root);
        p.start(QStringLiteral("git"), args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QByteArray();
        const QByteArray out = p.readAllStandardOutput();
        return out.isNull() ? QByteArray("") : out;
    }
    void commitAll(const QString &message) const
    {
        git({QStringLiteral("add"), QStringLiteral("-A")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message});
    }

private:
    QTemporaryDir m_dir;
    QString m_root;
};

} // namespace harness::test
