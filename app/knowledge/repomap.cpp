// RepoMap: file listing (git or walk), a directory tree, and a budgeted rendering of it.
#include "repomap.h"
#include "agentsmap.h"
#include "symbolextractor.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <algorithm>

namespace harness {

namespace {

constexpr qint64 kFooterReserve = 320; // bytes kept free for the closing note
constexpr int kMaxWalkedFiles = 500000;

struct Dir
{
    QString path; // "" for the root
    QString name;
    int depth = 0;
    QStringList files; // names, sorted
    QStringList children; // paths, sorted
    int totalFiles = 0; // in this directory and below
    int totalDirs = 0; // directories below
};

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString(QLatin1String("")) : path.left(slash);
}

QString sizeText(qint64 bytes)
{
    if (bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return bytes < 1024 ? QStringLiteral("%1 bytes").arg(bytes)
                        : QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
}

QString countText(int n)
{
    return n == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(n);
}

class Renderer
{
public:
    Renderer(const QString &root, const QStringList &files, const RepoMapOptions &options)
        : m_root(root), m_reader(root), m_options(options)
    {
        m_dirs.insert(QString(QLatin1String("")),
                      Dir {QString(QLatin1String("")), QStringLiteral("."), 0, {}, {}, 0, 0});
        for (const QString &file : files) {
            const QString dir = parentOf(file);
            ensureDir(dir).files.append(file.mid(dir.isEmpty() ? 0 : dir.size() + 1));
        }
        for (auto it = m_dirs.begin(); it != m_dirs.end(); ++it) {
            it->files.sort();
            it->children.sort();
        }
        totals(QString(QLatin1String("")));
        m_fileCount = int(files.size());
        for (const QString &scope : options.focus) {
            const QString dir = AgentsMap::scopeDirectory(root, scope);
            if (!dir.isNull() && !m_focus.contains(dir))
                m_focus.append(dir);
        }
    }

    RepoMap run(bool fromGit)
    {
        RepoMap map;
        map.fromGit = fromGit;
        map.fileCount = m_fileCount;
        map.directoryCount = int(m_dirs.size());

        const QString header =
                QStringLiteral("Repository map: %1 in %2 %3 (%4)\n")
                        .arg(countText(m_fileCount))
                        .arg(m_dirs.size())
                        .arg(m_dirs.size() == 1 ? QStringLiteral("directory") : QStringLiteral("directories"))
                        .arg(fromGit ? QStringLiteral("from git ls-files; ignored files left out")
                                     : QStringLiteral("directory walk; not a git repository"));
        const qint64 budget = m_options.maxBytes;

        // 1. The deepest level at which the bare tree still fits (directories leading to a focus
        //    directory stay visible whatever their depth).
        int maxDepth = 0;
        for (const Dir &d : std::as_const(m_dirs))
            maxDepth = std::max(maxDepth, d.depth);
        qint64 skeleton = 0;
        for (m_depthLimit = maxDepth; m_depthLimit >= 0; --m_depthLimit) {
            skeleton = header.toUtf8().size();
            for (const Dir &d : std::as_const(m_dirs)) {
                if (visible(d))
                    skeleton += dirLine(d).toUtf8().size();
            }
            if (skeleton + kFooterReserve <= budget || m_depthLimit == 0)
                break;
        }
        int hiddenDirs = 0;
        for (const Dir &d : std::as_const(m_dirs)) {
            if (!visible(d))
                ++hiddenDirs;
        }

        // 2. File listings: focus directories first, then their ancestors, then the rest, shallow
        //    directories before deep ones, while the budget lasts.
        QStringList order;
        for (auto it = m_dirs.cbegin(); it != m_dirs.cend(); ++it) {
            if (visible(*it) && !it->files.isEmpty())
                order.append(it.key());
        }
        std::sort(order.begin(), order.end(), [this](const QString &a, const QString &b) {
            const Dir &da = *m_dirs.constFind(a);
            const Dir &db = *m_dirs.constFind(b);
            const int fa = focusRank(a);
            const int fb = focusRank(b);
            if (fa != fb)
                return fa < fb;
            return da.depth != db.depth ? da.depth < db.depth : a < b;
        });
        qint64 remaining = budget - skeleton - kFooterReserve;
        QHash<QString, QString> blocks;
        int bareOnly = 0;
        int elided = 0;
        for (const QString &path : std::as_const(order)) {
            const Dir &d = *m_dirs.constFind(path);
            const QString bare = fileBlock(d, false);
            const qint64 bareSize = bare.toUtf8().size();
            if (bareSize > remaining) {
                ++elided;
                continue;
            }
            const QString rich = fileBlock(d, true);
            const qint64 richSize = rich.toUtf8().size();
            if (richSize <= remaining) {
                blocks.insert(path, rich);
                remaining -= richSize;
            } else {
                blocks.insert(path, bare);
                remaining -= bareSize;
                if (rich != bare)
                    ++bareOnly;
            }
        }

        // 3. Render in tree order.
        QString text = header;
        appendTree(QString(QLatin1String("")), blocks, &text);
        map.listedDirectories = int(blocks.size());
        map.elidedDirectories = elided + hiddenDirs;
        map.truncated = elided > 0 || hiddenDirs > 0 || bareOnly > 0;
        if (map.truncated) {
            QStringList what;
            if (hiddenDirs > 0)
                what.append(QStringLiteral(
                                    "%1 directories deeper than level %2 folded into their parents' counts")
                                    .arg(hiddenDirs)
                                    .arg(m_depthLimit));
            if (elided > 0)
                what.append(QStringLiteral("files of %1 directories not named").arg(elided));
            if (bareOnly > 0)
                what.append(QStringLiteral("symbols of %1 directories left out").arg(bareOnly));
            text += QStringLiteral("[repo map cut to fit %1: %2. List a directory or read a file with the "
                                   "tools to see more.]\n")
                            .arg(sizeText(budget), what.join(QStringLiteral("; ")));
        }
        map.text = text;
        return map;
    }

private:
    Dir &ensureDir(const QString &path)
    {
        auto it = m_dirs.find(path);
        if (it != m_dirs.end())
            return *it;
        const QString parent = parentOf(path);
        Dir &p = ensureDir(parent);
        p.children.append(path);
        Dir d;
        d.path = path;
        d.name = path.mid(parent.isEmpty() ? 0 : parent.size() + 1);
        d.depth = p.depth + 1;
        return *m_dirs.insert(path, d);
    }

    void totals(const QString &path)
    {
        Dir &d = m_dirs[path];
        int files = int(d.files.size());
        int dirs = 0;
        const QStringList children = d.children;
        for (const QString &c : children) {
            totals(c);
            files += m_dirs[c].totalFiles;
            dirs += 1 + m_dirs[c].totalDirs;
        }
        Dir &again = m_dirs[path];
        again.totalFiles = files;
        again.totalDirs = dirs;
    }

    QString indent(int depth) const { return QString(depth * 2, QLatin1Char(' ')); }

    // 0: inside a focus directory; 1: an ancestor of one; 2: elsewhere (or no focus given).
    int focusRank(const QString &path) const
    {
        int rank = 2;
        for (const QString &f : m_focus) {
            if (f.isEmpty() || path == f || path.startsWith(f + QLatin1Char('/')))
                return 0;
            if (path.isEmpty() || f.startsWith(path + QLatin1Char('/')))
                rank = 1;
        }
        return rank;
    }

    bool visible(const Dir &d) const
    {
        return d.depth <= m_depthLimit || focusRank(d.path) == 1 || isFocus(d.path);
    }
    bool isFocus(const QString &path) const { return m_focus.contains(path); }

    QString dirLine(const Dir &d) const
    {
        QString line =
                indent(d.depth) + (d.path.isEmpty() ? QStringLiteral("./") : d.name + QLatin1Char('/'));
        const int below = d.totalFiles - int(d.files.size());
        line += QStringLiteral(" (") + countText(int(d.files.size()));
        if (below > 0) {
            int folded = 0;
            for (const QString &c : d.children) {
                if (!visible(*m_dirs.constFind(c)))
                    ++folded;
            }
            if (folded > 0)
                line += QStringLiteral("; %1 below, %2 folded subdirectories").arg(below).arg(folded);
            else
                line += QStringLiteral("; %1 below").arg(below);
        }
        line += QStringLiteral(")\n");
        return line;
    }

    QString fileBlock(const Dir &d, bool withSymbols)
    {
        const QString pad = indent(d.depth + 1);
        QString block;
        QStringList plain;
        for (const QString &name : d.files) {
            QStringList symbols;
            int more = 0;
            if (withSymbols)
                symbols = symbolsFor(d.path.isEmpty() ? name : d.path + QLatin1Char('/') + name, &more);
            if (symbols.isEmpty()) {
                plain.append(name);
                continue;
            }
            block += pad + name + QStringLiteral(": ") + symbols.join(QStringLiteral(", "));
            if (more > 0)
                block += QStringLiteral(", +%1 more").arg(more);
            block += QLatin1Char('\n');
        }
        if (!plain.isEmpty())
            block += pad + plain.join(QStringLiteral(", ")) + QLatin1Char('\n');
        return block;
    }

    QStringList symbolsFor(const QString &rel, int *more)
    {
        const auto language = SymbolExtractor::languageFor(rel);
        if (language == SymbolExtractor::Language::None)
            return {};
        // Never through a link: its target may be outside the worktree.
        const WorktreeRead read = m_reader.read(rel, m_options.maxFileBytesForSymbols);
        if (!read.ok())
            return {};
        return SymbolExtractor::extract(language, read.data, m_options.maxSymbolsPerFile, more);
    }

    void appendTree(const QString &path, const QHash<QString, QString> &blocks, QString *text) const
    {
        const Dir &d = *m_dirs.constFind(path);
        if (!visible(d))
            return;
        *text += dirLine(d);
        const auto it = blocks.constFind(path);
        if (it != blocks.constEnd())
            *text += *it;
        for (const QString &c : d.children)
            appendTree(c, blocks, text);
    }

    QString m_root;
    WorktreeReader m_reader;
    RepoMapOptions m_options;
    QHash<QString, Dir> m_dirs;
    int m_fileCount = 0;
    int m_depthLimit = 0;
    QStringList m_focus; // directories, repository-relative ("" is the root)
};

} // namespace

QStringList RepoMap::listFiles(const QString &repoRoot, int gitTimeoutMs, bool *fromGit, QString *error)
{
    if (fromGit)
        *fromGit = false;
    const QString root = QDir(repoRoot).absolutePath();
    if (!QFileInfo(root).isDir()) {
        if (error)
            *error = QStringLiteral("The repository folder %1 does not exist or is not a directory.")
                             .arg(root);
        return {};
    }
    // -t tags each entry; with -d, a tracked file deleted from the work tree is listed a second time
    // tagged "R", so the map shows what is on disk without a stat per file. The tree may be an agent's:
    // GitRunner runs git so that nothing in it can start a program.
    const GitOutput git =
            GitRunner(root, gitTimeoutMs)
                    .exec({QStringLiteral("ls-files"), QStringLiteral("-cdo"), QStringLiteral("-t"),
                           QStringLiteral("--exclude-standard"), QStringLiteral("-z")});
    if (git.ok()) {
        const QByteArray &out = git.out;
        QList<QByteArray> listed;
        QSet<QByteArray> removed;
        for (const QByteArray &entry : out.split('\0')) {
            if (entry.size() < 3 || entry.at(1) != ' ')
                continue;
            if (entry.at(0) == 'R')
                removed.insert(entry.mid(2));
            else
                listed.append(entry.mid(2));
        }
        QStringList files;
        files.reserve(listed.size());
        QSet<QByteArray> seen;
        for (const QByteArray &path : std::as_const(listed)) {
            if (removed.contains(path) || seen.contains(path)) // unmerged paths are listed once per stage
                continue;
            seen.insert(path);
            files.append(QString::fromUtf8(path));
        }
        if (fromGit)
            *fromGit = true;
        return files;
    }
    // Links are listed by name (they are part of the tree) but never descended into or read.
    WorktreeReader::WalkOptions walk;
    walk.includeSymlinks = true;
    walk.maxEntries = kMaxWalkedFiles;
    QStringList files = WorktreeReader(root).walk(QString(), walk);
    files.removeIf([](const QString &f) {
        return f == QLatin1String(".git") || f.endsWith(QLatin1String("/.git"));
    });
    return files;
}

RepoMap RepoMap::render(const QString &repoRoot, const QStringList &files, const RepoMapOptions &options,
                        bool fromGit)
{
    return Renderer(QDir(repoRoot).absolutePath(), files, options).run(fromGit);
}

RepoMap RepoMap::build(const QString &repoRoot, const RepoMapOptions &options)
{
    bool fromGit = false;
    QString error;
    const QStringList files = listFiles(repoRoot, options.gitTimeoutMs, &fromGit, &error);
    if (!error.isEmpty()) {
        RepoMap map;
        map.error = error;
        return map;
    }
    return Renderer(QDir(repoRoot).absolutePath(), files, options).run(fromGit);
}

} // namespace harness
