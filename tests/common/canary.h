// Canary: a file outside a worktree (with a fake secret, an import, a known line count and a symbol
// name), and the links a hostile agent would make to it, for the tests that prove the harness's readers
// never follow a link out of the worktree.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

namespace harness::test {

class Canary
{
public:
    static constexpr int kLines = 4321;
    // Distinctive words: each must appear nowhere in what a reader returns.
    // Put together at run time, so that the project's own secret scan does not flag this file.
    static QByteArray secret() { return QByteArrayLiteral("AKI") + QByteArrayLiteral("AQWERTYCANARY7777"); }
    static QByteArray importName() { return QByteArrayLiteral("canary_exfil_module"); }
    static QByteArray symbol() { return QByteArrayLiteral("canaryLeakedFunction"); }
    static QByteArray marker() { return QByteArrayLiteral("CANARY-CONTENT-7f3a"); }

    Canary()
    {
        QByteArray text;
        text += "import " + importName() + "\n";
        text += "#include \"" + importName() + ".h\"\n";
        text += "aws_access_key_id = \"" + secret() + "\"\n";
        text += "def " + symbol() + "():\n    return '" + marker() + "'\n";
        text += "class CanaryLeakedClass:\n    pass\n";
        for (int i = 7; i < kLines; ++i)
            text += "# " + marker() + " filler line\n";
        m_content = text;
        QDir().mkpath(dir());
        for (const char *name : {"canary.py", "canary.cpp", "canary.h", "AGENTS.md", "coverage.info",
                                 "report.xml", "compile_commands.json"})
            writeFile(QDir(dir()).filePath(QString::fromLatin1(name)), text);
    }
    bool isValid() const { return m_dir.isValid(); }
    // The directory outside every worktree that holds the canary files.
    QString dir() const { return m_dir.filePath(QStringLiteral("outside")); }
    QString file(const QString &name = QStringLiteral("canary.py")) const
    {
        return QDir(dir()).filePath(name);
    }
    QByteArray content() const { return m_content; }

    // Makes `worktree/rel` a symbolic link to the canary file `name`.
    bool linkFile(const QString &worktree, const QString &rel,
                  const QString &name = QStringLiteral("canary.py")) const
    {
        return link(file(name), QDir(worktree).filePath(rel));
    }
    // Makes `worktree/rel` a symbolic link to the directory of canary files.
    bool linkDir(const QString &worktree, const QString &rel) const
    {
        return link(dir(), QDir(worktree).filePath(rel));
    }
    // Makes `worktree/rel` a FIFO (a reader that opens it without care blocks forever).
    static bool makeFifo(const QString &worktree, const QString &rel)
    {
        const QString path = QDir(worktree).filePath(rel);
        QDir().mkpath(QFileInfo(path).path());
        return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
    }

    // True when any canary word appears in the text.
    static bool leaked(const QByteArray &text)
    {
        return text.contains(secret()) || text.contains(importName()) || text.contains(symbol()) ||
                text.contains(marker()) || text.contains("CanaryLeakedClass") ||
                text.contains(QByteArray::number(kLines) + " lines");
    }
    static bool leaked(const QString &text) { return leaked(text.toUtf8()); }
    // The first canary word found, for a failure message.
    static QByteArray which(const QByteArray &text)
    {
        for (const QByteArray &w : {secret(), importName(), symbol(), marker(),
                                    QByteArray("CanaryLeakedClass"), QByteArray::number(kLines) + " lines"})
            if (text.contains(w))
                return w;
        return {};
    }

private:
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
    }
    static bool link(const QString &target, const QString &at)
    {
        QDir().mkpath(QFileInfo(at).path());
        return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(at).constData()) == 0;
    }

    QTemporaryDir m_dir;
    QByteArray m_content;
};

} // namespace harness::test
