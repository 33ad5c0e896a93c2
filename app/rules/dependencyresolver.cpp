// DependencyResolver: per-language lookup rules over an index of the tree built once per check.
#include "dependencyresolver.h"

#include "core/worktreereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace harness {

namespace {

// go.mod and compile_commands.json are read up to this size (a large project's database is tens of MB).
constexpr qint64 kMaxConfigBytes = 256 * 1024 * 1024;

// Collapses "." and ".." in a relative path; returns an empty string when it leaves the root.
QString normalized(const QString &path)
{
    if (!path.startsWith(QLatin1Char('.')) && !path.startsWith(QLatin1Char('/')) &&
        !path.contains(QLatin1String("/.")) && !path.contains(QLatin1String("//")) &&
        !path.endsWith(QLatin1Char('/')))
        return path; // already normal: the common case, without allocating
    QStringList out;
    for (const QString &part : path.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (out.isEmpty())
                return {};
            out.removeLast();
            continue;
        }
        out << part;
    }
    return out.join(QLatin1Char('/'));
}

QString dirOf(const QString &file)
{
    const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : file.left(slash);
}

QString joined(const QString &dir, const QString &rel)
{
    // the common case, "dir" + "name.h" without "." or ".." segments, needs no normalisation
    if (!rel.startsWith(QLatin1Char('.')) && !rel.contains(QLatin1String("/.")) &&
        !rel.contains(QLatin1String("//")) && !rel.startsWith(QLatin1Char('/')) &&
        !dir.contains(QLatin1Char('.')))
        return dir.isEmpty() ? rel : dir + QLatin1Char('/') + rel;
    return dir.isEmpty() ? normalized(rel) : normalized(dir + QLatin1Char('/') + rel);
}

int commonPrefix(const QString &a, const QString &b)
{
    int n = 0;
    const qsizetype m = qMin(a.size(), b.size());
    while (n < m && a.at(n) == b.at(n))
        ++n;
    return n;
}

} // namespace

DependencyResolver::DependencyResolver(const QString &root, const QStringList &files)
    : m_root(root), m_fileList(files)
{
    m_files.reserve(files.size());
    m_suffixes.reserve(files.size() * 3);
    const auto add = [this](QStringView suffix, qsizetype index) {
        Candidates &c = m_suffixes[suffix];
        if (c.first < 0)
            c.first = index;
        else
            c.more.append(index);
    };
    for (qsizetype index = 0; index < m_fileList.size(); ++index) {
        const QString &f = m_fileList.at(index);
        m_files.insert(f, true);
        // index the path and every suffix of it that starts at a directory boundary
        add(f, index);
        qsizetype from = 0;
        while (true) {
            const qsizetype slash = f.indexOf(QLatin1Char('/'), from);
            if (slash < 0)
                break;
            add(QStringView(f).mid(slash + 1), index);
            from = slash + 1;
        }
        if (f.endsWith(QLatin1String(".go"))) {
            const QString d = dirOf(f);
            if (!m_goDirs.contains(d) && !f.endsWith(QLatin1String("_test.go")))
                m_goDirs.insert(d, f);
        }
    }
    const WorktreeRead mod = WorktreeReader::readFile(root, QStringLiteral("go.mod"), kMaxConfigBytes);
    if (mod.ok()) {
        static const QRegularExpression rx(QStringLiteral("^\\s*module\\s+(\\S+)"),
                                           QRegularExpression::MultilineOption);
        const auto m = rx.match(QString::fromUtf8(mod.data));
        if (m.hasMatch())
            m_goModule = m.captured(1).remove(QLatin1Char('"'));
    }
}

namespace {

// Splits a shell command line the way compilers see it (quotes and backslashes), enough for flags.
QStringList splitCommand(const QString &command)
{
    QStringList out;
    QString cur;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < command.size())
                cur += command.at(++i);
            else
                cur += c;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < command.size()) {
            cur += command.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                out << cur;
            cur.clear();
            inWord = false;
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (inWord)
        out << cur;
    return out;
}

} // namespace

