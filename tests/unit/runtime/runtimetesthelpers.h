// Shared fixtures for the runtime tests: an EventSink that collects events, and real git repositories
// made in a temporary directory.
#pragma once

#include "core/eventsink.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QMutex>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace harness::testing {

class CollectingSink : public EventSink
{
public:
    void record(Event event) override
    {
        QMutexLocker lock(&m_mutex);
        m_events.append(std::move(event));
    }
    QList<Event> events() const
    {
        QMutexLocker lock(&m_mutex);
        return m_events;
    }
    QList<Event> ofKind(const QString &kind) const
    {
        QList<Event> out;
        for (const Event &e : events())
            if (e.kind == kind)
                out << e;
        return out;
    }
    int count(const QString &kind) const { return int(ofKind(kind).size()); }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_events.clear();
    }

private:
    mutable QMutex m_mutex;
    QList<Event> m_events;
};

// Runs git in dir; returns trimmed stdout, fails the calling test (QVERIFY semantics via a flag) on error.
inline QString git(const QString &dir, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Test"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("test@example.com"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Test"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("test@example.com"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

inline void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// The state of everything under dir except skip: path -> a link's target, "dir", or a file's content hash
// and permissions.
inline QMap<QString, QByteArray> treeSnapshot(const QString &dir, const QString &skip = {})
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!skip.isEmpty() && (path == skip || path.startsWith(skip + QLatin1Char('/'))))
            continue;
        const QFileInfo info(path);
        QByteArray sig;
        if (info.isSymLink())
            sig = "link:" + info.symLinkTarget().toUtf8();
        else if (info.isDir())
            sig = "dir";
        else
            sig = QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha1).toHex() +
                    QByteArray::number(int(info.permissions()));
        out.insert(path, sig);
    }
    return out;
}

// A repository with one commit on branch main: README.md, src/main.c, .gitignore (build/, .env).
inline void makeRepo(const QString &dir)
{
    QDir().mkpath(dir);
    git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(dir, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Test User")});
    git(dir, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("test@example.com")});
    writeFile(dir + QStringLiteral("/README.md"), "# Demo\n\nHello.\n");
    writeFile(dir + QStringLiteral("/src/main.c"),
              "#include <stdio.h>\nint main(void)\n{\n    puts(\"hi\");\n    return 0;\n}\n");
    writeFile(dir + QStringLiteral("/.gitignore"), "build/\n.env\n");
    git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
    git(dir,
        {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("initial")});
}

} // namespace harness::testing
