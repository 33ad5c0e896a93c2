// RepoMap: file listing (git or walk), a directory tree, and a budgeted rendering of it.
#include "repomap.h"
#include "symbolextractor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
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

void walk(const QString &root, const QString &rel, QStringList *out)
{
    const QDir dir(rel.isEmpty() ? root : root + QLatin1Char('/') + rel);
    const QFileInfoList entries = dir.entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &info : entries) {
        if (out->size() >= kMaxWalkedFiles)
            return;
        const QString childRel = rel.isEmpty() ? info.fileName() : rel + QLatin1Char('/') + info.fileName();
        if (info.isDir() && !info.isSymLink()) {
            if (info.fileName() != QLatin1String(".git"))
                walk(root, childRel, out);
        } else if (info.fileName() != QLatin1String(".git")) {
            out->append(childRel);
        }
    }
}

QString countText(int n)
{
    return n == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(n);
}

class Renderer
{
public:
    Renderer(const QString &root, const QStringList &files, const RepoMapOptions &options)
        : m_root(root), m_options(options)
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
    }

    RepoMap run(bool fromGit)
    {
        RepoMap map;
        map.fromGit = fromGit;
        map.fileCount = m_fileCount;
        map.directoryCount = int(m_dirs.size());

        const QString header =
                QStringLiteral("# Repository map: %1 in %2 %3 (%4)\n")
                        .arg(countText(m_fileCount))
                        .arg(m_dirs.size())
                        .arg(m_dirs.size() == 1 ? QStringLiteral("directory") : QStringLiteral("directories"))
                        .arg(fromGit ? QStringLiteral("from git ls-files; ignored files left out")
                                     : QStringLiteral("directory walk; not a git repository"));
        const qint64 budget = m_options.maxBytes;

        // 1. The deepest level at which the bare tree still fits.
        int maxDepth = 0;
        for (const Dir &d : std::as_const(m_dirs))
            maxDepth = std::max(maxDepth, d.depth);
        int depthLimit = maxDepth;
        qint64 skeleton = 0;
        for (; depthLimit >= 0; --depthLimit) {
            skeleton = header.toUtf8().size();
            for (const Dir &d : std::as_const(m_dirs)) {
                if (d.depth <= depthLimit)
                    skeleton += dirLine(d, depthLimit).toUtf8().size();
            }
            if (skeleton + kFooterReserve <= budget || depthLimit == 0)
                break;
        }
        const bool folded = depthLimit < maxDepth;

        // 2. File listings, shallow directories first, while the budget lasts.
        QStringList order;
        for (auto it = m_dirs.cbegin(); it != m_dirs.cend(); ++it) {
            if (it->depth <= depthLimit && !it->files.isEmpty())
                order.append(it.key());
        }
        std::sort(order.begin(), order.end(), [this](const QString &a, const QString &b) {
            const Dir &da = m_dirs[a];
            const Dir &db = m_dirs[b];
            return da.depth != db.depth ? da.depth < db.depth : a < b;
        });
        qint64 remaining = budget - skeleton - kFooterReserve;
        QHash<QString, QString> blocks;
        int bareOnly = 0;
        int elided = 0;
        for (const QString &path : std::as_const(order)) {
            const Dir &d = m_dirs[path];
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
        int hiddenDirs = 0; // folded below the depth limit
        for (const Dir &d : std::as_const(m_dirs)) {
            if (d.depth > depthLimit)
                ++hiddenDirs;
        }

        // 3. Render in tree order.
        QString text = header;
        appendTree(QString(QLatin1String("")), depthLimit, blocks, &text);
        map.listedDirectories = int(blocks.size());
        map.elidedDirectories = elided + hiddenDirs;
        map.truncated = elided > 0 || folded || bareOnly > 0;
        if (map.truncated) {
            QStringList what;
            if (folded)
                what.append(QStringLiteral(
                                    "%1 directories deeper than level %2 folded into their parents' counts")
                                    .arg(hiddenDirs)
                                    .arg(depthLimit));
            if (elided > 0)
                what.append(QStringLiteral("files of %1 directories not named").arg(elided));
            if (bareOnly > 0)
                what.append(QStringLiteral("symbols of %1 directories left out").arg(bareOnly));
            text += QStringLiteral(
                            "[repo map cut to fit %1 KiB: %2. List a directory or read a file with the "
                            "tools to see more.]\n")
                            .arg(double(budget) / 1024.0, 0, 'g', 4)
                            .arg(what.join(QStringLiteral("; ")));
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

    QString dirLine(const Dir &d, int depthLimit) const
    {
        QString line =
                indent(d.depth) + (d.path.isEmpty() ? QStringLiteral("./") : d.name + QLatin1Char('/'));
        const int below = d.totalFiles - int(d.files.size());
        line += QStringLiteral(" (") + countText(int(d.files.size()));
        if (below > 0) {
            if (d.depth >= depthLimit && d.totalDirs > 0)
                line += QStringLiteral("; %1 more in %2 folded subdirectories").arg(below).arg(d.totalDirs);
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
        QFile f(m_root + QLatin1Char('/') + rel);
        if (f.size() > m_options.maxFileBytesForSymbols || !f.open(QIODevice::ReadOnly))
            return {};
        return SymbolExtractor::extract(language, f.readAll(), m_options.maxSymbolsPerFile, more);
    }

    void appendTree(const QString &path, int depthLimit, const QHash<QString, QString> &blocks,
                    QString *text) const
    {
        const Dir &d = *m_dirs.constFind(path);
        if (d.depth > depthLimit)
            return;
        *text += dirLine(d, depthLimit);
        const auto it = blocks.constFind(path);
        if (it != blocks.constEnd())
            *text += *it;
        for (const QString &c : d.children)
            appendTree(c, depthLimit, blocks, text);
    }

    QString m_root;
    RepoMapOptions m_options;
    QHash<QString, Dir> m_dirs;
    int m_fileCount = 0;
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
    QProcess git;
    git.setWorkingDirectory(root);
    git.start(QStringLiteral("git"),
              {QStringLiteral("ls-files"), QStringLiteral("-co"), QStringLiteral("--exclude-standard"),
               QStringLiteral("-z")});
    if (git.waitForStarted(gitTimeoutMs) && git.waitForFinished(gitTimeoutMs) &&
        git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0) {
        const QByteArray out = git.readAllStandardOutput();
        QStringList files;
        QSet<QString> seen;
        for (const QByteArray &entry : out.split('\0')) {
            if (entry.isEmpty())
                continue;
            const QString rel = QString::fromUtf8(entry);
            // Tracked files deleted from the work tree are still listed by -c; the map shows the disk.
            if (seen.contains(rel) || !QFileInfo::exists(root + QLatin1Char('/') + rel))
                continue;
            seen.insert(rel);
            files.append(rel);
        }
        if (fromGit)
            *fromGit = true;
        return files;
    }
    if (git.state() != QProcess::NotRunning) {
        git.kill();
        git.waitForFinished(1000);
    }
    QStringList files;
    walk(root, QString(), &files);
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