bool DependencyResolver::loadCompileCommands(const QString &path)
{
    // Inside the tree the file is the agent's to write: read it like any file of the tree (no link
    // followed). A path elsewhere was named by a person (harness check --compile-commands).
    const QString absolute = QDir::cleanPath(QDir(m_root).absoluteFilePath(path));
    const QString root = QDir::cleanPath(QDir(m_root).absolutePath());
    QByteArray bytes;
    if (absolute.startsWith(root + QLatin1Char('/'))) {
        const WorktreeRead read =
                WorktreeReader::readFile(root, absolute.mid(root.size() + 1), kMaxConfigBytes);
        if (!read.ok())
            return false;
        bytes = read.data;
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        bytes = f.read(kMaxConfigBytes);
    }
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isArray())
        return false;
    const QDir rootDir(QFileInfo(m_root).canonicalFilePath());
    QHash<QString, int> counts;
    QStringList order;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject entry = v.toObject();
        const QString directory = entry.value(QStringLiteral("directory")).toString();
        QStringList args;
        if (entry.value(QStringLiteral("arguments")).isArray()) {
            for (const QJsonValue &a : entry.value(QStringLiteral("arguments")).toArray())
                args << a.toString();
        } else {
            args = splitCommand(entry.value(QStringLiteral("command")).toString());
        }
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString &a = args.at(i);
            QString dir;
            for (const QString &flag : {QStringLiteral("-I"), QStringLiteral("-iquote"),
                                        QStringLiteral("-isystem"), QStringLiteral("/I")}) {
                if (a == flag && i + 1 < args.size()) {
                    dir = args.at(++i);
                    break;
                }
                if (a.startsWith(flag) && a.size() > flag.size()) {
                    dir = a.mid(flag.size());
                    break;
                }
            }
            if (dir.isEmpty())
                continue;
            const QString abs = QFileInfo(QDir(directory).filePath(dir)).canonicalFilePath();
            if (abs.isEmpty())
                continue;
            const QString rel = rootDir.relativeFilePath(abs);
            if (rel.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(rel))
                continue;
            const QString key = rel == QLatin1String(".") ? QString() : rel;
            if (!counts.contains(key))
                order << key;
            counts[key]++;
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](const QString &a, const QString &b) { return counts.value(a) > counts.value(b); });
    for (const QString &d : order)
        if (!m_includeDirs.contains(d))
            m_includeDirs << d;
    return true;
}

QString DependencyResolver::loadDefaultCompileCommands()
{
    for (const QString &candidate :
         {QStringLiteral("compile_commands.json"), QStringLiteral("build/compile_commands.json")}) {
        const QString path = QDir(m_root).filePath(candidate);
        if (WorktreeReader(m_root).isFile(candidate) && loadCompileCommands(path))
            return path;
    }
    return {};
}

QString DependencyResolver::resolve(const QString &fromFile, SourceLanguage language,
                                    const Import &import) const
{
    switch (language) {
    case SourceLanguage::Cpp:
        return resolveCpp(fromFile, import);
    case SourceLanguage::Python:
        return resolvePython(fromFile, import);
    case SourceLanguage::JavaScript:
        return resolveJavaScript(fromFile, import);
    case SourceLanguage::Go:
        return resolveGo(import);
    case SourceLanguage::None:
        break;
    }
    return {};
}

QStringList DependencyResolver::candidatesOf(const Candidates &c) const
{
    QStringList out {m_fileList.at(c.first)};
    for (qsizetype index : c.more)
        out.append(m_fileList.at(index));
    return out;
}

