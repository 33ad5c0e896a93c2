// DependencyResolver: turns an import as written ("core/task.h", "pkg.mod", "./util", "example.com/m/x")
// into the file of the tree it names, using the including file's directory, the include directories
// of compile_commands.json when present, and a unique-suffix index of the tree's files.
#pragma once

#include "importextractor.h"

#include <QHash>
#include <QStringList>

namespace harness {

class DependencyResolver
{
public:
    // files: relative paths of every file in the tree (sorted or not).
    DependencyResolver(const QString &root, const QStringList &files);

    // Reads include directories (-I, -iquote, -isystem, /I) from a compile_commands.json; directories
    // outside root are ignored. Returns false when the file cannot be read or parsed.
    bool loadCompileCommands(const QString &path);
    // Looks for compile_commands.json in root and root/build; returns the path used or an empty string.
    QString loadDefaultCompileCommands();
    QStringList includeDirectories() const { return m_includeDirs; }

    // The relative path of the file the import names, or an empty string for an external dependency.
    QString resolve(const QString &fromFile, SourceLanguage language, const Import &import) const;

private:
    QString resolveCpp(const QString &fromFile, const Import &import) const;
    QString resolvePython(const QString &fromFile, const Import &import) const;
    QString resolveJavaScript(const QString &fromFile, const Import &import) const;
    QString resolveGo(const Import &import) const;
    QString bySuffix(const QString &suffix, const QString &fromFile) const;
    bool has(const QString &path) const { return m_files.contains(path); }

    QString m_root;
    // The files of the tree ending with a suffix, by index in m_fileList (kept: the keys view into it).
    struct Candidates
    {
        qsizetype first = -1;
        QList<qsizetype> more; // empty for most suffixes: no allocation
        qsizetype size() const { return more.size() + 1; }
    };
    QStringList candidatesOf(const Candidates &c) const;

    QStringList m_fileList;
    QHash<QString, bool> m_files;
    QHash<QStringView, Candidates> m_suffixes; // "b/c.h" -> {"a/b/c.h", ...}
    QHash<QString, QString> m_goDirs; // "pkg/dir" -> first .go file in it
    QStringList m_includeDirs; // relative to root, "" for root itself
    QString m_goModule;
};

} // namespace harness
