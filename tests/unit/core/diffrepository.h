// DiffRepository: a real git repository whose one commit changes files in every way a diff can say it
// (quoted names, a rename with a space, a copy, mode changes, binary files, CRLF, invalid UTF-8, a
// missing final newline, deletions, an empty new file), and the text of `git diff` between the commits.
#pragma once

#include "common/gitfixture.h"

#include <QFile>

namespace harness::test {

class DiffRepository
{
public:
    // Names an attacker can choose: a quote, a backslash, a tab, a newline and a non-ASCII letter.
    static QString hostileName() { return QStringLiteral("odd/q\"b\\t\tn\nä.txt"); }
    static QString spacedName() { return QStringLiteral("new dir/re named.txt"); }

    DiffRepository()
    {
        QByteArray longText;
        for (int i = 0; i < 40; ++i)
            longText += "line number " + QByteArray::number(i) + " of a file that moves\n";
        QByteArray source;
        for (int i = 0; i < 30; ++i)
            source += "int copied_" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        m_git.write(QStringLiteral("a.cpp"),
                    "int main()\n{\n    return 0;\n}\n// 5\n// 6\n// 7\n// 8\n// 9\n"
                    "// 10\n// 11\n// 12\n// 13\n// 14\n");
        m_git.write(QStringLiteral("crlf.txt"), "alpha\r\nbeta\r\ngamma\r\n");
        m_git.write(QStringLiteral("latin1.txt"), "caf\xe9\n");
        m_git.write(QStringLiteral("nonl.txt"), "first\nlast");
        m_git.write(QStringLiteral("old/name.txt"), longText);
        m_git.write(QStringLiteral("script.sh"), "echo hi\n");
        m_git.write(QStringLiteral("tool.sh"), "echo tool\n");
        m_git.write(QStringLiteral("gone.txt"), "bye\n");
        m_git.write(QStringLiteral("source.c"), source);
        m_git.write(hostileName(), "x\n");
        m_git.write(QStringLiteral("image.bin"), QByteArray("\x89PNG\0\0\x01\x02", 8));
        m_git.commitAll(QStringLiteral("base"));
        m_base = m_git.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")});

        m_git.write(QStringLiteral("a.cpp"),
                    "int main()\n{\n    return 1;\n}\n// 5\n// 6\n// 7\n// 8\n// 9\n"
                    "// 10\n// 11\n// 12\n// thirteen\n// 14\n// 15\n");
        m_git.write(QStringLiteral("crlf.txt"), "alpha\r\nBETA\r\ngamma\r\n");
        m_git.write(QStringLiteral("latin1.txt"), "caf\xe9 au lait\n");
        m_git.write(QStringLiteral("nonl.txt"), "first\nlast changed");
        QFile::remove(m_git.root() + QStringLiteral("/old/name.txt"));
        m_git.write(spacedName(), longText + "one more line\n");
        executable(QStringLiteral("script.sh"));
        m_git.write(QStringLiteral("tool.sh"), "echo tool\necho more\n");
        executable(QStringLiteral("tool.sh"));
        QFile::remove(m_git.root() + QStringLiteral("/gone.txt"));
        m_git.write(QStringLiteral("copy.c"), source);
        m_git.write(hostileName(), "y\n");
        m_git.write(QStringLiteral("image.bin"), QByteArray("\x89PNG\0\0\x03\x04", 8));
        m_git.write(QStringLiteral("added.png"), QByteArray("\0\1\2", 3));
        m_git.write(QStringLiteral("empty.txt"), QByteArray());
        m_git.write(QStringLiteral("añadido.txt"), "nuevo\n");
        m_git.commitAll(QStringLiteral("change"));
        m_head = m_git.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    }

    const GitFixture &git() const { return m_git; }
    QString base() const { return m_base; }
    QString head() const { return m_head; }

    // `git diff base head` with the given options; quotePath on, a/ and b/ prefixes, whatever the
    // configuration of the machine says.
    QByteArray diff(const QStringList &options = {}, bool quotePath = true) const
    {
        return m_git.output(QStringList {QStringLiteral("-c"),
                                         quotePath ? QStringLiteral("core.quotePath=true")
                                                   : QStringLiteral("core.quotePath=false"),
                                         QStringLiteral("diff"), QStringLiteral("--no-color"),
                                         QStringLiteral("--no-ext-diff"), QStringLiteral("--src-prefix=a/"),
                                         QStringLiteral("--dst-prefix=b/"), QStringLiteral("-M")} +
                            options + QStringList {m_base, m_head});
    }

private:
    void executable(const QString &rel) const
    {
        QFile(m_git.root() + QLatin1Char('/') + rel)
                .setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    }

    GitFixture m_git;
    QString m_base, m_head;
};

} // namespace harness::test