QString DependencyResolver::bySuffix(const QString &suffix, const QString &fromFile) const
{
    const auto it = m_suffixes.constFind(suffix);
    if (it == m_suffixes.constEnd())
        return {};
    if (it->size() == 1)
        return m_fileList.at(it->first);
    const QStringList candidates = candidatesOf(*it);
    if (candidates.contains(suffix))
        return suffix; // a path from the root wins
    // several files end the same way: prefer the one closest to the including file
    QString best;
    int bestScore = -1;
    for (const QString &candidate : candidates) {
        const int score = commonPrefix(candidate, fromFile);
        if (score > bestScore) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

namespace {

// dir + "/" + name == path, without building the string
bool isJoined(const QString &path, QStringView dir, const QString &name)
{
    if (dir.isEmpty())
        return path == name;
    return path.size() == dir.size() + 1 + name.size() && path.endsWith(name) && path.startsWith(dir) &&
            path.at(dir.size()) == QLatin1Char('/');
}

} // namespace

QString DependencyResolver::resolveCpp(const QString &fromFile, const Import &import) const
{
    const QString &spec = import.spec;
    // Fast path for a plain spec ("core/task.h"): every file it can name ends with it, so the suffix
    // index lists them all; with one candidate the answer needs no other lookup.
    if (!spec.startsWith(QLatin1Char('.')) && !spec.startsWith(QLatin1Char('/')) &&
        !spec.contains(QLatin1String("/.")) && !spec.contains(QLatin1String("//"))) {
        const auto it = m_suffixes.constFind(spec);
        if (it == m_suffixes.constEnd())
            return {};
        if (it->size() == 1) {
            const QString &only = m_fileList.at(it->first);
            const qsizetype slash = fromFile.lastIndexOf(QLatin1Char('/'));
            const QStringView dir = slash < 0 ? QStringView() : QStringView(fromFile).left(slash);
            if (!import.angled && isJoined(only, dir, spec))
                return only;
            for (const QString &d : m_includeDirs)
                if (isJoined(only, d, spec))
                    return only;
            if (import.angled && !spec.contains(QLatin1Char('/')))
                return {};
            return only;
        }
    }
    if (!import.angled) {
        const QString local = joined(dirOf(fromFile), spec);
        if (!local.isEmpty() && has(local))
            return local;
    }
    for (const QString &dir : m_includeDirs) {
        const QString candidate = joined(dir, spec);
        if (!candidate.isEmpty() && has(candidate))
            return candidate;
    }
    if (spec.startsWith(QLatin1String("../")) || spec.startsWith(QLatin1String("./")))
        return {};
    // without compile_commands.json, fall back on a unique suffix; an angled include needs a directory
    // part so that <string.h> never lands on some tree file of that name
    if (import.angled && !spec.contains(QLatin1Char('/')))
        return {};
    return bySuffix(normalized(spec), fromFile);
}

QString DependencyResolver::resolvePython(const QString &fromFile, const Import &import) const
{
    QString spec = import.spec;
    QString base;
    if (spec.startsWith(QLatin1Char('.'))) {
        base = dirOf(fromFile);
        qsizetype dots = 0;
        while (dots < spec.size() && spec.at(dots) == QLatin1Char('.'))
            ++dots;
        for (qsizetype i = 1; i < dots; ++i) {
            if (base.isEmpty())
                return {};
            base = dirOf(base);
        }
        spec = spec.mid(dots);
        const QString rel =
                spec.isEmpty() ? QString() : QString(spec).replace(QLatin1Char('.'), QLatin1Char('/'));
        const QString target = rel.isEmpty() ? base : joined(base, rel);
        for (const QString &candidate :
             {target + QStringLiteral(".py"), joined(target, QStringLiteral("__init__.py"))})
            if (has(candidate))
                return candidate;
        return {};
    }
    const QString rel = QString(spec).replace(QLatin1Char('.'), QLatin1Char('/'));
    for (const QString &candidate : {rel + QStringLiteral(".py"), rel + QStringLiteral("/__init__.py")}) {
        const QString hit = bySuffix(candidate, fromFile);
        if (!hit.isEmpty())
            return hit;
    }
    return {};
}

QString DependencyResolver::resolveJavaScript(const QString &fromFile, const Import &import) const
{
    const QString &spec = import.spec;
    if (!spec.startsWith(QLatin1String("./")) && !spec.startsWith(QLatin1String("../")) &&
        spec != QLatin1String(".") && spec != QLatin1String(".."))
        return {}; // a package: external
    const QString target = joined(dirOf(fromFile), spec);
    if (target.isEmpty() && spec.startsWith(QLatin1String("..")))
        return {};
    static const QStringList suffixes {QString(),
                                       QStringLiteral(".ts"),
                                       QStringLiteral(".tsx"),
                                       QStringLiteral(".js"),
                                       QStringLiteral(".jsx"),
                                       QStringLiteral(".mjs"),
                                       QStringLiteral(".cjs"),
                                       QStringLiteral(".mts"),
                                       QStringLiteral(".vue"),
                                       QStringLiteral("/index.ts"),
                                       QStringLiteral("/index.tsx"),
                                       QStringLiteral("/index.js"),
                                       QStringLiteral("/index.jsx"),
                                       QStringLiteral("/index.mjs")};
    for (const QString &s : suffixes) {
        QString candidate = target + s;
        if (candidate.startsWith(QLatin1Char('/')))
            candidate = candidate.mid(1);
        if (has(candidate))
            return candidate;
    }
    // "./x.js" written for a TypeScript source "./x.ts"
    for (const QString &ext : {QStringLiteral(".js"), QStringLiteral(".mjs"), QStringLiteral(".jsx")})
        if (target.endsWith(ext)) {
            const QString stem = target.chopped(ext.size());
            for (const QString &ts : {QStringLiteral(".ts"), QStringLiteral(".tsx"), QStringLiteral(".mts")})
                if (has(stem + ts))
                    return stem + ts;
        }
    return {};
}

QString DependencyResolver::resolveGo(const Import &import) const
{
    if (m_goModule.isEmpty())
        return {};
    QString dir;
    if (import.spec == m_goModule)
        dir = QString();
    else if (import.spec.startsWith(m_goModule + QLatin1Char('/')))
        dir = import.spec.mid(m_goModule.size() + 1);
    else
        return {};
    return m_goDirs.value(dir);
}

} // namespace harness
